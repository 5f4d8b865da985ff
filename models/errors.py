"""Expected trouble: each error carries a plain sentence for the clerk."""

from __future__ import annotations

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
