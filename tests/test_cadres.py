"""村干部 双议双评: the cadre roster, a round for the cadres of chosen villages, both approval steps
before the two evaluations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from models.actor import Actor
from models.errors import DomainError, PermissionDenied, ValidationError
from models.evaluation import RoundStatus
from models.roles import Role
from models.services import cadres
from models.services import evaluation as ev
from tests.evaluation_helpers import add_members


def test_cadre_round_with_both_approvals(session, actor, county, tmp_path):
    ev.ensure_builtin_schemes(session, actor)
    village = add_members(session, actor, 4)  # 红星村
    school = add_members(session, actor, 1, org="中心小学党支部", start=20)
    with pytest.raises(ValidationError, match="“村长”不在可选职务中"):
        cadres.add_post(session, actor, village[0].id, "村长", "2021-05-01")
    secretary = cadres.add_post(session, actor, village[0].id, "村党支部书记", "2021-05-01")
    cadres.add_post(session, actor, village[0].id, "村委会主任", "2021-05-01")  # 一肩挑: one sheet
    cadres.add_post(session, actor, village[1].id, "村党支部委员", "2021-05-01")
    old = cadres.add_post(session, actor, village[2].id, "村委会委员", "2018-05-01")
    cadres.end_post(session, actor, old.id, old.version, "2024-04-30")
    cadres.add_post(session, actor, school[0].id, "村党支部委员", "2021-05-01")
    assert [(r.name, r.post) for r in cadres.cadre_rows(session, actor, [county.village.id], date(2025, 6, 1))] == [
        (village[0].name, "村党支部书记"), (village[1].name, "村党支部委员"), (village[0].name, "村委会主任")]
    assert secretary.end_on is None

    scheme = ev.find_scheme(session, "双评")
    rnd = cadres.open_cadre_round(session, actor, scheme, "2025", [county.village.id])
    rows = ev.sheet_rows(session, rnd.id)
    assert [r.subject_name for r in rows] == [village[0].name, village[1].name]  # not every member
    first, second = rows
    raters = {"乡镇党委考评": {"score": "92"}, "党员群众测评": {"votes": {"满意": 40, "基本满意": 10}}}
    with pytest.raises(DomainError, match="尚未党员群众商议、乡镇党委审议"):
        ev.enter_scores(session, actor, first.sheet_id, None, raters=raters)
    with pytest.raises(DomainError, match="须先经党员群众商议同意，才能乡镇党委审议"):
        cadres.record_approval(session, actor, first.sheet_id, "乡镇党委审议", "2026-01-08", "东城镇党委", "同意", matter="年度工作目标和承诺事项")
    cadres.record_approval(session, actor, first.sheet_id, "党员群众商议", "2026-01-05", "红星村党员群众大会", "同意", matter="年度工作目标和承诺事项")
    with pytest.raises(DomainError, match="尚未乡镇党委审议"):
        ev.enter_scores(session, actor, first.sheet_id, None, raters=raters)
    cadres.record_approval(session, actor, first.sheet_id, "乡镇党委审议", "2026-01-08", "东城镇党委", "同意",
                           "同意参加双评", matter="年度工作目标和承诺事项")
    ev.enter_scores(session, actor, first.sheet_id, None, raters=raters)
    cadres.record_approval(session, actor, second.sheet_id, "党员群众商议", "2026-01-05", "红星村党员群众大会",
                           "不同意", "群众意见较大", matter="年度工作目标和承诺事项")
    with pytest.raises(DomainError, match="党员群众商议不同意"):
        ev.enter_scores(session, actor, second.sheet_id, None, raters=raters)
    got = cadres.approvals(session, rnd.id)
    assert [(a.step, a.body, a.outcome.value) for a in got[first.sheet_id].values()] == [
        ("党员群众商议", "红星村党员群众大会", "同意"), ("乡镇党委审议", "东城镇党委", "同意")]
    row = ev.sheet_rows(session, rnd.id)[0]
    # 0.6 × 92 + 0.4 × (40×100 + 10×60)/50 = 55.2 + 36.8 = 92
    assert (row.total, row.final_level) == (Decimal("92"), "优秀")
    ev.set_status(session, actor, rnd.id, None, RoundStatus.REVIEWED)  # the refused cadre is not evaluated
    from openpyxl import load_workbook

    from reports.evaluation_xlsx import export_results

    export_results(session, actor, rnd.id, tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx")["评价结果"]
    assert [c.value for c in ws[1]][-2:] == ["党员群众商议", "乡镇党委审议"]
    assert [c.value for c in ws[2]][-2:] == ["同意（2026-01-05 红星村党员群众大会）事项：年度工作目标和承诺事项",
                                             "同意（2026-01-08 东城镇党委）事项：年度工作目标和承诺事项；同意参加双评"]
    assert [c.value for c in ws[3]][-2:] == [
        "不同意（2026-01-05 红星村党员群众大会）事项：年度工作目标和承诺事项；群众意见较大", None]
    clerk = Actor("西山乡", "乡镇办事员", county.west.id)
    with pytest.raises(PermissionDenied):
        cadres.open_cadre_round(session, clerk, scheme, "2024", [county.village.id])


def test_a_post_corrected_and_the_roster_of_a_round(session, actor, county):
    ev.ensure_builtin_schemes(session, actor)
    village = add_members(session, actor, 3)
    p = cadres.add_post(session, actor, village[0].id, "村党支部委员", "2021-05-01")
    cadres.add_post(session, actor, village[0].id, "村委会主任", "2021-05-01")
    with pytest.raises(ValidationError, match="备注：.*200"):
        cadres.update_post(session, actor, p.id, p.version, "村党支部委员", "2021-05-01", "备" * 201)
    with pytest.raises(DomainError, match=f"“{village[0].name}”已任红星村党支部村委会主任"):
        cadres.update_post(session, actor, p.id, p.version, "村委会主任", "2021-05-01")
    cadres.update_post(session, actor, p.id, p.version, "村党支部书记", "2021-06-01", "换届选举")
    assert (p.post, p.start_on, p.note, p.version) == ("村党支部书记", date(2021, 6, 1), "换届选举", 2)
    with pytest.raises(DomainError, match="已被其他办事员修改"):
        cadres.update_post(session, actor, p.id, 1, "村党支部书记", "2021-06-01")
    cadres.end_post(session, actor, p.id, p.version, "2024-04-30")
    with pytest.raises(ValidationError, match="任职日期：晚于离任日期2024-04-30"):
        cadres.update_post(session, actor, p.id, p.version, "村党支部书记", "2024-05-01")
    gone = cadres.add_post(session, actor, village[1].id, "村委会委员", "2018-05-01")
    cadres.end_post(session, actor, gone.id, gone.version, "2023-12-31")  # before the round's year
    cadres.add_post(session, actor, village[2].id, "村委会委员", "2024-06-01")

    rnd = cadres.open_cadre_round(session, actor, ev.find_scheme(session, "双评"), "2024", [county.village.id])
    sheet = next(r for r in ev.sheet_rows(session, rnd.id) if r.member_id == village[0].id)
    cadres.record_approval(session, actor, sheet.sheet_id, "党员群众商议", "2025-01-05", "红星村党员群众大会", "同意", matter="年度工作目标和承诺事项")
    roster = cadres.round_roster(session, actor, rnd.id)
    assert roster.steps == ("党员群众商议", "乡镇党委审议")
    assert [(r.name, r.post, r.end_on) for r in roster.rows] == [
        (village[0].name, "村党支部书记", date(2024, 4, 30)), (village[0].name, "村委会主任", None),
        (village[2].name, "村委会委员", None)]
    assert roster.states[f"m{village[0].id}"].steps == {"党员群众商议": "同意（2025-01-05 红星村党员群众大会）事项：年度工作目标和承诺事项",
                                                  "乡镇党委审议": "未记录"}
    clerk = Actor("西山乡", "乡镇办事员", county.west.id)
    assert cadres.round_roster(session, clerk, rnd.id).rows == []
    assert cadres.cadre_rounds(session, actor) == [(rnd.id, "双评 2024（红星村党支部） · 草稿")]
    assert cadres.cadre_rounds(session, clerk) == []
    plain = ev.open_round(session, actor, ev.find_scheme(session, "民主评议党员"), "2024", county.east)
    assert cadres.round_roster(session, actor, plain.id) is None


def test_the_command_line_lists_corrects_and_ends_a_post(sqlite_path, capsys):
    """Everything the 村干部名册 tab does: list with the post's number, edit, end (kept, --all)."""
    from desktop.cli import main
    from models.db import open_database
    from tests.factories import build_county

    db = open_database(sqlite_path)
    with db.session() as s:
        actor = Actor("测试员", Role.ADMIN)
        build_county(s, actor)
        member = add_members(s, actor, 1)[0]
        s.commit()
        number, name = member.id_number, member.name
    db.dispose()

    def run(*argv):
        capsys.readouterr()
        code = main(["--db", str(sqlite_path), *argv])
        out = capsys.readouterr()
        return code, out.out + out.err

    assert run("cadres", "add", "--id-number", number, "--post", "村委会委员", "--start", "2021-05-01")[0] == 0
    code, out = run("cadres", "list")
    line = out.splitlines()[1].split("\t")
    assert code == 0 and out.splitlines()[0].startswith("编号\t") and line[2:5] == [name, "村委会委员", "2021-05-01"]
    post_id = line[0]
    assert run("cadres", "edit", "--id", post_id, "--post", "村党支部委员", "--note", "换届补选")[0] == 0
    code, out = run("cadres", "end", "--id", post_id, "--date", "2020-01-01")
    assert code != 0 and "离任日期" in out and "早于任职日期" in out
    assert run("cadres", "end", "--id", post_id, "--date", "2024-04-30")[0] == 0
    assert run("cadres", "list")[1].splitlines()[1:] == []
    code, out = run("cadres", "list", "--all")
    assert out.splitlines()[1].split("\t")[2:6] == [name, "村党支部委员", "2021-05-01", "2024-04-30"]
    code, out = run("cadres", "end", "--id", "999", "--date", "2024-04-30")
    assert code != 0 and "找不到任职记录（编号999）" in out


