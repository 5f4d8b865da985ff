"""Benchmarks of the letters, evaluations and reports (issues 5, 7 and 8), on the shared fixture."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from sqlalchemy import bindparam, select, update

from bench.benchmarks import ACTOR, Fixture, Measured, bench, measure, timed
from models.actor import SYSTEM
from models.db import open_database


@bench("letters: 100 letters rendered to PDF, one file each", 2.0)
def letters_pdf(fx: Fixture) -> Measured:
    from bench.letters_bench import sample_letters
    from reports.fonts import letter_fonts
    from reports.letter_pdf import render_letter

    letter_fonts()  # registered once per process, like the program does at its first letter
    docs = sample_letters(100)
    with tempfile.TemporaryDirectory() as folder, measure() as m:
        for k, doc in enumerate(docs):
            render_letter(doc, Path(folder) / f"{k:03d}.pdf")
    return m.result


def _round_db(fx: Fixture):
    """A copy of the 25,000-member county with a county-wide 民主评议党员 round for 2026."""
    if "round_db" not in fx.__dict__:
        from models.services import evaluation as ev
        from models.services.orgs import county_root

        db = open_database(fx.copy_of(fx.big_path, "round"))
        with db.session() as s, measure() as m:
            rnd = ev.open_round(s, ACTOR, ev.find_scheme(s, "民主评议党员"), "2026", county_root(s))
            s.commit()
        fx.__dict__["round_db"] = (db, rnd.id, m.result)
    return fx.__dict__["round_db"]


@bench("evaluations: open a county round (about 20,000 members)", 3.0)
def open_county_round(fx: Fixture) -> Measured:
    return _round_db(fx)[2]


@bench("evaluations: compute every result of that round", 2.0)
def compute_county_round(fx: Fixture) -> Measured:
    from models.evaluation import EvaluationSheet
    from models.services import evaluation as ev

    db, round_id, _ = _round_db(fx)
    rng = random.Random(5)
    with db.session() as s:  # every sheet gets its votes (set-up, not timed)
        ids = list(s.scalars(select(EvaluationSheet.id).where(EvaluationSheet.round_id == round_id)))
        sheets = EvaluationSheet.__table__  # Core: the mapper's version counter is not involved
        s.execute(update(sheets).where(sheets.c.id == bindparam("sid")).values(rater_results=bindparam("votes")), [
            {"sid": sid, "votes": json.dumps(
                {"党员互评": {"votes": {"优秀": rng.randint(0, 12), "合格": rng.randint(10, 25)}},
                 "群众评议": {"votes": {"优秀": rng.randint(0, 4), "合格": rng.randint(4, 8)}}},
                ensure_ascii=False, sort_keys=True)} for sid in ids])
        s.commit()
    with db.session() as s, measure() as m:
        ev.compute_round(s, ACTOR, round_id)
        s.commit()
    return m.result


@bench("reports: quarterly workbook of the demo county", 3.0)
def quarterly_workbook(fx: Fixture) -> Measured:
    from models.periods import quarter
    from reports import quarterly

    with fx.big.session() as s:
        return timed(lambda: quarterly.export_quarterly(
            s, SYSTEM, fx.path("quarterly.xlsx"), quarter("2026Q3"), "中共某某县委组织部", quarterly.SHEETS))


@bench("reports: monthly supervision report (PDF)", 2.0)
def monthly_report(fx: Fixture) -> Measured:
    from models.periods import month
    from reports.fonts import letter_fonts
    from reports.monthly_pdf import monthly_report_data, render_monthly

    letter_fonts()
    with fx.big.session() as s, measure() as m:
        render_monthly(monthly_report_data(s, SYSTEM, month("2026-10")), fx.path("monthly.pdf"))
    return m.result
