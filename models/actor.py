"""Who acts: every service call names the account it acts for."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    name: str
    role: str = "管理员"
    #: id of the organization whose subtree a township clerk is limited to
    scope_org_id: int | None = None


SYSTEM = Actor("系统")
