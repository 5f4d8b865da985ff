"""The demo year of the 三函 cycle: realistic counts, every letter numbered, the rules hold."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select

from models.demo.supervision import add_demo
from models.enums import OrgKind, Sector
from models.services import supervision as sv
from models.services.orgs import create_org
from models.supervision import Letter, LetterKind, LetterStatus, Problem


def test_a_small_demo_year(sqlite_db, actor):
    from tests.factories import build_county

    with sqlite_db.session() as s:
        county = build_county(s, actor)
        for i in range(2):
            create_org(s, actor, name=f"中共西山乡第{i}村支部委员会", kind=OrgKind.BRANCH, sector=Sector.RURAL,
                       parent_id=county.west.id)
        counts = add_demo(s, actor, random.Random(7), "small", date(2026, 11, 23))
        s.commit()
        assert counts["tasks"] >= 36 and 30 <= counts["problems"] <= 70
        problems = s.scalar(select(func.count()).select_from(Problem))
        assert problems == counts["problems"]
        assert len({c for (c,) in s.execute(select(Problem.category).distinct())}) >= 5
        letters = s.scalars(select(Letter)).all()
        assert all(x.status == LetterStatus.DRAFT or x.number for x in letters)
        reminders = [x for x in letters if x.kind == LetterKind.REMINDER]
        assert len(reminders) == 12 * 2  # two townships, twelve months
        assert any(x.kind == LetterKind.SUPERVISION for x in letters)
        assert {x.number for x in letters if x.kind == LetterKind.REMINDER and x.year == 2026} >= {
            "某组提〔2026〕1号", "某组提〔2026〕2号"}
        # the rules are satisfied: drafting again at the end creates nothing
        assert sv.draft_letters(s, actor, "2026-11", as_of=date(2026, 11, 23)) == []


def test_a_county_scale_year_keeps_the_letter_rules(sqlite_db, actor):
    """15 townships at county scale (the organizations only: the 三函 year is what is checked)."""
    from models.services.orgs import ensure_county

    with sqlite_db.session() as s:
        root = ensure_county(s, actor, "中共某某县委员会", "某组")
        for i in range(15):
            town = create_org(s, actor, name=f"中共某某县第{i}镇委员会", short_name=f"第{i}镇党委",
                              kind=OrgKind.COMMITTEE, sector=Sector.RURAL, parent_id=root.id)
            for j in range(4):
                create_org(s, actor, name=f"中共第{i}镇第{j}村支部委员会", short_name=f"第{i}镇{j}村党支部",
                           kind=OrgKind.BRANCH, sector=Sector.RURAL, parent_id=town.id)
        counts = add_demo(s, actor, random.Random(20261201), "county", date(2026, 11, 23))
        s.commit()
        # about 绥德's year: about 190 problems, about 45 督办函, most rectified
        assert 160 <= counts["problems"] <= 220
        letters = s.scalars(select(Letter)).all()
        supervision = [x for x in letters if x.kind == LetterKind.SUPERVISION and x.number]
        assert 36 <= len(supervision) <= 56
        assert counts["rectified"] >= 0.85 * counts["problems"]
        # no 督办函 prints a deadline on or before its issue date
        for x in supervision:
            assert all(p.deadline > x.issued_on for p in x.problems), x.number
        # no 预警函 follows its 督办函 by fewer days than the deadline gave; far fewer than 督办函
        warnings = [x for x in letters if x.kind == LetterKind.WARNING and x.number]
        assert len(warnings) <= len(supervision) // 3
        for w in warnings:
            followed = sv.supervision_letters_of(s, [p.id for p in w.problems])
            for p in w.problems:
                sup = followed[p.id]
                assert (w.issued_on - sup.issued_on).days > (p.deadline - sup.issued_on).days, w.number
                assert sup.number in w.body