def _approval_count(session):
    from sqlalchemy import func, select

    from models.audit import AuditEntry
    from models.evaluation import EvaluationApproval

    return (session.scalar(select(func.count()).select_from(EvaluationApproval)),
            session.scalar(select(func.count()).select_from(AuditEntry)
                           .where(AuditEntry.entity == "evaluation_approval")))


def test_one_meeting_recorded_for_several_cadres_at_once(session, actor, county):
    """商议 and 审议 are decided at one meeting for a village's cadres: recorded for all of them in one
    call, one audit row each; one cadre who may not have the step refuses the whole batch, named."""
    ev.ensure_builtin_schemes(session, actor)
    village = add_members(session, actor, 4)
    for m in village:
        cadres.add_post(session, actor, m.id, "村委会委员", "2021-05-01")
    rnd = cadres.open_cadre_round(session, actor, ev.find_scheme(session, "双评"), "2025", [county.village.id])
    rows = ev.sheet_rows(session, rnd.id)
    ids = [r.sheet_id for r in rows]
    names = [r.subject_name for r in rows]
    assert names == ["张芳1", "张娜2", "张敏3", "张静4"]

    done = cadres.record_approvals(session, actor, ids, "党员群众商议", "2026-01-05", "红星村党员群众大会", "同意", matter="年度工作目标和承诺事项")
    assert len(done) == 4
    assert _approval_count(session) == (4, 4)  # one audit row per cadre
    roster = cadres.round_roster(session, actor, rnd.id)
    assert {roster.states[f"m{m.id}"].steps["党员群众商议"] for m in village} == {
        "同意（2026-01-05 红星村党员群众大会）事项：年度工作目标和承诺事项"}

    # an exception afterwards, on its own: 张娜2's 商议 was 不同意
    cadres.record_approval(session, actor, ids[1], "党员群众商议", "2026-01-05", "红星村党员群众大会", "不同意",
                           "群众意见较大", matter="年度工作目标和承诺事项")
    assert _approval_count(session) == (4, 5)
    with pytest.raises(DomainError) as refused:
        cadres.record_approvals(session, actor, ids, "乡镇党委审议", "2026-01-08", "东城镇党委", "同意", matter="年度工作目标和承诺事项")
    assert str(refused.value) == ("4名村干部中有1名不能记录乡镇党委审议，本次均未记录："
                                  "“张娜2”：须先经党员群众商议同意，才能乡镇党委审议")
    assert _approval_count(session) == (4, 5)  # nothing written for the other three
    with pytest.raises(DomainError, match="“张芳1”：日期早于党员群众商议的日期2026-01-05；“张敏3”：日期早于"):
        cadres.record_approvals(session, actor, [ids[0], ids[2]], "乡镇党委审议", "2026-01-04", "东城镇党委", "同意", matter="年度工作目标和承诺事项")
    with pytest.raises(ValidationError, match="决定机关：必填"):
        cadres.record_approvals(session, actor, [ids[0], ids[2]], "乡镇党委审议", "2026-01-08", " ", "同意", matter="年度工作目标和承诺事项")
    with pytest.raises(ValidationError, match="说明：.*200"):
        cadres.record_approvals(session, actor, [ids[0], ids[2]], "乡镇党委审议", "2026-01-08", "东城镇党委", "同意",
                                "长" * 201, matter="年度工作目标和承诺事项")
    assert _approval_count(session) == (4, 5)

    ok = [ids[0], ids[2], ids[3]]
    cadres.record_approvals(session, actor, ok + [ids[0]], "乡镇党委审议", "2026-01-08", "东城镇党委", "同意", matter="年度工作目标和承诺事项")
    assert _approval_count(session) == (7, 8)  # 张芳1 given twice: recorded once
    assert ev.approval_gaps(session, ev.definition_of(rnd.scheme), ids) == {ids[1]: "党员群众商议不同意"}

    raters = {"乡镇党委考评": {"score": "90"}, "党员群众测评": {"votes": {"满意": 40}}}
    for sid in ok:
        ev.enter_scores(session, actor, sid, None, raters=raters)
    ev.set_status(session, actor, rnd.id, None, RoundStatus.REVIEWED)
    with pytest.raises(DomainError, match="“张芳1”：该评价处于“已审核”状态，不能再记录乡镇党委审议；“张敏3”"):
        cadres.record_approvals(session, actor, ok, "乡镇党委审议", "2026-01-09", "东城镇党委", "同意", matter="年度工作目标和承诺事项")
    assert _approval_count(session) == (7, 8)


