"""HTTP answers shared by the guard, the login and the API: errors, redirects, headers."""

from __future__ import annotations

from urllib.parse import urlsplit

import flask


def json_error(message: str, status: int, **details: object) -> flask.Response:
    """A JSON error body with the status given."""
    response = flask.jsonify(error=message, **details)
    response.status_code = status
    return response


def safe_next(target: object) -> str:
    """Only a path of this site may follow the login (no open redirect)."""
    if not isinstance(target, str) or not target.startswith("/") or len(target) > 2000:
        return "/"
    if any(c == "\\" or ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return "/"  # browsers read "/\\host" and "/\t/host" as another site
    parts = urlsplit(target)
    return target if not (parts.scheme or parts.netloc) else "/"


def security_headers(script_hashes: tuple[str, ...] = (), https: bool = False) -> dict[str, str]:
    """Headers for every response: a CSP that the app works under, no framing, no sniffing."""
    csp = "; ".join(
        [
            "default-src 'self'",
            # Dash's inline renderer script is allowed by its hash; plotly.js compiles
            # some functions at run time, hence 'unsafe-eval'.
            " ".join(["script-src 'self' 'unsafe-eval'", *script_hashes]),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )
    headers = {
        "Content-Security-Policy": csp,
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if https:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    return headers
