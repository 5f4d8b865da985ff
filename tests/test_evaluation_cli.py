"""The evaluate and cadres commands run through desktop.cli.main: the ones that crashed on the
account argument (cadres list/add/approve --org, cadres open, evaluate self, evaluate
override-rules), the branch meeting, a non-member cadre masked for a township account, --keep-valid,
and a period after the current year refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

import desktop.cli as cli
from desktop.cli import main
from models.actor import Actor
from models.db import open_database
from models.org import Organization
from models.services import evaluation as ev
from tests.evaluation_helpers import add_members
from tests.factories import build_county, id_number

OUTSIDER = id_number(901, date(1975, 3, 2))  # 王五: a 村委会委员 who is not a Party member


@pytest.fixture
def county_file(sqlite_path):
    db = open_database(sqlite_path)
    with db.session() as s:
        actor = Actor("测试员", "管理员")
        build_county(s, actor)
        ev.ensure_builtin_schemes(s, actor)
        s.commit()
        members = add_members(s, actor, 3)
        numbers = [m.id_number for m in members]
    db.dispose()
    return sqlite_path, numbers


def runner(path, capsys):
    def run(*argv):
        capsys.readouterr()
        code = main(["--db", str(path), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


def test_cadres_commands_with_org_a_non_member_cadre_and_keep_valid(county_file, capsys, monkeypatch):
    path, numbers = county_file
    run = runner(path, capsys)
    code, out, err = run("cadres", "add", "--id-number", numbers[0], "--post", "村党支部书记", "--start", "2021-05-01",
                         "--org", "红星村党支部")
    assert (code, out.strip()) == (0, "已登记：张芳1任村党支部书记"), err
    code, out, err = run("cadres", "add", "--id-number", numbers[1], "--post", "村委会委员", "--start", "2021-05-01")
    assert code == 0, err
    code, out, err = run("cadres", "add", "--id-number", OUTSIDER, "--name", "王五", "--post", "村委会委员",
                         "--start", "2021-05-01", "--org", "红星村党支部")
    assert (code, out.strip()) == (0, "已登记：王五（非党员）任村委会委员"), err
    code, out, err = run("cadres", "add", "--id-number", numbers[2], "--name", "张敏3", "--post", "村委会委员",
                         "--start", "2021-05-01", "--org", "红星村党支部")
    assert code == 1 and "是本县党员的号码：请按党员登记任职" in err
    code, out, err = run("cadres", "list", "--org", "东城镇党委")
    assert code == 0, err
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines[0][-2:] == ["公民身份号码", "政治面貌"]
    assert [(r[2], r[3], r[6], r[7]) for r in lines[1:]] == [
        ("张芳1", "村党支部书记", numbers[0], "党员"), ("王五", "村委会委员", OUTSIDER, "非党员"),
        ("张娜2", "村委会委员", numbers[1], "党员")]

    code, out, err = run("cadres", "open", "--period", "2025", "--villages", "红星村党支部")
    assert (code, out.strip()) == (0, "已开启双议双评：双评 2025（红星村党支部），3名村干部"), err
    meeting = ["--period", "2025", "--org", "红星村党支部", "--date", "2026-01-05", "--body", "红星村党员群众大会",
               "--outcome", "同意", "--matter", "2026年度工作目标和公开承诺"]
    code, out, err = run("cadres", "approve", "--name", "王五", "张芳1", "--step", "党员群众商议", *meeting)
    assert (code, out.splitlines()) == (0, ["已记录张芳1的党员群众商议：同意", "已记录王五的党员群众商议：同意",
                                            "共2名村干部"]), err
    # 审议 for all three: 张娜2 has no 商议 yet — with --keep-valid the two are recorded, 张娜2 listed
    审议 = ["--period", "2025", "--org", "红星村党支部", "--step", "乡镇党委审议", "--date", "2026-01-08",
          "--body", "东城镇党委", "--outcome", "同意", "--matter", "2026年度工作目标和公开承诺"]
    code, out, err = run("cadres", "approve", "--name", "张芳1", "王五", "张娜2", *审议)
    assert code == 1 and "本次均未记录" in err and out == ""
    code, out, err = run("cadres", "approve", "--name", "张芳1", "王五", "张娜2", "查无此人", "--keep-valid", *审议)
    assert code == 1
    assert out.splitlines() == ["已记录张芳1的乡镇党委审议：同意", "已记录王五的乡镇党委审议：同意", "共2名村干部"]
    assert err.splitlines() == ["未记录：该评价中没有名为“查无此人”的村干部",
                                "未记录：“张娜2”：须先经党员群众商议同意，才能乡镇党委审议"]

    db = open_database(path)
    with db.session() as s:  # the non-member cadre evaluated like the others
        actor = Actor("测试员", "管理员")
        rnd = ev.find_round(s, actor, "双评", "2025")
        row = next(r for r in ev.sheet_rows(s, rnd.id) if r.subject_name == "王五")
        assert (row.member_id, row.id_number) == (None, OUTSIDER)
        ev.enter_scores(s, actor, row.sheet_id, row.version, raters={
            "乡镇党委考评": {"score": "92.59"}, "党员群众测评": {"votes": {"满意": 50}}})
        s.commit()
        row = next(r for r in ev.sheet_rows(s, rnd.id) if r.subject_name == "王五")
        assert (ev.display_score(row.total), row.final_level) == ("95.6", "优秀")  # 0.6×92.59 + 40 = 95.554
        east = s.scalar(select(Organization.id).where(Organization.short_name == "东城镇党委"))
        township = Actor("东城镇", "乡镇办事员", east)
        shown = next(r for r in ev.round_sheets(s, township, rnd.id) if r.subject_name == "王五")
        assert shown.id_number == OUTSIDER[:6] + "********" + OUTSIDER[-4:]
    db.dispose()
    monkeypatch.setattr(cli.Context, "actor", lambda self, session: township)
    code, out, err = run("cadres", "list", "--org", "红星村党支部")
    assert code == 0, err
    wang = next(line.split("\t") for line in out.splitlines() if "\t王五\t" in line)
    assert wang[6] == OUTSIDER[:6] + "********" + OUTSIDER[-4:] and wang[7] == "非党员"


def test_evaluate_meeting_self_override_rules_and_a_future_period(county_file, capsys):
    path, numbers = county_file
    run = runner(path, capsys)
    round_ = ["--scheme", "民主评议党员", "--period", "2025", "--org", "东城镇党委"]
    assert run("evaluate", "open", *round_)[0] == 0
    code, out, err = run("evaluate", "self", *round_, "--id-number", numbers[0], "--summary", "按时参加组织生活")
    assert (code, out.strip()) == (0, "已记录张芳1的个人自评"), err
    code, out, err = run("evaluate", "meeting", *round_, "--branch", "红星村党支部", "--date", "2026-01-08",
                         "--expected", "3", "--present", "2", "--public-invited", "2", "--public-present", "1")
    assert code == 1 and "请假人员及原因：实到少于应到（缺1人）时必填" in err
    code, out, err = run("evaluate", "meeting", *round_, "--branch", "红星村党支部", "--date", "2026-01-08",
                         "--expected", "3", "--present", "2", "--absent-note", "张敏3外出务工请假",
                         "--public-invited", "2", "--public-present", "1")
    assert (code, out.strip()) == (0, "已记录红星村党支部支部党员大会：2026-01-08 应到3人，实到2人，参评率66.7%，"
                                      "到会群众1人（邀请2人）"), err
    code, out, err = run("evaluate", "override-rules", *round_, "--reason", "一名党员外出务工请假", "--body",
                         "东城镇党委会议")
    assert code == 0, err
    assert out.splitlines()[0] == ("例外\t红星村党支部：支部党员大会应到3人，实到2人，参评率66.7%，低于95%"
                                   "（党员参评率不低于95%）")
    code, out, err = run("evaluate", "review", *round_)
    assert code == 1 and err.strip().startswith("不能审核：3张评价表没有得出总分：“张芳1”、“张娜2”、“张敏3”（共3人）")
    future = str(date.today().year + 1)
    code, out, err = run("evaluate", "open", "--scheme", "星级党支部", "--period", future)
    assert code == 1 and f"“{future}”在本年度（{date.today().year}年）之后，不能开启未来的评价周期" in err


@pytest.mark.parametrize("argv", [["evaluate", "meeting"], ["evaluate", "self"], ["cadres", "add"],
                                  ["cadres", "approve"], ["pairing", "assessment"]])
def test_help(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--help"])
    assert exc.value.code == 0
    assert "usage" in capsys.readouterr().out.lower()
