"""The letter rules of docs/letters.md as pure functions in models/rules.py (no database)."""

from datetime import date

from models import rules


def test_a_supervision_letter_gives_the_later_of_the_own_deadline_and_issue_plus_days():
    assert rules.supervised_deadline(date(2026, 3, 20), date(2026, 3, 1), 15) == date(2026, 3, 20)
    assert rules.supervised_deadline(date(2026, 3, 10), date(2026, 3, 1), 15) == date(2026, 3, 16)
    assert rules.days_after(date(2026, 3, 1), 7) == date(2026, 3, 8)


def test_threshold_escalation_numbers_interviews_and_lights():
    assert rules.reaches_threshold(0, 1, (2, 1))
    assert not rules.reaches_threshold(1, 0, (2, 1))
    assert rules.escalates(date(2026, 3, 10), None, date(2026, 3, 11))
    assert not rules.escalates(date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 11))
    assert not rules.escalates(date(2026, 3, 11), None, date(2026, 3, 11))
    assert rules.letter_number("某组", "督", 2026, 12) == "某组督〔2026〕12号"
    assert rules.interview_due(2, 3) and not rules.interview_due(1, 3)
    assert rules.light(date(2026, 3, 10), False, date(2026, 3, 11)) == rules.Light.RED
    assert rules.light(date(2026, 3, 10), True, date(2026, 3, 11)) is None
