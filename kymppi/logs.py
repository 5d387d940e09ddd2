"""Log lines that carry their request's id, and one access line per request, as text or JSON lines.

`kymppi serve` leaves gunicorn's access log off: it prints every path with its
query string, and a buyer's card or survey path is their secret. The access line
written here instead redacts those paths and never has a query string, a form,
a name, an email or a phone. Every record made while a request runs gets the
request's id, so the warning of a failed sale and that sale's access line are
found together, and, when nginx sends its `$request_id`, nginx's line too.

Logging belongs to the process, not to one app: the handler goes on the root
logger, so the libraries' warnings come out in the same format, and an app
created later (the tests make many) sets that same handler's format again.
"""

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime
from urllib.parse import quote

from flask import Flask, Response, has_request_context, request
from flask.logging import wsgi_errors_stream

from kymppi.security import redact

FORMATS = ("text", "json")
REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's or a client's own id is kept if it looks like one (a UUID, nginx's
# $request_id); newlines that would forge lines or kilobytes that flood them are not.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Kept in the WSGI environ, which lives exactly as long as its request; `g` may
# outlive one when an app context is already open (a CLI command, the tests).
_REQUEST_ID_KEY = "kymppi.request_id"
_STARTED_KEY = "kymppi.request_started"
ACCESS_FIELDS = ("method", "path", "status", "duration_ms")

access_log = logging.getLogger("kymppi.access")


def request_id() -> str:
    """The current request's id: the one it came with, if sane, else a new random one."""
    environ = request.environ
    if _REQUEST_ID_KEY not in environ:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        environ[_REQUEST_ID_KEY] = incoming if _SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    return environ[_REQUEST_ID_KEY]


class RequestIdFilter(logging.Filter):
    """Give each record made during a request that request's id; records outside one get none."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context():
            record.request_id = request_id()
        return True


class JsonLines(logging.Formatter):
    """One JSON object a line, which log collectors parse without a pattern to maintain."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        entry.update({field: getattr(record, field) for field in ACCESS_FIELDS if hasattr(record, field)})
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


# For people reading a terminal (`make run`) or the journal: local time, as
# logging writes it, and "-" for a record made outside any request.
TEXT = logging.Formatter(
    "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s", defaults={"request_id": "-"}
)

# Where gunicorn gives a request its error stream, the lines go there, else to stderr.
handler = logging.StreamHandler(wsgi_errors_stream)
handler.addFilter(RequestIdFilter())


def init_app(app: Flask) -> None:
    """Set the log format and time every request; call it first, before hooks that may answer early."""
    log_format = app.config["LOG_FORMAT"]
    if log_format not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, not {log_format!r}")
    handler.setFormatter(JsonLines() if log_format == "json" else TEXT)
    # Added once per process, however many apps are made; with it in place, Flask
    # adds no default handler of its own to the app's logger.
    logging.getLogger().addHandler(handler)
    # The access lines only: other INFO records keep to the root logger's level (WARNING).
    access_log.setLevel(logging.INFO)
    app.before_request(_start_timer)
    app.after_request(_log_access)


def _start_timer() -> None:
    request.environ[_STARTED_KEY] = time.perf_counter()


def _log_access(response: Response) -> Response:
    """Write the access line and tell the client (and the proxy's log) the request's id."""
    duration_ms = round((time.perf_counter() - request.environ[_STARTED_KEY]) * 1000, 1)
    # Percent-encoded as it came, so a path can't break a text line in two.
    path = redact(quote(request.path))
    fields = {"method": request.method, "path": path, "status": response.status_code, "duration_ms": duration_ms}
    access_log.info("%s %s %s %.1f ms", request.method, path, response.status_code, duration_ms, extra=fields)
    response.headers[REQUEST_ID_HEADER] = request_id()
    return response
