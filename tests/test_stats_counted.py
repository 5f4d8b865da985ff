"""The quarterly workbook's counts are made by the database (GROUP BY) and the pairings' townships
in two statements: on the demo county they equal a count member by member, sheet by sheet and
party by party in Python, as the workbook counted before (docs/startup.md)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest
from sqlalchemy import select

from models.actor import Actor
from models.db import open_database
from models.demo import build_demo
from models.enums import Education, Gender
from models.evaluation import EvaluationRound, EvaluationScheme, EvaluationSheet, RoundStatus
from models.member import Member, Placement
from models.pairing import Household, PairingParty, PartySide
from models.periods import quarter
from models.rules import add_years
from models.services import stats
from models.services.orgs import ensure_county

ACTOR = Actor("演示员", "管理员")
PERIODS = ["2026Q2", "2026Q1", "2025Q4"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("stats") / "demo.sqlite3")
    with db.session() as s:
        ensure_county(s, ACTOR, None, None)
        build_demo(s, ACTOR, "small", 0, date(2026, 6, 30))
        s.commit()
    yield db
    db.dispose()


def plain(counts: stats.Counts, columns: set[str] | None = None) -> dict[int, dict[str, float]]:
    return {t: {k: v for k, v in c.items() if v and (columns is None or k in columns)} for t, c in counts.items()
            if any(v and (columns is None or k in columns) for k, v in c.items())}


MEMBER_COLUMNS = {"党员总数", "正式党员", "预备党员", "女党员", "少数民族党员", "大专及以上", "35岁及以下",
                  "本期发展党员", "流动党员", "失联党员"}


def members_counted_one_by_one(s, period) -> dict[int, dict[str, float]]:
    end, town = period.end, stats.township_index(s)
    counts: dict[int, Counter] = defaultdict(Counter)
    higher = {Education.POSTGRADUATE, Education.BACHELOR, Education.COLLEGE}
    for p in s.scalars(select(Placement)):
        m = s.get(Member, p.member_id)
        if not (p.start_on <= end and (p.end_on is None or p.end_on > end) and m.joined_on <= end
                and (m.ended_on is None or m.ended_on > end)) or town.get(p.org_id) is None:
            continue
        c = counts[town[p.org_id]]
        c["党员总数"] += 1
        c["正式党员" if m.full_on is not None and m.full_on <= end else "预备党员"] += 1
        c["女党员"] += m.gender == Gender.FEMALE
        c["少数民族党员"] += m.ethnicity != "汉族"
        c["大专及以上"] += m.education in higher
        c["35岁及以下"] += m.birth_date > add_years(end, -36)
        c["本期发展党员"] += period.start <= m.joined_on <= end
        c["流动党员"] += bool(m.floating)
        c["失联党员"] += bool(m.lost_contact)
    return plain({t: dict(c) for t, c in counts.items()})


def test_member_counts_per_township(demo):
    with demo.session() as s:
        for name in PERIODS:
            period = quarter(name)
            counted = plain(stats.org_member_counts(s, period), MEMBER_COLUMNS)
            assert counted and sum(c["党员总数"] for c in counted.values()) > 300
            assert counted == members_counted_one_by_one(s, period)


def sheets_counted_one_by_one(s, scheme: str, period) -> list[tuple[int, bool, str | None, str | None]]:
    rounds = [(r.id, r.period) for r in s.scalars(
        select(EvaluationRound).join(EvaluationScheme).where(EvaluationScheme.name == scheme,
                                                             EvaluationRound.status == RoundStatus.LOCKED))
        if int(r.period[:4]) <= period.end.year]
    newest = max((p for _i, p in rounds), default=None)
    return [(sh.org_id, sh.graded, sh.computed_level, sh.final_level) for sh in s.scalars(select(EvaluationSheet))
            if any(sh.round_id == i and p == newest for i, p in rounds)]


def test_stars_and_grades_per_township(demo):
    with demo.session() as s:
        town = stats.township_index(s)
        period = quarter("2026Q2")
        expected: dict[int, Counter] = defaultdict(Counter)
        for scheme, subject in (("星级党支部", "党支部"), ("星级党员", "党员")):
            sheets = sheets_counted_one_by_one(s, scheme, period)
            assert sheets, scheme
            for org_id, _graded, computed, final in sheets:
                if town.get(org_id) is None:
                    continue
                c, level = expected[town[org_id]], final or computed
                c[f"参评{subject}"] += 1
                if level in stats.STARS:
                    c[f"{stats.STAR_WORDS[stats.STARS.index(level)]}{subject}"] += 1
                elif level and subject == "党员":
                    c["不合格党员"] += 1
        assert plain(stats.star_counts(s, period)) == plain({t: dict(c) for t, c in expected.items()})
        grades: dict[int, Counter] = defaultdict(Counter)
        sheets = sheets_counted_one_by_one(s, "民主评议党员", period)
        assert sheets
        for org_id, graded, computed, final in sheets:
            if town.get(org_id) is None:
                continue
            c, level = grades[town[org_id]], final or computed
            c["参评党员"] += 1
            if not graded or level is None:
                c["不定等次"] += 1
            elif level in stats.GRADES:
                c[level] += 1
        assert plain(stats.grade_counts(s, period)) == plain({t: dict(c) for t, c in grades.items()})


def test_each_pairing_counts_for_the_township_of_its_first_leading_party(demo):
    with demo.session() as s:
        town = stats.township_index(s)
        expected: dict[int, int] = {}
        for pairing_id in sorted({p.pairing_id for p in s.scalars(select(PairingParty))}):
            parties = sorted((p for p in s.scalars(select(PairingParty).where(PairingParty.pairing_id == pairing_id))
                              if p.removed_at is None),
                             key=lambda p: (0 if p.side == PartySide.LEAD else 1, p.id))
            for p in parties:
                org = p.org_id or (s.get(Member, p.member_id).org_id if p.member_id else None) or (
                    s.get(Household, p.household_id).org_id if p.household_id else None)
                if town.get(org) is not None:
                    expected[pairing_id] = town[org]
                    break
        kinds = {("org" if p.org_id else "member" if p.member_id else "household")
                 for p in s.scalars(select(PairingParty))}
        assert len(expected) > 10 and kinds == {"org", "member", "household"}
        assert stats.pairing_owners(s) == expected
