"""Roles and permissions: plain enumerations that table modules and services both import.

The rules that use them (who may do what, township scope, ID masking) live in
models/services/access.py, which re-exports these names.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "管理员"
    COUNTY_CLERK = "县级办事员"
    TOWNSHIP_CLERK = "乡镇办事员"
    READ_ONLY = "只读"


class Permission(StrEnum):
    WRITE = "修改数据"
    ISSUE_LETTERS = "签发三函"
    LOCK_EVALUATIONS = "锁定评价结果"
    MANAGE_ACCOUNTS = "管理账号"
    SEE_ID_NUMBERS = "查看完整身份证号"
    MANAGE_SETTINGS = "修改系统设置"
    VIEW_AUDIT = "查看审计日志"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.COUNTY_CLERK: frozenset(Permission) - {Permission.MANAGE_ACCOUNTS},
    Role.TOWNSHIP_CLERK: frozenset({Permission.WRITE}),
    Role.READ_ONLY: frozenset(),
}
