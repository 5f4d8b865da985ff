"""One row per roster import, so the last import can be undone as a whole."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    source: Mapped[str] = mapped_column(String(200), nullable=False)
    account: Mapped[str] = mapped_column(String(50), nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    #: JSON list of the ids of the records the import created
    record_ids: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
