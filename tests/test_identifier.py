"""Issue 17: one normalisation of every identifier (NFKC, Unicode digits, spaces) on every path."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import idcard, values
from models.errors import ValidationError
from models.services import members as ms
from tests.factories import build_county, member_values

#: the ways a digit may be typed: ASCII, full-width, Arabic-Indic, Devanagari, mathematical bold
DIGIT_FORMS = [0x30, 0xFF10, 0x0660, 0x0966, 0x1D7CE]
SPACES = ["", " ", "\u3000", "\u00a0", "\t", "\u200b"]


@st.composite
def typed_as(draw, ascii_text: str) -> str:
    """`ascii_text` (digits and X) as a clerk might have typed or pasted it."""
    out = []
    for ch in ascii_text:
        if ch.isdigit():
            out.append(chr(draw(st.sampled_from(DIGIT_FORMS)) + int(ch)))
        else:
            out.append(draw(st.sampled_from(["X", "x", "Ｘ", "ｘ"])))
        out.append(draw(st.sampled_from(SPACES)))
    return draw(st.sampled_from(SPACES)) + "".join(out)


@given(st.text())
def test_normalising_twice_changes_nothing(s):
    once = values.identifier(s)
    assert values.identifier(once) == once


@given(st.text())
def test_no_whitespace_survives(s):
    assert not any(ch.isspace() for ch in values.identifier(s))


@given(st.text())
def test_every_decimal_digit_comes_out_ascii(s):
    out = values.identifier(s)
    assert all(ch.isascii() for ch in out if ch.isdecimal())


@given(st.data(), st.text(alphabet="0123456789X", min_size=1, max_size=20))
def test_any_way_of_typing_gives_the_ascii_text(data, ascii_text):
    assert values.identifier(data.draw(typed_as(ascii_text))) == ascii_text


@settings(max_examples=200)
@given(st.data(), st.dates(min_value=date(1930, 1, 1), max_value=date(2005, 12, 31)),
       st.integers(0, 499), st.booleans())
def test_a_valid_id_number_typed_full_width_passes_and_is_the_same(data, birth, serial, male):
    number = idcard.make("110105", birth, serial, male)
    typed = data.draw(typed_as(number))
    assert idcard.validate(typed) == number
    assert values.digits(typed, "公民身份号码") == number


def test_full_width_id_number_with_the_right_check_digit():
    assert idcard.validate("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"
    assert idcard.validate("110105 19491231 002X") == "11010519491231002X"


# ---------------------------------------------------------------- through the services


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def test_an_existing_members_id_written_full_width_is_the_same_member(session, actor):
    build_county(session, actor)
    m = ms.create_member(session, actor, member_values(5))
    session.commit()
    wide = _full_width(m.id_number)
    with pytest.raises(ValidationError, match="公民身份号码：与现有党员重复"):
        ms.create_member(session, actor, member_values(6, id_number=wide))
    hits = ms.search_members(session, actor, _full_width(m.id_number[-6:]))
    assert [h.id for h in hits] == [m.id]
    other = ms.create_member(session, actor, member_values(7, id_number=_full_width(member_values(7)["id_number"]),
                                                       phone="１３８ ０００１ ２３４５"))
    assert other.id_number == member_values(7)["id_number"] and other.phone == "13800012345"


def test_import_matches_a_full_width_id_against_existing_members(db, actor, tmp_path):
    from openpyxl import Workbook

    from reports.imports import run_import
    from reports.roster import MEMBER_HEADERS, MEMBER_IMPORTER
    from tests.test_import_members import row_of

    with db.session() as s:
        build_county(s, actor)
        ms.create_member(s, actor, member_values(5))
        s.commit()
    wb = Workbook()
    wb.active.append(MEMBER_HEADERS)
    wb.active.append(row_of(member_values(9, id_number=_full_width(member_values(5)["id_number"]))))
    wb.active.append(row_of(member_values(10, id_number=_full_width(member_values(10)["id_number"]))))
    wb.save(tmp_path / "m.xlsx")
    with db.session() as s:
        result = run_import(s, actor, MEMBER_IMPORTER, tmp_path / "m.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(2, "公民身份号码")]
    assert "重复" in result.errors[0].reason and not result.written


def test_phones_are_normalised_for_organizations_too(session, actor):
    from models.services import orgs

    county = build_county(session, actor)
    org = orgs.create_org(session, actor, name="新设支部", kind=county.village.kind, parent_id=county.east.id,
                          phone="０４７１　６２３４５６７")
    assert org.phone == "04716234567"
    orgs.update_org(session, actor, org.id, phone="１３９ １２３４ ５６７８")
    assert org.phone == "13912345678"
