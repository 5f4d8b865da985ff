"""Every table of the application, imported in one place so the metadata is complete."""

from . import (  # noqa: F401
    account,
    audit,
    evaluation,
    finding,
    importbatch,
    member,
    org,
    pairing,
    rectification,
    settings,
    supervision,
    task_receipt,
)
from .base import Base

metadata = Base.metadata
