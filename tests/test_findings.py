"""数据核查 (docs/findings.md): a county with known cases and near-misses; `findings --month M`
proposes each case and none of the near-misses; accepting one makes a problem that the next
`letters draft` lists; running again proposes none of the accepted or dismissed ones."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import desktop.cli as cli
from models.actor import Actor
from models.db import open_database
from models.enums import LeaderPost
from models.finding import Finding, FindingStatus
from models.services import findings as fs
from models.services import leaders as ls
from models.services import lifecycle as lc
from models.services.members import create_member
from models.services.pairing import PartyRef, create_pairing
from models.supervision import Problem, ProblemSource
from tests.factories import build_county, member_values

ADMIN = Actor("测试员", "管理员")
TODAY = date.today()
MONTH = TODAY.strftime("%Y-%m")


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.fixture
def known_county(sqlite_path):
    """红星村 (term ended 2026-05-01) with an overdue 预备党员 (joined 400 days ago), a 预备党员
    within the year (near-miss), a member lost 200 days ago and one lost two weeks ago (near-miss);
    幸福社区 whose 书记 left 120 days ago; 中心小学 with 2 full members; a pairing begun 200 days
    ago with no activity."""
    db = open_database(sqlite_path)
    with db.transaction() as s:
        c = build_county(s, ADMIN)
        for n in (1, 2, 3):
            create_member(s, ADMIN, member_values(n))
        for n in (4, 5, 6):
            create_member(s, ADMIN, member_values(n, org="幸福社区党支部"))
        for n in (7, 8):
            create_member(s, ADMIN, member_values(n, org="中心小学党支部"))
        overdue = create_member(s, ADMIN, member_values(11, name="李逾期", joined_on=days_ago(400), full_on=None))
        create_member(s, ADMIN, member_values(12, name="李预备", joined_on=days_ago(200), full_on=None))
        lost = create_member(s, ADMIN, member_values(13, name="王失联"))
        lc.mark_lost(s, ADMIN, lost.id, days_ago(200), "外出务工后手机停机")
        recent = create_member(s, ADMIN, member_values(14, name="王新近"))
        lc.mark_lost(s, ADMIN, recent.id, days_ago(14))
        ls.add_leader(s, ADMIN, c.community.id, LeaderPost.SECRETARY, date(2021, 5, 1), name="赵书记",
                      chosen_by="任命")
        [sec] = ls.leaders(s, ADMIN, c.community.id)
        ls.end_leader(s, ADMIN, sec.id, days_ago(120))
        create_pairing(s, ADMIN, type="村企联建", leads=[PartyRef("org", c.school.id)],
                       assisted=[PartyRef("org", c.village.id)], start_on=days_ago(200), name="学校联村")
        ids = {"overdue": overdue.id, "lost": lost.id}
    db.dispose()
    return sqlite_path, ids


@pytest.fixture
def run(known_county, capsys):
    path = known_county[0]

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main(["--db", str(path), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def rows(out: str) -> list[list[str]]:
    lines = out.splitlines()
    assert lines[0] == fs_header()
    return [line.split("\t") for line in lines[1:-1]]


def fs_header() -> str:
    from desktop.commands.findings import HEADER

    return HEADER


def test_findings_propose_each_case_and_no_near_miss(run):
    code, out, err = run("findings", "--month", MONTH, "--as-of", TODAY.isoformat())
    assert (code, err) == (0, "")
    found = rows(out)
    by_check = {(r[1], r[3]) for r in found}
    assert by_check == {
        ("转正逾期", "红星村党支部"), ("失联超期未处理", "红星村党支部"), ("换届逾期", "红星村党支部"),
        ("书记空缺", "幸福社区党支部"), ("正式党员不足", "中心小学党支部"), ("结对无活动", "中心小学党支部"),
    }
    text = "\n".join("\t".join(r) for r in found)
    assert "李逾期" in text and "王失联" in text
    assert "李预备" not in text and "王新近" not in text  # the near-misses
    assert {r[2] for r in found} == {"东城镇党委", "西山乡党委"}  # the townships
    secretary = next(r for r in found if r[1] == "书记空缺")
    assert secretary[5] == "严重" and "赵书记" in secretary[7]
    assert out.splitlines()[-1].startswith("待处理6条")


def test_accept_enters_the_letters_and_decided_ones_are_not_proposed_again(run, known_county):
    path = known_county[0]
    _code, out, _ = run("findings", "--month", MONTH)
    found = rows(out)
    lost = next(r for r in found if r[1] == "失联超期未处理")
    small = next(r for r in found if r[1] == "正式党员不足")

    code, out, err = run("findings", "accept", "--id", lost[0])
    assert (code, err) == (0, "")
    assert out.startswith("已采纳，登记为问题：红星村党支部：党员王失联自")
    code, out, err = run("findings", "dismiss", "--id", small[0], "--reason", "该校党支部正在与其他学校组建联合党支部")
    assert (code, err) == (0, "") and out.startswith("已排除：中心小学党支部")
    code, _out, err = run("findings", "dismiss", "--id", small[0], "--reason", "再次")
    assert code == 1 and "已已排除" not in err and "核查问题" in err and "已排除，不能再处理" in err

    db = open_database(path)
    with db.session() as s:
        [problem] = s.query(Problem).all()
        assert problem.source == ProblemSource.DATA_CHECK and problem.category == "党员管理"
        assert problem.found_on == TODAY
    db.dispose()

    code, out, err = run("letters", "draft", "--month", MONTH, "--as-of", TODAY.isoformat())
    assert code == 0, err
    assert any("督办函" in line and "东城镇" in line for line in out.splitlines())

    code, out, _ = run("findings", "--month", MONTH)
    again = {(r[1], r[3]) for r in rows(out)}
    assert ("失联超期未处理", "红星村党支部") not in again
    assert ("正式党员不足", "中心小学党支部") not in again
    assert len(again) == 4


def test_a_settled_case_is_resolved(run, known_county):
    path, ids = known_county
    run("findings", "--month", MONTH)
    db = open_database(path)
    with db.transaction() as s:
        lc.decide_probation(s, ADMIN, ids["overdue"], lc.MemberEventKind.EXTENDED, TODAY,
                            new_end=lc.add_months(days_ago(400), 20))
    db.dispose()
    _code, out, _ = run("findings", "--month", MONTH)
    assert "转正逾期" not in out
    db = open_database(path)
    with db.session() as s:
        statuses = {f.check: f.status for f in s.query(Finding)}
        assert statuses["probation"] == FindingStatus.RESOLVED
    db.dispose()


def test_findings_without_month_is_a_usage_error(run):
    code, _out, err = run("findings")
    assert code == 2 and "--month" in err


def test_findings_help():
    with pytest.raises(SystemExit) as exc:
        cli.main(["findings", "--help"])
    assert exc.value.code == 0
    with pytest.raises(SystemExit) as exc:
        cli.main(["findings", "dismiss", "--help"])
    assert exc.value.code == 0


def test_propose_refuses_accounts_without_the_duty(session, county, actor):
    reader = Actor("只读", "只读")
    from models.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        fs.propose(session, reader, MONTH)
    assert fs.propose(session, actor, MONTH) is not None


def test_the_checks_on_both_engines(session, county, actor):
    """The same cases through the services on SQLite and PostgreSQL."""
    create_member(session, actor, member_values(11, name="李逾期", joined_on=days_ago(400), full_on=None))
    lost = create_member(session, actor, member_values(13, name="王失联"))
    lc.mark_lost(session, actor, lost.id, days_ago(200))
    ls.add_leader(session, actor, county.community.id, LeaderPost.SECRETARY, date(2021, 5, 1), name="赵书记")
    [sec] = ls.leaders(session, actor, county.community.id)
    ls.end_leader(session, actor, sec.id, days_ago(120))
    create_pairing(session, actor, type="村企联建", leads=[PartyRef("org", county.school.id)],
                   assisted=[PartyRef("org", county.village.id)], start_on=days_ago(200), name="学校联村")
    found = fs.propose(session, actor, MONTH, TODAY)
    checks = {(f.check, f.org.short_name) for f in found}
    assert {("probation", "红星村党支部"), ("lost", "红星村党支部"), ("secretary", "幸福社区党支部"),
            ("pairing", "中心小学党支部")} <= checks
    lost_finding = next(f for f in found if f.check == "lost")
    problem = fs.accept(session, actor, lost_finding.id)
    assert problem.source == ProblemSource.DATA_CHECK and problem.found_on == TODAY
    again = {f.key for f in fs.propose(session, actor, MONTH, TODAY)}
    assert lost_finding.key not in again and len(again) == len(found) - 1


def test_a_resolved_case_shown_again_waits_again(session, county, actor):
    """A run at an earlier day does not see a later case (已消除); the next run shows it again."""
    create_pairing(session, actor, type="村企联建", leads=[PartyRef("org", county.school.id)],
                   assisted=[PartyRef("org", county.village.id)], start_on=days_ago(100), name="学校联村")
    key = next(f.key for f in fs.propose(session, actor, MONTH, TODAY) if f.check == "pairing")
    earlier = days_ago(30)
    fs.propose(session, actor, earlier.strftime("%Y-%m"), earlier)  # 70 days: not silent yet
    assert session.query(Finding).filter_by(key=key).one().status == FindingStatus.RESOLVED
    assert key in {f.key for f in fs.propose(session, actor, MONTH, TODAY)}


def test_a_month_task_not_reported_by_its_deadline_is_proposed(session, county, actor):
    """未按时完成重点任务 (docs/findings.md): each township in the task's scope that has not reported
    by the 完成时限 is proposed; one that reported, and a task still within its time, are not."""
    from models.services import supervision as sv
    from tests.supervision_factories import task

    late = task(session, actor, month="2026-03", title="召开支部党员大会", due_on=date(2026, 3, 31))
    task(session, actor, month="2026-04", title="主题党日", due_on=date(2026, 4, 30))
    sv.report_task(session, actor, late.id, county.west.id, "完成", date(2026, 3, 30))
    found = [f for f in fs.propose(session, actor, "2026-04", date(2026, 4, 5)) if f.check == "task"]
    assert [f.org.short_name for f in found] == ["东城镇党委"]
    assert "召开支部党员大会" in found[0].description and "2026-03-31" in found[0].description
