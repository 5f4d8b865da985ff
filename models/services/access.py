"""Who may act: the account behind a command or a window.

Before accounts exist every caller acts as the first administrator.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..actor import Actor


def login(session: Session, user: str | None) -> Actor:
    return Actor(user or "管理员", "管理员")
