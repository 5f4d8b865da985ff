"""Duties, not one WRITE permission: the supervised township reports its progress and replies, the
county records, closes, withdraws and changes findings; letters carry dates they can stand by."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import operations
from models.actor import Actor
from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied, ValidationError
from models.roles import GRANTS, Permission, Role
from models.services import supervision as sv
from models.supervision import LetterKind, ProblemStatus, Severity
from tests.supervision_factories import problem

MARCH = "2026-03"


def clerk_of(county) -> Actor:
    return Actor("东城镇办事员", Role.TOWNSHIP_CLERK, county.east.id)


def supervised(session, actor, county):
    """A problem of 东城镇 listed in an issued 督办函 (issued 2026-03-12, entered later with a reason)."""
    p = problem(session, actor, county.village, found_on=date(2026, 3, 10))
    drafts = sv.draft_letters(session, actor, MARCH, as_of=date(2026, 3, 11))
    sv.issue_letters(session, actor, [x.id for x in drafts], on=date(2026, 3, 12), reason="补录三月函件")
    return p


def test_the_supervised_township_cannot_close_withdraw_or_change_its_finding(session, actor, county):
    p = supervised(session, actor, county)
    clerk = clerk_of(county)
    before = (p.status, p.severity, p.deadline, p.withdrawn_on)
    with pytest.raises(PermissionDenied, match="验收销号"):
        sv.close_problem(session, clerk, p.id, report="已整改", verifier="东城镇办事员")
    with pytest.raises(PermissionDenied, match="撤销或修改督查问题"):
        sv.withdraw_problem(session, clerk, p.id, reason="不认可")
    with pytest.raises(PermissionDenied, match="撤销或修改督查问题"):
        sv.update_problem(session, clerk, p.id, reason="想延期", deadline=p.deadline + timedelta(days=90))
    with pytest.raises(PermissionDenied, match="撤销或修改督查问题"):
        sv.update_problem(session, clerk, p.id, reason="降级", severity=Severity.ORDINARY)
    session.refresh(p)
    assert (p.status, p.severity, p.deadline, p.withdrawn_on) == before
    # what the township may do: report its progress up to 待验收 and reply to the letter
    sv.move_problem(session, clerk, p.id, ProblemStatus.IN_PROGRESS)
    sv.move_problem(session, clerk, p.id, ProblemStatus.AWAITING, report="已补齐会议记录")
    with pytest.raises(PermissionDenied, match="验收销号"):  # sending it back is the county's 验收
        sv.move_problem(session, clerk, p.id, ProblemStatus.IN_PROGRESS)
    (letter,) = sv.letters_of(session, clerk, month=MARCH)
    sv.record_reply(session, clerk, letter.id, date(2026, 3, 20), "已按要求整改")
    assert letter.reply_text == "已按要求整改"
    # and the county accepts it
    sv.close_problem(session, actor, p.id, report="已补齐会议记录", verifier="县委组织部李明", on=date(2026, 3, 25))
    assert p.status == ProblemStatus.CLOSED


def test_a_township_cannot_reply_for_another_township(session, actor, county):
    supervised(session, actor, county)
    west = Actor("西山乡办事员", Role.TOWNSHIP_CLERK, county.west.id)
    (letter,) = sv.letters_of(session, actor, month=MARCH)
    with pytest.raises(PermissionDenied, match="只能处理本乡镇"):
        sv.record_reply(session, west, letter.id, date(2026, 3, 20), "代为反馈")


def test_after_a_supervision_letter_severity_and_deadline_change_only_with_a_reason(session, actor, county):
    p = supervised(session, actor, county)
    later = p.deadline + timedelta(days=10)
    with pytest.raises(ValidationError, match="调整原因"):
        sv.update_problem(session, actor, p.id, deadline=later)
    with pytest.raises(DomainError, match="不能再修改问题的党组织"):
        sv.update_problem(session, actor, p.id, reason="改描述", description="另一个描述")
    sv.update_problem(session, actor, p.id, reason="涉及换届，经部务会同意延期", deadline=later)
    assert p.deadline == later
    row = session.scalars(select(AuditEntry).where(AuditEntry.entity == "problem", AuditEntry.action == "adjust")).one()
    assert row.note == "涉及换届，经部务会同意延期" and row.account == actor.name


def test_issue_dates(session, actor, county):
    problem(session, actor, county.village, found_on=date(2026, 3, 10))
    (draft,) = sv.draft_letters(session, actor, MARCH, as_of=date(2026, 3, 11))
    today = date(2026, 3, 20)
    with pytest.raises(DomainError, match="晚于今天"):
        sv.issue_letters(session, actor, [draft.id], on=today + timedelta(days=1), today=today)
    with pytest.raises(ValidationError, match="补签原因"):
        sv.issue_letters(session, actor, [draft.id], on=date(2026, 3, 15), today=today)
    with pytest.raises(DomainError, match="发现于2026年3月10日"):
        sv.issue_letters(session, actor, [draft.id], on=date(2026, 3, 9), reason="补录", today=today)
    (letter,) = sv.issue_letters(session, actor, [draft.id], on=date(2026, 3, 15), reason="补录三月函件", today=today)
    assert letter.issued_on == date(2026, 3, 15)
    row = session.scalars(select(AuditEntry).where(AuditEntry.entity == "letter", AuditEntry.action == "issue")).one()
    assert row.note == "补签：补录三月函件"
    # numbers follow dates: a second 督办函 cannot be dated before the first
    problem(session, actor, county.school, found_on=date(2026, 3, 10), description="西山问题")
    second = [x for x in sv.draft_letters(session, actor, MARCH, as_of=date(2026, 3, 11))
              if x.kind == LetterKind.SUPERVISION and x.status.value == "草稿"]
    with pytest.raises(DomainError, match="最晚签发于2026年3月15日"):
        sv.issue_letters(session, actor, [second[0].id], on=date(2026, 3, 14), reason="补录", today=today)
    # the default is today, no reason needed
    (again,) = sv.issue_letters(session, actor, [second[0].id], today=today)
    assert again.issued_on == today


def test_a_draft_with_a_future_as_of_waits_for_it(session, actor, county):
    problem(session, actor, county.village, found_on=date(2026, 3, 10))
    (draft,) = sv.draft_letters(session, actor, MARCH, as_of=date(2026, 3, 31))
    with pytest.raises(DomainError, match="按截至2026年3月31日起草"):
        sv.issue_letters(session, actor, [draft.id], today=date(2026, 3, 20))


def test_every_operation_names_its_missing_duty():
    clerk = Actor("乡镇", Role.TOWNSHIP_CLERK, 2)
    reader = Actor("领导", Role.READ_ONLY)
    county = Actor("县里", Role.COUNTY_CLERK)
    for name, op in operations.OPERATIONS.items():
        for who in (clerk, reader, county):
            why = operations.refusal(who, name)
            role_has = op.duty is None or op.duty in GRANTS[who.role]
            if not role_has:
                assert why and op.duty.value in why, (name, who.role, why)
    assert operations.refusal(county, "backup") and operations.refusal(county, "restore")
    assert operations.refusal(Actor("管", Role.ADMIN), "backup") is None
    assert Permission.BACKUP_RESTORE not in GRANTS[Role.COUNTY_CLERK]


def test_a_pairing_across_townships_is_the_countys(session, actor, county):
    from models.services.pairing import PartyRef, close_pairing, create_pairing

    clerk = clerk_of(county)
    with pytest.raises(PermissionDenied, match="管理跨乡镇结对"):
        create_pairing(session, clerk, type="村居联建", name="跨乡镇联建", start_on=date(2025, 1, 1),
                       leads=[PartyRef("org", county.community.id)], assisted=[PartyRef("org", county.school.id)])
    cross = create_pairing(session, actor, type="村居联建", name="跨乡镇联建", start_on=date(2025, 1, 1),
                           leads=[PartyRef("org", county.community.id)],
                           assisted=[PartyRef("org", county.school.id)])
    with pytest.raises(PermissionDenied, match="管理跨乡镇结对"):
        close_pairing(session, clerk, cross.id, date(2026, 3, 1), terminate=True)
    assert cross.status.value == "进行中"
    own = create_pairing(session, clerk, type="城乡联建", name="东城结对", start_on=date(2025, 1, 1),
                         leads=[PartyRef("org", county.community.id)], assisted=[PartyRef("org", county.village.id)])
    close_pairing(session, clerk, own.id, date(2026, 3, 1))
    assert own.status.value == "已结束"


def _cli(db_path, who: Actor, monkeypatch, capsys, *argv) -> tuple[int, str]:
    import desktop.cli as cli

    monkeypatch.setattr(cli.Context, "actor", lambda self, session: who)
    capsys.readouterr()
    code = cli.main(["--db", str(db_path), *argv])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_township_clerk_on_the_command_line(sqlite_path, monkeypatch, capsys, tmp_path):
    """As a 乡镇办事员 with the command line: each county duty refused with exit 3 naming it, nothing
    written; reporting progress and a reply for their own township works."""
    from models.db import open_database
    from models.services.pairing import PartyRef, create_pairing
    from tests.factories import build_county

    admin = Actor("管理员", Role.ADMIN)
    db = open_database(sqlite_path)
    with db.transaction() as s:
        county = build_county(s, admin)
        p = supervised(s, admin, county)
        create_pairing(s, admin, type="村居联建", name="跨乡镇联建", start_on=date(2025, 1, 1),
                       leads=[PartyRef("org", county.community.id)], assisted=[PartyRef("org", county.school.id)])
        pid, clerk = p.id, clerk_of(county)
        (letter,) = sv.letters_of(s, admin, month=MARCH)
        lid = letter.id
    db.dispose()

    def state() -> tuple:
        import sqlite3

        con = sqlite3.connect(sqlite_path)
        try:
            return (con.execute("select count(*), max(id) from audit_log").fetchone(),
                    con.execute("select status, severity, deadline, withdrawn_on from problem").fetchall(),
                    con.execute("select status from pairing").fetchall(),
                    con.execute("select key, value from setting").fetchall())
        finally:
            con.close()

    before = state()
    refused = [
        (("problem", "close", "--id", str(pid), "--report", "已整改", "--verifier", "自己"), "验收销号"),
        (("problem", "withdraw", "--id", str(pid), "--reason", "不认可"), "撤销或修改督查问题"),
        (("problem", "edit", "--id", str(pid), "--severity", "一般", "--reason", "降级"), "撤销或修改督查问题"),
        (("problem", "edit", "--id", str(pid), "--deadline", "2026-12-31", "--reason", "延期"), "撤销或修改督查问题"),
        (("pairing", "end", "跨乡镇联建", "--terminate"), "管理跨乡镇结对"),
        (("backup", "--out", str(tmp_path / "copy.sqlite3")), "备份和恢复数据库"),
        (("settings", "set", "letter_reply_days", "30"), "修改系统设置"),
    ]
    for argv, duty in refused:
        code, text = _cli(sqlite_path, clerk, monkeypatch, capsys, *argv)
        assert code == 3, (argv, code, text)
        assert duty in text, (argv, text)
    assert state() == before
    assert not (tmp_path / "copy.sqlite3").exists()
    code, text = _cli(sqlite_path, clerk, monkeypatch, capsys, "problem", "status", "--id", str(pid), "--to", "整改中")
    assert code == 0, text
    code, text = _cli(sqlite_path, clerk, monkeypatch, capsys, "letters", "reply", "--id", str(lid),
                      "--date", "2026-03-20", "--text", "已按要求整改")
    assert code == 0, text
