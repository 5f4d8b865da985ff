"""Services: every change a clerk makes goes through one of these, with a Session and an Actor."""

from ..lengths import use_labels
from .auditlog import field_labels

# the length check on every ORM write names fields by the audit log's Chinese labels
use_labels(field_labels)
