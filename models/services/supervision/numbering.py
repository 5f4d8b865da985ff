"""Letter numbers: agency code + 提/督/警 + 〔year〕 + sequence + 号, per kind per year from 1.

Numbers are taken from `LetterSequence` under a row lock so that two clerks issuing at once
never share or skip one."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ... import rules
from ...supervision import (
    KIND_CHAR,
    LetterKind,
    LetterSequence,
)


def format_number(code: str, kind: LetterKind, year: int, seq: int) -> str:
    """某组督〔2026〕12号: hexagonal brackets, no 第, no padding."""
    return rules.letter_number(code, KIND_CHAR[kind], year, seq)


def _take_number(session: Session, kind: LetterKind, year: int) -> int:
    """The next sequence number of a kind and year, under a lock held until commit."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        # the write lock first (an UPDATE), so no other writer can move the row before we read it
        session.execute(
            update(LetterSequence)
            .where(LetterSequence.kind == kind, LetterSequence.year == year)
            .values(next=LetterSequence.next)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            sqlite_insert(LetterSequence).values(kind=kind, year=year, next=1).on_conflict_do_nothing()
        )
        row = session.execute(
            select(LetterSequence.next).where(LetterSequence.kind == kind, LetterSequence.year == year)
        ).scalar_one()
    else:
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            session.execute(
                pg_insert(LetterSequence).values(kind=kind, year=year, next=1).on_conflict_do_nothing()
            )
        elif session.get(LetterSequence, (kind, year)) is None:
            session.add(LetterSequence(kind=kind, year=year, next=1))
            session.flush()
        row = session.execute(
            select(LetterSequence.next)
            .where(LetterSequence.kind == kind, LetterSequence.year == year)
            .with_for_update()
        ).scalar_one()
    session.execute(
        update(LetterSequence)
        .where(LetterSequence.kind == kind, LetterSequence.year == year)
        .values(next=row + 1)
        .execution_options(synchronize_session=False)
    )
    return row


def lock_for_issuing(session: Session) -> None:
    """On SQLite take the database's write lock before reading anything (see _take_number)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(LetterSequence).values(next=LetterSequence.next)
                        .execution_options(synchronize_session=False))
