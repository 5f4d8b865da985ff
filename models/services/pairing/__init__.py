"""Paired assistance: pairings with their parties, households, activities, assessments, checks, totals.

One module per job, so a rule is found by its file name:

- parties.py     who may be paired with whom: party references, labels, the township scope of a pairing
- households.py  the households (户) that can be assisted
- pairings.py    creating, editing, ending and finding pairings (codes, names, review dates)
- activities.py  activities (帮扶活动) and yearly assessments of a pairing
- assessment.py  the yearly assessments read out (export, quarterly workbook), two failing years flagged
- summary.py     the counting rules: the pairing list with its totals and the per-township summary
- checks.py      what `dangjian check` reports: inactive pairings, reviews due, overloaded parties

Every public name is re-exported here: `from models.services import pairing as svc; svc.x`.
"""

from __future__ import annotations

from ...pairing import PartySide
from .activities import (
    activities_of,
    add_activities,
    add_activity,
    add_assessment,
    assessments_of,
    clean_activity,
)
from .assessment import (
    FAILING,
    AssessmentRow,
    assessment_counts,
    failing_twice,
    year_assessments,
)
from .checks import (
    INACTIVE_DAYS,
    pairing_findings,
    review_due,
)
from .households import (
    HOUSEHOLD_ENTITY,
    create_household,
    households,
    update_household,
)
from .pairings import (
    ENTITY,
    REVIEW_YEARS,
    add_years,
    close_pairing,
    create_pairing,
    find_pairing,
    next_code,
    update_pairing,
)
from .parties import (
    KIND_LABELS,
    PartyRef,
    derived_name,
    parties_of,
    party_labels,
    party_org_ids,
    require_pairing_scope,
    validate_parties,
)
from .summary import (
    CENT,
    ActivityStats,
    CurrentParty,
    PairingRow,
    Totals,
    TownshipRow,
    activity_stats,
    current_parties,
    exact_sum,
    fen_to_yuan,
    list_pairings,
    pairing_townships,
    party_paths,
    row_totals,
    totals,
    township_summary,
)

__all__ = [
    "FAILING",
    "AssessmentRow",
    "assessment_counts",
    "failing_twice",
    "year_assessments",
    "PartyRef",
    "KIND_LABELS",
    "party_org_ids",
    "party_labels",
    "parties_of",
    "require_pairing_scope",
    "derived_name",
    "validate_parties",
    "HOUSEHOLD_ENTITY",
    "create_household",
    "update_household",
    "households",
    "ENTITY",
    "REVIEW_YEARS",
    "add_years",
    "next_code",
    "create_pairing",
    "update_pairing",
    "close_pairing",
    "find_pairing",
    "clean_activity",
    "add_activity",
    "add_activities",
    "add_assessment",
    "activities_of",
    "assessments_of",
    "CENT",
    "exact_sum",
    "fen_to_yuan",
    "party_paths",
    "CurrentParty",
    "current_parties",
    "pairing_townships",
    "Totals",
    "ActivityStats",
    "activity_stats",
    "totals",
    "row_totals",
    "PairingRow",
    "list_pairings",
    "TownshipRow",
    "township_summary",
    "INACTIVE_DAYS",
    "pairing_findings",
    "review_due",
    "PartySide",
]
