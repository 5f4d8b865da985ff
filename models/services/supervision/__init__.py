"""The 三函 supervision cycle: tasks, problems and their rectification, letters from draft to 办结.

One module per job, so a rule is found by its file name:

- common.py     audit entity names, settings read as numbers, month and date wording, who may write
- deadlines.py  整改时限 defaults, the deadline a 督办函 gives, the 督办函 threshold, traffic lights
                (the pure rules themselves are in models/rules.py)
- tasks.py      month tasks (月度任务) and the townships they apply to
- problems.py   problems (问题) and the rectification workflow 待整改 → 整改中 → 待验收 → 已销号;
                what makes two problems the same (one rule for entry and import)
- listings.py   which letters list which problems and tasks; the deadlines a letter prints
- templates.py  the letter wording: templates, placeholders, filling a letter's title and body
- drafting.py   the letter rules (docs/letters.md): which 提示函, 督办函 and 预警函 the month calls for;
                which problems wait below the 督办函 threshold
- numbering.py  letter numbers (某组督〔2026〕12号), taken under a lock so none is shared or skipped
- issuing.py    签发: numbering drafts, giving deadlines, 预警函 consequences (扣分, 约谈)
- letters.py    a letter's life after drafting: editing a draft, 作废 (a 督办函's deadlines taken
                back), 反馈, 办结, reading letters
- accountability.py  a 预警函's final deadline, 问责查办 cases and their decisions
- checks.py     what `dangjian check` reports: overdue problems and replies not received
- receipts.py   task receipts (任务回执): a township's report on a month task with evidence files,
                the lights of unreported tasks, the month's evidence as one zip

Every public name is re-exported here: `from models.services import supervision as sv; sv.x`.
Each is imported with its module on first use (`__getattr__`, from `EXPORTS`): the 工作台 needs
three of them before its first paint, not the task receipts, the letter templates or the checks
(docs/startup.md). The imports under TYPE_CHECKING are the same names for the type checker
(tests/test_startup.py checks the two lists agree).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: every public name, by the module that defines it
EXPORTS: dict[str, tuple[str, ...]] = {
    "models.rules": (
        "Light", "light",
    ),
    "models.supervision": (
        "ProblemSource", "Severity",
    ),
    "models.services.supervision.accountability": (
        "CASE", "Case", "accountability_cases", "decide_case", "final_deadline", "measures",
        "township_case_counts", "warning_days",
    ),
    "models.services.supervision.checks": (
        "overdue_findings",
    ),
    "models.services.supervision.common": (
        "LETTER", "PROBLEM", "TASK", "categories", "date_text", "int_setting", "month_bounds",
        "month_text", "registered", "require_issuer",
    ),
    "models.services.supervision.deadlines": (
        "default_deadline", "is_overdue", "light_days", "reaches_threshold", "severity_counts",
        "supervised_deadline", "supervision_days", "supervision_thresholds",
    ),
    "models.services.supervision.drafting": (
        "BelowThreshold", "draft_letters", "unsupervised_problems", "waiting_below_threshold",
    ),
    "models.services.supervision.issuing": (
        "consequences", "issue_letters",
    ),
    "models.services.supervision.letters": (
        "drafts_to_issue", "finish_letter", "get_letter", "letter_label", "letters_of",
        "own_deadlines", "record_reply", "update_draft", "void_letter",
    ),
    "models.services.supervision.listings": (
        "issued_letter_listing", "letter_deadlines", "planned_issue_date", "supervised_problem_ids",
        "supervision_letters_of", "supervision_reference",
    ),
    "models.services.supervision.numbering": (
        "format_number", "lock_for_issuing",
    ),
    "models.services.supervision.problems": (
        "PROBLEM_LABELS", "TRANSITIONS", "check_problem", "close_problem", "create_problem",
        "existing_problem", "list_problems", "move_problem", "overdue_problems", "problems_by_ids",
        "problems_found", "restore_problem", "same_problem", "update_problem", "withdraw_problem",
        "withdrawable",
    ),
    "models.services.supervision.receipts": (
        "EVIDENCE_KINDS", "MAX_EVIDENCE_BYTES", "EvidenceFile", "ReceiptLine", "TownshipCompletion",
        "check_evidence", "completion_by_township", "confirm_receipt", "evidence_content",
        "export_evidence_zip", "get_receipt", "month_receipts", "read_evidence", "receipt_of",
        "report_task", "shown_name", "unreported_tasks", "withdraw_evidence",
    ),
    "models.services.supervision.tasks": (
        "TASK_LABELS", "create_task", "existing_task", "month_task", "month_tasks", "restore_task",
        "same_task", "task_townships", "update_task", "withdraw_task",
    ),
    "models.services.supervision.templates": (
        "PLACEHOLDERS", "TEMPLATE_FILES", "default_template", "fill_template", "get_template",
        "render_letter_text", "set_template", "template_key",
    ),
}
_HOME = {name: module for module, names in EXPORTS.items() for name in names}
__all__ = list(_HOME)

if TYPE_CHECKING:  # the same names for the type checker (F401: they are __all__)
    from ...rules import (
        Light,
        light,
    )
    from ...supervision import (
        ProblemSource,
        Severity,
    )
    from .accountability import (
        CASE,
        Case,
        accountability_cases,
        decide_case,
        final_deadline,
        measures,
        township_case_counts,
        warning_days,
    )
    from .checks import (
        overdue_findings,
    )
    from .common import (
        LETTER,
        PROBLEM,
        TASK,
        categories,
        date_text,
        int_setting,
        month_bounds,
        month_text,
        registered,
        require_issuer,
    )
    from .deadlines import (
        default_deadline,
        is_overdue,
        light_days,
        reaches_threshold,
        severity_counts,
        supervised_deadline,
        supervision_days,
        supervision_thresholds,
    )
    from .drafting import (
        BelowThreshold,
        draft_letters,
        unsupervised_problems,
        waiting_below_threshold,
    )
    from .issuing import (
        consequences,
        issue_letters,
    )
    from .letters import (
        drafts_to_issue,
        finish_letter,
        get_letter,
        letter_label,
        letters_of,
        own_deadlines,
        record_reply,
        update_draft,
        void_letter,
    )
    from .listings import (
        issued_letter_listing,
        letter_deadlines,
        planned_issue_date,
        supervised_problem_ids,
        supervision_letters_of,
        supervision_reference,
    )
    from .numbering import (
        format_number,
        lock_for_issuing,
    )
    from .problems import (
        PROBLEM_LABELS,
        TRANSITIONS,
        check_problem,
        close_problem,
        create_problem,
        existing_problem,
        list_problems,
        move_problem,
        overdue_problems,
        problems_by_ids,
        problems_found,
        restore_problem,
        same_problem,
        update_problem,
        withdraw_problem,
        withdrawable,
    )
    from .receipts import (
        EVIDENCE_KINDS,
        MAX_EVIDENCE_BYTES,
        EvidenceFile,
        ReceiptLine,
        TownshipCompletion,
        check_evidence,
        completion_by_township,
        confirm_receipt,
        evidence_content,
        export_evidence_zip,
        get_receipt,
        month_receipts,
        read_evidence,
        receipt_of,
        report_task,
        shown_name,
        unreported_tasks,
        withdraw_evidence,
    )
    from .tasks import (
        TASK_LABELS,
        create_task,
        existing_task,
        month_task,
        month_tasks,
        restore_task,
        same_task,
        task_townships,
        update_task,
        withdraw_task,
    )
    from .templates import (
        PLACEHOLDERS,
        TEMPLATE_FILES,
        default_template,
        fill_template,
        get_template,
        render_letter_text,
        set_template,
        template_key,
    )


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next use finds it without asking again
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
