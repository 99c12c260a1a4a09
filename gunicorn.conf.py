"""gunicorn settings for `make serve`; each can be overridden on the command line."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8050")
# About one worker per core: figures are cheap once cached, and threads cover waiting.
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("THREADS", 4))
worker_class = "gthread"
timeout = 60
graceful_timeout = 20
# A worker that has served this many requests is replaced: bounds slow memory growth.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
