"""Every table of the application, imported in one place so the metadata is complete."""

from . import audit, importbatch, member, org, settings  # noqa: F401
from .base import Base

metadata = Base.metadata
