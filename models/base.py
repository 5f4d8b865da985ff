"""Declarative base, naming convention and column helpers shared by every table."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import DateTime, Enum, Integer, MetaData, Table, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    if TYPE_CHECKING:  # every table here is a Table (for Core update()/insert() on it)
        __table__: ClassVar[Table]


def label_enum(enum_cls: type[enum.Enum], length: int = 20) -> Enum:
    """Store an enumeration as its Chinese label (its value), never as an integer."""
    return Enum(
        enum_cls,
        values_callable=lambda e: [m.value for m in e],
        native_enum=False,
        create_constraint=False,
        length=length,
        validate_strings=True,
    )


class Versioned:
    """An updatable record: `version` is checked on every update (optimistic locking).

    The check is done by the database: `version` is the mapper's `version_id_col`, so every ORM
    UPDATE of the row says `WHERE id = :id AND version = :version_read` and sets the next version.
    When another session changed the row since it was read, no row matches and the flush raises
    `StaleDataError` (models.services.common turns it into a ConflictError naming the fields).
    Code must not bump `version` by hand.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]  # a mixin of Base
    created_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, server_default=func.current_timestamp()
    )
