"""Who acts: every service call names the account it acts for."""

from __future__ import annotations

from dataclasses import dataclass

from .roles import Role


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    #: id of the organization whose subtree a township clerk is limited to
    scope_org_id: int | None = None


#: the program itself (the automatic daily backup, a restore where nobody can log in)
SYSTEM = Actor("系统", Role.ADMIN)
