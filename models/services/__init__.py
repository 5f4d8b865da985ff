"""Services: every change a clerk makes goes through one of these, with a Session and an Actor."""

from __future__ import annotations

from collections.abc import Mapping

from ..lengths import use_labels


def _field_labels(entity: str) -> Mapping[str, str]:
    """The audit log's Chinese field labels, its module (and the models it reads) loaded only
    when a message needs them (docs/startup.md)."""
    from .auditlog import field_labels

    return field_labels(entity)


# the length check on every ORM write names fields by the audit log's Chinese labels
use_labels(_field_labels)
