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