def test_a_township_clerk_cannot_record_another_townships_cadre_in_a_batch(session, actor, county):
    ev.ensure_builtin_schemes(session, actor)
    east = add_members(session, actor, 2)
    west = add_members(session, actor, 1, org="中心小学党支部", start=20)
    for m in east + west:
        cadres.add_post(session, actor, m.id, "村党支部委员", "2021-05-01")
    rnd = cadres.open_cadre_round(session, actor, ev.find_scheme(session, "双评"), "2025",
                                  [county.village.id, county.school.id])
    sheet = {r.member_id: r.sheet_id for r in ev.sheet_rows(session, rnd.id)}
    clerk = Actor("西山乡", "乡镇办事员", county.west.id)
    with pytest.raises(PermissionDenied) as refused:
        cadres.record_approvals(session, clerk, [sheet[west[0].id], sheet[east[0].id], sheet[east[1].id]],
                                "党员群众商议", "2026-01-05", "村党员群众大会", "同意", matter="年度工作目标和承诺事项")
    assert str(refused.value) == ("账号“西山乡”只能处理本乡镇的数据，“中共东城镇红星村支部委员会”的村干部不在其范围内；"
                                  "本次3名村干部均未记录党员群众商议")
    assert east[0].name not in str(refused.value)  # who it is stays unsaid outside the township
    assert _approval_count(session) == (0, 0)  # not even the clerk's own cadre
    cadres.record_approvals(session, clerk, [sheet[west[0].id]], "党员群众商议", "2026-01-05", "中心小学党员大会",
                            "同意", matter="年度工作目标和承诺事项")
    assert _approval_count(session) == (1, 1)
    reader = Actor("领导", "只读")
    with pytest.raises(PermissionDenied):
        cadres.record_approvals(session, reader, [sheet[east[0].id]], "党员群众商议", "2026-01-05", "会议", "同意", matter="年度工作目标和承诺事项")


