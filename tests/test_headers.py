"""The header matcher: every spelling of a known name finds its field; nothing else does."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reports import headers as hd
from reports.registry import importers

KINDS = importers()
#: (import kind, header a clerk may write, the field it names)
KNOWN = sorted({(kind, name, f)
                for kind, imp in KINDS.items()
                for f in imp.fields
                for name in (f, *hd.SYNONYMS.get(f, ()))
                if hd.field_of(name, imp.fields) == f})
_FULL = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def test_everyday_names_of_the_issue():
    fields = KINDS["members"].fields
    for name, field in [("身份证号", "公民身份号码"), ("身份证号码", "公民身份号码"), ("公民身份证号码", "公民身份号码"),
                        ("入党时间", "加入党组织日期"), ("入党日期", "加入党组织日期"), ("转正时间", "转为正式党员日期"),
                        ("文化程度", "学历"), ("学历", "学历"), ("所在支部", "所在党支部"), ("支部名称", "所在党支部"),
                        ("所在党组织", "所在党支部"), ("手机", "联系电话"), ("手机号码", "联系电话"),
                        ("联系方式", "联系电话"), ("出生年月", "出生日期"), ("身份证号（必填）", "公民身份号码"),
                        ("*姓 名", "姓名"), ("入党时间\n(年月日)", "加入党组织日期")]:
        assert hd.field_of(name, fields) == field, name
    assert hd.field_of("资金（元）", KINDS["activities"].fields) == "资金(元)"
    assert hd.field_of("资金[元]", KINDS["activities"].fields) == "资金(元)"
    assert hd.field_of("资金（万元）", KINDS["activities"].fields) is None  # another unit, never silently
    assert hd.is_skipped("序 号") and hd.is_skipped("备注") and not hd.is_skipped("姓名")


@st.composite
def variant(draw):
    kind, name, field = draw(st.sampled_from(KNOWN))
    chars = list(name)
    out = []
    for ch in chars:
        if draw(st.booleans()):
            out.append(draw(st.sampled_from([" ", "\u3000", "\n", "\t"])))
        if ch in _FULL and draw(st.booleans()):
            ch = _FULL[ch]
        elif ch in "()" and draw(st.booleans()):
            ch = draw(st.sampled_from(["【】", "〔〕", "[]", "（）"]))["()".index(ch)]
        out.append(ch)
    text = "".join(out)
    text = draw(st.sampled_from(["", "*", "★", " "])) + text + draw(st.sampled_from(["", "：", ":", "*", " ", "（必填）"]))
    return kind, text, field


@settings(max_examples=400, deadline=None)
@given(variant())
def test_normalised_variants_map_to_the_same_field(case):
    kind, text, field = case
    assert hd.field_of(text, KINDS[kind].fields) == field


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(sorted(KINDS)), st.text(min_size=1, max_size=12))
def test_random_text_never_maps_to_a_required_field_spuriously(kind, text):
    imp = KINDS[kind]
    field = hd.field_of(text, imp.fields)
    if field is None:
        return
    names = {hd.normalise(n) for n in (field, *hd.SYNONYMS.get(field, ()), *hd.YEAR_MONTH)}
    assert hd.normalise(text) in names, (text, field)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(KNOWN), st.text(alphabet=st.characters(categories=["Lo"]), min_size=1, max_size=3))
def test_a_known_name_with_other_words_added_is_not_placed(case, extra):
    kind, name, field = case
    text = name + extra
    got = hd.field_of(text, KINDS[kind].fields)
    assert got is None or hd.normalise(text) in {hd.normalise(n) for k, n, f in KNOWN if k == kind and f == got}


def test_normalise_is_idempotent_and_width_blind():
    for _k, name, _f in KNOWN:
        n = hd.normalise(name)
        assert hd.normalise(n) == n
        assert hd.normalise(unicodedata.normalize("NFKC", name)) == n
