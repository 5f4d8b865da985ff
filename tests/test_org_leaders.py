"""The leadership register (docs/member-lifecycle.md, 班子名册): `org leaders` lists, adds and ends
posts; the structure warnings name a 书记 post vacant over 3 months and a branch of 7 or more full
members without a 支部委员会."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import desktop.cli as cli
from models.actor import Actor
from models.db import open_database
from models.services.members import create_member
from models.services.orgs import structure_warnings
from tests.factories import build_county, member_values

ADMIN = Actor("测试员", "管理员")
TODAY = date.today()


@pytest.fixture
def county(sqlite_path):
    db = open_database(sqlite_path)
    with db.transaction() as s:
        build_county(s, ADMIN)
        mid = None
        for n in range(1, 9):
            mid = create_member(s, ADMIN, member_values(n)).id  # 8 full members in 红星村
    db.dispose()
    return sqlite_path, mid


@pytest.fixture
def run(county, capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main(["--db", str(county[0]), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def warnings_of(path, name):
    db = open_database(path)
    with db.session() as s:
        found = [w.message for w in structure_warnings(s, ADMIN) if name in w.org_name]
    db.dispose()
    return found


def test_leaders_add_list_end_and_the_structure_rules(run, county):
    path, mid = county
    start = (TODAY - timedelta(days=800)).isoformat()
    code, out, err = run("org", "leaders", "add", "--org", "红星村党支部", "--post", "书记",
                         "--member-id", str(mid), "--start", start, "--chosen-by", "选举")
    assert (code, err) == (0, "") and out.startswith("已登记任职：红星村党支部书记张")
    code, _out, err = run("org", "leaders", "add", "--org", "红星村党支部", "--post", "书记",
                          "--name", "另一人", "--start", start)
    assert code == 1 and "仍在任" in err
    code, out, err = run("org", "leaders", "add", "--org", "红星村党支部", "--post", "委员",
                         "--name", "王委员", "--start", start)
    assert code == 0
    # 8 full members, 2 in office: a 支委会 of 3–5 is needed
    assert "正式党员8名，应设立支部委员会（委员3至5人），班子名册在任2人" in warnings_of(path, "红星村")

    code, out, _ = run("org", "leaders", "--org", "红星村党支部")
    lines = out.splitlines()
    assert lines[:2] == ["红星村党支部", "编号\t职务\t姓名\t党员编号\t任职日期\t离任日期\t产生方式\t备注"]
    assert [line.split("\t")[1] for line in lines[2:-1]] == ["书记", "委员"]
    secretary_id = lines[2].split("\t")[0]

    left = (TODAY - timedelta(days=120)).isoformat()
    code, out, err = run("org", "leaders", "end", "--id", secretary_id, "--date", left)
    assert (code, err) == (0, "") and f"{left}离任" in out
    assert f"书记职位自{left}空缺，已超过3个月" in warnings_of(path, "红星村")
    code, out, _ = run("org", "leaders", "--org", "红星村党支部")
    assert out.splitlines()[-1] == "共1人"
    code, out, _ = run("org", "leaders", "--org", "红星村党支部", "--all")
    assert out.splitlines()[-1] == "共2人"


@pytest.mark.parametrize("argv", [["org", "leaders", "--help"], ["org", "leaders", "add", "--help"],
                                  ["org", "leaders", "end", "--help"]])
def test_help(argv):
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == 0


def test_leaders_without_org_is_a_usage_error(run):
    code, _out, err = run("org", "leaders")
    assert code == 2 and "--org" in err


def test_a_joint_branch_over_five_units_is_warned(session, actor):
    from models.enums import OrgKind, Sector
    from models.services.orgs import create_org, update_org

    county = build_county(session, actor)
    joint = create_org(session, actor, name="中共东城镇非公企业联合支部委员会", short_name="非公联合党支部",
                       kind=OrgKind.JOINT_BRANCH, sector=Sector.PRIVATE_ENTERPRISE, parent_id=county.east.id, units=5)
    messages = [w.message for w in structure_warnings(session, actor) if w.org_id == joint.id]
    assert not any("单位" in m for m in messages)
    update_org(session, actor, joint.id, units=6)
    messages = [w.message for w in structure_warnings(session, actor) if w.org_id == joint.id]
    assert "联合党支部覆盖6个单位，超过5个，宜分设党支部" in messages


def test_an_elected_secretary_starts_a_new_term(session, actor):
    from models.services import leaders as ls
    from models.services.orgs import tree_rows

    county = build_county(session, actor)  # 红星村: term from 2021-05-01, 5 years: overdue
    assert any("应换届" in w for w in next(r for r in tree_rows(session, actor) if r["id"] == county.village.id)["warnings"])
    ls.add_leader(session, actor, county.village.id, "书记", TODAY - timedelta(days=30), name="新书记", chosen_by="选举")
    row = next(r for r in tree_rows(session, actor) if r["id"] == county.village.id)
    assert row["secretary"] == "新书记" and not any("应换届" in w for w in row["warnings"])
    assert row["term_end"].year == (TODAY - timedelta(days=30)).year + 5
