"""Named loggers and a rotating log file in the per-user log folder."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from . import paths

_configured = False


class RedactFilter(logging.Filter):
    """Nothing personal or SQL in the log: ID numbers and phones masked, SQL parameters removed
    (models.errors.redact), in the message and in the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        from models.errors import redact

        try:
            record.msg = redact(record.getMessage())
            record.args = None
        except Exception:  # noqa: BLE001 - a bad format string: leave the record as it is
            pass
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def setup_logging(level: int = logging.INFO) -> None:
    global _configured
    if _configured:
        return
    handler = RotatingFileHandler(paths.log_file(), maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
