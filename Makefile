PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.sqlite
DATABASE_URL ?= sqlite:///$(DEMO_DB)
export DATABASE_URL

.PHONY: run test lint demo demo-live serve bench load clean

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

$(DEMO_DB): | $(BIN)/activate
	$(BIN)/python -m dashboard demo --database sqlite:///$(DEMO_DB)

demo: $(BIN)/activate
	$(BIN)/python -m dashboard demo --database sqlite:///$(DEMO_DB) --force

run: $(BIN)/activate $(DEMO_DB)
	DASHBOARD_DEMO=1 $(BIN)/python app.py

demo-live: $(BIN)/activate $(DEMO_DB)
	$(BIN)/python -m dashboard simulate --database sqlite:///$(DEMO_DB) & \
	sim=$$!; trap "kill $$sim" EXIT INT TERM; DASHBOARD_DEMO=1 $(BIN)/python app.py

bench: $(BIN)/activate
	$(BIN)/python -m bench

# The event's load for 5 minutes against gunicorn (2 x 4) on 100,000 participants.
load: $(BIN)/activate
	$(BIN)/python -m bench.load

serve: $(BIN)/activate
	$(BIN)/gunicorn --config gunicorn.conf.py "app:server"

lint: $(BIN)/activate
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(BIN)/activate lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) $(DEMO_DB)
