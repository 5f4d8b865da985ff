"""Two processes issuing 50 letters each at once get 100 distinct numbers without gaps."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import select

from models.actor import Actor
from models.db import open_database
from models.supervision import Letter, LetterKind, LetterStatus
from tests.conftest import ROOT, pg_create_database, pg_drop_database, pg_unavailable, pg_url
from tests.factories import build_county
from tests.supervision_factories import problem

WORKER = """
import sys
from datetime import date
from models.actor import Actor
from models.db import open_database
from models.services.supervision import issue_letters

db = open_database(sys.argv[1])
actor = Actor("签发员" + sys.argv[2], "管理员")
for letter_id in map(int, sys.argv[3].split(",")):
    with db.session() as session:
        issue_letters(session, actor, [letter_id], on=date(2026, 5, 6), reason="补录")
        session.commit()
db.dispose()
print("done")
"""


def _prepare(target: str) -> list[int]:
    db = open_database(target)
    actor = Actor("测试员", "管理员")
    with db.session() as s:
        county = build_county(s, actor)
        p = problem(s, actor, county.village, found_on=date(2026, 5, 2))
        ids = []
        for i in range(100):
            letter = Letter(kind=LetterKind.SUPERVISION, month="2026-05", recipient_id=county.east.id,
                            title=f"督办函{i}", body="请整改。", status=LetterStatus.DRAFT)
            letter.problems = [p]
            s.add(letter)
            s.flush()
            ids.append(letter.id)
        s.commit()
    db.dispose()
    return ids


def _race(target: str) -> None:
    ids = _prepare(target)
    halves = [ids[0::2], ids[1::2]]  # interleaved, so the two processes really alternate
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, target, str(n), ",".join(map(str, half))],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n, half in enumerate(halves)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-3000:]
        assert out.strip() == "done"
    db = open_database(target)
    with db.session() as s:
        rows = s.execute(select(Letter.seq, Letter.number, Letter.status)).all()
    db.dispose()
    assert all(status == LetterStatus.ISSUED for _, _, status in rows)
    assert sorted(seq for seq, _, _ in rows) == list(range(1, 101))
    numbers = {number for _, number, _ in rows}
    assert len(numbers) == 100
    assert "某组督〔2026〕1号" in numbers and "某组督〔2026〕100号" in numbers


@pytest.mark.slow
def test_two_processes_issue_100_distinct_numbers_on_sqlite(sqlite_path):
    _race(str(sqlite_path))


@pytest.mark.slow
@pytest.mark.postgres
def test_two_processes_issue_100_distinct_numbers_on_postgresql():
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    name = pg_create_database()
    try:
        _race(pg_url(name))
    finally:
        pg_drop_database(name)
