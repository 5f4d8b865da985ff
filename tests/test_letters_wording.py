"""Letters worded as sent (issue 26, docs/letters.md): the demo year's letters keep the timing rules,
and a letter's sentence and the deadlines it lists come from one computation."""

from __future__ import annotations

import random
import re
from datetime import date

from sqlalchemy import select

from models.demo.supervision import add_demo
from models.enums import OrgKind, Sector
from models.services import supervision as sv
from models.services.orgs import create_org
from models.supervision import Letter, LetterKind, LetterStatus
from reports.letters import PROBLEM_HEADERS, WARNING_HEADERS, letter_doc, table_rows
from tests.supervision_factories import problem, task

DAY = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _date(text: str) -> date:
    y, m, d = (int(x) for x in DAY.search(text).groups())
    return date(y, m, d)


def _asked_by(letter: Letter) -> date:
    """The date of the sentence “请于…前…报送”."""
    sentence = next(p for p in letter.paragraphs if "请于" in p or "前整改到位" in p)
    return _date(sentence[sentence.index("于"):])


def test_the_demo_years_letters_keep_the_timing_rules(sqlite_db, actor):
    from tests.factories import build_county

    with sqlite_db.session() as s:
        county = build_county(s, actor)
        for i in range(2):
            create_org(s, actor, name=f"中共西山乡第{i}村支部委员会", kind=OrgKind.BRANCH, sector=Sector.RURAL,
                       parent_id=county.west.id)
        add_demo(s, actor, random.Random(7), "small", date(2026, 11, 23))
        s.flush()
        letters = s.scalars(select(Letter).where(Letter.status != LetterStatus.VOID)).all()
        kinds = {k: [x for x in letters if x.kind == k] for k in LetterKind}
        assert all(kinds.values())
        for x in kinds[LetterKind.REMINDER]:
            latest = max(t.due_on for t in x.tasks if t.due_on)
            assert _asked_by(x) >= latest, (x.number, x.body)
            if x.number:
                assert x.reply_deadline == _asked_by(x)
        for x in kinds[LetterKind.SUPERVISION]:
            listed = [_date(row[-1]) for row in table_rows(x)[1]]
            assert _asked_by(x) == max(listed), (x.number, x.body)
            assert "近期督查中发现" in x.body and "……" not in x.body
        for x in kinds[LetterKind.WARNING]:
            issued = sv.planned_issue_date(x)
            said = _date(x.body[x.body.index("截至"):])
            assert said <= issued, (x.number, x.body)
            assert _asked_by(x) == sv.final_deadline(s, x)


def test_the_attachments_and_the_contact_line(session, actor, county):
    from models.settings import set_setting

    set_setting(session, "letter_contact", "王晓")
    set_setting(session, "letter_phone", "0912-5621234")
    set_setting(session, "letter_copies", "县委办公室")
    set_setting(session, "letter_copies_warning", "县纪委监委、县委督查室")
    task(session, actor)
    p = problem(session, actor, county.village, found_on=date(2026, 2, 27), description="党员档案缺失",
                source=sv.ProblemSource.PUBLIC)
    drafts = sv.draft_letters(session, actor, "2026-03", date(2026, 3, 20))
    sup = next(x for x in drafts if x.kind == LetterKind.SUPERVISION)
    headers, rows = table_rows(sup)
    assert headers == PROBLEM_HEADERS == ["序号", "党组织", "发现日期", "来源", "严重程度", "问题描述", "整改时限"]
    assert rows[0][2:6] == ["2026年2月27日", "群众反映", "一般", "党员档案缺失"]
    assert sup.copy_list == ["县委办公室"]
    assert letter_doc(session, sup).paragraphs[-1] == "（联系人：王晓，联系电话：0912-5621234）"
    sv.issue_letters(session, actor, [x.id for x in drafts], date(2026, 3, 20), reason="补录")
    warning = next(x for x in sv.draft_letters(session, actor, "2026-04", date(2026, 4, 8))
                   if x.kind == LetterKind.WARNING)
    assert warning.copy_list == ["县纪委监委", "县委督查室"]
    headers, rows = table_rows(warning)
    assert headers == WARNING_HEADERS
    assert rows[0][2:] == ["党员档案缺失", "某组督〔2026〕1号", "2026年4月4日"]
    assert p.deadline == date(2026, 4, 4)
