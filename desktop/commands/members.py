"""member search / show / add / edit / transfer / end / reinstate / history: what the 党员名册 page
does for one member, through the same services."""

from __future__ import annotations

from datetime import date
from typing import Any

from models import values
from models.audit import plain
from models.enums import Education, EndReason, MemberCategory, PartyStatus
from models.errors import NotFound, PermissionDenied
from models.member import Member
from models.services import access
from models.services import lifecycle as lc
from models.services import members as ms
from models.services.orgs import find_org

from ..cli import EXIT_USAGE, Context, say

#: at most this many members found by `member search`
SEARCH_LIMIT = 50

#: member attribute → (option, help) of `member add` / `member edit`; the values are taken as the
#: member form takes them (Chinese words, dates as text) and checked by the service, field by field
FIELD_OPTIONS: dict[str, tuple[str, str]] = {
    "name": ("--name", "姓名"),
    "id_number": ("--id-number", "公民身份号码（18位，末位可为X）"),
    "gender": ("--gender", "性别：男、女（不填则取自公民身份号码）"),
    "birth_date": ("--birth", "出生日期（不填则取自公民身份号码）"),
    "ethnicity": ("--ethnicity", "民族（默认汉族）"),
    "education": ("--education", "学历：" + "、".join(e.value for e in Education)),
    "category": ("--category", "人员类别：" + "、".join(c.value for c in MemberCategory)),
    "org_id": ("--org", "所在党支部（全称或唯一简称）"),
    "joined_on": ("--joined", "加入党组织日期，如 2005-07-01"),
    "full_on": ("--full", "转为正式党员日期（预备党员不填）"),
    "position": ("--position", "工作岗位"),
    "phone": ("--phone", "联系电话"),
    "address": ("--address", "家庭住址"),
    "party_status": ("--status", "党籍状态：" + "、".join(s.value for s in PartyStatus)),
    "lost_contact": ("--lost-contact", "是否失联：是、否"),
    "lost_since": ("--lost-since", "失去联系日期（年月，如 2024-03）"),
    "floating": ("--floating", "是否流动党员：是、否"),
    "floating_to": ("--floating-to", "外出流向，如 广东省深圳市"),
}
#: what `member add` must be given
REQUIRED = ("name", "id_number", "org_id", "joined_on")


