"""Structured logs for production: one JSON object per line, with the request id.

Log collectors (journald, Loki, CloudWatch...) read JSON lines without parsing
rules, and the request id (core.request_id) lets an operator pull every line of
one request, from nginx's access log to Django's error. The formatter is
python-json-logger's; we add the fields every line should have. Development keeps
Django's readable plain text (settings/base.py).
"""

import logging

from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

from core.request_id import current_request_id


class RequestIdFilter(logging.Filter):
    """Give every record a `request_id` attribute ("-" outside a request)."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(BaseJsonFormatter):
    """{"time", "level", "logger", "message", "request_id", ...extra fields, "exc_info"} per line."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("json_ensure_ascii", False)  # Greek messages stay readable
        super().__init__("%(levelname)s %(name)s %(message)s %(request_id)s", *args, **kwargs)

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        # Django's request logger attaches the request object: keep only what is safe to log.
        request = log_record.pop("request", None)
        if request is not None and hasattr(request, "path"):
            log_record["method"] = request.method
            log_record["path"] = request.path
        log_record.pop("server_time", None)
        status = getattr(record, "status_code", None)
        if status is not None:
            log_record["status"] = status
        log_record.pop("status_code", None)
