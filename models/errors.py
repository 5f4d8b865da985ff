"""Expected trouble: each error carries a plain sentence for the clerk."""

from __future__ import annotations

import re
from dataclasses import dataclass


class DomainError(Exception):
    """Bad input or a refused operation; the message is shown as it is."""


class NotFound(DomainError):
    pass


class PermissionDenied(DomainError):
    pass


class ConflictError(DomainError):
    """Another clerk changed the record since it was read."""


@dataclass(frozen=True)
class FieldError:
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field}：{self.reason}"


class ValidationError(DomainError):
    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("；".join(str(e) for e in errors))


# ---------------------------------------------------------------- redaction

#: an 18-character citizen ID number (or 15 digits, the old form), not inside a longer number
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8}|\d{5})(\d{3}[0-9Xx]|\d)(?![0-9A-Za-z])")
#: a mobile phone number
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
#: the SQL and bound parameters SQLAlchemy puts into its error text
_SQL_PART = re.compile(r"\[(SQL|parameters|generated in [^\]]*)\s*:?.*?\](?=\s*(\[|\(Background|$))", re.S)
_SQL_BLOCK = re.compile(r"\[SQL:.*?(?=\n\(Background|\Z)", re.S)
_PARAMS = re.compile(r"\[parameters:.*?\](?=\s*(\n|\(Background|$))", re.S)
#: PostgreSQL's DETAIL line quotes the offending values: Key (id_number)=(…)
_DETAIL = re.compile(r"(DETAIL:\s*Key \([^)]*\)=)\(.*?\)", re.S)


def redact(text: str) -> str:
    """Text fit for a log or a message: ID numbers and mobile numbers masked, SQL statements and
    their parameters, and the values PostgreSQL quotes in DETAIL, removed."""
    text = _PARAMS.sub("[parameters: 已隐藏]", text)
    text = _SQL_BLOCK.sub("[SQL: 已隐藏]\n", text)
    text = _DETAIL.sub(r"\1(已隐藏)", text)
    text = _ID_NUMBER.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3)[-4:].rjust(4, "*")
                          if len(m.group(3)) == 4 else m.group(1) + "*" * (len(m.group(2)) + 1), text)
    return _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


def public_message(exc: BaseException) -> str:
    """One line about an unexpected error for the clerk: never SQL, parameters or personal data."""
    try:
        from sqlalchemy.exc import DBAPIError, SQLAlchemyError
    except ImportError:  # pragma: no cover
        DBAPIError = SQLAlchemyError = ()  # type: ignore[misc,assignment]  # noqa: N806
    if isinstance(exc, DBAPIError):
        return f"数据库操作失败（{type(exc.orig).__name__}）"
    if isinstance(exc, SQLAlchemyError):
        return f"数据库操作失败（{type(exc).__name__}）"
    text = redact(str(exc)).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__
