"""Masks that cannot be undone: where an account sees ID numbers masked (6 digits, 8 stars, the last
4: the stars hide exactly the birth date), no other column gives the birth date back, and phone
numbers are masked too. The test rebuilds every masked number from what each export and list shows
and counts the full numbers that fit."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from models import idcard
from models.actor import Actor
from models.roles import Role
from models.services import access
from models.services.members import R_BIRTH, R_ID_NUMBER, R_PHONE, create_member, roster_rows
from reports.roster import MEMBER_HEADERS, export_members
from tests.factories import member_values

MASKED = re.compile(r"^(\d{6})\*{8}(\d{3}[0-9X])$")


def candidates(masked: str, birth_shown: object) -> list[str]:
    """Every valid 18-character number that shows as `masked` beside `birth_shown`."""
    m = MASKED.match(masked)
    assert m, masked
    if isinstance(birth_shown, date | str) and re.fullmatch(r"\d{4}-\d\d-\d\d", str(birth_shown)[:10]):
        days = [date.fromisoformat(str(birth_shown)[:10])]  # the full date shown: rebuilds at once
    else:
        year = int(re.match(r"(\d{4})", str(birth_shown)).group(1))
        days = [date(year, 1, 1) + timedelta(i) for i in range(366 if year % 4 == 0 else 365)]
    found = []
    for d in days:
        head = m.group(1) + d.strftime("%Y%m%d") + m.group(2)[:3]
        if idcard.check_char(head) == m.group(2)[3]:
            found.append(head + m.group(2)[3])
    return found


@pytest.fixture
def members(session, actor, county):
    for n in range(1, 41):
        create_member(session, actor, member_values(n))
    session.flush()
    return county


@pytest.mark.parametrize("role", [Role.TOWNSHIP_CLERK, Role.READ_ONLY])
def test_no_masked_export_rebuilds_a_number(session, members, tmp_path, role):
    who = Actor("看名册", role, members.east.id if role == Role.TOWNSHIP_CLERK else None)
    out = tmp_path / "roster.xlsx"
    assert export_members(session, who, out) == 40
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    col = {h: header.index(h) for h in MEMBER_HEADERS}
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(rows) == 40
    for r in rows:
        number, born, phone = r[col["公民身份号码"]], r[col["出生日期"]], r[col["联系电话"]]
        assert re.fullmatch(r"\d{4}年", str(born)), born  # the year only
        assert len(candidates(number, born)) >= 30, (number, born)
        assert re.fullmatch(r"1\d\d\*{4}\d{4}", phone), phone


def test_the_roster_list_masks_together(session, members):
    clerk = Actor("东城镇", Role.TOWNSHIP_CLERK, members.east.id)
    rows = roster_rows(session, clerk)
    assert rows
    for row in rows:
        assert len(candidates(row[R_ID_NUMBER], row[R_BIRTH])) >= 30
        assert "****" in row[R_PHONE]


def test_accounts_that_see_numbers_see_everything(session, members, tmp_path, actor):
    rows = roster_rows(session, actor)
    assert idcard.is_valid(rows[0][R_ID_NUMBER]) and isinstance(rows[0][R_BIRTH], date)
    assert access.shown_value(actor, "phone", "13812345678") == "13812345678"
    # the candidates counted above are what a masked number leaves open; a full date would leave one
    full = rows[0][R_ID_NUMBER]
    assert candidates(idcard.masked(full), rows[0][R_BIRTH]) == [full]
