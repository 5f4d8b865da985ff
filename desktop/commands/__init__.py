"""Command groups of the `dangjian` command line, one module each.

COMMAND_OPERATIONS names the operation (models/operations.py) each subcommand runs: the command
line's runner refuses an account without its duty with exit 3 before the command starts, and the
generated role test (tests/test_every_command_every_role.py) runs every subcommand under every role
from this table. A subcommand missing here fails that test. None: reading (every account, inside
its scope), or a command whose rights depend on its arguments (checked inside, e.g. `import KIND`).
"""

from __future__ import annotations

COMMAND_OPERATIONS: dict[str, str | None] = {
    "init": None, "check": None, "template": None, "import": None, "export": None, "demo": None,
    "gui": None, "report": "report.county",
    "member search": None, "member show": None, "member history": None,
    "member add": "member.edit", "member edit": "member.edit", "member transfer": "member.edit",
    "member end": "member.edit", "member reinstate": "member.edit",
    "member probation": None, "member lost-list": None, "member decide": "member.lifecycle",
    "member lost": "member.lifecycle", "member contact": "member.lifecycle", "member transfer-out": "member.lifecycle",
    "member receipt": "member.lifecycle", "member transfer-in": "member.lifecycle",
    "member suspend": "member.lifecycle",
    "findings": "findings.run", "findings accept": "findings.accept", "findings dismiss": "findings.dismiss",
    "org leaders": None, "org leaders add": "org.leaders", "org leaders end": "org.leaders",
    "rectify screen": None,
    "pairing list": None, "pairing summary": None, "pairing check": None, "pairing end": "pairing.edit", "pairing assessment": None,
    "account add": "account.manage", "account list": "account.manage", "account disable": "account.manage",
    "account enable": "account.manage",
    "account password": None,  # one's own password; another's needs 管理账号 (checked inside)
    "backup": "backup", "restore": "restore",
    "letters draft": "letters.draft", "letters issue": "letters.issue", "letters pdf": None,
    "letters list": None, "letters void": "letters.void", "letters reply": "letters.reply",
    "letters finish": "letters.finish",
    "problem list": None, "problem withdraw": "problem.withdraw", "problem restore": "problem.restore",
    "problem edit": "problem.edit", "problem status": "problem.advance", "problem close": "problem.close",
    "task list": None, "task add": "task.add", "task edit": "task.edit", "task withdraw": "task.withdraw",
    "accountability list": None, "accountability decide": "accountability.decide",
    "task restore": "task.restore", "task report": "task.report", "task receipts": None,
    "evaluate open": "evaluate.open", "evaluate export": None, "evaluate import": "evaluate.fill",
    "evaluate compute": "evaluate.fill", "evaluate results": None, "evaluate review": "evaluate.open",
    "evaluate post": "evaluate.open", "evaluate lock": "evaluate.lock", "evaluate reopen": "evaluate.lock",
    "evaluate override-rules": "evaluate.lock", "evaluate self": "evaluate.fill", "evaluate schemes": None,
    "evaluate scheme-copy": "evaluate.schemes", "evaluate scheme-show": None,
    "evaluate scheme-edit": "evaluate.schemes", "evaluate history": None, "evaluate followups": None,
    "evaluate resolve": "evaluate.fill", "evaluate meeting": "evaluate.fill",
    "points show": None, "points add": "points.edit", "points correct": "points.edit",
    "points approve": "points.approve",
    "rectify open": "rectify.open", "rectify note": "rectify.progress", "rectify accept": "rectify.accept",
    "rectify list": None,
    "cadres add": "cadres.edit", "cadres list": None, "cadres edit": "cadres.edit", "cadres end": "cadres.edit",
    "cadres open": "evaluate.open", "cadres approve": "cadres.edit",
    "settings list": "settings.set", "settings get": None, "settings set": "settings.set",
    "settings reset": "settings.set",
    "audit": "audit.view", "audit verify": "audit.view", "audit acknowledge": "audit.acknowledge",
}
