"""Name initials without pypinyin's 57 MB phrase dictionary: resources/pinyin_initials.txt is what
tools/make_pinyin_initials.py makes from the installed pypinyin, and the initials from it are
pypinyin's own, for names with and without phrases in them."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

from models.services.members import _slow_initials, _table, initials

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("make_pinyin_initials", ROOT / "tools" / "make_pinyin_initials.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_what_the_installed_pypinyin_gives():
    tool = _tool()
    assert tool.TARGET.read_text(encoding="utf-8") == tool.table_text(), \
        "pypinyin changed: run python tools/make_pinyin_initials.py"


def test_initials_are_pypinyins():
    chars, phrases, _prefixes = _table()
    rng = random.Random(7)
    common = list("张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
                  "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美建国兴平安长江单解乐朴覃重庆")
    words = list(phrases)
    names = ["张伟", "王秀英", "李建国", "欧阳娜娜", "单雄信", "曾国藩", "解放", "长江", "重庆人", "覃", "乐嘉",
             "朴正熙", "阿卜杜拉·买买提", "Tom张", "", "张伟伟伟伟伟伟", "〇"]
    names += rng.sample(words, 6000)
    for _ in range(6000):  # pieces of phrases and common characters run together, up to six
        name = ""
        while len(name) < rng.randint(2, 6):
            name += rng.choice(words)[:rng.randint(1, 3)] if rng.random() < 0.5 else rng.choice(common)
        names.append(name[:6])
    names += ["".join(rng.choices(list(chars), k=rng.randint(1, 4))) for _ in range(2000)]
    initials.cache_clear()
    wrong = [(n, initials(n), _slow_initials(n)) for n in names if initials(n) != _slow_initials(n)]
    assert wrong == []
