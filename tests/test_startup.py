"""The command line loads only what the command given needs (docs/startup.md): the list of
commands `dangjian --help` shows without loading their modules is the modules' own, a command's
help is the same whichever way the parser was built, and the migrations' revisions read without
alembic are alembic's."""

from __future__ import annotations

import argparse

import pytest

import desktop.cli as cli
from models.db import _all_revisions, head_revisions


def _top_level(parser: argparse.ArgumentParser) -> dict[str, str | None]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {a.dest: a.help for a in sub._choices_actions}


def test_the_help_lines_without_modules_are_the_modules_own():
    assert _top_level(cli.build_parser()) == {name: line for name, (_m, line) in cli.COMMANDS.items()}
    assert _top_level(cli.build_parser(None)) == _top_level(cli.build_parser())
    assert cli.build_parser(None).format_help() == cli.build_parser().format_help()


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_a_command_parses_the_same_with_only_its_module(command):
    full = dict(cli.command_parsers(cli.build_parser()))
    alone = dict(cli.command_parsers(cli.build_parser(command)))
    mine = {path: p for path, p in full.items() if path.split()[0] == command}
    assert {path: p.format_help() for path, p in alone.items() if path.split()[0] == command} == \
        {path: p.format_help() for path, p in mine.items()}


@pytest.mark.parametrize(("argv", "word"), [
    (["--version"], None), (["--help"], None), ([], None),
    (["--db", "x.sqlite3", "member", "search", "张"], "member"),
    (["--db=x.sqlite3", "--user", "admin", "letters", "list"], "letters"),
    (["--us", "admin", "check"], "check"), (["--", "gui"], "gui"),
])
def test_the_command_word(argv, word):
    assert cli.command_word(argv) == word


def test_a_command_in_an_unusual_place_still_runs(tmp_path, capsys):
    """`--db` abbreviated as `--d`: the word after it is its value, the command is found anyway."""
    assert cli.main(["--d", str(tmp_path / "x.sqlite3"), "init"]) == 0
    assert "数据库已就绪" in capsys.readouterr().out


def test_revisions_read_without_alembic_are_alembics():
    from alembic.script import ScriptDirectory

    from models.db import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revisions() == set(script.get_heads())
    assert _all_revisions() == {s.revision for s in script.walk_revisions()}


def test_export_and_import_know_the_kinds_other_modules_add(tmp_path):
    """`export quarterly` and `export pairings` are handled by the reports and pairing modules."""
    from desktop.commands import roster

    cli.build_parser("export")
    assert {"quarterly", "pairings"} <= set(roster.EXTRA_EXPORTS)
    assert "quarterly" in roster.EXTRA_IMPORTS


_LOADED = """
import json, sys
from desktop.cli import main
try:
    main()
except SystemExit:
    pass
print("\\n" + json.dumps(sorted(sys.modules)))
"""


def _modules_loaded(tmp_path, *argv: str) -> set[str]:
    """The modules a `dangjian ARGV` process has loaded when the command is done."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(cli.__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root), "DANGJIAN_HOME": str(tmp_path / "home")}
    proc = subprocess.run([sys.executable, "-c", _LOADED, *argv], capture_output=True, text=True,
                          env=env, cwd=root, timeout=120)
    return set(json.loads(proc.stdout.splitlines()[-1]))


HEAVY = ("reportlab", "openpyxl", "alembic", "PySide6", "python_calamine", "jieba", "pypinyin")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["nonsense"]])
def test_help_and_version_load_nothing_heavy(tmp_path, argv):
    """`dangjian --help`, `--version`, a usage error: argparse and the list of commands, not even
    SQLAlchemy, logging or a command's module."""
    loaded = _modules_loaded(tmp_path, *argv)
    assert not {m.split(".")[0] for m in loaded} & {*HEAVY, "sqlalchemy", "platformdirs", "importlib_metadata"}
    assert "logging" not in loaded and "importlib.metadata" not in loaded
    assert not {m for m in loaded if m.startswith(("desktop.commands.", "models."))}


@pytest.mark.parametrize("command", ["settings", "letters", "init", "member", "account", "audit"])
def test_a_commands_help_loads_only_its_module(tmp_path, command):
    """`dangjian COMMAND --help`: that command's module (the whole of its help), not the PDF and
    workbook libraries or alembic, which load when the command runs."""
    loaded = _modules_loaded(tmp_path, command, "--help")
    assert cli.COMMANDS[command][0] in loaded
    assert not {m.split(".")[0] for m in loaded} & set(HEAVY)
    mine = {cli.COMMANDS[command][0], *cli.ALSO_LOADS.get(cli.COMMANDS[command][0], ())}
    assert not (set(cli.COMMAND_MODULES) - mine) & loaded  # another command's module


def test_a_command_loads_only_what_it_needs(tmp_path):
    """`settings get` on an existing database: its own module and the models it reads, not the
    heavy libraries, the other commands, the audit log's reader or the unrelated models."""
    db = tmp_path / "x.sqlite3"
    assert cli.main(["--db", str(db), "init"]) == 0
    loaded = _modules_loaded(tmp_path, "--db", str(db), "settings", "get", "light_orange_days")
    assert "sqlalchemy" in loaded and "desktop.commands.settings" in loaded
    assert not {m.split(".")[0] for m in loaded} & set(HEAVY)
    assert not {m for m in loaded if m.startswith("desktop.commands.") and m != "desktop.commands.settings"}
    assert not loaded & {"models.schema", "models.backup", "models.services.auditlog", "models.evaluation",
                         "models.supervision", "models.member", "models.pairing"}


def test_the_version_is_pyprojects(capsys):
    import tomllib
    from pathlib import Path

    with open(Path(cli.__file__).resolve().parent.parent / "pyproject.toml", "rb") as fh:
        declared = tomllib.load(fh)["project"]["version"]
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert capsys.readouterr().out.strip() == f"dangjian {declared}"


def test_the_command_line_resumes_garbage_collection():
    """Start-up pauses the collector; after a command (or a usage error) it runs again."""
    import gc

    assert gc.isenabled()
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert gc.isenabled()


def test_the_supervision_services_names_load_on_first_use():
    """models.services.supervision imports each name with its module when first asked
    (`EXPORTS`); the imports for the type checker name the same names, from the same modules."""
    import ast
    import importlib.util
    from pathlib import Path

    from models.services import supervision as sv

    package = "models.services.supervision"
    tree = ast.parse(Path(sv.__file__).read_text(encoding="utf-8"))
    checking = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    typed = {importlib.util.resolve_name("." * i.level + (i.module or ""), package): tuple(a.name for a in i.names)
             for i in checking.body if isinstance(i, ast.ImportFrom)}
    assert typed == sv.EXPORTS
    for module, names in sv.EXPORTS.items():
        for name in names:
            assert getattr(sv, name) is getattr(importlib.import_module(module), name)
    assert set(sv.__all__) == {n for names in sv.EXPORTS.values() for n in names}