def test_the_command_line_records_one_meeting_for_several_cadres(sqlite_path, capsys, monkeypatch):
    """`cadres approve` takes several --id-number and --name values: all recorded (each named), or
    none when one is unknown or refused; one --id-number as before still works."""
    from desktop.cli import main
    from models.db import open_database
    from tests.factories import build_county

    db = open_database(sqlite_path)
    with db.session() as s:
        actor = Actor("测试员", Role.ADMIN)
        county = build_county(s, actor)
        ev.ensure_builtin_schemes(s, actor)
        members = add_members(s, actor, 4)
        for m in members:
            cadres.add_post(s, actor, m.id, "村委会委员", "2021-05-01")
        cadres.open_cadre_round(s, actor, ev.find_scheme(s, "双评"), "2025", [county.village.id])
        s.commit()
        numbers = [m.id_number for m in members]
    db.dispose()

    def run(*argv):
        capsys.readouterr()
        code = main(["--db", str(sqlite_path), "cadres", "approve", "--period", "2025", *argv])
        out = capsys.readouterr()
        return code, out.out + out.err

    def steps():
        """cadre's name → [(step, result)] as recorded."""
        db = open_database(sqlite_path)
        with db.session() as s:
            rid = ev.find_round(s, actor, "双评", "2025").id
            names = {r.sheet_id: r.subject_name for r in ev.sheet_rows(s, rid)}
            got = {names[sid]: [(a.step, a.outcome.value) for a in v.values()]
                   for sid, v in cadres.approvals(s, rid).items()}
        db.dispose()
        return got

    meeting = ["--date", "2026-01-05", "--body", "红星村党员群众大会", "--outcome", "同意", "--matter", "年度目标"]
    code, out = run("--id-number", numbers[0], numbers[1], "--name", "张敏3", "查无此人", "--step", "党员群众商议",
                    *meeting)
    assert code == 1 and "该评价中没有名为“查无此人”的村干部" in out and "未记录任何村干部的结果" in out
    assert steps() == {}
    code, out = run("--id-number", numbers[0], numbers[1], "--name", "张敏3", "--id-number", numbers[3],
                    "--step", "党员群众商议", *meeting)
    assert (code, out.splitlines()) == (0, [
        "已记录张芳1的党员群众商议：同意", "已记录张娜2的党员群众商议：同意", "已记录张敏3的党员群众商议：同意",
        "已记录张静4的党员群众商议：同意", "共4名村干部"])
    # an exception on its own, the old way: 张娜2 不同意
    code, out = run("--id-number", numbers[1], "--step", "党员群众商议", "--date", "2026-01-05", "--body",
                    "红星村党员群众大会", "--outcome", "不同意", "--note", "群众意见较大", "--matter", "年度目标")
    assert (code, out) == (0, "已记录张娜2的党员群众商议：不同意\n")
    审议 = ["--step", "乡镇党委审议", "--date", "2026-01-08", "--body", "东城镇党委", "--outcome", "同意",
          "--matter", "年度目标"]
    code, out = run("--name", "张芳1", "张娜2", "张敏3", *审议)
    assert code == 1 and out.strip() == ("3名村干部中有1名不能记录乡镇党委审议，本次均未记录："
                                         "“张娜2”：须先经党员群众商议同意，才能乡镇党委审议")
    assert steps()["张芳1"] == [("党员群众商议", "同意")]
    code, out = run("--name", "张芳1、张敏3", "张静4", *审议)  # 、 between names, as typed in Chinese
    assert code == 0 and out.splitlines()[-1] == "共3名村干部"
    assert steps() == {"张芳1": [("党员群众商议", "同意"), ("乡镇党委审议", "同意")],
                       "张娜2": [("党员群众商议", "不同意")],
                       "张敏3": [("党员群众商议", "同意"), ("乡镇党委审议", "同意")],
                       "张静4": [("党员群众商议", "同意"), ("乡镇党委审议", "同意")]}
    code, out = run(*审议)
    assert code == 2 and "请用 --id-number 或 --name 指定村干部" in out

    # 西山乡's clerk: 东城镇's cadres are not found by name, and refused by ID number (exit 3)
    import desktop.cli as cli

    west = Actor("西山乡", "乡镇办事员", county.west.id)
    monkeypatch.setattr(cli.Context, "actor", lambda self, session: west)
    code, out = run("--name", "张娜2", "--step", "党员群众商议", *meeting)
    assert code == 1 and "该评价中没有名为“张娜2”的村干部" in out
    code, out = run("--id-number", numbers[1], "--step", "党员群众商议", *meeting)
    assert code == 3 and "只能处理本乡镇的数据" in out and "张娜2" not in out
    assert steps()["张娜2"] == [("党员群众商议", "不同意")]
