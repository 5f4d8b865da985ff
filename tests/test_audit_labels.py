"""Every action the program writes to the audit log is shown in words (审计日志, `dangjian audit`),
never as the code's English word: the actions are read from the source, wherever an audit row is
made (apply_changes, record, audit_row)."""

from __future__ import annotations

import ast
from pathlib import Path

from models.services.auditlog import action_label

ROOT = Path(__file__).resolve().parents[1]
#: the function that makes an audit row → the position of its action argument
ACTION_ARG = {"apply_changes": 5, "record": 2, "audit_row": 1}


def _actions_written() -> dict[str, str]:
    """action → where it is written first (file:line)."""
    found: dict[str, str] = {}
    for folder in ("models", "reports", "desktop", "forms"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in ACTION_ARG:
                    continue
                args = [k.value for k in node.keywords if k.arg == "action"]
                if not args and len(node.args) > ACTION_ARG[name]:
                    args = [node.args[ACTION_ARG[name]]]
                for arg in args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.setdefault(arg.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_audited_action_has_a_chinese_label():
    actions = _actions_written()
    # the scan finds the actions it should (it would pass vacuously if it found none)
    assert {"update", "withdraw", "deadline", "approve", "reopen", "void"} <= set(actions)
    unlabelled = {a: where for a, where in actions.items() if action_label(a) == a}
    assert unlabelled == {}


def test_the_labels_a_clerk_sees():
    assert action_label("withdraw") == "撤回"
    assert action_label("deadline") == "设定整改时限"
    assert action_label("approve") == "审核"
