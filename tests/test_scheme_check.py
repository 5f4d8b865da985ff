"""The evaluation scheme editor refuses overlapping or gapped bands, items that do not add up, weights
that do not sum to 1 (models/scheme_check.py), naming the fault; the built-in schemes pass."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from models.errors import ValidationError
from models.scheme_check import check_scheme, scheme_faults


def builtin(name: str) -> dict:
    return json.loads(resources.files("resources.schemes").joinpath(name).read_text("utf-8"))


STARS, POINTS, DEMOCRATIC = "1_branch_stars.json", "2_member_points.json", "3_democratic.json"


@pytest.mark.parametrize("name", [STARS, POINTS, DEMOCRATIC, "4_dual.json"])
def test_builtin_schemes_pass(name):
    assert scheme_faults(builtin(name)) == []


def faults(data) -> str:
    with pytest.raises(ValidationError) as exc:
        check_scheme(data)
    return str(exc.value)


def test_items_must_add_up_to_the_total():
    data = builtin(STARS)
    data["items"][0]["max"] = "10"
    assert "各评价项目最高分合计为95分，应为满分100分" in faults(data)
    data["total"] = "95"
    assert scheme_faults(data) == []
    points = builtin(POINTS)
    points["base"] = "50"
    assert "基础分50分加各加分项目最高分合计为90分，应为满分100分" in faults(points)
    data = builtin(STARS)
    data["items"][1]["name"] = data["items"][0]["name"]
    data["items"][2]["max"] = "x"
    msg = faults(data)
    assert "“班子建设”重复" in msg and "评价项目“组织生活”：最高分应为数字" in msg


def test_weights_must_sum_to_one():
    data = builtin(DEMOCRATIC)
    data["raters"][1]["weight"] = "0.3"
    assert "各评价主体的权重之和应为1（现为0.9）" in faults(data)
    data["raters"][1]["weight"] = "0"
    assert "评价主体“群众评议”：权重“0”应为大于0、不大于1的数" in faults(data)


def test_bands_without_overlaps_or_gaps():
    base = builtin(STARS)
    data = copy.deepcopy(base)
    data["bands"][1]["min"] = "90"  # same lower bound as the band above
    assert "“★★★★”（90分以上）与“★★★★★”（90分以上）重叠" in faults(data)
    data = copy.deepcopy(base)
    data["bands"][2]["min"] = "85"
    assert "“★★★”（85分以上）与“★★★★”（80分以上）重叠" in faults(data)
    data = copy.deepcopy(base)
    data["bands"][-1]["min"] = "50"
    assert "最低一档的下限为50分，低于50分的得分没有等次（分档有空档）" in faults(data)
    data = copy.deepcopy(base)
    data["bands"][1]["max"] = "85"
    assert "分档“★★★★”：上限85分与上一档的下限90分之间有空档" in faults(data)
    data["bands"][1]["max"] = "95"
    assert "上限95分超过上一档的下限90分，分档重叠" in faults(data)
    data = copy.deepcopy(base)
    data["bands"][0]["min"] = "105"
    assert "下限105分高于满分100分，无法达到" in faults(data)
    data = copy.deepcopy(base)
    data["bands"][2]["level"] = "★★★★"
    assert "等次“★★★★”重复" in faults(data)


def test_quotas_name_their_level():
    data = builtin(DEMOCRATIC)
    data["quotas"][0]["level"] = "特优"
    assert "名额：等次“特优”不在分档中" in faults(data)
    data = builtin(DEMOCRATIC)
    data["quotas"][0]["max_share"] = "4/3"
    assert "应为0到1之间的比例" in faults(data)


def test_scheme_edit_refuses_a_faulty_scheme(session, actor, county):
    from models.services import evaluation as ev

    ev.ensure_builtin_schemes(session, actor)
    source = ev.find_scheme(session, "星级党支部")
    copy_ = ev.copy_scheme(session, actor, source.id, "星级党支部2027")
    data = json.loads(copy_.definition)
    data["items"][0]["max"] = "20"
    with pytest.raises(ValidationError, match="各评价项目最高分合计为105分，应为满分100分"):
        ev.update_scheme(session, actor, copy_.id, copy_.version, data)
    data["items"][0]["max"] = "15"
    data["bands"][3]["min"] = "75"
    with pytest.raises(ValidationError, match="重叠"):
        ev.update_scheme(session, actor, copy_.id, copy_.version, data)
