"""Evaluations (评星定级, 民主评议, 双评, 双议双评): schemes, rounds, sheets, rules, history, 限期改正.

One module per job, so a rule is found by its file name:

- common.py           what several modules share: the draft-only check, whether a count is sane,
                      the JSON of a sheet's entries
- definitions.py      a scheme's JSON checked and read into a `Definition` (items, rater groups,
                      bands, quotas, rules)
- scoring.py          pure scoring: totals, bands, entry checks, and the rounding rule of every scheme
- quotas.py           pure counting rules: levels against their quotas, member turnout, the public
                      raters' share of the membership
- periods.py          "2026", "2026H1", "2026Q3", "2026-10" to their first and last day
- schemes.py          schemes in the database: the built-in ones, finding, listing, copying, editing
- rounds.py           opening a round, the 开启评价 choices, finding and listing rounds, and their
                      course 草稿 → 已审核 → 公示中 → 已确定 (and back)
- approvals.py        双议双评: the approval steps a cadre's sheet needs before it can be entered
- entry.py            entering sheets: cleaning, one sheet or a workbook's many, overriding a level
- computing.py        totals and levels recomputed in bulk; the 积分制 ledger of 星级党员 quarters
- reading.py          a round's sheets as rows, its branches, the masked view, the refresh signature
- blocking.py         the warnings beside the grid, the rules that block 已确定, and the exception
                      a deciding body may record
- meetings.py         民主评议: each branch meeting (应到, 实到, public raters) the turnout rules read
- self_assessment.py  民主评议党员's 个人自评 and whether a grade waits for it (a setting)
- history.py          final levels of a member or an organization period by period
- veto.py             一票否决: an open 整顿 or an unrectified 督办/预警 problem caps a branch's 星级
- corrections.py      不合格 → 限期改正 and its outcome (改正, 除名, 劝退); what `dangjian check` reports

Every public name is re-exported here: `from models.services import evaluation as ev; ev.x`.
"""

from __future__ import annotations

from ...evaluation import FollowUpOutcome, PeriodKind
from .approvals import (
    approval_gaps,
    require_approvals,
)
from .blocking import (
    breaches_for,
    override_rules,
    round_breaches,
    round_warnings,
    warnings_for,
    without_self,
)
from .common import (
    count_problem,
    dump_json,
    first_ten,
    load_json,
    names_text,
    require_draft,
)
from .computing import (
    compute_round,
    is_ledger,
)
from .corrections import (
    UNQUALIFIED,
    FollowUpRow,
    followup_findings,
    followups,
    open_followups,
    resolve_followup,
)
from .definitions import (
    PERIODS,
    SUBJECTS,
    Band,
    Definition,
    Item,
    Quota,
    RaterGroup,
    definition_of,
    parse_definition,
)
from .entry import (
    clean_entry,
    enter_many,
    enter_scores,
    override_level,
)
from .history import (
    HistoryEntry,
    member_by_id_number,
    member_history,
    org_history,
)
from .meetings import (
    FIELDS as MEETING_FIELDS,
)
from .meetings import (
    Meeting,
    meeting_values,
    meetings_of,
    record_meeting,
    record_meetings,
)
from .periods import (
    openable_period,
    parse_period,
    period_year,
)
from .quotas import (
    BranchTally,
    quota_warnings,
    tally,
    turnout_warnings,
)
from .reading import (
    SheetRow,
    round_branches,
    round_sheets,
    round_signature,
    sheet_rows,
)
from .rounds import (
    TRANSITIONS,
    RoundChoices,
    find_round,
    list_rounds,
    lock_round,
    open_round,
    posting_end,
    reopen_round,
    review_refusal,
    round_choices,
    round_label,
    set_status,
    step_refusal,
)
from .schemes import (
    builtin_definitions,
    copy_scheme,
    ensure_builtin_schemes,
    find_scheme,
    has_locked_results,
    list_schemes,
    update_scheme,
)
from .scoring import (
    NOT_GRADED,
    SHOW,
    STORE,
    band_level,
    compute_total,
    display_score,
    entry_errors,
    group_raters,
    group_score,
    item_label,
    round_score,
    sheet_result,
)
from .self_assessment import (
    record_self_assessment,
    self_assessment_note,
    self_missing,
    self_required,
)
from .veto import (
    capped,
    round_veto,
    veto_lines,
    veto_reasons,
)

__all__ = [
    "count_problem",
    "names_text",
    "first_ten",
    "require_draft",
    "load_json",
    "dump_json",
    "SUBJECTS",
    "PERIODS",
    "Item",
    "RaterGroup",
    "Band",
    "Quota",
    "Definition",
    "parse_definition",
    "definition_of",
    "STORE",
    "SHOW",
    "NOT_GRADED",
    "round_score",
    "display_score",
    "group_score",
    "group_raters",
    "compute_total",
    "band_level",
    "sheet_result",
    "entry_errors",
    "item_label",
    "BranchTally",
    "tally",
    "quota_warnings",
    "turnout_warnings",
    "parse_period",
    "openable_period",
    "period_year",
    "builtin_definitions",
    "ensure_builtin_schemes",
    "find_scheme",
    "list_schemes",
    "has_locked_results",
    "copy_scheme",
    "update_scheme",
    "round_label",
    "RoundChoices",
    "round_choices",
    "open_round",
    "find_round",
    "list_rounds",
    "TRANSITIONS",
    "set_status",
    "posting_end",
    "lock_round",
    "reopen_round",
    "review_refusal",
    "step_refusal",
    "approval_gaps",
    "require_approvals",
    "clean_entry",
    "enter_scores",
    "enter_many",
    "override_level",
    "is_ledger",
    "compute_round",
    "SheetRow",
    "sheet_rows",
    "round_signature",
    "round_branches",
    "round_sheets",
    "round_warnings",
    "warnings_for",
    "breaches_for",
    "without_self",
    "round_breaches",
    "override_rules",
    "self_assessment_note",
    "record_self_assessment",
    "self_required",
    "self_missing",
    "Meeting",
    "MEETING_FIELDS",
    "meeting_values",
    "meetings_of",
    "record_meeting",
    "record_meetings",
    "HistoryEntry",
    "member_history",
    "member_by_id_number",
    "org_history",
    "UNQUALIFIED",
    "open_followups",
    "FollowUpRow",
    "followups",
    "resolve_followup",
    "followup_findings",
    "FollowUpOutcome",
    "PeriodKind",
    "veto_lines",
    "veto_reasons",
    "round_veto",
    "capped",
]
