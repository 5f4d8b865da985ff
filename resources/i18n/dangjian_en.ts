<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DissolveDialog</name>
    <message>
        <location filename="../../forms/org_form.py" line="208"/>
        <source>撤销党组织</source>
        <translation>Dissolve organization</translation>
    </message>
    <message>
        <location filename="../../forms/org_form.py" line="215"/>
        <source>党组织：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/org_form.py" line="216"/>
        <source>撤销日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../forms/org_form.py" line="217"/>
        <source>撤销原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../forms/org_form.py" line="238"/>
        <source>未能撤销</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndDialog</name>
    <message>
        <location filename="../../forms/transfer_dialog.py" line="102"/>
        <source>终止党籍</source>
        <translation>End membership</translation>
    </message>
    <message>
        <location filename="../../forms/transfer_dialog.py" line="106"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../forms/transfer_dialog.py" line="107"/>
        <source>终止日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../forms/transfer_dialog.py" line="108"/>
        <source>说明：</source>
        <translation>Note:</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../forms/import_wizard.py" line="140"/>
        <source>导入党员名册</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="144"/>
        <location filename="../../forms/import_wizard.py" line="194"/>
        <source>选择工作簿</source>
        <translation>Choose a workbook</translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="145"/>
        <source>第一行为表头，列与导入模板一致（dangjian template members）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="148"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="158"/>
        <source>检查结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="166"/>
        <source>全部无误才导入（有错误则不导入）</source>
        <translation>Import only if every row is valid</translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="167"/>
        <source>只导入无误的行，跳过有错误的行</source>
        <translation>Import the valid rows, skip the bad ones</translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="169"/>
        <source>保存错误报告…</source>
        <translation>Save error report…</translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="174"/>
        <source>取消导入</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="189"/>
        <location filename="../../forms/import_wizard.py" line="246"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="206"/>
        <source>正在检查…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="206"/>
        <source>正在导入…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="235"/>
        <source>导入完成</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="238"/>
        <source>未导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <location filename="../../forms/import_wizard.py" line="255"/>
        <source>保存错误报告</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/app.py" line="109"/>
        <source>党建督查台账</source>
        <extracomment>preferred CJK families, best first (Windows names, then Linux ones) (key, title) of the pages that ship with the shell, so the navigation needs no import True once the window has painted (the start-up benchmark waits for it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="136"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="137"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="139"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="140"/>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="141"/>
        <source>打开日志文件夹</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="169"/>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="173"/>
        <source>未打开数据库</source>
        <translation>No database open</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="174"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="179"/>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="183"/>
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="184"/>
        <source>账号：</source>
        <translation>Account: </translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <location filename="../../forms/member_form.py" line="76"/>
        <source>新增党员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="76"/>
        <source>编辑党员</source>
        <translation>Edit member</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="98"/>
        <source>更换党支部请用“组织关系转接”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="124"/>
        <source>18位，末位可为X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="126"/>
        <source>由身份证号自动填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="132"/>
        <source>预备党员不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="137"/>
        <source>失去联系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="139"/>
        <source>流动党员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="151"/>
        <source>基本信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="153"/>
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="164"/>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="165"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="172"/>
        <source>党籍已终止，记录只能查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="219"/>
        <location filename="../../forms/member_form.py" line="235"/>
        <source>有{n}处需要改正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="260"/>
        <source>记录已被他人修改</source>
        <translation>Changed by another clerk</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="263"/>
        <source>未能保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="273"/>
        <source>其他办事员的修改：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="277"/>
        <source>您的修改未保存。请关闭后重新打开该党员，再录入您的修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="303"/>
        <source>组织关系</source>
        <translation>Placements</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="305"/>
        <source>转入日期</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="305"/>
        <source>转出日期</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="305"/>
        <source>党组织</source>
        <translation>Organization</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="305"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="309"/>
        <source>修改记录</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="311"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="311"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="311"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="311"/>
        <source>内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../forms/member_form.py" line="311"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <location filename="../../desktop/pages/members.py" line="46"/>
        <source>搜索：姓名、拼音首字母（如 zw）、身份证号、电话</source>
        <extracomment>columns hidden until the clerk shows them</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="55"/>
        <source>全部党员</source>
        <translation>All members</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="55"/>
        <source>正式党员</source>
        <translation>Full members</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="55"/>
        <source>预备党员</source>
        <translation>Probationary</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="58"/>
        <source>在册</source>
        <translation>Current</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="58"/>
        <source>已终止</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="58"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="60"/>
        <source>失联</source>
        <translation>Lost contact</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="61"/>
        <source>流动</source>
        <translation>Floating</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="95"/>
        <source>新增党员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="96"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="97"/>
        <source>组织关系转接</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="98"/>
        <source>终止党籍</source>
        <translation>End membership</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="99"/>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="100"/>
        <source>撤销上次导入</source>
        <translation>Undo last import</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="101"/>
        <source>导出所示…</source>
        <translation>Export shown…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="102"/>
        <source>列…</source>
        <translation>Columns…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="129"/>
        <source>全县</source>
        <translation>Whole county</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="161"/>
        <source>共{n}人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="163"/>
        <source>显示{shown}人 / 共{n}人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="252"/>
        <location filename="../../desktop/pages/members.py" line="254"/>
        <location filename="../../desktop/pages/members.py" line="264"/>
        <source>撤销导入</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="252"/>
        <source>没有可撤销的导入</source>
        <translation>No import to undo</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="254"/>
        <source>撤销导入“{src}”（{at}）？该批党员将标记为“撤销导入”终止。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="262"/>
        <source>未能撤销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="264"/>
        <source>已撤销{n}名党员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="272"/>
        <source>导出党员名册</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="281"/>
        <source>未能导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/members.py" line="283"/>
        <source>已导出{n}人到 {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../forms/org_form.py" line="171"/>
        <source>移动党组织</source>
        <translation>Move organization</translation>
    </message>
    <message>
        <location filename="../../forms/org_form.py" line="179"/>
        <source>党组织：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/org_form.py" line="180"/>
        <source>新的上级：</source>
        <translation>New parent:</translation>
    </message>
    <message>
        <location filename="../../forms/org_form.py" line="195"/>
        <source>未能移动</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrgForm</name>
    <message>
        <location filename="../../forms/org_form.py" line="64"/>
        <source>新建党组织</source>
        <translation>New organization</translation>
    </message>
    <message>
        <location filename="../../forms/org_form.py" line="64"/>
        <source>编辑党组织</source>
        <translation>Edit organization</translation>
    </message>
    <message>
        <location filename="../../forms/org_form.py" line="99"/>
        <source>更换上级请用“移动”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../forms/org_form.py" line="154"/>
        <location filename="../../forms/org_form.py" line="157"/>
        <source>未能保存</source>
        <translation>Not saved</translation>
    </message>
</context>
<context>
    <name>OrgsPage</name>
    <message>
        <location filename="../../desktop/pages/orgs.py" line="48"/>
        <source>显示已撤销</source>
        <translation>Show dissolved</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/orgs.py" line="67"/>
        <source>新建下级</source>
        <translation>New child</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/orgs.py" line="68"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/orgs.py" line="69"/>
        <source>移动…</source>
        <translation>Move…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/orgs.py" line="70"/>
        <source>撤销…</source>
        <translation>Dissolve…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/orgs.py" line="71"/>
        <source>在名册中查看</source>
        <translation>Show in roster</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/orgs.py" line="97"/>
        <source>本组织及下级的党员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/orgs.py" line="168"/>
        <source>本组织及下级的党员：{n}人</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="34"/>
        <location filename="../../desktop/settings_dialog.py" line="133"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="38"/>
        <source>SQLite 文件路径，或 postgresql+psycopg://用户@主机/库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="39"/>
        <location filename="../../desktop/settings_dialog.py" line="105"/>
        <location filename="../../desktop/settings_dialog.py" line="107"/>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="41"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="65"/>
        <source>添加字体文件…</source>
        <translation>Add font file…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="67"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="74"/>
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="75"/>
        <source>县委名称：</source>
        <translation>County committee:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="76"/>
        <source>发文机关代字：</source>
        <translation>Agency code:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="77"/>
        <source>界面语言（重启后生效）：</source>
        <translation>Language (after restart):</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="78"/>
        <source>文书字体文件：</source>
        <translation>Document fonts:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="88"/>
        <source>数据库文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="94"/>
        <source>字体文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="107"/>
        <source>连接成功</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="125"/>
        <source>未能保存设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="133"/>
        <source>新的数据库将在下次启动时打开</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../forms/transfer_dialog.py" line="81"/>
        <source>组织关系转接</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../forms/transfer_dialog.py" line="89"/>
        <source>转入党组织：</source>
        <translation>To organization:</translation>
    </message>
    <message>
        <location filename="../../forms/transfer_dialog.py" line="90"/>
        <source>转接日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../forms/transfer_dialog.py" line="91"/>
        <source>说明：</source>
        <translation>Note:</translation>
    </message>
</context>
<context>
    <name>_MemberAction</name>
    <message>
        <location filename="../../forms/transfer_dialog.py" line="42"/>
        <source>党员：</source>
        <translation>Member:</translation>
    </message>
</context>
</TS>
