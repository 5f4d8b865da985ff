"""Every table of the application, imported in one place so the metadata is complete."""

from . import account, audit, member, org, pairing, settings, supervision  # noqa: F401
from .base import Base

metadata = Base.metadata
