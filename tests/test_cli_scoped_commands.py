"""The commands that once crashed for every account (a service gained a required `actor` and these
callers were left behind: `TypeError … missing … 'actor'`), run through the command line as an
administrator with valid arguments. mypy (tools/run-tests.sh) now catches such a call before a test
does; these show each command does its work."""

from __future__ import annotations

import pytest

from desktop.cli import main
from models.actor import Actor
from models.db import open_database
from models.roles import Role
from models.services import cadres
from models.services import evaluation as ev
from tests.evaluation_helpers import add_members
from tests.factories import build_county


@pytest.fixture
def county_file(sqlite_path):
    """A small county: 红星村 has three members, the first a 村委会委员; a 民主评议党员 round of
    东城镇 for 2025 is open. → (file, [(name, id number)])."""
    db = open_database(sqlite_path)
    with db.session() as s:
        actor = Actor("测试员", Role.ADMIN)
        county = build_county(s, actor)
        ev.ensure_builtin_schemes(s, actor)
        members = add_members(s, actor, 3)
        cadres.add_post(s, actor, members[0].id, "村委会委员", "2021-05-01")
        ev.open_round(s, actor, ev.find_scheme(s, "民主评议党员"), "2025", county.east)
        s.commit()
        people = [(m.name, m.id_number) for m in members]
    db.dispose()
    return sqlite_path, people


@pytest.fixture
def run(county_file, capsys):
    path, _people = county_file

    def run(*argv: str) -> tuple[int, list[str]]:
        capsys.readouterr()
        code = main(["--db", str(path), *argv])
        out = capsys.readouterr()
        return code, (out.out + out.err).splitlines()

    return run


def test_cadres_list_of_one_village(run, county_file):
    name = county_file[1][0][0]
    code, lines = run("cadres", "list", "--org", "红星村党支部")
    assert code == 0
    assert lines[1].split("\t")[1:5] == ["红星村党支部", name, "村委会委员", "2021-05-01"]


def test_cadres_add_in_a_named_village(run, county_file):
    name, number = county_file[1][1]
    code, lines = run("cadres", "add", "--org", "红星村党支部", "--id-number", number, "--post", "村委会委员",
                      "--start", "2022-01-01")
    assert (code, lines) == (0, [f"已登记：{name}任村委会委员"])


def test_cadres_open_and_approve_in_a_named_scope(run, county_file):
    name, number = county_file[1][0]
    code, lines = run("cadres", "open", "--villages", "红星村党支部", "--period", "2025")
    assert code == 0 and lines[-1].startswith("已开启双议双评：") and lines[-1].endswith("，1名村干部")
    code, lines = run("cadres", "approve", "--org", "红星村党支部", "--period", "2025", "--id-number", number,
                      "--step", "党员群众商议", "--date", "2026-01-05", "--body", "红星村党员群众大会",
                      "--outcome", "同意", "--matter", "2026年度工作目标和公开承诺")
    assert code == 0 and lines[0].startswith(f"已记录{name}的党员群众商议：同意"), lines


def test_rectify_open(run):
    code, lines = run("rectify", "open", "--org", "红星村党支部", "--year", "2026", "--reasons", "年度考核排名末位",
                      "--date", "2026-02-01", "--leader", "李副县长", "--first-secretary", "王五")
    assert code == 0 and lines[-1].startswith("已开始整顿：红星村党支部（编号"), lines


def test_rectify_open_help_renders_its_percent_sign(run):
    with pytest.raises(SystemExit) as done:
        main(["rectify", "open", "--help"])
    assert done.value.code == 0


def test_evaluate_self(run, county_file):
    name, number = county_file[1][2]
    code, lines = run("evaluate", "self", "--scheme", "民主评议党员", "--period", "2025", "--org", "东城镇党委",
                      "--id-number", number, "--summary", "认真学习，按时交纳党费")
    assert (code, lines) == (0, [f"已记录{name}的个人自评"])


def test_evaluate_override_rules(run):
    code, lines = run("evaluate", "override-rules", "--scheme", "民主评议党员", "--period", "2025",
                      "--org", "东城镇党委", "--reason", "部分党员外出务工", "--body", "东城镇党委会议")
    assert code == 0 and lines[-1].endswith("：已记录规则例外（东城镇党委会议）")
