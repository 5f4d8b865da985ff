"""The demo county's task receipts (docs/task-receipts.md): most townships report most tasks by their
完成时限, a few late or not at all; some receipts carry a photo; the county confirms most of the past
months'. Runs after the supervision year, with its own random numbers (the year's data stays as it was).
Written in bulk (services/bulk.py) with the audit rows `report_task` and `confirm_receipt` write."""

from __future__ import annotations

import random
import struct
import zlib
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..services import supervision as sv
from ..services.bulk import Bulk
from ..services.orgs import townships
from ..services.supervision.receipts import EVIDENCE, RECEIPT
from ..supervision import MonthTask
from ..task_receipt import ReceiptEvidence, ReceiptStatus, TaskReceipt

NOTES = {
    "完成": ["已按要求完成，资料已归档", "按时召开，记录完整", "已完成并公示"],
    "部分完成": ["部分村（社区）尚未完成，月底前补齐", "资料正在整理，下周报送"],
    "未完成": ["因防汛工作推迟，下月完成", "书记外出学习，延期召开"],
}


def _photo(rng: random.Random) -> bytes:
    """A small PNG of one colour: the stand-in for a meeting photo."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    colour = bytes(rng.randrange(256) for _ in range(3))
    raw = b"".join(b"\x00" + colour * 16 for _ in range(16))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def add_demo(session: Session, actor: Actor, rng: random.Random, scale: str, today: date) -> dict[str, int]:
    rng = random.Random(hash(rng.getstate()))  # not drawn from the shared sequence
    towns = townships(session)
    tasks = session.scalars(select(MonthTask).where(MonthTask.withdrawn.is_(False), MonthTask.due_on.is_not(None))
                            .order_by(MonthTask.id)).all()
    count = 0
    bulk = Bulk(session, actor)
    for task in tasks:
        year, month = (int(x) for x in task.month.split("-"))
        started = date(year, month, 1)
        for town in sv.task_townships(task, towns):
            late = rng.random() < 0.08
            if rng.random() < 0.06:
                continue  # never reported
            on = task.due_on + timedelta(days=rng.randint(1, 6)) if late else (
                task.due_on - timedelta(days=rng.randint(0, 12)))
            on = max(on, started)
            if on > today:
                continue  # not yet
            status = rng.choices(["完成", "部分完成", "未完成"], weights=[85, 11, 4])[0]
            files = ([sv.check_evidence(f"{task.title}-{town.short_name or town.name}.png", _photo(rng))]
                     if rng.random() < 0.3 else [])
            receipt = bulk.create(TaskReceipt, RECEIPT, {  # as report_task writes it
                "task_id": task.id, "org_id": town.id, "status": ReceiptStatus(status), "reported_on": on,
                "note": rng.choice(NOTES[status]), "reported_by": actor.name})
            for f in files:  # add_evidence
                evidence = bulk.add(ReceiptEvidence, {
                    "receipt_id": receipt, "name": f.name, "kind": f.kind, "size": f.size, "sha256": f.sha256,
                    "content": f.content, "added_by": actor.name})
                bulk.audit("attach", EVIDENCE, evidence, {
                    "receipt_id": [None, receipt], "name": [None, f.name], "kind": [None, f.kind],
                    "size": [None, f.size], "sha256": [None, f.sha256]})
            if task.due_on < today - timedelta(days=10) and rng.random() < 0.7:  # confirm_receipt
                bulk.change(TaskReceipt, receipt, RECEIPT, {"confirmed_by": actor.name,
                                                               "confirmed_at": bulk.now}, "confirm")
            count += 1
    bulk.write()
    return {"receipts": count}
