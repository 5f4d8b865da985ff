"""Every subcommand, run under every role, generated from the declarations.

desktop/commands/__init__.py declares the operation each subcommand runs (models/operations.py
gives its duty). This test walks the real argument parser: a subcommand without a declaration or an
example below fails, so a new command is covered the day it is written. For each subcommand and
each of the four roles it runs the command in-process on a copy of the permission matrix's county
(two townships, a 督办函 issued, a locked 民主评议, pairings) and checks what a user would see:

- never an internal error (exit 70, 程序内部错误, a traceback);
- an account whose role lacks the operation's duty is refused with exit 3, the sentence naming the
  duty, and nothing is written (the audit log's length and newest row unchanged);
- the township clerk of A sees nothing of B.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import desktop.cli as cli
from desktop.commands import COMMAND_OPERATIONS
from models import operations
from models.roles import Role
from tests.test_permission_matrix import (
    B_MARKERS,
    ROLES,
    TOWN,
    Cell,
    World,
    _argv,
    _build,
    _workbook_text,
    actor_for,
)

#: one valid command line for each subcommand ({…}: filled in by the matrix's _argv, plus {dir},
#: {scheme}, {letter} and {task} here); only A's records are named
EXAMPLES: dict[str, tuple[str, ...]] = {
    "init": ("init",),
    "check": ("check",),
    "template": ("template", "members", "--out", "{out}"),
    "import": ("import", "members", "{book:A}"),
    "export": ("export", "orgs", "--out", "{out}"),
    "demo": ("demo", "--scale", "small"),
    "report": ("report", "monthly", "--month", "2026-03", "--out", "{dir}/r.pdf"),
    "member search": ("member", "search", "张芳"),
    "member show": ("member", "show", "--id", "{mid:张芳1}"),
    "member history": ("member", "history", "--id", "{mid:张芳1}"),
    "member add": ("member", "add", "--name", "王新", "--id-number", "{newid}", "--org", "红星村党支部",
                   "--joined", "2010-07-01"),
    "member edit": ("member", "edit", "--id", "{mid:张芳1}", "--phone", "13911112222"),
    "member transfer": ("member", "transfer", "--id", "{mid:张芳1}", "--to", "幸福社区党支部", "--date", "2026-03-01"),
    "member end": ("member", "end", "--id", "{mid:张娜2}", "--date", "2026-03-01", "--reason", "死亡"),
    "member reinstate": ("member", "reinstate", "--id", "{mid:张强6}", "--reason", "误操作"),
    "member probation": ("member", "probation", "--as-of", "2026-11-30"),
    "member lost-list": ("member", "lost-list", "--as-of", "2026-11-30"),
    "member decide": ("member", "decide", "--id", "{mid:张芳1}", "--decision", "转正", "--date", "2026-03-01"),
    "member lost": ("member", "lost", "--id", "{mid:张芳1}", "--date", "2026-03-01"),
    "member contact": ("member", "contact", "--id", "{mid:张芳1}", "--date", "2026-03-05", "--note", "电话联系"),
    "member transfer-out": ("member", "transfer-out", "--id", "{mid:张娜2}", "--to", "某市某区委组织部",
                            "--letter", "某组转〔2026〕1号", "--date", "2026-03-01"),
    "member receipt": ("member", "receipt", "--id", "{mid:张娜2}", "--date", "2026-03-10"),
    "member transfer-in": ("member", "transfer-in", "--name", "王新", "--id-number", "{newid}",
                           "--org", "红星村党支部", "--joined", "2010-07-01", "--from", "某市某区委组织部",
                           "--letter", "某组转〔2026〕2号", "--date", "2026-03-01"),
    "member suspend": ("member", "suspend", "--id", "{mid:张娜2}", "--date", "2026-03-01", "--note", "党委批复"),
    "findings": ("findings", "--month", "2026-03", "--as-of", "2026-03-31"),
    "findings accept": ("findings", "accept", "--id", "1"),
    "findings dismiss": ("findings", "dismiss", "--id", "1", "--reason", "已核实无问题"),
    "org leaders": ("org", "leaders", "--org", "红星村党支部"),
    "org leaders add": ("org", "leaders", "add", "--org", "红星村党支部", "--post", "委员", "--name", "王委员",
                        "--start", "2026-01-01"),
    "org leaders end": ("org", "leaders", "end", "--id", "1", "--date", "2026-06-01"),
    "rectify screen": ("rectify", "screen", "--year", "2025"),
    "pairing list": ("pairing", "list"),
    "pairing summary": ("pairing", "summary"),
    "pairing check": ("pairing", "check", "--as-of", "2026-11-30"),
    "pairing end": ("pairing", "end", "东城结对"),
    "pairing assessment": ("pairing", "assessment", "--year", "2026", "--out", "{out}"),
    "account add": ("account", "add", "新账号", "--role", "只读"),
    "account list": ("account", "list"),
    "account disable": ("account", "disable", "新账号"),
    "account enable": ("account", "enable", "管理员"),
    "account password": ("account", "password", "{me}"),
    "backup": ("backup", "--out", "{bak}"),
    "restore": ("restore", "{bak}"),
    "letters draft": ("letters", "draft", "--month", "2026-04", "--as-of", "2026-04-30"),
    "letters issue": ("letters", "issue", "--month", "2026-03"),
    "letters pdf": ("letters", "pdf", "--id", "{letter}", "--out", "{dir}"),
    "letters list": ("letters", "list", "--month", "2026-03"),
    "letters void": ("letters", "void", "--id", "{letter}", "--reason", "重复"),
    "letters reply": ("letters", "reply", "--id", "{letter}", "--date", "2026-03-25", "--text", "已整改"),
    "letters finish": ("letters", "finish", "--id", "{letter}"),
    "problem list": ("problem", "list"),
    "problem withdraw": ("problem", "withdraw", "--id", "{pa}", "--reason", "误录"),
    "problem restore": ("problem", "restore", "--id", "{pa}"),
    "problem edit": ("problem", "edit", "--id", "{pa}", "--deadline", "2026-12-31", "--reason", "延期"),
    "problem status": ("problem", "status", "--id", "{pa}", "--to", "整改中"),
    "problem close": ("problem", "close", "--id", "{pa}", "--report", "已整改", "--verifier", "王五"),
    "task list": ("task", "list", "--month", "2026-03"),
    "task add": ("task", "add", "--month", "2026-05", "--title", "召开支部党员大会"),
    "task edit": ("task", "edit", "--id", "{task}", "--content", "学习传达全会精神"),
    "task withdraw": ("task", "withdraw", "--id", "{task}", "--reason", "重复"),
    "task restore": ("task", "restore", "--id", "{task}"),
    "accountability list": ("accountability", "list", "--as-of", "2026-11-30"),
    "accountability decide": ("accountability", "decide", "--id", "{letter}", "--measure", "约谈乡镇党委书记",
                              "--date", "2026-11-30"),
    "task report": ("task", "report", "--task", "{task}", "--org", "东城镇党委", "--status", "完成",
                    "--date", "2026-03-28", "--note", "已召开"),
    "task receipts": ("task", "receipts", "--month", "2026-03", "--out", "{dir}/evidence.zip"),
    "evaluate open": ("evaluate", "open", "--scheme", "民主评议党员", "--period", "2026", "--org", "东城镇党委"),
    "evaluate export": ("evaluate", "export", "--scheme", "民主评议党员", "--period", "2025", "--out", "{out}"),
    "evaluate import": ("evaluate", "import", "{book:A}"),
    "evaluate compute": ("evaluate", "compute", "--scheme", "民主评议党员", "--period", "2025"),
    "evaluate results": ("evaluate", "results", "--scheme", "民主评议党员", "--period", "2025", "--out", "{out}"),
    "evaluate review": ("evaluate", "review", "--scheme", "民主评议党员", "--period", "2025"),
    "evaluate post": ("evaluate", "post", "--scheme", "民主评议党员", "--period", "2025"),
    "evaluate lock": ("evaluate", "lock", "--scheme", "民主评议党员", "--period", "2025"),
    "evaluate reopen": ("evaluate", "reopen", "--scheme", "民主评议党员", "--period", "2025", "--reason", "更正"),
    "evaluate override-rules": ("evaluate", "override-rules", "--scheme", "民主评议党员", "--period", "2025",
                                "--reason", "特殊情况", "--body", "县委组织部部务会"),
    "evaluate self": ("evaluate", "self", "--scheme", "民主评议党员", "--period", "2025",
                      "--id-number", "{id:张芳1}", "--summary", "按时参加组织生活"),
    "evaluate schemes": ("evaluate", "schemes"),
    "evaluate meeting": ("evaluate", "meeting", "--scheme", "民主评议党员", "--period", "2025", "--branch", "红星村党支部",
                         "--date", "2026-01-08", "--expected", "3", "--present", "3"),
    "evaluate scheme-copy": ("evaluate", "scheme-copy", "民主评议党员", "民主评议党员（乡镇）"),
    "evaluate scheme-show": ("evaluate", "scheme-show", "民主评议党员"),
    "evaluate scheme-edit": ("evaluate", "scheme-edit", "民主评议党员", "{scheme}"),
    "evaluate history": ("evaluate", "history", "--id-number", "{id:张芳1}"),
    "evaluate followups": ("evaluate", "followups"),
    "evaluate resolve": ("evaluate", "resolve", "1", "--outcome", "改正", "--date", "2026-03-01"),
    "points show": ("points", "show", "--id-number", "{id:张芳1}", "--year", "2026"),
    "points add": ("points", "add", "--id-number", "{id:张芳1}", "--date", "2026-03-01", "--item", "志愿服务",
                   "--points", "2", "--reason", "参加志愿服务"),
    "points correct": ("points", "correct", "1", "--date", "2026-03-01", "--points", "1", "--reason", "更正"),
    "points approve": ("points", "approve", "1"),
    "rectify open": ("rectify", "open", "--org", "红星村党支部", "--year", "2026", "--reasons", "组织生活不正常",
                     "--date", "2026-03-01", "--leader", "李明"),
    "rectify note": ("rectify", "note", "1", "--date", "2026-03-05", "--text", "召开专题会"),
    "rectify accept": ("rectify", "accept", "1", "--date", "2026-06-01", "--result", "转化"),
    "rectify list": ("rectify", "list"),
    "cadres add": ("cadres", "add", "--id-number", "{id:张芳1}", "--post", "村党支部书记", "--start", "2021-05-01"),
    "cadres list": ("cadres", "list", "--org", "红星村党支部"),
    "cadres edit": ("cadres", "edit", "--id", "1", "--note", "更正"),
    "cadres end": ("cadres", "end", "--id", "1", "--date", "2026-03-01"),
    "cadres open": ("cadres", "open", "--period", "2026", "--villages", "红星村党支部"),
    "cadres approve": ("cadres", "approve", "--period", "2026", "--org", "东城镇党委", "--id-number", "{id:张芳1}",
                       "--step", "商议", "--date", "2026-03-01", "--body", "党员大会", "--outcome", "同意",
                       "--matter", "2026年度目标和承诺"),
    "settings list": ("settings", "list"),
    "settings get": ("settings", "get", "letter_reply_days"),
    "settings set": ("settings", "set", "letter_reply_days", "10"),
    "settings reset": ("settings", "reset", "letter_reply_days"),
    "audit": ("audit", "--limit", "50"),
    "audit verify": ("audit", "verify"),
    "audit acknowledge": ("audit", "acknowledge", "--reason", "已核实：数据库由备份恢复"),
}
#: opens a window: run by the GUI and X11 tests instead
NOT_RUN_HERE = {"gui"}


def _commands() -> list[str]:
    return [path for path, _p in cli.command_parsers(cli.build_parser())]


def test_every_command_is_declared_with_an_example():
    paths = set(_commands())
    assert paths - set(COMMAND_OPERATIONS) == set(), "subcommands without a declared operation"
    assert paths - set(EXAMPLES) - NOT_RUN_HERE == set(), "subcommands without an example here"
    for name in filter(None, COMMAND_OPERATIONS.values()):
        assert name in operations.OPERATIONS, name


@pytest.fixture(scope="module")
def county_world(tmp_path_factory) -> tuple[World, dict[str, str]]:
    folder = tmp_path_factory.mktemp("every")
    world = _build(folder / "base.sqlite3")
    con = sqlite3.connect(world.path)
    try:
        letter = con.execute(
            "select l.id from letter l join organization o on o.id = l.recipient_id "
            "where l.kind = '督办函' and l.status = '已签发' and o.id = ?", (world.east_id,)).fetchone()[0]
        task = con.execute("select min(id) from month_task").fetchone()[0]
    finally:
        con.close()
    scheme = folder / "scheme.json"
    return world, {"{letter}": str(letter), "{task}": str(task), "{scheme}": str(scheme)}


def _state(path: Path) -> tuple:
    con = sqlite3.connect(path)
    try:
        return con.execute("select count(*), max(id) from audit_log").fetchone()
    finally:
        con.close()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("command", sorted(set(EXAMPLES) - NOT_RUN_HERE))
def test_command_under_role(command, role, county_world, tmp_path, capsys, monkeypatch):
    world, extra = county_world
    db_path = tmp_path / "cell.sqlite3"
    shutil.copyfile(world.path, db_path)
    actor = actor_for(role, world)
    monkeypatch.setattr(cli.Context, "actor", lambda self, session: actor)
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", "new-pass-123")
    (tmp_path / "pdfs").mkdir()
    if command == "evaluate scheme-edit":
        cli.main(["--db", str(world.path), "evaluate", "scheme-show", "民主评议党员", "--out", extra["{scheme}"]])
    if command == "restore":
        shutil.copyfile(world.path, tmp_path / "copy.sqlite3")
    filled = []
    for word in EXAMPLES[command]:
        for key, value in {**extra, "{dir}": str(tmp_path / "pdfs"), "{me}": actor.name,
                           "{newid}": "440524198005170619"}.items():
            word = word.replace(key, value)
        filled.append(word)
    argv, out = _argv(Cell(command, tuple(filled)), world, tmp_path)
    before = _state(db_path)
    capsys.readouterr()
    code = cli.main(["--db", str(db_path), *argv])
    captured = capsys.readouterr()
    text = captured.out + captured.err + _workbook_text(out)
    assert code != 70 and "程序内部错误" not in text and "Traceback" not in text, f"{command} as {role}: {text}"
    name = COMMAND_OPERATIONS[command]
    why = operations.refusal(actor, name) if name else None
    if why is not None:
        assert code == 3, f"{command} as {role}: expected exit 3, got {code}: {text}"
        duty = operations.OPERATIONS[name].duty
        assert (duty is not None and duty.value in text) or "乡镇账号" in text, text
        assert _state(db_path) == before, f"{command} as {role} wrote although refused"
    elif role == Role.ADMIN:
        assert code in (0, 1), f"{command} as {role}: exit {code}: {text}"
    if role == TOWN and code == 0:
        leaked = [m for m in B_MARKERS if m in text]
        assert not leaked, f"{command}: the township clerk of A sees {leaked}:\n{text}"


def test_every_subcommand_help_renders(capsys):
    """`dangjian … --help` for every subcommand prints its usage (a stray % in a help text made
    argparse raise instead)."""
    for path, _parser in cli.command_parsers(cli.build_parser()):
        with pytest.raises(SystemExit) as stop:
            cli.build_parser().parse_args([*path.split(), "--help"])
        assert stop.value.code == 0, path
        assert f"usage: dangjian {path}" in capsys.readouterr().out, path


def test_the_command_reference_is_current():
    """docs/commands.md is made from the parser: a new or changed command updates it."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "tools" / "make_command_docs.py"
    spec = importlib.util.spec_from_file_location("make_command_docs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.TARGET.read_text(encoding="utf-8") == module.render(), \
        "docs/commands.md is stale: run python tools/make_command_docs.py"
