"""Every command and subcommand's --help renders (a stray `%` in a help text made argparse raise
a traceback instead: `dangjian rectify open --help`)."""

from __future__ import annotations

import argparse

import pytest

from desktop.cli import build_parser


def command_paths(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """("letters",), ("letters", "draft"), … for every parser in the tree, the top one as ()."""
    out = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out += command_paths(sub, (*path, name))
    return out


PATHS = command_paths(build_parser())


def test_the_tree_is_walked():
    assert ("rectify", "open") in PATHS and ("letters", "issue") in PATHS and len(PATHS) > 50


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "dangjian")
def test_help_renders(path, capsys):
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([*path, "--help"])
    out = capsys.readouterr()
    assert done.value.code == 0, out.err
    assert out.out.startswith("usage: dangjian") and out.err == ""
