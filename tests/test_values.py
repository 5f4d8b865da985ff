from datetime import date
from decimal import Decimal

import pytest

from models import values


@pytest.mark.parametrize(
    "raw", ["2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", date(2026, 3, 5), 46086]
)
def test_dates_in_every_accepted_form(raw):
    assert values.parse_date(raw) == date(2026, 3, 5)


def test_an_impossible_date_is_named():
    with pytest.raises(ValueError, match="“2023-02-30”不是有效日期"):
        values.parse_date("2023-02-30")


def test_a_phone_typed_as_a_number_is_recovered():
    assert values.digits(13800000000.0, "联系电话") == "13800000000"


def test_an_id_number_typed_as_a_number_lost_digits_and_is_rejected():
    with pytest.raises(ValueError, match="被Excel存成了数字，末几位已丢失"):
        values.digits(1.10105194912310e17, "公民身份号码")


def test_money_is_exact():
    assert values.parse_decimal(0.1) + values.parse_decimal(0.2) == Decimal("0.30")


def test_month():
    assert values.parse_month("2024年3月") == "2024-03"
    assert values.parse_month("2024/3") == "2024-03"
