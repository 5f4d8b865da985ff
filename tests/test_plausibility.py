"""Issue 17: plausible values (past dates, Party dates, no Excel serial 1, bounded counts), the same
row refused twice, and no SQL, parameters, ID numbers or phones in messages or the log."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.cli import main
from models import values
from models.errors import ValidationError
from models.pairing import Pairing
from models.services import members as ms
from models.services import orgs
from models.services import pairing as psvc
from models.supervision import MonthTask, Problem
from reports.imports import run_import
from reports.pairing_xlsx import ACTIVITY_HEADERS, ACTIVITY_IMPORTER
from reports.supervision_import import (
    PROBLEM_HEADERS,
    PROBLEM_IMPORTER,
    TASK_HEADERS,
    TASK_IMPORTER,
)
from tests.factories import build_county, member_values

TOMORROW = date.today() + timedelta(days=1)


def sheet(path, headers, rows):
    wb = Workbook()
    wb.active.append(headers)
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("cell", [1, 1.0, 0.5 + 0.5, datetime(1900, 1, 1), date(1899, 12, 31), "1900-01-01"])
def test_excel_serial_one_and_dates_before_1901_are_refused(cell):
    with pytest.raises(ValueError, match="不是有效日期"):
        values.parse_date(cell)


def test_full_width_date_text_and_a_real_serial_still_parse():
    assert values.parse_date("２０２６年３月５日") == date(2026, 3, 5)
    assert values.parse_date(46086) == date(2026, 3, 5)


def test_past_dates_and_party_dates(session, actor):
    county = build_county(session, actor)
    session.commit()
    with pytest.raises(ValidationError) as err:
        ms.create_member(session, actor, member_values(1, birth_date=None, joined_on=date(1920, 7, 1),
                                                       full_on=None))
    assert ("加入党组织日期", "1920-07-01早于1921年（中国共产党成立于1921年）") in [
        (e.field, e.reason) for e in err.value.errors]
    with pytest.raises(ValidationError, match="转为正式党员日期：.*晚于今天"):
        ms.create_member(session, actor, member_values(2, joined_on=date.today() - timedelta(days=400),
                                                       full_on=TOMORROW, id_number=None) | {
            "id_number": member_values(2)["id_number"]})
    with pytest.raises(ValidationError, match="成立日期：.*晚于今天，应为已发生的日期"):
        orgs.create_org(session, actor, name="新支部", kind=county.village.kind, parent_id=county.east.id,
                        founded_on=TOMORROW)
    from models.services import supervision as sv
    from models.supervision import ProblemSource

    with pytest.raises(ValidationError, match="发现日期：.*晚于今天"):
        sv.create_problem(session, actor, org_id=county.village.id, found_on=TOMORROW,
                          source=ProblemSource.INSPECTION, category=sv.categories(session)[0], description="x")


# ---------------------------------------------------------------- the same row twice


def test_the_same_task_twice_is_refused_in_the_file_and_against_the_database(db, actor, tmp_path):
    with db.session() as s:
        build_county(s, actor)
        s.commit()
    first = sheet(tmp_path / "t1.xlsx", TASK_HEADERS, [["2026-03", "召开党员大会", "传达精神", None, None, None, None]])
    with db.session() as s:
        assert run_import(s, actor, TASK_IMPORTER, first).written
        s.commit()
    again = sheet(tmp_path / "t2.xlsx", TASK_HEADERS, [
        ["2026年3月", "召开党员大会 ", "另一种说法", None, None, None, None],  # the same month and task
        ["2026-04", "召开党员大会", None, None, None, None, None],  # another month: a new task
        ["2026-04", "召开　党员大会", None, None, None, None, None],  # the row above again
    ])
    with db.session() as s:
        result = run_import(s, actor, TASK_IMPORTER, again)
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (2, "工作任务", "2026-03已有同名工作任务"),
        (4, "工作任务", "与第3行重复（同一月份、同一工作任务）"),
    ]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(MonthTask)) == 1


def test_the_same_problem_twice_is_refused_but_another_day_is_not(db, actor, tmp_path):
    with db.session() as s:
        build_county(s, actor)
        s.commit()
    row = ["2026-03-10", "红星村党支部", "督查", "组织生活", "三会一课记录不全", None, None, None, None, None]
    with db.session() as s:
        assert run_import(s, actor, PROBLEM_IMPORTER, sheet(tmp_path / "p1.xlsx", PROBLEM_HEADERS, [row])).written
        s.commit()
    other_day = ["2026-03-11", *row[1:]]
    with db.session() as s:
        result = run_import(s, actor, PROBLEM_IMPORTER,
                            sheet(tmp_path / "p2.xlsx", PROBLEM_HEADERS, [row, other_day, other_day]))
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (2, "问题描述", "该党组织同一天已登记过相同的问题"),
        (4, "问题描述", "与第3行重复（同一党组织、同一发现日期、相同描述）"),
    ]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Problem)) == 1


def test_the_same_activity_twice_is_refused(sqlite_db, actor, tmp_path):
    from tests.pairing_helpers import build_pairing_county

    with sqlite_db.session() as s:
        build_pairing_county(s, actor)
        s.commit()
    assert main(["--db", str(sqlite_db.engine.url.database), "import", "pairings",
                 str(sheet(tmp_path / "p.xlsx", ["结对类型", "牵头方", "被帮扶方", "开始日期", "结束日期", "目标", "状态"],
                           [["城乡联建", "县医院党支部", "红星村党支部", "2026-01-05", None, None, None]]))]) == 0
    rows = [["JD2026-001", "2026-02-01", "走访慰问", "慰问困难党员", None, None, 5],
            ["JD2026-001", "2026-02-01", "走访慰问", "慰问困难党员", None, None, 5],
            ["JD2026-001", "2026-02-02", "走访慰问", "慰问困难党员", None, None, 5]]
    with sqlite_db.session() as s:
        result = run_import(s, actor, ACTIVITY_IMPORTER, sheet(tmp_path / "a.xlsx", ACTIVITY_HEADERS, rows))
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (3, "内容", "与第2行重复（同一结对、同一日期、相同内容）")]
    with sqlite_db.session() as s:
        pid = s.scalar(select(Pairing.id))
        psvc.add_activity(s, actor, pid, "2026-02-01", "走访慰问", "慰问困难党员")
        s.commit()
        result = run_import(s, actor, ACTIVITY_IMPORTER, sheet(tmp_path / "b.xlsx", ACTIVITY_HEADERS, rows[:1]))
    assert [e.reason for e in result.errors] == ["该结对同一天已登记过相同内容的活动"]


def test_activity_people_must_be_a_sane_count():
    _, errors = psvc.clean_activity("2026-02-01", "走访慰问", "慰问", None, None, 1e308)
    assert [(e.field, e.reason) for e in errors] == [("受益人数", "受益人数1e+308过大（最多1000000）")]
    _, errors = psvc.clean_activity(TOMORROW, "走访慰问", "慰问", None, None, -3)
    assert {(e.field) for e in errors} == {"日期", "受益人数"}


# ---------------------------------------------------------------- evaluation sheets


def test_evaluation_sheets_refuse_negative_and_absurd_numbers(session, actor, county, tmp_path):
    from reports import evaluation_xlsx as ex
    from tests.test_evaluation_xlsx import open_democratic

    rnd = open_democratic(session, actor, county)
    path = tmp_path / "fill.xlsx"
    ex.export_fill_sheets(session, actor, rnd.id, path)
    wb = load_workbook(path)
    ws = wb.active
    col = {c.value: i + 1 for i, c in enumerate(ws[1])}
    ws.cell(row=2, column=col["党员互评-合格"], value=1e308)
    ws.cell(row=3, column=col["群众评议-优秀"], value=-2)
    ws.cell(row=4, column=col["党员互评-合格"], value=3)
    wb.save(path)
    result = ex.import_fill_sheets(session, actor, path)
    assert not result.written
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (2, "党员互评-合格", "票数1e+308过大（最多1000000）"),
        (3, "群众评议-优秀", "票数不能为负数"),
    ]
    assert values.check_number(Decimal("1e308"), "分数", None, Decimal(100000)) == "分数过大（最多100000）"


# ---------------------------------------------------------------- redaction


SQL_ERROR_TEXT = (
    "(psycopg.errors.UniqueViolation) duplicate key value violates unique constraint\n"
    "DETAIL:  Key (id_number)=(11010519491231002X) already exists.\n"
    "[SQL: INSERT INTO member (name, id_number, phone) VALUES (%(name)s, %(id_number)s, %(phone)s)]\n"
    "[parameters: {'name': '张三', 'id_number': '11010519491231002X', 'phone': '13812345678'}]\n"
    "(Background on this error at: https://sqlalche.me/e/20/gkpj)"
)


def test_an_internal_error_message_carries_no_sql_or_parameters(sqlite_path, capsys, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    from desktop.commands import setup

    class Orig(Exception):
        def __str__(self):
            return SQL_ERROR_TEXT

    def boom(ctx):
        raise IntegrityError("INSERT INTO member (id_number) VALUES (?)", {"id_number": "11010519491231002X",
                                                                          "phone": "13812345678"}, Orig())

    monkeypatch.setattr(setup, "check", boom)  # main() builds its parser, binding the handler, per call
    assert main(["--db", str(sqlite_path), "check"]) == 70  # docs/commands.md: a defect
    err = capsys.readouterr().err
    assert err.startswith("程序内部错误：数据库操作失败（Orig）")
    for secret in ("INSERT", "SQL", "11010519491231002X", "13812345678", "张三", "parameters"):
        assert secret not in err


def test_the_log_masks_id_numbers_phones_and_sql_parameters(tmp_path):
    from desktop.logsetup import RedactFilter

    path = tmp_path / "log.txt"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.addFilter(RedactFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log = logging.getLogger("test.redact")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("member %s phone %s", "11010519491231002X", "13812345678")
        try:
            raise RuntimeError(SQL_ERROR_TEXT)
        except RuntimeError:
            log.exception("command failed")
    finally:
        handler.close()
        log.removeHandler(handler)
    text = path.read_text(encoding="utf-8")
    assert "member 110105********002X phone 138****5678" in text
    assert "Traceback" in text and "[SQL: 已隐藏]" in text and "Key (id_number)=(已隐藏)" in text
    for secret in ("11010519491231002X", "13812345678", "INSERT INTO member", "'张三'"):
        assert secret not in text


def test_entering_absurd_votes_in_a_form_is_refused(session, actor, county):
    from models.services import evaluation as ev
    from tests.test_evaluation_xlsx import open_democratic

    rnd = open_democratic(session, actor, county)
    row = ev.sheet_rows(session, rnd.id)[0]
    with pytest.raises(ValidationError) as err:
        ev.enter_scores(session, actor, row.sheet_id, row.version,
                        raters={"党员互评": {"votes": {"合格": 1e308}}, "群众评议": {"votes": {"优秀": -1}}})
    assert [(e.field, e.reason) for e in err.value.errors] == [
        ("党员互评-合格", "票数1e+308过大（最多1000000）"), ("群众评议-优秀", "票数不能为负数")]


def test_the_activity_entry_refuses_the_same_activity_twice(sqlite_db, actor):
    from tests.pairing_helpers import build_pairing_county

    with sqlite_db.session() as s:
        pc = build_pairing_county(s, actor)
        pairing = psvc.create_pairing(s, actor, type="城乡联建", leads=[psvc.PartyRef("org", pc.urban.id)],
                                      assisted=[psvc.PartyRef("org", pc.villages[0].id)],
                                      start_on=date(2026, 1, 5))
        psvc.add_activity(s, actor, pairing.id, "2026-02-01", "走访慰问", "慰问困难党员")
        with pytest.raises(ValidationError, match="内容：该结对同一天已登记过相同内容的活动"):
            psvc.add_activity(s, actor, pairing.id, "2026-02-01", "走访慰问", "慰问 困难党员")
        psvc.add_activity(s, actor, pairing.id, "2026-02-02", "走访慰问", "慰问困难党员")