def register(sub) -> None:
    p = sub.add_parser("member", help="党员名册：查找、查看、新增、修改、转接、终止和恢复党籍、历史")
    msub = p.add_subparsers(dest="member_command", metavar="ACTION")
    msub.required = True

    q = msub.add_parser("search", help="按姓名、拼音首字母、身份证号或电话查找；第一列为党员编号")
    q.add_argument("text", metavar="TEXT")
    q.add_argument("--all", action="store_true", help="含党籍已终止的党员")
    q.set_defaults(handler=do_search)

    q = msub.add_parser("show", help="一名党员的16项信息和组织关系")
    q.add_argument("--id", type=int, required=True, help="党员编号（member search 第一列）")
    q.set_defaults(handler=do_show)

    q = msub.add_parser("add", help="新增党员")
    for attr, (option, text) in FIELD_OPTIONS.items():
        q.add_argument(option, dest=attr, required=attr in REQUIRED, help=text)
    q.set_defaults(handler=do_add)

    q = msub.add_parser("edit", help="修改在册党员的信息（空字符串清除；更换党支部请用 member transfer）")
    q.add_argument("--id", type=int, required=True, help="党员编号")
    for attr, (option, text) in FIELD_OPTIONS.items():
        if attr != "org_id":
            q.add_argument(option, dest=attr, help=text)
    q.set_defaults(handler=do_edit)

    q = msub.add_parser("transfer", help="组织关系转接")
    q.add_argument("--id", type=int, required=True, help="党员编号")
    q.add_argument("--to", required=True, help="转入党组织（全称或唯一简称）")
    q.add_argument("--date", required=True, help="转接日期")
    q.add_argument("--note", default="", help="说明")
    q.set_defaults(handler=do_transfer)

    q = msub.add_parser("end", help="终止党籍（记录保留，可用 member reinstate 恢复）")
    q.add_argument("--id", type=int, required=True, help="党员编号")
    q.add_argument("--date", required=True, help="终止日期")
    q.add_argument("--reason", required=True, choices=[r.value for r in EndReason])
    q.add_argument("--note", default="", help="说明")
    q.set_defaults(handler=do_end)

    q = msub.add_parser("reinstate", help="恢复党籍：撤销误操作的终止，或恢复停止党籍的党员（回到原党支部）")
    q.add_argument("--id", type=int, required=True, help="党员编号")
    q.add_argument("--reason", required=True, help="恢复原因（记入日志）")
    q.set_defaults(handler=do_reinstate)

    q = msub.add_parser("history", help="组织关系、党员经历（转正、失联、转出转入）和修改记录")
    q.add_argument("--id", type=int, required=True, help="党员编号")
    q.set_defaults(handler=do_history)

    # the lifecycle (docs/member-lifecycle.md)
    q = msub.add_parser("probation", help="预备党员转正：到期（30天内）和逾期的，按党支部列出")
    q.add_argument("--as-of", help="截至日期（默认今天）")
    q.add_argument("--org", help="只列该党组织及下级")
    q.set_defaults(handler=do_probation)

    q = msub.add_parser("decide", help="预备期满的决定：转正、延长预备期（须 --until）或取消预备党员资格")
    q.add_argument("--id", type=int, required=True, help="党员编号")
    q.add_argument("--decision", required=True, choices=[d.value for d in lc.DECISIONS])
    q.add_argument("--date", required=True, help="决定日期（转正即转为正式党员日期）")
    q.add_argument("--until", help="延长预备期：延至日期（入党后2年以内）")
    q.add_argument("--note", default="", help="说明（如支部大会决议）")
    q.set_defaults(handler=do_decide)

    q = msub.add_parser("lost", help="登记失联：失去联系的日期（满6个月由党支部作出处理决定）")
    q.add_argument("--id", type=int, required=True, help="党员编号")
    q.add_argument("--date", required=True, help="失去联系日期")
    q.add_argument("--note", default="", help="说明")
    q.set_defaults(handler=do_lost)

    q = msub.add_parser("contact", help="失联党员的联系尝试；--regained 表示已恢复联系")
    q.add_argument("--id", type=int, required=True, help="党员编号")
    q.add_argument("--date", required=True, help="联系日期")
    q.add_argument("--note", required=True, help="联系的方式和结果")
    q.add_argument("--regained", action="store_true", help="已恢复联系（取消失联标记）")
    q.set_defaults(handler=do_contact)

    q = msub.add_parser("lost-list", help="失联党员：失去联系日期和处理期限（逾期的先列）")
    q.add_argument("--as-of", help="截至日期（默认今天）")
    q.add_argument("--org", help="只列该党组织及下级")
    q.set_defaults(handler=do_lost_list)

    q = msub.add_parser("transfer-out", help="组织关系转出县外：党籍在本县终止（原因 转出），记介绍信编号")
    q.add_argument("--id", type=int, required=True, help="党员编号")
    q.add_argument("--to", required=True, help="转往的党组织或地区")
    q.add_argument("--letter", required=True, help="介绍信编号")
    q.add_argument("--date", required=True, help="转出日期")
    q.add_argument("--receipt", help="回执日期（收到时填，也可以后用 member receipt）")
    q.add_argument("--note", default="", help="说明")
    q.set_defaults(handler=do_transfer_out)

    q = msub.add_parser("receipt", help="登记组织关系介绍信的回执")
    q.add_argument("--id", type=int, required=True, help="党员编号")
    q.add_argument("--date", required=True, help="回执日期")
    q.set_defaults(handler=do_receipt)

    q = msub.add_parser("transfer-in", help="组织关系从县外转入：新增党员并记介绍信")
    for attr, (option, text) in FIELD_OPTIONS.items():
        q.add_argument(option, dest=attr, required=attr in REQUIRED, help=text)
    q.add_argument("--from", dest="origin", required=True, help="转自的党组织或地区")
    q.add_argument("--letter", required=True, help="介绍信编号")
    q.add_argument("--date", required=True, help="转入日期")
    q.add_argument("--receipt", help="回执寄出日期")
    q.add_argument("--note", default="", help="说明")
    q.set_defaults(handler=do_transfer_in)

    q = msub.add_parser("suspend", help="停止党籍：按程序作出决定的日期（可用 member reinstate 恢复）")
    q.add_argument("--id", type=int, required=True, help="党员编号")
    q.add_argument("--date", required=True, help="停止党籍的决定日期")
    q.add_argument("--note", default="", help="说明（如党委批复文号）")
    q.set_defaults(handler=do_suspend)


# ---------------------------------------------------------------- helpers


def _member(session, actor, member_id: int) -> Member:
    """The member as the account may see it: one outside the township is not found, as an unknown
    one is (no name of another township's member in the answer)."""
    access.require_read(actor)
    try:
        return ms.get_member(session, member_id, actor)
    except PermissionDenied:
        raise NotFound(f"找不到党员（编号{member_id}）") from None


def _branch(member: Member) -> str:
    return member.org.short_name or member.org.name


def _label(member: Member) -> str:
    return f"{member.name}（编号{member.id}，{_branch(member)}）"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(plain(value))


def _raw(ctx: Context) -> dict[str, str]:
    """The member fields given as options (an empty string clears a field)."""
    return {attr: getattr(ctx.args, attr) for attr in FIELD_OPTIONS if getattr(ctx.args, attr, None) is not None}


