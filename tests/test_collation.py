"""Names sort by pinyin, as Excel does in a Chinese locale, not by code point (龚 first)."""

from __future__ import annotations

from datetime import date

from models.collation import pinyin_key, sort_key


def test_names_sort_by_pinyin_not_code_point():
    names = ["张伟", "王芳", "龚明", "李强", "安娜", "赵六", "阿三", "欧阳锋"]
    assert sorted(names) [0] == "安娜" and sorted(names)[-1] == "龚明"  # code point order
    assert sorted(names, key=pinyin_key) == ["阿三", "安娜", "龚明", "李强", "欧阳锋", "王芳", "张伟", "赵六"]


def test_cells_of_every_kind_sort_with_empty_last():
    assert sorted([None, "张三", 3, "", "李四", 1], key=sort_key) == [1, 3, "李四", "张三", None, ""]
    assert sorted([date(2026, 3, 1), date(2025, 1, 1)], key=sort_key)[0] == date(2025, 1, 1)


def test_the_roster_table_lists_names_in_pinyin_order(qtbot):
    from desktop.rostermodel import RosterModel
    from models.services import members as msvc

    width = max(v for k, v in vars(msvc).items() if k.startswith("R_") and isinstance(v, int)) + 1
    rows = []
    for i, name in enumerate(["张伟", "龚明", "王芳", "阿三"]):
        row = [None] * width
        row[msvc.R_ID], row[msvc.R_NAME] = i, name
        rows.append(tuple(row))
    model = RosterModel()
    model.set_rows(rows)
    name_col = next(c for c, (k, _l) in enumerate(model.columns) if k == msvc.R_NAME)
    assert [model.index(r, name_col).data() for r in range(4)] == ["阿三", "龚明", "王芳", "张伟"]


def test_numbers_and_latin_letters_sort_as_lowered_text():
    from models.collation import _char_key

    for text in ("44052419800517001X", "13800000001", "Zhang Wei", "a-B_c"):
        assert pinyin_key(text) == "".join(_char_key(ch) for ch in text) == text.lower()
    assert sorted(["13900", "1380X", "1380x0", ""], key=sort_key) == ["1380X", "1380x0", "13900", ""]
