"""What several evaluation modules share: the draft-only check, whether a count is a sane count,
and the JSON of a sheet's entries."""

from __future__ import annotations

import json
from typing import Any

from ...errors import DomainError
from ...evaluation import EvaluationRound, RoundStatus


def count_problem(n: Any, what: str) -> str | None:
    """Why a vote count is not a sane count (negative, 1e308 …): models.values.parse_count."""
    from ... import values

    try:
        values.parse_count(n, what)
    except ValueError as exc:
        return str(exc)
    return None


def require_draft(rnd: EvaluationRound) -> None:
    """Scores, their totals and 个人自评 change only while the round is a draft (草稿)."""
    if rnd.status is not RoundStatus.DRAFT:
        raise DomainError(f"该评价处于“{rnd.status.value}”状态，只有草稿可以修改分数（请先退回草稿）")


def load_json(text: str | None) -> dict[str, Any]:
    """A sheet's stored item scores or rater results (blank = none)."""
    return json.loads(text) if text and text != "{}" else {}  # "{}": most sheets of a vote-only scheme


def dump_json(data: dict[str, Any]) -> str:
    """A sheet's item scores or rater results as stored: keys sorted, so an unchanged entry
    compares equal to its stored text."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def names_text(names: list[str], unit: str = "人") -> str:
    """Who a message is about: the first ten names and the count ("张三、李四（共2人）",
    "…等23人"); every refusal in an evaluation step names its rows this way."""
    names = list(dict.fromkeys(names))
    shown = "、".join(f"“{n}”" for n in names[:10])
    return f"{shown}等{len(names)}{unit}" if len(names) > 10 else f"{shown}（共{len(names)}{unit}）"


def first_ten(lines: list[str], unit: str = "条") -> str:
    """Several reasons joined by "；": the first ten and, when there are more, the count."""
    shown = "；".join(lines[:10])
    return f"{shown}……共{len(lines)}{unit}" if len(lines) > 10 else shown