# ---------------------------------------------------------------- reading


def do_search(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        hits = ms.search_members(session, actor, ctx.args.text, SEARCH_LIMIT, include_ended=ctx.args.all)
        lines = ["\t".join([str(h.id), h.name, h.org_short_name or h.org_name,
                            access.shown_id(actor, h.id_number) or "", "已终止" if h.ended else "在册"])
                 for h in hits]
    ctx.out("编号\t姓名\t所在党支部\t公民身份号码\t状态")
    for line in lines:
        ctx.out(line)
    if len(lines) == SEARCH_LIMIT:
        ctx.out(say(f"只列出前{SEARCH_LIMIT}人，请多输入几个字", f"Only the first {SEARCH_LIMIT} shown; type more"))
    else:
        ctx.out(say(f"共{len(lines)}人", f"{len(lines)} members"))
    return 0


def do_show(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        m = _member(session, actor, ctx.args.id)
        shown = {"org_id": m.org.name} | {f: _text(access.shown_value(actor, f, getattr(m, f)))
                                          for f in ("id_number", "birth_date", "phone")}
        lines = [f"编号：{m.id}", f"状态：{'已终止' if m.ended_on else '在册'}"]
        lines += [f"{label}：{shown[attr] if attr in shown else _text(getattr(m, attr))}"
                  for attr, label in ms.MEMBER_LABELS.items()]
        if m.full_on_unknown:
            lines.append("转正日期不详：名册未载转正信息，按入党满1年记")
        if m.full_on is None:
            lines.append(f"预备期至：{lc.probation_due(session, m)}" + ("（已延长）" if m.probation_end else ""))
        if m.lost_contact:
            lines.append(f"失联处理期限：{lc.lost_decision_day(session, m)}")
        if m.ended_on is not None:
            lines += [f"终止日期：{_text(m.ended_on)}", f"终止原因：{_text(m.end_reason)}",
                      f"终止说明：{_text(m.end_note)}"]
        lines.append("组织关系：")
        lines += [f"  {p.start_on} {f'至 {p.end_on}' if p.end_on else '至今'}  {p.org.name}" + (f"（{p.note}）" if p.note else "")
                  for p in ms.placements(session, m.id)]
    for line in lines:
        ctx.out(line)
    return 0


def do_history(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        label = _label(_member(session, actor, ctx.args.id))
        places, audit = ms.member_history_rows(session, actor, ctx.args.id)
        events = lc.event_rows(session, actor, ctx.args.id)
    ctx.out(label)
    ctx.out(say("组织关系", "Placements"))
    ctx.out("转入日期\t转出日期\t党组织\t说明")
    for row in places:
        ctx.out("\t".join(row))
    if events:  # 转正, 失联, transfers out of or into the county (docs/member-lifecycle.md)
        ctx.out(say("党员经历", "Lifecycle"))
        ctx.out("日期\t事项\t内容")
        for row in events:
            ctx.out("\t".join(row))
    ctx.out(say("修改记录", "Changes"))
    ctx.out("时间\t账号\t操作\t内容\t备注")
    for entry in audit:
        ctx.out("\t".join(" ".join(cell.split()) for cell in entry))  # one line per entry
    return 0


# ---------------------------------------------------------------- writing


def do_add(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        label = _label(ms.create_member(session, actor, _raw(ctx)))
    ctx.out(say(f"已新增党员：{label}", f"Member added: {label}"))
    return 0


def do_edit(ctx: Context) -> int:
    raw = _raw(ctx)
    if not raw:
        ctx.err(say("请至少给出一项要修改的内容，如 --phone", "Give at least one field to change, e.g. --phone"))
        return EXIT_USAGE
    with ctx.session() as (session, actor):
        m = _member(session, actor, ctx.args.id)
        before = {attr: getattr(m, attr) for attr in ms.MEMBER_LABELS}
        ms.update_member(session, actor, m.id, raw)
        changed = "、".join(label for attr, label in ms.MEMBER_LABELS.items() if getattr(m, attr) != before[attr])
        label = _label(m)
    if not changed:
        ctx.out(say(f"没有改动：{label}", f"Nothing changed: {label}"))
    else:
        ctx.out(say(f"已修改：{label}：{changed}", f"Updated: {label}: {changed}"))
    return 0


def do_transfer(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        m = _member(session, actor, a.id)
        on = values.required_date(a.date, "转接日期")
        target = find_org(session, a.to, actor)
        moved = f"{m.name}：{_branch(m)} → {target.short_name or target.name}（{on}）"
        ms.transfer_member(session, actor, m.id, target.id, on, a.note)
    ctx.out(say(f"已转接组织关系：{moved}", f"Transferred: {moved}"))
    return 0


def do_end(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        m = _member(session, actor, a.id)
        ms.end_membership(session, actor, m.id, values.required_date(a.date, "终止日期"), EndReason(a.reason), a.note)
        label, on = _label(m), _text(m.ended_on)
    ctx.out(say(f"已终止党籍：{label}，{on}，{a.reason}（member reinstate --id {a.id} --reason … 可恢复）",
                f"Membership ended: {label}, {on}, {a.reason} (member reinstate --id {a.id} --reason … undoes it)"))
    return 0


def do_reinstate(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        m = _member(session, actor, ctx.args.id)
        ms.reinstate_member(session, actor, m.id, ctx.args.reason)
        label = _label(m)
    ctx.out(say(f"已恢复党籍：{label}", f"Membership restored: {label}"))
    return 0


# ---------------------------------------------------------------- the lifecycle


def _as_of(ctx: Context) -> date:
    return values.required_date(ctx.args.as_of, "截至日期") if ctx.args.as_of else date.today()


def _due_list(ctx: Context, rows_of, header: str, what: str) -> int:
    with ctx.session() as (session, actor):
        org_id = find_org(session, ctx.args.org, actor).id if ctx.args.org else None
        rows = rows_of(session, actor, _as_of(ctx), org_id)
    ctx.out(header)
    for r in rows:
        ctx.out("\t".join([r.branch, str(r.member_id), r.name, str(r.joined_on), str(r.due_on), r.state]))
    late = sum(r.state == "逾期" for r in rows)
    ctx.out(say(f"共{len(rows)}人，其中逾期{late}人", f"{len(rows)} {what}, {late} overdue"))
    return 0


def do_probation(ctx: Context) -> int:
    return _due_list(ctx, lc.probation_rows, "所在党支部\t编号\t姓名\t加入党组织日期\t预备期至\t状态", "due")


def do_lost_list(ctx: Context) -> int:
    return _due_list(ctx, lc.lost_rows, "所在党支部\t编号\t姓名\t失去联系日期\t处理期限\t状态", "lost")


def do_decide(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        m = _member(session, actor, a.id)
        until = values.required_date(a.until, "预备期延至") if a.until else None
        lc.decide_probation(session, actor, m.id, lc.MemberEventKind(a.decision), values.required_date(a.date, "决定日期"),
                            until, a.note)
        label = _label(m)
    ctx.out(say(f"已登记：{label}，{a.decision}", f"Recorded: {label}, {a.decision}"))
    return 0


def do_lost(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        m = _member(session, actor, a.id)
        lc.mark_lost(session, actor, m.id, values.required_date(a.date, "失去联系日期"), a.note)
        label, due = _label(m), lc.lost_decision_day(session, m)
    ctx.out(say(f"已登记失联：{label}，处理期限{due}", f"Lost contact: {label}, decide by {due}"))
    return 0


def do_contact(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        m = _member(session, actor, a.id)
        lc.record_contact(session, actor, m.id, values.required_date(a.date, "联系日期"), a.note, regained=a.regained)
        label = _label(m)
    done = "已恢复联系" if a.regained else "已记录联系尝试"
    ctx.out(say(f"{done}：{label}", f"{'Contact regained' if a.regained else 'Attempt recorded'}: {label}"))
    return 0


def do_transfer_out(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        m = _member(session, actor, a.id)
        receipt = values.required_date(a.receipt, "回执日期") if a.receipt else None
        lc.transfer_out(session, actor, m.id, a.to, a.letter, values.required_date(a.date, "转出日期"), receipt, a.note)
        label = _label(m)
    ctx.out(say(f"已转出县外：{label} → {a.to}，介绍信{a.letter}，党籍在本县终止（原因 转出）",
                f"Transferred out: {label} → {a.to}, letter {a.letter}"))
    return 0


def do_receipt(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        m = _member(session, actor, a.id)
        event = lc.record_receipt(session, actor, m.id, values.required_date(a.date, "回执日期"))
        text = f"{_label(m)}：{lc.event_text(event)}"
    ctx.out(say(f"已登记回执：{text}", f"Receipt recorded: {text}"))
    return 0


def do_transfer_in(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        receipt = values.required_date(a.receipt, "回执日期") if a.receipt else None
        m = lc.transfer_in(session, actor, _raw(ctx), a.origin, a.letter, values.required_date(a.date, "转入日期"), receipt, a.note)
        label = _label(m)
    ctx.out(say(f"已转入：{label}，转自{a.origin}，介绍信{a.letter}", f"Transferred in: {label} from {a.origin}"))
    return 0


def do_suspend(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        m = _member(session, actor, a.id)
        lc.suspend(session, actor, m.id, values.required_date(a.date, "停止党籍日期"), a.note)
        label = _label(m)
    ctx.out(say(f"已停止党籍：{label}（member reinstate 可恢复）", f"Membership suspended: {label}"))
    return 0
