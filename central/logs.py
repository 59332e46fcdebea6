"""Logging for the server: nothing token-shaped ever reaches a log line.

:class:`RedactTokens` is a filter on every handler the server sets up (uvicorn's access and
error logs, and the server's own): it rewrites kiosk tokens (``mppk_...``), bearer credentials
and ``token=``-like query parameters in the message and its arguments, so a token sent in a
URL by mistake is refused and not written down in full either.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

from uvicorn.config import LOGGING_CONFIG

_PATTERNS = [
    (re.compile(r"mppk_[A-Za-z0-9_\-]{8,}"), "mppk_[redacted]"),
    (re.compile(r"(?i)\b(bearer)\s+[^\s\"',;]+"), r"\1 [redacted]"),
    (
        re.compile(r"(?i)\b((?:access_|api_|auth_)?(?:token|key|secret|password))=[^&\s\"']+"),
        r"\1=[redacted]",
    ),
]


def redact(text: str) -> str:
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, bytes):
        return redact(value.decode("latin-1"))
    return value


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redact_value(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _redact_value(v) for k, v in record.args.items()}
        return True


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging set-up with :class:`RedactTokens` on every handler, and the server's
    own loggers (``central.*``) writing through the same handler."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"redact": {"()": "central.logs.RedactTokens"}}
    for handler in config["handlers"].values():
        handler["filters"] = ["redact"]
    config["formatters"]["central"] = {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    config["handlers"]["central"] = {
        "formatter": "central",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
        "filters": ["redact"],
    }
    config["loggers"]["central"] = {
        "handlers": ["central"],
        "level": level.upper(),
        "propagate": False,
    }
    return config
