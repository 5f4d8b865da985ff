"""Every table of the application, imported in one place so the metadata is complete."""

from . import audit, member, org, settings, supervision  # noqa: F401
from .base import Base

metadata = Base.metadata
