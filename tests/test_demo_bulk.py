"""The demo county's records written in bulk (models/services/bulk.py) hold what the services would
have written: the same rows, the same audit rows in the same order, a hash chain that verifies."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, text

from models.actor import Actor
from models.audit import AuditEntry, verify_chain
from models.db import open_database
from models.enums import OrgKind, Sector
from models.org import Organization
from models.pairing import (
    Household,
    HouseholdCategory,
    Pairing,
    PairingActivity,
    PairingAssessment,
    PairingParty,
)
from models.services.bulk import Bulk
from models.services.orgs import create_org, ensure_county
from models.services.pairing import create_household, update_household
from models.task_receipt import ReceiptEvidence, TaskReceipt

ACTOR = Actor("演示员", "管理员")
#: what differs between two runs: the times
TIMES = {"at", "hash", "created_at", "updated_at"}


def _village(s) -> int:
    ensure_county(s, ACTOR, None, None)
    return create_org(s, ACTOR, name="中共某镇红旗村支部委员会", short_name="红旗村党支部",
                      kind=OrgKind.BRANCH, sector=Sector.RURAL, founded_on=date(2000, 1, 1)).id


def _written(s, table: str) -> list[dict]:
    rows = s.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings()
    return [{k: v for k, v in r.items() if k not in TIMES} for r in rows]


def test_bulk_writes_what_the_service_writes(tmp_path):
    """A household created, changed before it is written, and changed again once written: the same
    row and the same audit rows as create_household and update_household write."""
    by_service, in_bulk = open_database(tmp_path / "service.sqlite3"), open_database(tmp_path / "bulk.sqlite3")
    with by_service.session() as s:
        org = _village(s)
        h = create_household(s, ACTOR, "王建国", org, HouseholdCategory.POOR, "1组2号", note="演示数据")
        update_household(s, ACTOR, h.id, address="1组3号")
        update_household(s, ACTOR, h.id, address="2组1号", category=HouseholdCategory.POOR)
        s.commit()
        want = _written(s, "household"), _written(s, "audit_log")
    with in_bulk.session() as s:
        org = _village(s)
        bulk = Bulk(s, ACTOR)
        h_id = bulk.create(Household, "household", {"head_name": "王建国", "org_id": org,
                                                    "address": "1组2号", "note": "演示数据"})
        bulk.change(Household, h_id, "household", {"address": "1组3号"})
        bulk.write()
        bulk.update(Household, h_id, "household", {"address": "1组3号", "category": HouseholdCategory.POOR},
                    {"address": "2组1号", "category": HouseholdCategory.POOR})
        bulk.write()
        s.commit()
        got = _written(s, "household"), _written(s, "audit_log")
        faults, _seq, _hash = verify_chain(s.connection())
    assert got == want
    assert faults == []
    by_service.dispose()
    in_bulk.dispose()


def test_demo_records_written_in_bulk_have_their_audit_rows(tmp_path):
    from models.demo import build_demo
    from tests.test_demo import TODAY

    db = open_database(tmp_path / "demo.sqlite3")
    with db.session() as s:
        ensure_county(s, ACTOR, None, None)
        build_demo(s, ACTOR, "small", 0, TODAY)
        s.commit()
        for model, entity, action in ((Organization, "organization", "create"),
                                      (Household, "household", "create"), (Pairing, "pairing", "create"),
                                      (PairingParty, "pairing_party", "create"),
                                      (PairingActivity, "pairing_activity", "create"),
                                      (PairingAssessment, "pairing_assessment", "create"),
                                      (TaskReceipt, "task_receipt", "create"),
                                      (ReceiptEvidence, "receipt_evidence", "attach")):
            ids = s.scalars(select(model.id).order_by(model.id)).all()
            audited = s.scalars(select(AuditEntry.entity_id).where(
                AuditEntry.entity == entity, AuditEntry.action == action).order_by(AuditEntry.entity_id)).all()
            assert ids and audited == ids, entity
        paths = dict(s.execute(select(Organization.id, Organization.path)).all())
        parents = s.execute(select(Organization.id, Organization.parent_id)).all()
        assert all(paths[oid] == (paths[parent] if parent else "/") + f"{oid}/" for oid, parent in parents)
        confirmed = s.scalars(select(TaskReceipt.id).where(TaskReceipt.confirmed_at.is_not(None))
                              .order_by(TaskReceipt.id)).all()
        assert confirmed and s.scalars(select(AuditEntry.entity_id).where(
            AuditEntry.entity == "task_receipt", AuditEntry.action == "confirm")
            .order_by(AuditEntry.entity_id)).all() == confirmed
        assert s.scalar(select(TaskReceipt.version).where(TaskReceipt.id == confirmed[0])) == 2
        for action in ("transfer", "end"):
            assert s.scalars(select(AuditEntry.id).where(AuditEntry.entity == "member",
                                                         AuditEntry.action == action)).all()
        faults, seq, _hash = verify_chain(s.connection())
        assert faults == [] and seq == s.scalar(text("SELECT COUNT(*) FROM audit_log"))
    db.dispose()
