from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import idcard


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_domain_examples_are_valid(number):
    assert idcard.validate(number) == number


def test_lowercase_x_is_accepted_and_normalized():
    assert idcard.validate("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("1101051949123100", "应为18位"),
        ("11010519491231002Y", "前17位须为数字"),
        ("110105194912310021", "校验位错误（末位应为X）"),
        ("11010520230230002" + idcard.check_char("11010520230230002"), "不是有效日期"),
    ],
)
def test_bad_numbers_say_why(number, reason):
    with pytest.raises(idcard.IdNumberError, match=reason.replace("（", ".").replace("）", ".")):
        idcard.validate(number)


def test_sex_and_birth_date_come_from_the_number():
    assert idcard.birth_date_of("11010519491231002X") == date(1949, 12, 31)
    assert not idcard.is_male("11010519491231002X")  # 17th digit 2: female
    assert idcard.is_male("440524188001010014")  # 17th digit 1: male


births = st.dates(min_value=date(1920, 1, 1), max_value=date(2008, 12, 31))
regions = st.from_regex(r"[1-6][0-9]{5}", fullmatch=True)


@given(regions, births, st.integers(0, 499), st.booleans())
def test_every_generated_number_passes(region, birth, serial, male):
    number = idcard.make(region, birth, serial, male)
    assert idcard.is_valid(number)
    assert idcard.birth_date_of(number) == birth
    assert idcard.is_male(number) == male


@given(regions, births, st.integers(0, 499), st.booleans(), st.integers(0, 17), st.integers(1, 10))
def test_every_single_character_change_fails(region, birth, serial, male, pos, delta):
    number = idcard.make(region, birth, serial, male)
    alphabet = "0123456789X" if pos == 17 else "0123456789"
    old = alphabet.index(number[pos])
    new = alphabet[(old + delta) % len(alphabet)]
    if new == number[pos]:
        return
    changed = number[:pos] + new + number[pos + 1 :]
    assert not idcard.is_valid(changed)
