"""Test data for the 三函 cycle: a third township, tasks and problems."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from models.enums import OrgKind, Sector
from models.org import Organization
from models.services import supervision as sv
from models.services.orgs import create_org
from models.supervision import ProblemSource, Severity
from tests.factories import County


def add_north(session, actor, county: County) -> tuple[Organization, Organization]:
    """A third township (北关街道党工委) with a community branch."""
    north = create_org(session, actor, name="中共某某县北关街道工作委员会", short_name="北关街道党工委",
                       kind=OrgKind.WORK_COMMITTEE, sector=Sector.COMMUNITY, parent_id=county.root.id)
    branch = create_org(session, actor, name="中共北关街道南门社区支部委员会", short_name="南门社区党支部",
                        kind=OrgKind.BRANCH, sector=Sector.COMMUNITY, parent_id=north.id)
    return north, branch


def task(session, actor, month="2026-03", title="召开支部党员大会", scope_ids=None, **over):
    values = dict(month=month, title=title, content="学习传达县委全会精神",
                  requirements="会议记录完整，党员参会率不低于80%", due_on=date(2026, 3, 31),
                  archive="组织生活/党员大会")
    values.update(over)
    return sv.create_task(session, actor, scope_ids=scope_ids, **values)


def problem(session, actor, org, found_on=date(2026, 3, 10), category="组织生活",
            description="三会一课记录不全", severity=Severity.ORDINARY, **over):
    values = dict(org_id=org.id, found_on=found_on, source=ProblemSource.INSPECTION,
                  category=category, description=description, severity=severity)
    values.update(over)
    return sv.create_problem(session, actor, **values)


# ---------------------------------------------------------------- the PDF renderer, or a stand-in


@dataclass
class FakeTable:
    headers: list[str]
    rows: list[list[str]]
    col_widths_mm: list[float] | None = None


@dataclass
class FakeDoc:
    agency_name: str
    number: str
    title: str
    recipient: str
    paragraphs: list[str]
    table: FakeTable | None
    attachments: list[str]
    signature: str
    date: date
    copies: list[str] = field(default_factory=list)
    author: str = ""


def _draw(canvas, doc) -> None:
    canvas.drawString(72, 760, doc.number or "DRAFT")
    canvas.showPage()


def fake_pdf_module() -> types.ModuleType:
    """reports.letter_pdf's interface, drawing a plain page (until the real renderer is merged)."""
    from reportlab.pdfgen.canvas import Canvas

    mod = types.ModuleType("reports.letter_pdf")
    mod.LetterDoc, mod.LetterTable = FakeDoc, FakeTable

    def render_letter(doc, path):
        c = Canvas(str(path))
        _draw(c, doc)
        c.save()
        return Path(path)

    def render_letters(docs, path):
        c = Canvas(str(path))
        for doc in docs:
            _draw(c, doc)
        c.save()
        return Path(path)

    mod.render_letter, mod.render_letters = render_letter, render_letters
    return mod


@pytest.fixture
def letter_pdf(monkeypatch):
    """False with the real renderer in the tree, else True with a stand-in installed."""
    try:
        import reports.letter_pdf  # noqa: F401

        return False
    except ImportError:
        import reports

        fake = fake_pdf_module()
        monkeypatch.setitem(sys.modules, "reports.letter_pdf", fake)
        monkeypatch.setattr(reports, "letter_pdf", fake, raising=False)
        return True
