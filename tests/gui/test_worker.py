"""The one background runner (desktop/worker.py): cancel really cancels, quitting waits."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from models.org import Organization


def _folder(tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    return out


def _orgs(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Organization))


def test_a_cancelled_export_writes_no_file(ctx, gui_db, tmp_path):
    tmp_path = _folder(tmp_path)
    """Cancelled before the work ends (here: before it starts): no workbook, no leftover."""
    from desktop import exports, worker
    from models.periods import quarter

    out = tmp_path / "q3.xlsx"
    task = worker.Task(ctx, exports.quarterly_work(quarter("2026Q3"), out))
    ended = []
    task.cancelled.connect(lambda: ended.append("cancelled"))
    task.cancel()
    task.run()  # the pool thread's body, here on the test's thread
    assert ended == ["cancelled"]
    assert list(tmp_path.iterdir()) == []


def test_an_uncancelled_export_is_moved_into_place(ctx, gui_db, tmp_path):
    tmp_path = _folder(tmp_path)
    from desktop import exports, worker
    from models.periods import quarter

    out = tmp_path / "q3.xlsx"
    task = worker.Task(ctx, exports.quarterly_work(quarter("2026Q3"), out))
    results = []
    task.done.connect(results.append)
    task.run()
    assert results == [out] and [p.name for p in tmp_path.iterdir()] == ["q3.xlsx"]


def test_cancel_during_the_work_rolls_back_and_discards_the_file(ctx, gui_db, tmp_path, qtbot):
    tmp_path = _folder(tmp_path)
    from desktop import worker
    from models.enums import OrgKind, Sector
    from models.services.orgs import county_root, create_org

    before = _orgs(gui_db)
    started, go_on = threading.Event(), threading.Event()

    def work(session, actor, progress):
        create_org(session, actor, name="中共临时支部委员会", kind=OrgKind.BRANCH, sector=Sector.RURAL,
                   parent_id=county_root(session).id)
        progress.output(tmp_path / "out.txt").write_text("半成品", encoding="utf-8")
        started.set()
        go_on.wait(10)
        return "done"

    task = worker.start(ctx, work, None, "测试", show_progress=False)
    assert started.wait(10)
    task.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: not task.running, timeout=10000)
    assert task.result is None
    assert _orgs(gui_db) == before  # rolled back
    assert list(tmp_path.iterdir()) == []  # no file, no temporary


def test_quitting_waits_for_running_tasks(ctx, qtbot):
    from desktop import worker

    release, finished = threading.Event(), []

    def work(session, actor, progress):
        release.wait(10)
        finished.append(True)

    task = worker.start(ctx, work, None, "测试", show_progress=False)
    threading.Timer(0.2, release.set).start()
    assert worker.wait_all(20000)
    assert finished == [True]
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
