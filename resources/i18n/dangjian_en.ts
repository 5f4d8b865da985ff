<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AcceptDialog</name>
    <message>
        <source>整顿验收</source>
        <translation>Rectification acceptance</translation>
    </message>
    <message>
        <source>整顿</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>%1（%2起）</source>
        <translation>%1 (from %2)</translation>
    </message>
    <message>
        <source>验收日期</source>
        <translation>Accepted on</translation>
    </message>
    <message>
        <source>验收结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>转化：整顿结束，撤销软弱涣散标记；继续整顿：整顿继续，标记保留。</source>
        <translation>Transformed: the rectification ends and the weak-and-lax mark is removed; continue: the rectification goes on and the mark stays.</translation>
    </message>
    <message>
        <source>“%1”的整顿验收为“转化”：整顿结束，撤销软弱涣散标记。确定？</source>
        <translation>Accept “%1” as transformed: the rectification ends and the weak-and-lax mark is removed. Go ahead?</translation>
    </message>
    <message>
        <source>“%1”的整顿验收为“继续整顿”：整顿继续，标记保留。确定？</source>
        <translation>Accept “%1” as to be continued: the rectification goes on and the mark stays. Go ahead?</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>如 2026年度工作目标和公开承诺</source>
        <extracomment>what was put to the meeting (the year&apos;s targets, the 承诺 …): recorded with each approval</extracomment>
        <translation>e.g. the 2026 targets and public commitments</translation>
    </message>
    <message>
        <source>商议事项</source>
        <translation>Matter discussed</translation>
    </message>
    <message>
        <source>%1等%2名</source>
        <translation>%1 and others (%2 in all)</translation>
    </message>
    <message>
        <source>记录商议/审议</source>
        <translation>Record approval step</translation>
    </message>
    <message>
        <source>如 红星村党员群众大会、东城镇党委会</source>
        <extracomment>(sheet id, name shown) of the cadres the result is recorded for the day it was decided (a meeting is often recorded days later); today by default</extracomment>
        <translation>e.g. the village members’ and residents’ meeting, the township committee</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>决定机关</source>
        <translation>Deciding body</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>将为“%1”记录%2结果。</source>
        <translation>The result of %2 will be recorded for “%1”.</translation>
    </message>
    <message>
        <source>将为以下 %1 名村干部记录%2结果：%3</source>
        <translation>The result of %2 will be recorded for these %1 cadres: %3</translation>
    </message>
    <message>
        <source>不在本轮评价中，不记录：%1</source>
        <translation>Not in this round, not recorded: %1</translation>
    </message>
    <message>
        <source>没有可记录的村干部：请先选中本轮评价中的村干部</source>
        <translation>No cadre to record: first select cadres of this round</translation>
    </message>
    <message>
        <source>将为以下 %1 名村干部记录%2结果（%3）：%4。确定记录？</source>
        <translation>Record the result of %2 (%3) for these %1 cadres: %4?</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>（只显示最近{0}条，请缩小范围）</source>
        <translation>(only the latest {0} shown; narrow the filter)</translation>
    </message>
    <message>
        <source>共{0}条</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>暂无数据</source>
        <translation>No data</translation>
    </message>
</context>
<context>
    <name>CadreModel</name>
    <message>
        <source>（非党员）</source>
        <translation> (not a Party member)</translation>
    </message>
</context>
<context>
    <name>CadreRoster</name>
    <message>
        <source>显示</source>
        <extracomment>在评价表中查看: (round id, village id, sheet id) 商议/审议 recorded here (the grid&apos;s 审议 column is read again)</extracomment>
        <translation>Show</translation>
    </message>
    <message>
        <source>登记任职…</source>
        <translation>Register post…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>离任…</source>
        <translation>Leave post…</translation>
    </message>
    <message>
        <source>在评价表中查看</source>
        <translation>Show in the grid</translation>
    </message>
    <message>
        <source>记录商议/审议…</source>
        <translation>Record approval step…</translation>
    </message>
    <message>
        <source>登记在任村干部后，可在“开启评价…”中为所选村开启双议双评；选择一轮双议双评可查看每名村干部的自评与商议、审议情况。</source>
        <translation>Once the village cadres in office are registered, “Open a round…” opens a cadre review for the chosen villages; choose a cadre review to see each cadre&apos;s self-assessment and approval steps.</translation>
    </message>
    <message>
        <source>在任村干部</source>
        <translation>Cadres in office</translation>
    </message>
    <message>
        <source>全部任职（含已离任）</source>
        <translation>All posts (including past ones)</translation>
    </message>
    <message>
        <source>双议双评：</source>
        <translation>Cadre review: </translation>
    </message>
    <message>
        <source>%1人，%2项任职</source>
        <translation>%1 people, %2 posts</translation>
    </message>
    <message>
        <source>请先选中一项任职</source>
        <translation>Select a post first</translation>
    </message>
    <message>
        <source>该任职已于%1离任</source>
        <translation>This post was left on %1</translation>
    </message>
    <message>
        <source>请先在“显示”中选择一轮双议双评</source>
        <translation>First choose a cadre review under “Show”</translation>
    </message>
    <message>
        <source>请先选中要记录的村干部（可按住 Ctrl 或 Shift 选择多行）</source>
        <translation>First select the cadres to record (hold Ctrl or Shift to select several rows)</translation>
    </message>
    <message>
        <source>所选人员不在本轮评价中：%1</source>
        <translation>Not in this round: %1</translation>
    </message>
    <message>
        <source>已记录%1名村干部的商议/审议结果</source>
        <translation>Approval step recorded for %1 cadres</translation>
    </message>
</context>
<context>
    <name>CloseProblemDialog</name>
    <message>
        <source>验收销号</source>
        <translation>Accept and close</translation>
    </message>
    <message>
        <source>整改情况</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>验收人</source>
        <translation>Accepted by</translation>
    </message>
    <message>
        <source>销号日期</source>
        <translation>Closed on</translation>
    </message>
</context>
<context>
    <name>CountyPage</name>
    <message>
        <source>县委和发文机关</source>
        <extracomment>None: no demo; &quot;small&quot; or &quot;county&quot;: open the demo county instead</extracomment>
        <translation>County committee and issuing agency</translation>
    </message>
    <message>
        <source>这些名称出现在报表和三函的抬头，以后可在“设置”中修改。</source>
        <translation>These names head the reports and letters; change them later in Settings.</translation>
    </message>
    <message>
        <source>发文字号中的机关代字，如“某组”，文号为“某组〔2026〕3号”</source>
        <translation>The agency code of letter numbers, e.g. “某组” gives “某组〔2026〕3号”</translation>
    </message>
    <message>
        <source>县委名称：</source>
        <translation>County committee:</translation>
    </message>
    <message>
        <source>发文机关：</source>
        <translation>Issuing agency:</translation>
    </message>
    <message>
        <source>机关代字：</source>
        <translation>Agency code:</translation>
    </message>
    <message>
        <source>县委名称</source>
        <translation>County committee</translation>
    </message>
    <message>
        <source>发文机关</source>
        <translation>Issuing authority</translation>
    </message>
    <message>
        <source>机关代字</source>
        <translation>Authority code</translation>
    </message>
    <message>
        <source>请填写：</source>
        <translation>Please fill in: </translation>
    </message>
    <message>
        <source>名称中还有“某某”：正式使用前请改为本县的名称（试用可直接下一步）。</source>
        <translation>The names still contain “某某”: change them to your county&apos;s names before real use (to try the program, just click Next).</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>党组织</source>
        <extracomment>tiles: (number key, shown as, format); money and the rate get their own format (caption and format are translated where shown, context &quot;DashboardPage&quot;)</extracomment>
        <translation>Party organizations</translation>
    </message>
    <message>
        <source>{:.0f}个</source>
        <translation>{:.0f}</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Party members</translation>
    </message>
    <message>
        <source>{:.0f}名</source>
        <translation>{:.0f}</translation>
    </message>
    <message>
        <source>预备党员</source>
        <translation>Probationary members</translation>
    </message>
    <message>
        <source>今年发现问题</source>
        <translation>Problems found this year</translation>
    </message>
    <message>
        <source>未销号问题</source>
        <translation>Open problems</translation>
    </message>
    <message>
        <source>逾期未整改</source>
        <translation>Overdue rectifications</translation>
    </message>
    <message>
        <source>待反馈函件</source>
        <translation>Letters awaiting reply</translation>
    </message>
    <message>
        <source>{:.0f}份</source>
        <translation>{:.0f}</translation>
    </message>
    <message>
        <source>今年整改率</source>
        <translation>Rectified this year</translation>
    </message>
    <message>
        <source>今年逾期整改</source>
        <translation>Closed late this year</translation>
    </message>
    <message>
        <source>未决问责查办</source>
        <translation>Open accountability cases</translation>
    </message>
    <message>
        <source>{:.0f}起</source>
        <translation>{:.0f}</translation>
    </message>
    <message>
        <source>进行中结对</source>
        <translation>Active pairings</translation>
    </message>
    <message>
        <source>{:.0f}对</source>
        <translation>{:.0f}</translation>
    </message>
    <message>
        <source>今年结对资金</source>
        <translation>Pairing funds this year</translation>
    </message>
    <message>
        <source>{:,.0f}元</source>
        <translation>¥{:,.0f}</translation>
    </message>
    <message>
        <source>五星</source>
        <translation>5 stars</translation>
    </message>
    <message>
        <source>四星</source>
        <translation>4 stars</translation>
    </message>
    <message>
        <source>三星</source>
        <translation>3 stars</translation>
    </message>
    <message>
        <source>二星</source>
        <translation>2 stars</translation>
    </message>
    <message>
        <source>一星</source>
        <translation>1 star</translation>
    </message>
    <message>
        <source>7日内到期</source>
        <extracomment>tiles drawn in red when not zero the short tab title of each list</extracomment>
        <translation>Due in 7 days</translation>
    </message>
    <message>
        <source>逾期问题</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>问责查办</source>
        <translation>Accountability</translation>
    </message>
    <message>
        <source>不合格改正</source>
        <translation>Unqualified members</translation>
    </message>
    <message>
        <source>换届提醒</source>
        <translation>Term reminders</translation>
    </message>
    <message>
        <source>软弱涣散整顿</source>
        <translation>Weak organizations</translation>
    </message>
    <message>
        <source>7日内到期问题</source>
        <extracomment>the lists&apos; full names (dsvc.LIST_KEYS, the tabs&apos; tool tips) and the charts&apos; legends, for lupdate</extracomment>
        <translation>Problems due within 7 days</translation>
    </message>
    <message>
        <source>不合格限期改正</source>
        <translation>Unqualified members to correct within a time limit</translation>
    </message>
    <message>
        <source>届期将满/应换届</source>
        <translation>Terms ending soon or due for election</translation>
    </message>
    <message>
        <source>发现</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>工作台</source>
        <extracomment>the column carrying the light in each list</extracomment>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>导出季度报表…</source>
        <translation>Export quarterly workbook…</translation>
    </message>
    <message>
        <source>导出月度通报…</source>
        <translation>Export monthly report…</translation>
    </message>
    <message>
        <source>导出本月函件PDF…</source>
        <translation>Export this month&apos;s letters as PDF…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>双击一行或点击图中的柱子，查看对应的记录</source>
        <translation>Double-click a row or click a bar to see the records behind it</translation>
    </message>
    <message>
        <source>截至 {y}年{m}月{d}日</source>
        <translation>As of {y}-{m:02d}-{d:02d}</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>星级党支部分布</source>
        <translation>Branch star ratings</translation>
    </message>
    <message>
        <source>今年问题类别</source>
        <translation>Problems this year by category</translation>
    </message>
    <message>
        <source>今年问题发现与销号（按月）</source>
        <translation>Problems found and closed this year, by month</translation>
    </message>
    <message>
        <source>今年函件类别</source>
        <translation>Letters this year by kind</translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <source>数据库位置</source>
        <translation>Database location</translation>
    </message>
    <message>
        <source>一个人使用：本机文件。几位办事员共用：PostgreSQL 服务器。</source>
        <translation>One clerk: a file on this PC. Several clerks: a PostgreSQL server.</translation>
    </message>
    <message>
        <source>本机文件（SQLite）</source>
        <translation>File on this PC (SQLite)</translation>
    </message>
    <message>
        <source>PostgreSQL 服务器</source>
        <translation>PostgreSQL server</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>服务器名或地址，如 192.168.1.10</source>
        <translation>Server name or address, e.g. 192.168.1.10</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>服务器：</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>端口：</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>数据库名：</source>
        <translation>Database name:</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>本机文件只适合一台电脑：能复制这个文件的人就能读到其中全部数据（含完整身份证号和电话），账号和乡镇范围只在本程序内有效。乡镇办事员账号请建在共享的 PostgreSQL 服务器上，由服务器按账号限制其只能查看和修改本乡镇的数据。</source>
        <translation>A local file suits one computer only: whoever can copy the file can read all of it (full ID numbers and phones included); accounts and township scope hold only inside this program. Put township clerks&apos; accounts on the shared PostgreSQL server, which limits each account to its own township&apos;s data.</translation>
    </message>
    <message>
        <source>数据库文件</source>
        <translation>Database file</translation>
    </message>
    <message>
        <source>请填写服务器名或地址</source>
        <translation>Enter the server name or address</translation>
    </message>
    <message>
        <source>连接成功</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>请选择数据库文件</source>
        <translation>Choose a database file</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <source>决定问责查办</source>
        <translation>Decide an accountability case</translation>
    </message>
    <message>
        <source>问责措施</source>
        <translation>Measure taken</translation>
    </message>
    <message>
        <source>决定日期</source>
        <translation>Decided on</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>决定后不能更改。</source>
        <translation>A decision cannot be changed afterwards.</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <source>开始使用</source>
        <translation>Get started</translation>
    </message>
    <message>
        <source>点“完成”打开台账。也可以先打开一个演示县看看各页面的样子。</source>
        <translation>Click Finish to open your records, or open a demo county first to look around.</translation>
    </message>
    <message>
        <source>打开演示县（随便看看）</source>
        <translation>Open the demo county (just looking)</translation>
    </message>
    <message>
        <source>小（几十个组织，几秒钟）</source>
        <translation>Small (a few dozen organizations, seconds)</translation>
    </message>
    <message>
        <source>全县规模（约800个组织，约一分钟）</source>
        <translation>County scale (about 800 organizations, about a minute)</translation>
    </message>
    <message>
        <source>演示县保存在单独的演示数据库中，不影响您的台账；下次启动仍打开您的台账。</source>
        <translation>The demo county is a separate database and does not touch your records; the next start opens your records again.</translation>
    </message>
</context>
<context>
    <name>DissolveDialog</name>
    <message>
        <source>撤销党组织</source>
        <translation>Dissolve organization</translation>
    </message>
    <message>
        <source>党组织：</source>
        <translation>Organization:</translation>
    </message>
    <message>
        <source>撤销日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>撤销原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>未能撤销</source>
        <translation>Could not undo</translation>
    </message>
</context>
<context>
    <name>EndDialog</name>
    <message>
        <source>终止党籍</source>
        <translation>End membership</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>终止日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>请选择终止党籍的原因</source>
        <translation>Choose the reason for ending the membership</translation>
    </message>
    <message>
        <source>终止%1的党籍（%2）？终止后该党员不再计入党员总数。</source>
        <translation>End the Party membership of %1 (%2)? The member will no longer count in the member totals.</translation>
    </message>
</context>
<context>
    <name>EndPostDialog</name>
    <message>
        <source>离任</source>
        <translation>Leave post</translation>
    </message>
    <message>
        <source>任职</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>离任日期</source>
        <translation>Left on</translation>
    </message>
    <message>
        <source>“%1”于%2离任%3？离任后不能撤回。</source>
        <translation>“%1” leaves the post on %2%3? This cannot be taken back.</translation>
    </message>
</context>
<context>
    <name>EntryModel</name>
    <message>
        <source>·已锁定</source>
        <extracomment>the ledger&apos;s rows read at a time, from the one that came into view</extracomment>
        <translation> · locked</translation>
    </message>
    <message>
        <source>该季度已公示确定：记录只读，调整请登记更正</source>
        <translation>The quarter is posted and final: the entry is read-only; record a correction to change it</translation>
    </message>
</context>
<context>
    <name>EvaluationPage</name>
    <message>
        <source>支部党员大会…</source>
        <translation>Branch meeting…</translation>
    </message>
    <message>
        <source>请先选中要记录个人自评的党员（可按住 Ctrl 或 Shift 选择多行）</source>
        <translation>Select the members whose self-assessment to record first (Ctrl or Shift for several rows)</translation>
    </message>
    <message>
        <source>支部党员大会：未记录（应到、实到、到会群众），参评率无从计算</source>
        <translation>Branch meeting: not recorded (expected, present, public raters); no turnout can be computed</translation>
    </message>
    <message>
        <source>支部党员大会：</source>
        <translation>Branch meeting: </translation>
    </message>
    <message>
        <source>开启评价…</source>
        <extracomment>how often the page looks for changes made by other clerks (milliseconds) when the grid and its signature were read (time.monotonic) 记录商议/审议 dialogs open (kept so that they are not collected while shown) 重新开启&apos;s reason, asked in a form that keeps it when refused</extracomment>
        <translation>Open a round…</translation>
    </message>
    <message>
        <source>导出填报表…</source>
        <translation>Export fill-in workbook…</translation>
    </message>
    <message>
        <source>导入填报表…</source>
        <translation>Import fill-in workbook…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>记录自评…</source>
        <translation>Record self-assessment…</translation>
    </message>
    <message>
        <source>记录商议/审议…</source>
        <translation>Record approval step…</translation>
    </message>
    <message>
        <source>规则例外…</source>
        <translation>Rule exception…</translation>
    </message>
    <message>
        <source>按积分台账重新计算</source>
        <translation>Recompute from the points ledger</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>撤销修改</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>调整最终等次…</source>
        <translation>Adjust final grade…</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>党组织</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>姓名</source>
        <extracomment>the grid&apos;s own columns (the scheme&apos;s columns are the scheme&apos;s words), for lupdate</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>自评</source>
        <translation>Self-assessment</translation>
    </message>
    <message>
        <source>审议</source>
        <translation>Approval</translation>
    </message>
    <message>
        <source>总分</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>计算等次</source>
        <translation>Computed level</translation>
    </message>
    <message>
        <source>最终等次</source>
        <translation>Final level</translation>
    </message>
    <message>
        <source>审核</source>
        <extracomment>the button that takes a round one step on, by its status</extracomment>
        <translation>Review</translation>
    </message>
    <message>
        <source>公示</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>确定并锁定</source>
        <translation>Confirm and lock</translation>
    </message>
    <message>
        <source>调整理由：</source>
        <extracomment>sheet id → approval state (双议双评) shown in the 审议 column rows whose final level is over its limit in their branch (优秀 beyond one third) a grade waits for the member&apos;s 个人自评 (setting evaluation_self_before_grading) org id → the branch meeting recorded (民主评议), read by the turnout warnings 一票否决 (models/services/evaluation/veto.py): org id → reason, and the cap</extracomment>
        <translation>Reason for adjustment: </translation>
    </message>
    <message>
        <source>超出名额：该等次超过本支部参评人数的限额</source>
        <translation>Over the quota: this grade exceeds the limit for the branch&apos;s number of members evaluated</translation>
    </message>
    <message>
        <source>{name}：星级不超过{cap}（{reasons}）</source>
        <translation>{name}: at most {cap} stars ({reasons})</translation>
    </message>
    <message>
        <source>“优秀”名额不超过参评数的三分之一；可从 Excel 复制后粘贴（Ctrl+V）</source>
        <translation>At most one third may be rated “excellent”; paste from Excel with Ctrl+V</translation>
    </message>
    <message>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>名额与参评率提示</source>
        <translation>Quota and participation</translation>
    </message>
    <message>
        <source>历年等次（当前行）</source>
        <extracomment>the branch meeting as recorded (民主评议): 应到, 实到, 参评率, public raters</extracomment>
        <translation>Grades by year (current row)</translation>
    </message>
    <message>
        <source>评价表</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>村干部名册</source>
        <translation>Village cadres</translation>
    </message>
    <message>
        <source>其他办事员可能修改了评价；请先保存或撤销修改，再刷新</source>
        <translation>Another clerk may have changed this round; save or revert, then refresh</translation>
    </message>
    <message>
        <source>评价表有未保存的修改，请先保存或撤销修改</source>
        <translation>The grid has unsaved changes: save or revert them first</translation>
    </message>
    <message>
        <source>其他办事员修改了本评价；保存前请先撤销修改并刷新</source>
        <translation>Another clerk changed this round; revert and refresh before saving</translation>
    </message>
    <message>
        <source>已刷新：其他办事员修改了评价</source>
        <translation>Refreshed: another clerk changed the round</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>评价表有未保存的修改，切换后将丢失。放弃这些修改？</source>
        <translation>The grid has unsaved changes that switching would lose. Discard them?</translation>
    </message>
    <message>
        <source>全部（{0}个）</source>
        <translation>All ({0})</translation>
    </message>
    <message>
        <source>（{0}人）</source>
        <translation> ({0} people)</translation>
    </message>
    <message>
        <source>尚未开启评价：点击“开启评价…”</source>
        <translation>No round yet: click “Open a round…”</translation>
    </message>
    <message>
        <source>状态：</source>
        <translation>Status: </translation>
    </message>
    <message>
        <source>（只读）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>&#x3000;积分来自积分台账</source>
        <translation>   points from the points ledger</translation>
    </message>
    <message>
        <source>&#x3000;规则例外：</source>
        <translation>   rule exception: </translation>
    </message>
    <message>
        <source>个人自评：已完成{0}人，未完成{1}人，未记录{2}人</source>
        <translation>Self-assessment: {0} done, {1} not done, {2} not recorded</translation>
    </message>
    <message>
        <source>重新开启…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>退回草稿</source>
        <translation>Back to draft</translation>
    </message>
    <message>
        <source>评价已确定并锁定</source>
        <translation>The evaluation is final and locked</translation>
    </message>
    <message>
        <source>只有草稿状态的评价可以录入</source>
        <translation>Only a draft evaluation takes entries</translation>
    </message>
    <message>
        <source>请先选择一个党支部</source>
        <translation>Select a branch first</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>&#x3000;</source>
        <translation>   </translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>（没有已确定的评价结果）</source>
        <translation>(no locked evaluation results)</translation>
    </message>
    <message>
        <source>审核通过后不能再改分，确定审核本轮评价？</source>
        <translation>Scores cannot be changed after approval. Approve this evaluation round?</translation>
    </message>
    <message>
        <source>公示后结果向党员群众公开5天，确定开始公示？</source>
        <translation>The results will be shown publicly for 5 days. Start the public notice?</translation>
    </message>
    <message>
        <source>确定并锁定后结果不能再改，只能说明理由后重新开启。确定锁定？</source>
        <translation>Once locked, the results cannot be changed; they can only be reopened with a reason. Lock them?</translation>
    </message>
    <message>
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <source>本轮评价现为“%1”（本页%2张评价表）</source>
        <translation>The round is now “%1” (%2 sheets on this page)</translation>
    </message>
    <message>
        <source>已开启评价</source>
        <translation>Round opened</translation>
    </message>
    <message>
        <source>已导出{n}张评价表：{path}</source>
        <translation>Exported {n} sheets: {path}</translation>
    </message>
    <message>
        <source>导出填报表</source>
        <translation>Export fill-in workbook</translation>
    </message>
    <message>
        <source>导入填报表</source>
        <translation>Import fill-in workbook</translation>
    </message>
    <message>
        <source>已记录%1人的个人自评</source>
        <translation>Self-assessments recorded for %1 member(s)</translation>
    </message>
    <message>
        <source>请先选中要记录的村干部（可按住 Ctrl 或 Shift 选择多行）</source>
        <translation>First select the cadres to record (hold Ctrl or Shift to select several rows)</translation>
    </message>
    <message>
        <source>已记录%1名村干部的商议/审议结果</source>
        <translation>Approval step recorded for %1 cadres</translation>
    </message>
    <message>
        <source>已按积分台账重新计算：%1张评价表的总分或等次有变化（共%2张）</source>
        <translation>Recomputed from the points ledger: the total or level of %1 of %2 sheets changed</translation>
    </message>
    <message>
        <source>决定机关</source>
        <translation>Deciding body</translation>
    </message>
    <message>
        <source>规则例外</source>
        <translation>Rule exception</translation>
    </message>
    <message>
        <source>例外理由</source>
        <translation>Reason for the exception</translation>
    </message>
    <message>
        <source>重新开启</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>重新开启的理由（记入日志）：</source>
        <translation>Reason for reopening (logged):</translation>
    </message>
</context>
<context>
    <name>FieldBox</name>
    <message>
        <source>必填</source>
        <extracomment>the indent of one level in an organization drop-down (an ideographic space)</extracomment>
        <translation>Required</translation>
    </message>
</context>
<context>
    <name>FindingsTab</name>
    <message>
        <source>运行核查</source>
        <translation>Run the checks</translation>
    </message>
    <message>
        <source>采纳为问题</source>
        <translation>Accept as a problem</translation>
    </message>
    <message>
        <source>排除…</source>
        <translation>Dismiss…</translation>
    </message>
    <message>
        <source>显示已采纳和已排除的</source>
        <translation>Show accepted and dismissed</translation>
    </message>
    <message>
        <source>按月份和截至日期核查名册、班子、结对、整顿和评定记录；采纳的列入问题，进入三函督办，排除的须写明原因，相同记录不再提出。</source>
        <translation>Checks the roster, the leadership, pairings, rectifications and evaluations for the month at the as-of date; an accepted finding becomes a problem in the supervision cycle, a dismissed one needs a reason; the same records are not proposed again.</translation>
    </message>
    <message>
        <source>请先选中一条核查问题</source>
        <translation>Select a finding first</translation>
    </message>
    <message>
        <source>核查完成：待处理%1条</source>
        <translation>Checks done: %1 waiting</translation>
    </message>
    <message>
        <source>已采纳，登记为问题（编号%1），下次起草督办函时列入</source>
        <translation>Accepted as problem %1; the next drafting lists it</translation>
    </message>
    <message>
        <source>排除核查问题</source>
        <translation>Dismiss finding</translation>
    </message>
    <message>
        <source>排除的原因（记入日志；相同记录不再提出）：</source>
        <translation>Why dismiss it (logged; the same records are not proposed again):</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>首次使用</source>
        <translation>First run</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入党员名册</source>
        <extracomment>the wizard&apos;s title for each import kind it is opened with</extracomment>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>选择工作簿</source>
        <extracomment>corrections of the automatic mapping: header in the file → field (&quot;忽略&quot;: not imported)</extracomment>
        <translation>Choose a workbook</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Excel（.xlsx、.xls）、WPS（.et）或 CSV；表头可在标题行下方，常用列名会自动对应</source>
        <translation>Excel (.xlsx, .xls), WPS (.et) or CSV; the header may be below a title row; common column names are matched automatically</translation>
    </message>
    <message>
        <source>导入月度任务</source>
        <translation>Import monthly tasks</translation>
    </message>
    <message>
        <source>导入积分记录</source>
        <translation>Import points entries</translation>
    </message>
    <message>
        <source>导入结对</source>
        <translation>Import pairings</translation>
    </message>
    <message>
        <source>导入结对活动</source>
        <translation>Import pairing activities</translation>
    </message>
    <message>
        <source>导入党组织</source>
        <translation>Import organizations</translation>
    </message>
    <message>
        <source>导入督查问题</source>
        <translation>Import problems</translation>
    </message>
    <message>
        <source>列的对应关系和检查结果</source>
        <translation>Column mapping and check results</translation>
    </message>
    <message>
        <source>全部无误才导入（有错误则不导入）</source>
        <translation>Import only if every row is valid</translation>
    </message>
    <message>
        <source>只导入无误的行，跳过有错误的行</source>
        <translation>Import the valid rows, skip the bad ones</translation>
    </message>
    <message>
        <source>保存错误报告…</source>
        <translation>Save error report…</translation>
    </message>
    <message>
        <source>取消导入</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>已取消，未写入任何数据</source>
        <translation>Cancelled; nothing was written</translation>
    </message>
    <message>
        <source>表头在第{0}行，数据从第{1}行起。</source>
        <translation>Header in row {0}, data from row {1}.</translation>
    </message>
    <message>
        <source>未能对应的列：{0}（需要时请在右侧选择）</source>
        <translation>Unmatched columns: {0} (choose on the right if needed)</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>未导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <source>第{0}行缺少列：{1}</source>
        <translation>Row {0} lacks the columns: {1}</translation>
    </message>
    <message>
        <source>；未能对应的列：{0}</source>
        <translation>; columns not placed: {0}</translation>
    </message>
    <message>
        <source>。请在“导入为”中为文件里相应的列选择字段。</source>
        <translation>. Choose their fields under “Import as” for the matching columns of the file.</translation>
    </message>
    <message>
        <source>保存错误报告</source>
        <translation>Save error report</translation>
    </message>
</context>
<context>
    <name>LetterEditDialog</name>
    <message>
        <source>编辑函件草稿</source>
        <translation>Edit letter draft</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>主送</source>
        <translation>To</translation>
    </message>
    <message>
        <source>多个单位用“、”分隔</source>
        <translation>Separate several units with “、”</translation>
    </message>
    <message>
        <source>函件标题；文号在签发时按机关代字和年度自动编号</source>
        <translation>Letter title; the number is assigned on issue from the agency code and year</translation>
    </message>
    <message>
        <source>正文每行一段；反馈时限按设置中的天数自动计算</source>
        <translation>One paragraph per line; the reply deadline follows the days in Settings</translation>
    </message>
    <message>
        <source>抄送</source>
        <translation>Copies to</translation>
    </message>
    <message>
        <source>正文（每行一段）</source>
        <translation>Body (one paragraph per line)</translation>
    </message>
</context>
<context>
    <name>LetterKind</name>
    <message>
        <source>提示函</source>
        <extracomment>the kinds of letter, marked for lupdate (the draft summary names them)</extracomment>
        <translation>Reminder letter</translation>
    </message>
    <message>
        <source>督办函</source>
        <translation>Supervision letter</translation>
    </message>
    <message>
        <source>预警函</source>
        <translation>Warning letter</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>数据库：</source>
        <translation>Database: </translation>
    </message>
    <message>
        <source>账号：</source>
        <translation>Account: </translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>再输一次：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>请输入账号</source>
        <translation>Enter the account name</translation>
    </message>
    <message>
        <source>该账号的密码由管理员设置，须先设置您自己的新密码才能继续。</source>
        <translation>The administrator set this password: choose your own before you continue.</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
</context>
<context>
    <name>LostDialog</name>
    <message>
        <source>已恢复联系</source>
        <translation>Contact regained</translation>
    </message>
    <message>
        <source>联系失联党员</source>
        <translation>Contact a lost member</translation>
    </message>
    <message>
        <source>处理期限：</source>
        <translation>Decide by:</translation>
    </message>
    <message>
        <source>联系日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>联系方式和结果：</source>
        <translation>How and with what result:</translation>
    </message>
    <message>
        <source>登记失联</source>
        <translation>Register lost contact</translation>
    </message>
    <message>
        <source>失去联系日期：</source>
        <translation>Contact lost on:</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Note:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>党建督查台账</source>
        <extracomment>the navigation&apos;s widest (docs/screen.md): wider, the 工作台 page no longer fits 1024 wide what start-up waits for: &quot;wizard&quot;, &quot;login&quot;, &quot;demo&quot; (None: nothing) True once the window has painted (the start-up benchmark waits for it) True once the first page showed its data and the deferred start-up work began</extracomment>
        <translation>Dangjian Desk</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>导出季度报表…</source>
        <translation>Export quarterly workbook…</translation>
    </message>
    <message>
        <source>导出月度通报…</source>
        <translation>Export monthly report…</translation>
    </message>
    <message>
        <source>导出本月函件PDF…</source>
        <translation>Export this month&apos;s letters as PDF…</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>切换账号…</source>
        <translation>Switch account…</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>备份…</source>
        <translation>Backup…</translation>
    </message>
    <message>
        <source>恢复…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <source>未登录</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <source>已注销：</source>
        <translation>Logged out: </translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>未打开数据库</source>
        <translation>No database open</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>警告：</source>
        <translation>Warning: </translation>
    </message>
    <message>
        <source>无法登录</source>
        <translation>Cannot log in</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>账号：</source>
        <translation>Account: </translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>首次设置未完成</source>
        <translation>First-run setup not finished</translation>
    </message>
    <message>
        <source>正在生成演示县…</source>
        <translation>Building the demo county…</translation>
    </message>
    <message>
        <source>演示县</source>
        <translation>Demo county</translation>
    </message>
    <message>
        <source>自动备份失败：</source>
        <translation>Automatic backup failed: </translation>
    </message>
    <message>
        <source>是否用最新的备份恢复？</source>
        <translation>Restore the newest backup?</translation>
    </message>
    <message>
        <source>当前文件会先另存一份，不会丢失。</source>
        <translation>The current file is kept aside first; nothing is lost.</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>已从备份恢复：</source>
        <translation>Restored from backup: </translation>
    </message>
    <message>
        <source>原文件另存为：</source>
        <translation>Original file kept as: </translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>不能执行</source>
        <translation>Not allowed</translation>
    </message>
    <message>
        <source>备份到</source>
        <translation>Back up to</translation>
    </message>
    <message>
        <source>备份未完成</source>
        <translation>Backup not finished</translation>
    </message>
    <message>
        <source>已备份到 </source>
        <translation>Backed up to </translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>用备份替换当前数据库中的全部数据？</source>
        <translation>Replace all data in the current database with the backup?</translation>
    </message>
    <message>
        <source>恢复未完成</source>
        <translation>Restore not finished</translation>
    </message>
    <message>
        <source>密码已修改</source>
        <translation>Password changed</translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>文件中的表头</source>
        <translation>Header in the file</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>支部党员大会</source>
        <translation>Branch meeting</translation>
    </message>
    <message>
        <source>会议日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>应到（正式党员）</source>
        <translation>Expected (full members)</translation>
    </message>
    <message>
        <source>实到</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>请假人员及原因</source>
        <translation>Absent, with reasons</translation>
    </message>
    <message>
        <source>邀请群众</source>
        <translation>Public raters invited</translation>
    </message>
    <message>
        <source>到会群众</source>
        <translation>Public raters present</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <source>姓名：</source>
        <extracomment>the field labels (svc.MEMBER_LABELS), marked for lupdate (translated where shown)</extracomment>
        <translation>Name:</translation>
    </message>
    <message>
        <source>性别：</source>
        <translation>Sex:</translation>
    </message>
    <message>
        <source>民族：</source>
        <translation>Ethnic group:</translation>
    </message>
    <message>
        <source>公民身份号码：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <source>出生日期：</source>
        <translation>Date of birth:</translation>
    </message>
    <message>
        <source>学历：</source>
        <translation>Education:</translation>
    </message>
    <message>
        <source>人员类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>所在党支部：</source>
        <translation>Party branch:</translation>
    </message>
    <message>
        <source>加入党组织日期：</source>
        <translation>Joined the Party:</translation>
    </message>
    <message>
        <source>转为正式党员日期：</source>
        <translation>Full member since:</translation>
    </message>
    <message>
        <source>工作岗位：</source>
        <translation>Position:</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>家庭住址：</source>
        <translation>Home address:</translation>
    </message>
    <message>
        <source>党籍状态：</source>
        <translation>Membership status:</translation>
    </message>
    <message>
        <source>是否失联：</source>
        <translation>Lost contact:</translation>
    </message>
    <message>
        <source>失去联系日期：</source>
        <translation>Lost contact on:</translation>
    </message>
    <message>
        <source>是否流动党员：</source>
        <translation>Mobile member:</translation>
    </message>
    <message>
        <source>外出流向：</source>
        <translation>Gone to:</translation>
    </message>
    <message>
        <source>新增党员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>编辑党员</source>
        <translation>Edit member</translation>
    </message>
    <message>
        <source>更换党支部请用“组织关系转接”</source>
        <extracomment>the ID number and phone a login on the server reads masked only: kept unless changed</extracomment>
        <translation>Use “Transfer” to change the branch</translation>
    </message>
    <message>
        <source>18位，末位可为X</source>
        <translation>18 characters, the last may be X</translation>
    </message>
    <message>
        <source>由身份证号自动填写</source>
        <translation>Filled from the ID number</translation>
    </message>
    <message>
        <source>预备党员不填</source>
        <translation>Empty for probationary members</translation>
    </message>
    <message>
        <source>失去联系</source>
        <translation>Lost contact</translation>
    </message>
    <message>
        <source>流动党员</source>
        <translation>Floating member</translation>
    </message>
    <message>
        <source>公民身份号码：18位，末位为校验码（可为X）；填好后自动填写性别和出生日期</source>
        <translation>ID number: 18 characters, the last is a check digit (may be X); sex and birth date are filled from it</translation>
    </message>
    <message>
        <source>转为正式党员日期：入党满1年预备期，一般在入党后1至2年之间；预备党员不填</source>
        <translation>Full membership date: after the one-year probation, 1 to 2 years after joining; empty for probationary members</translation>
    </message>
    <message>
        <source>失去联系的起始年月，如 2024-03（只填年月）</source>
        <translation>Month contact was lost, e.g. 2024-03 (year and month only)</translation>
    </message>
    <message>
        <source>外出流向：流动党员外出所在地，如 广东省深圳市</source>
        <translation>Where a floating member went, e.g. 广东省深圳市</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>党籍已终止，记录只能查看</source>
        <translation>Membership ended: the record is read-only</translation>
    </message>
    <message>
        <source>转正日期不详（名册未载转正信息）</source>
        <translation>Date of full membership unknown (not in the imported roster)</translation>
    </message>
    <message>
        <source>预备期至%1</source>
        <translation>Probation until %1</translation>
    </message>
    <message>
        <source>（已延长）</source>
        <translation> (extended)</translation>
    </message>
    <message>
        <source>失联：应于%1前作出处理决定</source>
        <translation>Lost contact: decide by %1</translation>
    </message>
    <message>
        <source>有{n}处需要改正</source>
        <translation>{n} fields need correcting</translation>
    </message>
    <message>
        <source>记录已被他人修改</source>
        <translation>Changed by another clerk</translation>
    </message>
    <message>
        <source>未能保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>其他办事员的修改：</source>
        <translation>Changes by another clerk:</translation>
    </message>
    <message>
        <source>您的修改未保存。请关闭后重新打开该党员，再录入您的修改。</source>
        <translation>Your changes were not saved. Close and reopen the member, then enter them again.</translation>
    </message>
    <message>
        <source>组织关系</source>
        <translation>Placements</translation>
    </message>
    <message>
        <source>转入日期</source>
        <translation>From</translation>
    </message>
    <message>
        <source>转出日期</source>
        <translation>To</translation>
    </message>
    <message>
        <source>党组织</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>党员经历</source>
        <translation>Lifecycle</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>修改记录</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>搜索：姓名、拼音首字母（如 zw）、身份证号、电话</source>
        <extracomment>columns hidden until the clerk shows them</extracomment>
        <translation>Search: name, pinyin initials (e.g. zw), ID number, phone</translation>
    </message>
    <message>
        <source>全部党员</source>
        <translation>All members</translation>
    </message>
    <message>
        <source>正式党员</source>
        <translation>Full members</translation>
    </message>
    <message>
        <source>预备党员</source>
        <translation>Probationary</translation>
    </message>
    <message>
        <source>在册</source>
        <translation>Current</translation>
    </message>
    <message>
        <source>已终止</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>失联</source>
        <translation>Lost contact</translation>
    </message>
    <message>
        <source>流动</source>
        <translation>Floating</translation>
    </message>
    <message>
        <source>新增党员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>组织关系转接</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>终止党籍</source>
        <translation>End membership</translation>
    </message>
    <message>
        <source>转正决定…</source>
        <translation>Probation decision…</translation>
    </message>
    <message>
        <source>失联…</source>
        <translation>Lost contact…</translation>
    </message>
    <message>
        <source>转出县外…</source>
        <translation>Transfer out of county…</translation>
    </message>
    <message>
        <source>恢复党籍…</source>
        <translation>Restore membership…</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>撤销上次导入</source>
        <translation>Undo last import</translation>
    </message>
    <message>
        <source>导出所示…</source>
        <translation>Export shown…</translation>
    </message>
    <message>
        <source>列…</source>
        <translation>Columns…</translation>
    </message>
    <message>
        <source>全县</source>
        <translation>Whole county</translation>
    </message>
    <message>
        <source>本乡镇全部</source>
        <translation>All of my township</translation>
    </message>
    <message>
        <source>共{n}人</source>
        <translation>{n} members</translation>
    </message>
    <message>
        <source>显示{shown}人 / 共{n}人</source>
        <translation>{shown} shown / {n} members</translation>
    </message>
    <message>
        <source>请先选择一名在册党员</source>
        <translation>Select a current member first</translation>
    </message>
    <message>
        <source>请先选择一名在册的预备党员</source>
        <translation>First select a current probationary member</translation>
    </message>
    <message>
        <source>请先选择一名党籍已终止的党员（状态选“已终止”）</source>
        <translation>Select a member whose membership ended first (status “Ended”)</translation>
    </message>
    <message>
        <source>恢复党籍</source>
        <translation>Restore membership</translation>
    </message>
    <message>
        <source>恢复{name}党籍的原因（记入日志）：</source>
        <translation>Reason for restoring the membership of {name} (recorded in the log):</translation>
    </message>
    <message>
        <source>恢复{name}的党籍？该党员回到终止前所在的党支部，重新计入党员总数。</source>
        <translation>Restore the Party membership of {name}? The member returns to the branch they were in when it ended and counts in the member totals again.</translation>
    </message>
    <message>
        <source>已恢复{name}的党籍</source>
        <translation>Membership of {name} restored</translation>
    </message>
    <message>
        <source>撤销导入</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <source>没有可撤销的导入</source>
        <translation>No import to undo</translation>
    </message>
    <message>
        <source>撤销导入“{src}”（{at}）？该批党员将标记为“撤销导入”终止。</source>
        <translation>Undo the import “{src}” ({at})? Its members will be ended as “import undone”.</translation>
    </message>
    <message>
        <source>已导出{n}人</source>
        <translation>Exported {n} members</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>正在导出党员名册…</source>
        <translation>Exporting the roster…</translation>
    </message>
    <message>
        <source>未能撤销</source>
        <translation>Could not undo</translation>
    </message>
    <message>
        <source>已撤销{n}名党员</source>
        <translation>{n} members undone</translation>
    </message>
    <message>
        <source>导出党员名册</source>
        <translation>Export member roster</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>移动党组织</source>
        <translation>Move organization</translation>
    </message>
    <message>
        <source>党组织：</source>
        <translation>Organization:</translation>
    </message>
    <message>
        <source>新的上级：</source>
        <translation>New parent:</translation>
    </message>
    <message>
        <source>未能移动</source>
        <translation>Could not move</translation>
    </message>
</context>
<context>
    <name>OpenRectificationDialog</name>
    <message>
        <source>开始整顿</source>
        <translation>Start rectification</translation>
    </message>
    <message>
        <source>如 王副县长</source>
        <translation>e.g. Deputy County Head Wang</translation>
    </message>
    <message>
        <source>姓名（派出单位）</source>
        <translation>Name (sending unit)</translation>
    </message>
    <message>
        <source>党组织</source>
        <translation>Party organization</translation>
    </message>
    <message>
        <source>整顿年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>整顿原因</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>包联县级领导</source>
        <translation>County leader in charge</translation>
    </message>
    <message>
        <source>第一书记</source>
        <translation>First secretary</translation>
    </message>
    <message>
        <source>驻村工作队</source>
        <translation>Village work team</translation>
    </message>
    <message>
        <source>整顿方案</source>
        <translation>Rectification plan</translation>
    </message>
    <message>
        <source>将“%1”列为%2年软弱涣散党组织并开始整顿？</source>
        <translation>List “%1” as a weak and lax Party organization of %2 and start its rectification?</translation>
    </message>
</context>
<context>
    <name>OpenRoundDialog</name>
    <message>
        <source>开启评价</source>
        <translation>Open a round</translation>
    </message>
    <message>
        <source>2026、2026H1、2026Q3 或 2026-10</source>
        <translation>2026, 2026H1, 2026Q3 or 2026-10</translation>
    </message>
    <message>
        <source>评价方案</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>评价范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>村（双议双评）</source>
        <translation>Villages (cadre review)</translation>
    </message>
</context>
<context>
    <name>OrgForm</name>
    <message>
        <source>组织名称：</source>
        <extracomment>the field labels (LABELS), marked for lupdate (translated where shown)</extracomment>
        <translation>Name:</translation>
    </message>
    <message>
        <source>简称：</source>
        <translation>Short name:</translation>
    </message>
    <message>
        <source>组织类别：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>单位属性：</source>
        <translation>Unit type:</translation>
    </message>
    <message>
        <source>上级党组织：</source>
        <translation>Parent organization:</translation>
    </message>
    <message>
        <source>书记：</source>
        <translation>Secretary:</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>成立日期：</source>
        <translation>Founded on:</translation>
    </message>
    <message>
        <source>本届届期开始：</source>
        <translation>Current term began:</translation>
    </message>
    <message>
        <source>届期(年)：</source>
        <translation>Term (years):</translation>
    </message>
    <message>
        <source>联系人：</source>
        <translation>Contact person:</translation>
    </message>
    <message>
        <source>软弱涣散年度：</source>
        <translation>Weak and lax in year:</translation>
    </message>
    <message>
        <source>软弱涣散原因：</source>
        <translation>Weak and lax because:</translation>
    </message>
    <message>
        <source>示范点级别：</source>
        <translation>Model site level:</translation>
    </message>
    <message>
        <source>示范点年度：</source>
        <translation>Model site year:</translation>
    </message>
    <message>
        <source>联合单位数：</source>
        <translation>Units covered:</translation>
    </message>
    <message>
        <source>新建党组织</source>
        <translation>New organization</translation>
    </message>
    <message>
        <source>编辑党组织</source>
        <translation>Edit organization</translation>
    </message>
    <message>
        <source>联合党支部覆盖的单位数（不超过5个）</source>
        <translation>The units a joint branch covers (at most 5)</translation>
    </message>
    <message>
        <source>届期(年)：村、社区党组织5年，其他党组织3年；不填按类别自动取</source>
        <translation>Term (years): villages and communities 5, others 3; empty takes the default for the kind</translation>
    </message>
    <message>
        <source>更换上级请用“移动”</source>
        <translation>Use “Move” to change the parent</translation>
    </message>
    <message>
        <source>未能保存</source>
        <translation>Not saved</translation>
    </message>
</context>
<context>
    <name>OrgPicker</name>
    <message>
        <source>输入名称、简称或拼音首字母（如 gzz）</source>
        <extracomment>at most this many suggestions in the drop-down list</extracomment>
        <translation>Type a name, short name or pinyin initials (e.g. gzz)</translation>
    </message>
    <message>
        <source>将选择：%1</source>
        <translation>Will choose: %1</translation>
    </message>
</context>
<context>
    <name>OrgsPage</name>
    <message>
        <source>查找党组织：名称、简称或拼音首字母，回车找下一个</source>
        <translation>Find a Party organization: name, short name or pinyin initials; Enter finds the next</translation>
    </message>
    <message>
        <source>显示已撤销</source>
        <translation>Show dissolved</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>单位属性：</source>
        <translation>Unit type:</translation>
    </message>
    <message>
        <source>书记：</source>
        <translation>Secretary:</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>届满日期：</source>
        <translation>Term ends:</translation>
    </message>
    <message>
        <source>党员（正式）：</source>
        <translation>Members (full):</translation>
    </message>
    <message>
        <source>标记：</source>
        <translation>Marks:</translation>
    </message>
    <message>
        <source>班子成员：</source>
        <translation>Leadership:</translation>
    </message>
    <message>
        <source>结构提示：</source>
        <translation>Structure notes:</translation>
    </message>
    <message>
        <source>新建下级</source>
        <translation>New child</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>移动…</source>
        <translation>Move…</translation>
    </message>
    <message>
        <source>撤销…</source>
        <translation>Dissolve…</translation>
    </message>
    <message>
        <source>登记任职…</source>
        <translation>Register post…</translation>
    </message>
    <message>
        <source>登记离任…</source>
        <translation>End post…</translation>
    </message>
    <message>
        <source>在名册中查看</source>
        <translation>Show in roster</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>本组织及下级的党员</source>
        <translation>Members of this organization and below</translation>
    </message>
    <message>
        <source>组织</source>
        <translation>Organizations</translation>
    </message>
    <message>
        <source>整顿台账</source>
        <translation>Rectification register</translation>
    </message>
    <message>
        <source>没有相符的党组织</source>
        <translation>No matching Party organization</translation>
    </message>
    <message>
        <source>第%1个，共%2个相符</source>
        <translation>%1 of %2 matches</translation>
    </message>
    <message>
        <source>（已撤销）</source>
        <translation> (dissolved)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>乡镇账号只能处理本乡镇的党组织</source>
        <translation>A township account can change only its own township&apos;s organizations</translation>
    </message>
    <message>
        <source>本组织及下级的党员：{n}人</source>
        <translation>Members of this organization and below: {n}</translation>
    </message>
    <message>
        <source>登记任职</source>
        <translation>Register post</translation>
    </message>
    <message>
        <source>职务：</source>
        <translation>Post:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>任职日期（如 2026-03-01）：</source>
        <translation>Start (e.g. 2026-03-01):</translation>
    </message>
    <message>
        <source>产生方式：</source>
        <translation>How chosen:</translation>
    </message>
    <message>
        <source>登记离任</source>
        <translation>End post</translation>
    </message>
    <message>
        <source>该组织的班子名册没有在任人员</source>
        <translation>No one is in office in this organization&apos;s register</translation>
    </message>
    <message>
        <source>离任人员：</source>
        <translation>Leaving:</translation>
    </message>
    <message>
        <source>离任日期（如 2026-03-01）：</source>
        <translation>End (e.g. 2026-03-01):</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>调整最终等次</source>
        <translation>Adjust final grade</translation>
    </message>
    <message>
        <source>（恢复计算等次）</source>
        <translation>(back to the computed grade)</translation>
    </message>
    <message>
        <source>如 红星村党支部党员大会、东城镇党委会</source>
        <translation>e.g. the branch members’ meeting, the township committee</translation>
    </message>
    <message>
        <source>最终等次</source>
        <translation>Final grade</translation>
    </message>
    <message>
        <source>调整理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>决定机关</source>
        <translation>Decided by</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <source>新建结对</source>
        <extracomment>lupdate extracts translate(&quot;context&quot;, &quot;literal&quot;) calls (a wrapper named tr is filed under no context)</extracomment>
        <translation>New pairing</translation>
    </message>
    <message>
        <source>不填则由结对方名称生成</source>
        <translation>Leave empty to build it from the parties&apos; names</translation>
    </message>
    <message>
        <source>城乡联建：一个城市（机关、社区）党组织联系2至4个村</source>
        <translation>Urban-rural joint building: one urban (agency or community) Party organization is linked with 2 to 4 villages</translation>
    </message>
    <message>
        <source>不定期</source>
        <translation>Open-ended</translation>
    </message>
    <message>
        <source>结对类型</source>
        <translation>Pairing type</translation>
    </message>
    <message>
        <source>结对名称</source>
        <translation>Pairing name</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Goals</translation>
    </message>
    <message>
        <source>输入名称或拼音首字母筛选</source>
        <translation>Filter by name or pinyin initials</translation>
    </message>
    <message>
        <source>输入姓名筛选</source>
        <translation>Filter by name</translation>
    </message>
    <message>
        <source>户主姓名</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>登记此户</source>
        <translation>Register this household</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>所属党组织</source>
        <translation>Party organization</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>党组织</source>
        <translation>Party organizations</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Party members</translation>
    </message>
    <message>
        <source>户</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>加入牵头方 →</source>
        <translation>Add as leading party →</translation>
    </message>
    <message>
        <source>加入被帮扶方 →</source>
        <translation>Add as assisted party →</translation>
    </message>
    <message>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>选择结对方</source>
        <translation>Choose the parties</translation>
    </message>
    <message>
        <source>牵头方</source>
        <translation>Leading parties</translation>
    </message>
    <message>
        <source>被帮扶方</source>
        <translation>Assisted parties</translation>
    </message>
    <message>
        <source>编辑结对</source>
        <translation>Edit pairing</translation>
    </message>
</context>
<context>
    <name>PairingPage</name>
    <message>
        <source>全部类型</source>
        <extracomment>the register&apos;s columns left out, in this order, while the others do not fit (1024 wide): 结束日期, 项目数, 结对类型 (shown in the pairing&apos;s detail and the exports)</extracomment>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>编号或名称</source>
        <translation>Number or name</translation>
    </message>
    <message>
        <source>新建结对…</source>
        <translation>New pairing…</translation>
    </message>
    <message>
        <source>编辑结对…</source>
        <translation>Edit pairing…</translation>
    </message>
    <message>
        <source>结束结对</source>
        <translation>End pairing</translation>
    </message>
    <message>
        <source>终止结对</source>
        <translation>Terminate pairing</translation>
    </message>
    <message>
        <source>导入结对…</source>
        <translation>Import pairings…</translation>
    </message>
    <message>
        <source>导入活动…</source>
        <translation>Import activities…</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>请在上方选择一个结对</source>
        <translation>Choose a pairing above</translation>
    </message>
    <message>
        <source>活动内容</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>元，可不填</source>
        <translation>Yuan, optional</translation>
    </message>
    <message>
        <source>登记活动</source>
        <translation>Record activity</translation>
    </message>
    <message>
        <source>群众满意度（%）</source>
        <translation>Public satisfaction (%)</translation>
    </message>
    <message>
        <source>登记年度评价</source>
        <translation>Record annual assessment</translation>
    </message>
    <message>
        <source>快速登记活动</source>
        <translation>Quick activity entry</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>活动类型</source>
        <translation>Activity type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>资金(元)</source>
        <translation>Funds (yuan)</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>受益人数</source>
        <translation>Beneficiaries</translation>
    </message>
    <message>
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>跨乡镇的结对在所涉每个乡镇各计一次；合计行每个结对只计一次。</source>
        <translation>A pairing across townships counts once in each township; the total row counts each pairing once.</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>结对台账</source>
        <translation>Pairing register</translation>
    </message>
    <message>
        <source>乡镇汇总</source>
        <translation>By township</translation>
    </message>
    <message>
        <source>全部乡镇</source>
        <translation>All townships</translation>
    </message>
    <message>
        <source>合计：</source>
        <translation>Total: </translation>
    </message>
    <message>
        <source>共{pairings}个结对，活动{activities}次，资金{funds}元，项目{projects}个</source>
        <translation>{pairings} pairings, {activities} activities, funds {funds} yuan, {projects} projects</translation>
    </message>
    <message>
        <source>请先选择一个结对</source>
        <translation>Select a pairing first</translation>
    </message>
    <message>
        <source>党组织</source>
        <translation>Party organization</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Party member</translation>
    </message>
    <message>
        <source>户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>已登记</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>终止</source>
        <translation>Terminate</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>结对</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <source>{verb}结对“{name}”（{day}）？结束后不能再登记活动。</source>
        <translation>{verb} the pairing “{name}” ({day})? No activities can be recorded after it ends.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>账号：</source>
        <translation>Account: </translation>
    </message>
    <message>
        <source>原密码：</source>
        <translation>Old password:</translation>
    </message>
    <message>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>再输一次：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
</context>
<context>
    <name>PasswordPage</name>
    <message>
        <source>管理员密码</source>
        <translation>Administrator password</translation>
    </message>
    <message>
        <source>账号“管理员”的密码，至少8个字符，须含字母、数字、符号中的至少两类。</source>
        <translation>The password of the account “管理员”: at least 8 characters, of at least two kinds (letters, digits, symbols).</translation>
    </message>
    <message>
        <source>不设密码时，能使用这台电脑的任何人都能打开台账。</source>
        <translation>Without a password anyone who can use this PC can open the records.</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>再输一次：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>不设密码时，能使用这台电脑的任何人都能打开台账。确实不设密码吗？</source>
        <translation>Without a password anyone who can use this PC can open the records. Really set no password?</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>用系统程序打开</source>
        <translation>Open with the system viewer</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <source>只看待审核</source>
        <extracomment>a cell&apos;s text per column of HEADERS</extracomment>
        <translation>Awaiting approval only</translation>
    </message>
    <message>
        <source>审核所选</source>
        <translation>Approve selected</translation>
    </message>
    <message>
        <source>更正所选…</source>
        <translation>Correct selected…</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>下载模板…</source>
        <translation>Template…</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>党员：姓名、拼音首字母或公民身份号码</source>
        <translation>Member: name, pinyin initials or ID number</translation>
    </message>
    <message>
        <source>+5 或 -3</source>
        <translation>+5 or -3</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>选择一条记录查看该党员各季度累计积分</source>
        <translation>Select an entry to see the member’s running total per quarter</translation>
    </message>
    <message>
        <source>{n}条记录，待审核{w}条</source>
        <translation>{n} entries, {w} awaiting approval</translation>
    </message>
    <message>
        <source>，待审核{0}条</source>
        <translation>, {0} awaiting approval</translation>
    </message>
    <message>
        <source>，已锁定</source>
        <translation>, locked</translation>
    </message>
    <message>
        <source>第{0}季度：本季度{1}，累计{2}分 </source>
        <translation>Q{0}: this quarter {1}, running total {2} points </translation>
    </message>
    <message>
        <source>请先选中要审核的记录</source>
        <translation>Select the entries to approve first</translation>
    </message>
    <message>
        <source>已审核{n}条积分记录，即时生效（选中{m}条）</source>
        <translation>Approved {n} points entries, in effect now ({m} selected)</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>更正分值（如 -5）：</source>
        <translation>Corrected points (e.g. -5):</translation>
    </message>
    <message>
        <source>更正理由：</source>
        <translation>Reason for the correction:</translation>
    </message>
    <message>
        <source>积分记录模板</source>
        <translation>Points template</translation>
    </message>
</context>
<context>
    <name>PostDialog</name>
    <message>
        <source>非党员（如村委会成员）</source>
        <extracomment>a cadre who is not a Party member (村委会 members often are not): name and ID number</extracomment>
        <translation>Not a Party member (e.g. a village committee member)</translation>
    </message>
    <message>
        <source>政治面貌</source>
        <translation>Party membership</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>登记任职</source>
        <translation>Register post</translation>
    </message>
    <message>
        <source>修改任职</source>
        <translation>Edit post</translation>
    </message>
    <message>
        <source>如 2026-03-05</source>
        <translation>e.g. 2026-03-05</translation>
    </message>
    <message>
        <source>所在村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Party member</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>任职日期</source>
        <translation>Took office</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>（尾号%1）</source>
        <translation> (ending %1)</translation>
    </message>
    <message>
        <source>该党组织没有党员可选</source>
        <translation>This organization has no members to choose</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>无误</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ProbationDialog</name>
    <message>
        <source>转正决定</source>
        <translation>Probation decision</translation>
    </message>
    <message>
        <source>预备期至：</source>
        <translation>Probation until:</translation>
    </message>
    <message>
        <source>已转正</source>
        <translation>Already full</translation>
    </message>
    <message>
        <source>延长预备期时填写，如 2027-03-01</source>
        <translation>For an extension, e.g. 2027-03-01</translation>
    </message>
    <message>
        <source>决定：</source>
        <translation>Decision:</translation>
    </message>
    <message>
        <source>决定日期：</source>
        <translation>Decided on:</translation>
    </message>
    <message>
        <source>预备期延至：</source>
        <translation>Extended to:</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>取消%1的预备党员资格？其党籍随之终止。</source>
        <translation>Cancel %1&apos;s probationary membership? The membership ends.</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <source>登记督查发现问题</source>
        <translation>Record a problem found</translation>
    </message>
    <message>
        <source>修改问题</source>
        <translation>Edit problem</translation>
    </message>
    <message>
        <source>党组织</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>发现日期</source>
        <translation>Found on</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Problem category</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Rectification deadline</translation>
    </message>
    <message>
        <source>列入已签发的督办函后，整改时限以督办函为准，问题只能通过整改流程办理。</source>
        <translation>Once in a sent supervision letter, the letter&apos;s deadline applies and the problem can only go through rectification.</translation>
    </message>
    <message>
        <source>整改时限按设置自动计算（一般问题15天，严重问题7天），可在登记后修改；列入督办函后自签发之日起重新计算。</source>
        <translation>The deadline follows Settings (15 days, 7 for serious problems) and can be changed later; in a supervision letter it restarts from the date the letter is sent.</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>记录整顿进展</source>
        <translation>Record progress</translation>
    </message>
    <message>
        <source>整顿</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>%1（%2起）</source>
        <translation>%1 (from %2)</translation>
    </message>
    <message>
        <source>如 选举产生新任村党支部书记</source>
        <translation>e.g. a new branch secretary elected</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
</context>
<context>
    <name>ReasonsBox</name>
    <message>
        <source>其他情形（写明）</source>
        <translation>Other (describe)</translation>
    </message>
</context>
<context>
    <name>ReceiptsPanel</name>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>撤回附件…</source>
        <translation>Withdraw file…</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>导出本月证明材料…</source>
        <translation>Export the month&apos;s evidence…</translation>
    </message>
    <message>
        <source>回执：选中一项月度任务，查看各乡镇报送的完成情况和证明材料</source>
        <translation>Receipts: select a month task to see each township&apos;s report and evidence</translation>
    </message>
    <message>
        <source>回执：“{title}”，应报送{n}个乡镇，已报送{done}个，未报送{left}个</source>
        <translation>Receipts of “{title}”: {n} townships due, {done} reported, {left} not reported</translation>
    </message>
    <message>
        <source>已确认（{0}）</source>
        <translation>Confirmed ({0})</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>To confirm</translation>
    </message>
    <message>
        <source>已过完成时限仍未报送：未按时完成重点任务</source>
        <translation>Not reported by the deadline: key task not completed on time</translation>
    </message>
    <message>
        <source>（逾期报送）</source>
        <translation> (reported late)</translation>
    </message>
    <message>
        <source>这项任务不在本账号的乡镇范围内</source>
        <translation>This task is not for this account&apos;s township</translation>
    </message>
    <message>
        <source>请先选中一个附件</source>
        <translation>Select a file first</translation>
    </message>
    <message>
        <source>撤回附件</source>
        <translation>Withdraw file</translation>
    </message>
    <message>
        <source>撤回的原因（如传错了文件；文件仍保留在记录中）：</source>
        <translation>Reason for withdrawing (e.g. the wrong file; it stays on record):</translation>
    </message>
    <message>
        <source>请先选中一个已报送的乡镇</source>
        <translation>Select a township that has reported first</translation>
    </message>
    <message>
        <source>导出本月证明材料</source>
        <translation>Export the month&apos;s evidence</translation>
    </message>
    <message>
        <source>证明材料{0}个文件已导出到 {1}</source>
        <translation>{0} evidence files exported to {1}</translation>
    </message>
</context>
<context>
    <name>RectificationRegister</name>
    <message>
        <source>全部</source>
        <extracomment>the clerk asked to see the organization in the tree a record was saved (the page reloads the tree: the 软弱涣散 flag follows the 整顿) the organization the 开始整顿 form starts with (the page&apos;s current organization)</extracomment>
        <translation>All</translation>
    </message>
    <message>
        <source>整顿中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已转化</source>
        <translation>Transformed</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>开始整顿…</source>
        <translation>Start rectification…</translation>
    </message>
    <message>
        <source>数据筛查…</source>
        <translation>Screen the data…</translation>
    </message>
    <message>
        <source>记录进展…</source>
        <translation>Record progress…</translation>
    </message>
    <message>
        <source>验收…</source>
        <translation>Accept…</translation>
    </message>
    <message>
        <source>在组织树中查看</source>
        <translation>Show in the tree</translation>
    </message>
    <message>
        <source>共%1条，整顿中%2条</source>
        <translation>%1 records, %2 in progress</translation>
    </message>
    <message>
        <source>选中一条整顿记录，在此查看原因、方案、进展和验收。</source>
        <translation>Select a record to see its reasons, plan, progress and acceptance here.</translation>
    </message>
    <message>
        <source>整顿原因：</source>
        <translation>Reasons:</translation>
    </message>
    <message>
        <source>开始日期：</source>
        <translation>Start date:</translation>
    </message>
    <message>
        <source>包联县级领导：</source>
        <translation>County leader in charge:</translation>
    </message>
    <message>
        <source>第一书记：</source>
        <translation>First secretary:</translation>
    </message>
    <message>
        <source>驻村工作队：</source>
        <translation>Village work team:</translation>
    </message>
    <message>
        <source>整顿方案：</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <source>进展：</source>
        <translation>Progress:</translation>
    </message>
    <message>
        <source>验收：</source>
        <translation>Acceptance:</translation>
    </message>
    <message>
        <source>未验收</source>
        <translation>Not accepted yet</translation>
    </message>
    <message>
        <source>请先选中一条整顿记录</source>
        <translation>Select a rectification record first</translation>
    </message>
    <message>
        <source>按%1年的数据没有筛查出软弱涣散党组织</source>
        <translation>The data of %1 points at no weak organization</translation>
    </message>
    <message>
        <source>软弱涣散筛查</source>
        <translation>Weak-organization screening</translation>
    </message>
    <message>
        <source>按%1年数据筛查出的党组织，选一个列为整顿：</source>
        <translation>Organizations the data of %1 points at; choose one to rectify:</translation>
    </message>
    <message>
        <source>该整顿已验收转化，不能再记录进展</source>
        <translation>This rectification was accepted as transformed; no more progress can be recorded</translation>
    </message>
    <message>
        <source>该整顿已于%1验收转化</source>
        <translation>This rectification was accepted as transformed on %1</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <source>登记反馈</source>
        <translation>Record reply</translation>
    </message>
    <message>
        <source>反馈日期</source>
        <translation>Reply date</translation>
    </message>
    <message>
        <source>反馈内容</source>
        <translation>Reply</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>报送完成情况</source>
        <translation>Report completion</translation>
    </message>
    <message>
        <source>工作任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>乡镇账号只报送本乡镇的完成情况</source>
        <translation>A township account reports for its own township only</translation>
    </message>
    <message>
        <source>乡镇（街道）党委</source>
        <translation>Township committee</translation>
    </message>
    <message>
        <source>完成情况</source>
        <translation>Completion</translation>
    </message>
    <message>
        <source>报送日期</source>
        <translation>Report date</translation>
    </message>
    <message>
        <source>完成情况、未完成的原因和下步打算</source>
        <translation>What was done, why not, and next steps</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>照片、扫描件、文档：jpg、png、pdf、docx、xlsx，每个不超过20 MB</source>
        <translation>Photos, scans, documents: jpg, png, pdf, docx, xlsx, at most 20 MB each</translation>
    </message>
    <message>
        <source>证明材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>选择证明材料</source>
        <translation>Choose evidence files</translation>
    </message>
    <message>
        <source>证明材料 (*.jpg *.jpeg *.png *.pdf *.docx *.xlsx);;所有文件 (*)</source>
        <translation>Evidence (*.jpg *.jpeg *.png *.pdf *.docx *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>附件“{0}”已经添加</source>
        <translation>The file “{0}” is already added</translation>
    </message>
</context>
<context>
    <name>SchemeForm</name>
    <message>
        <source>评价项目</source>
        <extracomment>table name → (headers, definition keys of the columns)</extracomment>
        <translation>Evaluation items</translation>
    </message>
    <message>
        <source>类型（score/add/deduct）</source>
        <translation>Type (score/add/deduct)</translation>
    </message>
    <message>
        <source>最高分</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>评价主体</source>
        <translation>Rater</translation>
    </message>
    <message>
        <source>方式（score/votes）</source>
        <translation>Mode (score/votes)</translation>
    </message>
    <message>
        <source>权重</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>等次</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>下限（最后一档留空）</source>
        <translation>Lower bound (empty for the last band)</translation>
    </message>
    <message>
        <source>最低比例</source>
        <translation>Minimum share</translation>
    </message>
    <message>
        <source>最高比例</source>
        <translation>Maximum share</translation>
    </message>
    <message>
        <source>评价主体与权重</source>
        <translation>Raters and weights</translation>
    </message>
    <message>
        <source>分档（从高到低）</source>
        <translation>Bands (high to low)</translation>
    </message>
    <message>
        <source>名额比例</source>
        <translation>Quotas</translation>
    </message>
    <message>
        <source>评价方案</source>
        <translation>Evaluation scheme</translation>
    </message>
    <message>
        <source>满分</source>
        <translation>Full marks</translation>
    </message>
    <message>
        <source>基础分</source>
        <translation>Base score</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>保存方案</source>
        <translation>Save scheme</translation>
    </message>
    <message>
        <source>添加一行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <source>删除选中行</source>
        <translation>Delete selected row</translation>
    </message>
    <message>
        <source>方案检查通过</source>
        <translation>The scheme is valid</translation>
    </message>
    <message>
        <source>未能保存评价方案</source>
        <translation>Could not save the evaluation scheme</translation>
    </message>
    <message>
        <source>已保存评价方案</source>
        <translation>Evaluation scheme saved</translation>
    </message>
</context>
<context>
    <name>SelfAssessmentDialog</name>
    <message>
        <source>个人自评</source>
        <extracomment>sheet id → version after this dialog recorded it (a second record of the same member)</extracomment>
        <translation>Self-assessment</translation>
    </message>
    <message>
        <source>自评摘要（已完成时必填）</source>
        <translation>Summary (required when done)</translation>
    </message>
    <message>
        <source>自评</source>
        <translation>Self-assessment</translation>
    </message>
    <message>
        <source>自评摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>上一人</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>下一人</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>第%1人，共%2人：%3（%4）</source>
        <translation>%1 of %2: %3 (%4)</translation>
    </message>
    <message>
        <source>已记录</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>已记录%1人的个人自评</source>
        <translation>Self-assessments of %1 members recorded</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <source>未能保存</source>
        <extracomment>the id of the record saved</extracomment>
        <translation>Not saved</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <extracomment>ask which category the problems of a removed one move to: (old, count, choices) → new or None</extracomment>
        <translation>Settings</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>只有管理员可以修改共享设置；以下为只读。</source>
        <translation>Only an administrator can change shared settings; read-only below.</translation>
    </message>
    <message>
        <source>当前打开的数据库：</source>
        <translation>Database now open:</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>用“、”分隔，如 组织建设、党员管理</source>
        <translation>Separate with “、”, e.g. 组织建设、党员管理</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Problem categories</translation>
    </message>
    <message>
        <source>类别“{0}”已有{1}个问题使用。这些问题改用哪个类别？</source>
        <translation>{1} problems use the category “{0}”. Which category should they use instead?</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>文书字体文件（本机）：</source>
        <translation>Document fonts (this computer):</translation>
    </message>
    <message>
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>（未打开）</source>
        <translation>(none open)</translation>
    </message>
    <message>
        <source>SQLite 文件路径，或 postgresql+psycopg://用户@主机/库</source>
        <translation>SQLite file path, or postgresql+psycopg://user@host/db</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>添加字体文件…</source>
        <translation>Add font file…</translation>
    </message>
    <message>
        <source>单位</source>
        <extracomment>the tabs (models.setting_specs.GROUPS), marked for lupdate</extracomment>
        <translation>Agency</translation>
    </message>
    <message>
        <source>三函</source>
        <translation>Three letters</translation>
    </message>
    <message>
        <source>结对</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <source>数据核查</source>
        <translation>Data checks</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>界面语言（重启后生效）：</source>
        <translation>Language (after restart):</translation>
    </message>
    <message>
        <source>数据库文件</source>
        <translation>Database file</translation>
    </message>
    <message>
        <source>字体文件</source>
        <translation>Font file</translation>
    </message>
    <message>
        <source>启动时打开的数据库：</source>
        <translation>Database opened at start:</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>连接成功</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>未能保存设置</source>
        <translation>Could not save the settings</translation>
    </message>
    <message>
        <source>新的数据库将在下次启动时打开</source>
        <translation>The new database opens at the next start</translation>
    </message>
</context>
<context>
    <name>SupervisionPage</name>
    <message>
        <source>月份</source>
        <extracomment>the background of a withdrawn task&apos;s or problem&apos;s row (shown only when asked)</extracomment>
        <translation>Month</translation>
    </message>
    <message>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filter</translation>
    </message>
    <message>
        <source>起草本月函件</source>
        <translation>Draft this month’s letters</translation>
    </message>
    <message>
        <source>编辑草稿…</source>
        <translation>Edit draft…</translation>
    </message>
    <message>
        <source>签发选中的草稿</source>
        <translation>Issue the selected draft</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>登记反馈…</source>
        <translation>Record reply…</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>预览PDF</source>
        <translation>Preview PDF</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>函件模板…</source>
        <translation>Letter templates…</translation>
    </message>
    <message>
        <source>导出本月函件PDF…</source>
        <translation>Export this month&apos;s letters as PDF…</translation>
    </message>
    <message>
        <source>登记问题…</source>
        <translation>Record problem…</translation>
    </message>
    <message>
        <source>修改问题…</source>
        <translation>Edit problem…</translation>
    </message>
    <message>
        <source>推进整改</source>
        <translation>Advance rectification</translation>
    </message>
    <message>
        <source>验收销号…</source>
        <translation>Accept and close…</translation>
    </message>
    <message>
        <source>撤销问题…</source>
        <translation>Withdraw problem…</translation>
    </message>
    <message>
        <source>恢复问题…</source>
        <translation>Restore problem…</translation>
    </message>
    <message>
        <source>导入问题…</source>
        <translation>Import problems…</translation>
    </message>
    <message>
        <source>显示已撤销的问题</source>
        <translation>Show withdrawn problems</translation>
    </message>
    <message>
        <source>新增任务…</source>
        <translation>New task…</translation>
    </message>
    <message>
        <source>修改任务…</source>
        <translation>Edit task…</translation>
    </message>
    <message>
        <source>撤回任务…</source>
        <translation>Withdraw task…</translation>
    </message>
    <message>
        <source>恢复任务…</source>
        <translation>Restore task…</translation>
    </message>
    <message>
        <source>导入任务…</source>
        <translation>Import tasks…</translation>
    </message>
    <message>
        <source>显示已撤回的任务</source>
        <translation>Show withdrawn tasks</translation>
    </message>
    <message>
        <source>函件</source>
        <translation>Letters</translation>
    </message>
    <message>
        <source>月度任务</source>
        <translation>Monthly tasks</translation>
    </message>
    <message>
        <source>问题与红黄灯</source>
        <translation>Problems and lights</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>（已撤回）</source>
        <translation>(withdrawn) </translation>
    </message>
    <message>
        <source>已撤回：不再写入提示函；选中后点“恢复任务…”可撤销撤回</source>
        <translation>Withdrawn: no longer listed in reminder letters; select it and click “Restore task…” to undo the withdrawal</translation>
    </message>
    <message>
        <source>（已撤销）</source>
        <translation>(withdrawn) </translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>报送完成情况…</source>
        <translation>Report completion…</translation>
    </message>
    <message>
        <source>决定…</source>
        <translation>Decide…</translation>
    </message>
    <message>
        <source>导出年度考核…</source>
        <translation>Export yearly assessment…</translation>
    </message>
    <message>
        <source>问责查办</source>
        <translation>Accountability</translation>
    </message>
    <message>
        <source>数据核查</source>
        <translation>Data checks</translation>
    </message>
    <message>
        <source>已督办</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <source>待累计（未达督办函起点）</source>
        <translation>Waiting (below the supervision-letter threshold)</translation>
    </message>
    <message>
        <source>{township}本月未督办的问题：一般{ordinary}个、严重{serious}个；督办函起点：一般{min_ordinary}个或严重{min_serious}个。未达起点的问题暂不发督办函，下月继续累计。</source>
        <translation>{township}: problems not yet supervised this month: {ordinary} ordinary, {serious} serious; a supervision letter is sent from {min_ordinary} ordinary or {min_serious} serious. Below that, no letter yet: they carry over to next month.</translation>
    </message>
    <message>
        <source>{0}项任务</source>
        <translation>{0} tasks</translation>
    </message>
    <message>
        <source>{0}个问题</source>
        <translation>{0} problems</translation>
    </message>
    <message>
        <source>草稿{0}</source>
        <translation>Draft {0}</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{0}{1}份</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>{month}：重点任务{tasks}项；发现问题{problems}个，已销号{closed}个，逾期{overdue}个；函件：{letters}</source>
        <translation>{month}: {tasks} key tasks; {problems} problems found, {closed} closed, {overdue} overdue; letters: {letters}</translation>
    </message>
    <message>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <source>第{0}次</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <source>待决定</source>
        <translation>To decide</translation>
    </message>
    <message>
        <source>请先选中一起问责查办</source>
        <translation>Select an accountability case first</translation>
    </message>
    <message>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>仅显示：</source>
        <translation>Showing only: </translation>
    </message>
    <message>
        <source>请先选中一份函件</source>
        <translation>Select a letter first</translation>
    </message>
    <message>
        <source>已起草或补充{n}份函件草稿（{kinds}），请核对后签发</source>
        <translation>Drafted or extended {n} letter drafts ({kinds}); check them, then issue</translation>
    </message>
    <message>
        <source>本月没有需要起草的函件：应列入的任务和问题都已列入函件</source>
        <translation>No letters to draft this month: every task and problem due is already in a letter</translation>
    </message>
    <message>
        <source>请先选中要签发的草稿</source>
        <translation>Select the draft to issue first</translation>
    </message>
    <message>
        <source>补签</source>
        <translation>Issue with an earlier date</translation>
    </message>
    <message>
        <source>签发日期早于今天，补签原因：</source>
        <translation>The issue date is before today. Reason for the earlier date:</translation>
    </message>
    <message>
        <source>签发以下{n}份函件，签发日期{date}？</source>
        <translation>Send the following {n} letters, dated {date}?</translation>
    </message>
    <message>
        <source>签发后自动编号，不能再修改；督办函所列问题的整改时限自签发之日起计算。</source>
        <translation>Letters are numbered when sent and cannot be changed afterwards; deadlines of the problems in a supervision letter run from the date it is sent.</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>已签发{n}份函件，文号：</source>
        <translation>{n} letters sent, numbers: </translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>作废原因：</source>
        <translation>Reason for voiding:</translation>
    </message>
    <message>
        <source>办结后该函件不能再修改或登记反馈：%1。确定办结？</source>
        <translation>Once closed, the letter cannot be changed or receive replies: %1. Close it?</translation>
    </message>
    <message>
        <source>列出的任务</source>
        <translation>Tasks listed</translation>
    </message>
    <message>
        <source>列出的问题</source>
        <translation>Problems listed</translation>
    </message>
    <message>
        <source>无法生成PDF：</source>
        <translation>Cannot make the PDF: </translation>
    </message>
    <message>
        <source>请先选中一个问题</source>
        <translation>Select a problem first</translation>
    </message>
    <message>
        <source>问题已销号，不能再修改</source>
        <translation>The problem is closed and cannot be changed</translation>
    </message>
    <message>
        <source>该问题已列入已签发的{letter}，不能再修改，只能通过整改流程（推进整改、验收销号）办理</source>
        <translation>The problem is in the sent {letter}; it cannot be changed, only handled through rectification (advance, accept and close)</translation>
    </message>
    <message>
        <source>将该问题标记为“整改中”？</source>
        <translation>Mark the problem as under rectification?</translation>
    </message>
    <message>
        <source>提交验收</source>
        <translation>Submit for acceptance</translation>
    </message>
    <message>
        <source>整改情况：</source>
        <translation>Rectification:</translation>
    </message>
    <message>
        <source>该问题请用“验收销号”办理</source>
        <translation>Use “Accept and close” for this problem</translation>
    </message>
    <message>
        <source>该问题已销号</source>
        <translation>This problem is closed</translation>
    </message>
    <message>
        <source>撤销问题</source>
        <translation>Withdraw problem</translation>
    </message>
    <message>
        <source>撤销“{t}”的原因（如登记错了党组织、重复登记、月份有误）：</source>
        <translation>Why withdraw “{t}” (e.g. wrong organization, recorded twice, wrong month):</translation>
    </message>
    <message>
        <source>已撤销“{t}”；勾选“显示已撤销的问题”可查看或恢复</source>
        <translation>Withdrew “{t}”; tick “Show withdrawn problems” to see or restore it</translation>
    </message>
    <message>
        <source>撤销问题“{t}”？撤销后它不再列入督办函，也不计入红黄灯和统计（可恢复）。</source>
        <translation>Withdraw problem “{t}”? It will no longer be listed in supervision letters nor counted in the lights and statistics (it can be restored).</translation>
    </message>
    <message>
        <source>恢复问题</source>
        <translation>Restore problem</translation>
    </message>
    <message>
        <source>已恢复“{t}”：重新计入督办函、红黄灯和统计</source>
        <translation>Restored “{t}”: counted again in supervision letters, lights and statistics</translation>
    </message>
    <message>
        <source>请先选中一项月度任务</source>
        <translation>Select a monthly task first</translation>
    </message>
    <message>
        <source>撤回任务</source>
        <translation>Withdraw task</translation>
    </message>
    <message>
        <source>撤回“{t}”的原因：</source>
        <translation>Reason for withdrawing “{t}”:</translation>
    </message>
    <message>
        <source>已撤回“{t}”；勾选“显示已撤回的任务”可查看或恢复</source>
        <translation>Withdrew “{t}”; tick “Show withdrawn tasks” to see or restore it</translation>
    </message>
    <message>
        <source>恢复任务</source>
        <translation>Restore task</translation>
    </message>
    <message>
        <source>恢复“{t}”的原因（记入日志，可不填）：</source>
        <translation>Why restore “{t}” (logged, optional):</translation>
    </message>
    <message>
        <source>已撤销：不计入督办函、红黄灯和统计；选中后点“恢复问题…”可恢复</source>
        <translation>Withdrawn: left out of supervision letters, lights and statistics; select it and click “Restore problem…” to restore it</translation>
    </message>
    <message>
        <source>已恢复“{t}”：起草本月提示函时将再次列入</source>
        <translation>Restored “{t}”: the month&apos;s reminder letters will list it again when drafted</translation>
    </message>
    <message>
        <source>函件模板</source>
        <translation>Letter templates</translation>
    </message>
    <message>
        <source>函件类别：</source>
        <translation>Letter kind:</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>修改月度任务</source>
        <translation>Edit monthly task</translation>
    </message>
    <message>
        <source>新增月度任务</source>
        <translation>New monthly task</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>工作任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>主要内容</source>
        <translation>Main content</translation>
    </message>
    <message>
        <source>有关要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>有完成时限</source>
        <translation>Has a deadline</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>存档目录</source>
        <translation>Archive folder</translation>
    </message>
    <message>
        <source>都不勾选：全部乡镇（街道）党委</source>
        <translation>None ticked: every township (subdistrict) Party committee</translation>
    </message>
    <message>
        <source>适用范围（不选为全部）</source>
        <translation>Applies to (none chosen: all)</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>函件模板：</source>
        <translation>Letter template:</translation>
    </message>
    <message>
        <source>第一行为标题，其后每行一段正文。可用占位符：</source>
        <translation>The first line is the title, then one paragraph per line. Placeholders:</translation>
    </message>
</context>
<context>
    <name>TextPairDialog</name>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>组织关系转接</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>转入党组织：</source>
        <translation>To organization:</translation>
    </message>
    <message>
        <source>转接日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>已将%1的组织关系转入%2</source>
        <translation>Transferred %1&apos;s membership to %2</translation>
    </message>
</context>
<context>
    <name>TransferOutDialog</name>
    <message>
        <source>组织关系转出县外</source>
        <translation>Transfer out of the county</translation>
    </message>
    <message>
        <source>收到回执时填写</source>
        <translation>When the receipt is back</translation>
    </message>
    <message>
        <source>转往：</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>介绍信编号：</source>
        <translation>Letter number:</translation>
    </message>
    <message>
        <source>转出日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>回执日期：</source>
        <translation>Receipt on:</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>将%1的组织关系转往%2？其党籍在本县终止（原因 转出）。</source>
        <translation>Transfer %1 to %2? The membership in the county ends (reason: transferred out).</translation>
    </message>
</context>
<context>
    <name>_MemberAction</name>
    <message>
        <source>党员：</source>
        <extracomment>one line for the status bar after a successful submit</extracomment>
        <translation>Member:</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>打开文件</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open containing folder</translation>
    </message>
    <message>
        <source>程序遇到意外错误：{error}

详细信息已写入日志文件：
{log}

请把该文件发给技术支持。您可以继续工作，但建议保存后重新启动程序。</source>
        <translation>The program met an unexpected error: {error}

The details are in the log file:
{log}

Please send that file to technical support. You can go on working, but saving and restarting the program is advised.</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>放弃输入</source>
        <extracomment>the window manager&apos;s frame (both side borders; title bar and bottom border) assumed for a window not yet framed: Windows 10 draws 8 px borders and a 31 px title bar, openbox 1 px and 26 px</extracomment>
        <translation>Discard input</translation>
    </message>
    <message>
        <source>已输入的内容尚未保存，放弃这些内容并关闭吗？</source>
        <translation>What you typed has not been saved. Discard it and close?</translation>
    </message>
</context>
<context>
    <name>duties</name>
    <message>
        <source>维护党组织和党员信息</source>
        <translation>keep organization and member records</translation>
    </message>
    <message>
        <source>报送整改进展、反馈和任务完成情况</source>
        <translation>report rectification progress, replies and task completion</translation>
    </message>
    <message>
        <source>登记督查问题</source>
        <translation>record findings</translation>
    </message>
    <message>
        <source>撤销或修改督查问题</source>
        <translation>withdraw or change findings</translation>
    </message>
    <message>
        <source>验收销号</source>
        <translation>Accept and close</translation>
    </message>
    <message>
        <source>安排月度任务</source>
        <translation>set the month&apos;s tasks</translation>
    </message>
    <message>
        <source>签发三函</source>
        <translation>issue letters</translation>
    </message>
    <message>
        <source>决定问责</source>
        <translation>decide accountability</translation>
    </message>
    <message>
        <source>管理结对</source>
        <translation>manage pairings</translation>
    </message>
    <message>
        <source>管理跨乡镇结对</source>
        <translation>manage pairings across townships</translation>
    </message>
    <message>
        <source>组织评价</source>
        <translation>run evaluations</translation>
    </message>
    <message>
        <source>锁定评价结果</source>
        <translation>lock evaluation results</translation>
    </message>
    <message>
        <source>管理账号</source>
        <translation>manage accounts</translation>
    </message>
    <message>
        <source>备份和恢复数据库</source>
        <translation>back up and restore the database</translation>
    </message>
    <message>
        <source>查看完整身份证号</source>
        <translation>see full ID numbers</translation>
    </message>
    <message>
        <source>修改系统设置</source>
        <translation>change the system settings</translation>
    </message>
    <message>
        <source>维护函件模板和评价方案</source>
        <translation>edit letter templates and evaluation schemes</translation>
    </message>
    <message>
        <source>查看审计日志</source>
        <translation>view the audit log</translation>
    </message>
</context>
<context>
    <name>enums</name>
    <message>
        <source>党委</source>
        <translation>Party committee</translation>
    </message>
    <message>
        <source>党工委</source>
        <translation>Working committee</translation>
    </message>
    <message>
        <source>党总支</source>
        <translation>General branch</translation>
    </message>
    <message>
        <source>党支部</source>
        <translation>Party branch</translation>
    </message>
    <message>
        <source>联合党支部</source>
        <translation>Joint branch</translation>
    </message>
    <message>
        <source>临时党支部</source>
        <translation>Temporary branch</translation>
    </message>
    <message>
        <source>党小组</source>
        <translation>Party group</translation>
    </message>
    <message>
        <source>书记</source>
        <translation>Secretary</translation>
    </message>
    <message>
        <source>副书记</source>
        <translation>Deputy secretary</translation>
    </message>
    <message>
        <source>委员</source>
        <translation>Committee member</translation>
    </message>
    <message>
        <source>农村</source>
        <translation>Rural</translation>
    </message>
    <message>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>党政机关</source>
        <translation>Party or government agency</translation>
    </message>
    <message>
        <source>事业单位</source>
        <translation>Public institution</translation>
    </message>
    <message>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <source>国有企业</source>
        <translation>State enterprise</translation>
    </message>
    <message>
        <source>非公有制企业</source>
        <translation>Private enterprise</translation>
    </message>
    <message>
        <source>社会组织</source>
        <translation>Social organization</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Dissolved</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>研究生</source>
        <translation>Postgraduate</translation>
    </message>
    <message>
        <source>大学本科</source>
        <translation>Bachelor</translation>
    </message>
    <message>
        <source>大学专科</source>
        <translation>College</translation>
    </message>
    <message>
        <source>中专</source>
        <translation>Vocational school</translation>
    </message>
    <message>
        <source>高中</source>
        <translation>High school</translation>
    </message>
    <message>
        <source>初中及以下</source>
        <translation>Junior school or less</translation>
    </message>
    <message>
        <source>工人</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>农牧渔民</source>
        <translation>Farmer or herder</translation>
    </message>
    <message>
        <source>专业技术人员</source>
        <translation>Professional</translation>
    </message>
    <message>
        <source>企事业单位管理人员</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>党政机关工作人员</source>
        <translation>Civil servant</translation>
    </message>
    <message>
        <source>学生</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>离退休人员</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>停止党籍</source>
        <translation>Membership suspended</translation>
    </message>
    <message>
        <source>死亡</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <source>出党</source>
        <translation>Expelled</translation>
    </message>
    <message>
        <source>除名</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>劝退</source>
        <translation>Persuaded to leave</translation>
    </message>
    <message>
        <source>退党</source>
        <translation>Withdrew</translation>
    </message>
    <message>
        <source>转出</source>
        <translation>Transferred out</translation>
    </message>
    <message>
        <source>取消预备党员资格</source>
        <translation>Probation cancelled</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Party member</translation>
    </message>
    <message>
        <source>党组织</source>
        <translation>Party organization</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>半年</source>
        <translation>Half year</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>月度</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>公示中</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>已确定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>改正</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Agreed</translation>
    </message>
    <message>
        <source>不同意</source>
        <translation>Disagreed</translation>
    </message>
    <message>
        <source>转正</source>
        <translation>Made full member</translation>
    </message>
    <message>
        <source>延长预备期</source>
        <translation>Probation extended</translation>
    </message>
    <message>
        <source>失去联系</source>
        <translation>Lost contact</translation>
    </message>
    <message>
        <source>联系尝试</source>
        <translation>Contact attempt</translation>
    </message>
    <message>
        <source>恢复联系</source>
        <translation>Contact restored</translation>
    </message>
    <message>
        <source>组织关系转出</source>
        <translation>Transferred out</translation>
    </message>
    <message>
        <source>组织关系转入</source>
        <translation>Transferred in</translation>
    </message>
    <message>
        <source>城乡联建</source>
        <translation>Town-village</translation>
    </message>
    <message>
        <source>村企联建</source>
        <translation>Village-enterprise</translation>
    </message>
    <message>
        <source>部门包村</source>
        <translation>Department-village</translation>
    </message>
    <message>
        <source>村居联建</source>
        <translation>Village-community</translation>
    </message>
    <message>
        <source>社区共建</source>
        <translation>Community co-building</translation>
    </message>
    <message>
        <source>党员结对帮扶(一对一)</source>
        <translation>Member pairing (one to one)</translation>
    </message>
    <message>
        <source>党员结对帮扶(一对多)</source>
        <translation>Member pairing (one to many)</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>已终止</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>牵头方</source>
        <translation>Leading party</translation>
    </message>
    <message>
        <source>被帮扶方</source>
        <translation>Assisted party</translation>
    </message>
    <message>
        <source>困难群众</source>
        <translation>Person in difficulty</translation>
    </message>
    <message>
        <source>困难党员</source>
        <translation>Member in difficulty</translation>
    </message>
    <message>
        <source>留守老人</source>
        <translation>Elderly left behind</translation>
    </message>
    <message>
        <source>留守儿童</source>
        <translation>Child left behind</translation>
    </message>
    <message>
        <source>残疾人</source>
        <translation>Disabled person</translation>
    </message>
    <message>
        <source>党建帮扶</source>
        <translation>Party building</translation>
    </message>
    <message>
        <source>智力帮扶</source>
        <translation>Know-how</translation>
    </message>
    <message>
        <source>项目帮扶</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>资金帮扶</source>
        <translation>Funds</translation>
    </message>
    <message>
        <source>走访慰问</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>优秀</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <source>良好</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Ordinary</translation>
    </message>
    <message>
        <source>差</source>
        <translation>Poor</translation>
    </message>
    <message>
        <source>整顿中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已转化</source>
        <translation>Transformed</translation>
    </message>
    <message>
        <source>转化</source>
        <translation>Transformed</translation>
    </message>
    <message>
        <source>继续整顿</source>
        <translation>Continued</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已采纳</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>已排除</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>已消除</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>部分完成</source>
        <translation>Partly done</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>督查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>暗访</source>
        <translation>Unannounced visit</translation>
    </message>
    <message>
        <source>群众反映</source>
        <translation>Public report</translation>
    </message>
    <message>
        <source>自查</source>
        <translation>Self-check</translation>
    </message>
    <message>
        <source>数据核查</source>
        <translation>Data check</translation>
    </message>
    <message>
        <source>严重</source>
        <translation>Serious</translation>
    </message>
    <message>
        <source>待整改</source>
        <translation>To rectify</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>Rectifying</translation>
    </message>
    <message>
        <source>待验收</source>
        <translation>To accept</translation>
    </message>
    <message>
        <source>已销号</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>提示函</source>
        <translation>Reminder letter</translation>
    </message>
    <message>
        <source>督办函</source>
        <translation>Supervision letter</translation>
    </message>
    <message>
        <source>预警函</source>
        <translation>Warning letter</translation>
    </message>
    <message>
        <source>已签发</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>已反馈</source>
        <translation>Replied</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>正式党员</source>
        <translation>Full member</translation>
    </message>
    <message>
        <source>预备党员</source>
        <translation>Probationary member</translation>
    </message>
    <message>
        <source>已生效</source>
        <translation>In effect</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>未记录</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>均已同意</source>
        <translation>All agreed</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>选举</source>
        <translation>Elected</translation>
    </message>
    <message>
        <source>任命</source>
        <translation>Appointed</translation>
    </message>
    <message>
        <source>选派</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>补选</source>
        <translation>By-election</translation>
    </message>
    <message>
        <source>软弱涣散</source>
        <translation>Weak</translation>
    </message>
    <message>
        <source>示范点</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>需关注</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>黄</source>
        <translation>yellow</translation>
    </message>
    <message>
        <source>橙</source>
        <translation>orange</translation>
    </message>
    <message>
        <source>红</source>
        <translation>red</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>帮扶户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>函件</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>月度任务</source>
        <translation>Month task</translation>
    </message>
    <message>
        <source>任务回执</source>
        <translation>Task receipt</translation>
    </message>
    <message>
        <source>回执附件</source>
        <translation>Receipt attachment</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>预警后果</source>
        <translation>Warning consequence</translation>
    </message>
    <message>
        <source>问责查办</source>
        <translation>Accountability case</translation>
    </message>
    <message>
        <source>评价方案</source>
        <translation>Evaluation scheme</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>评价表</source>
        <translation>Evaluation sheet</translation>
    </message>
    <message>
        <source>评价整改</source>
        <translation>Evaluation follow-up</translation>
    </message>
    <message>
        <source>商议审议</source>
        <translation>Approval step</translation>
    </message>
    <message>
        <source>支部党员大会</source>
        <translation>Branch meeting</translation>
    </message>
    <message>
        <source>积分记录</source>
        <translation>Points entry</translation>
    </message>
    <message>
        <source>村干部任职</source>
        <translation>Village cadre post</translation>
    </message>
    <message>
        <source>软弱涣散整顿</source>
        <translation>Weak organization</translation>
    </message>
    <message>
        <source>整顿进展</source>
        <translation>Rectification progress</translation>
    </message>
    <message>
        <source>结对</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <source>帮扶活动</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>结对评价</source>
        <translation>Pairing assessment</translation>
    </message>
    <message>
        <source>结对方</source>
        <translation>Pairing party</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Setting</translation>
    </message>
    <message>
        <source>导入批次</source>
        <translation>Import batch</translation>
    </message>
    <message>
        <source>党员经历</source>
        <translation>Member event</translation>
    </message>
    <message>
        <source>班子成员</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>移动</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Dissolve</translation>
    </message>
    <message>
        <source>组织关系转接</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>终止党籍</source>
        <translation>End membership</translation>
    </message>
    <message>
        <source>恢复党籍</source>
        <translation>Restore membership</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>开启</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>计算</source>
        <translation>Compute</translation>
    </message>
    <message>
        <source>适用范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>关联</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>状态变更</source>
        <translation>Status change</translation>
    </message>
    <message>
        <source>登记反馈</source>
        <translation>Record reply</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Back up</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>设定整改时限</source>
        <translation>Set deadline</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>重新开启</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>重新起草</source>
        <translation>Redraft</translation>
    </message>
    <message>
        <source>督办后调整</source>
        <translation>Adjust after supervision</translation>
    </message>
    <message>
        <source>确认篡改告警</source>
        <translation>Acknowledge tamper alert</translation>
    </message>
    <message>
        <source>上传附件</source>
        <translation>Attach</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>转正决定</source>
        <translation>Probation decision</translation>
    </message>
    <message>
        <source>失联登记</source>
        <translation>Lost contact</translation>
    </message>
    <message>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>采纳</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>排除</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Unqualified</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Qualified</translation>
    </message>
    <message>
        <source>基本合格</source>
        <translation>Basically qualified</translation>
    </message>
    <message>
        <source>称职</source>
        <translation>Competent</translation>
    </message>
    <message>
        <source>基本称职</source>
        <translation>Basically competent</translation>
    </message>
    <message>
        <source>不称职</source>
        <translation>Incompetent</translation>
    </message>
</context>
<context>
    <name>exports</name>
    <message>
        <source>季度报表和月度通报是全县的文件，请由县级账号导出；本乡镇的数据可在各页面导出</source>
        <extracomment>lupdate extracts translate(&quot;context&quot;, &quot;literal&quot;) calls (a wrapper named tr is filed under no context)</extracomment>
        <translation>The quarterly workbook and the monthly report cover the whole county: a county account exports them. Your township&apos;s data can be exported from each page.</translation>
    </message>
    <message>
        <source>不能导出</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <source>正在统计{0}…</source>
        <translation>Counting {0}…</translation>
    </message>
    <message>
        <source>正在排版通报…</source>
        <translation>Laying out the report…</translation>
    </message>
    <message>
        <source>正在统计{0}年度考核…</source>
        <translation>Counting the {0} assessment…</translation>
    </message>
    <message>
        <source>正在生成</source>
        <translation>Generating</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported </translation>
    </message>
    <message>
        <source>份，另合订为一个文件</source>
        <translation> files, also bound into one file</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>导出季度报表</source>
        <translation>Export quarterly workbook</translation>
    </message>
    <message>
        <source>季度：</source>
        <translation>Quarter:</translation>
    </message>
    <message>
        <source>保存季度报表</source>
        <translation>Save quarterly workbook</translation>
    </message>
    <message>
        <source>导出月度通报</source>
        <translation>Export monthly report</translation>
    </message>
    <message>
        <source>月份：</source>
        <translation>Month:</translation>
    </message>
    <message>
        <source>下步工作要求</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>通报末尾的“下步工作要求”（每段一行，可留空）：</source>
        <translation>The report&apos;s closing &quot;next steps&quot; (one paragraph a line, may be empty):</translation>
    </message>
    <message>
        <source>保存月度通报</source>
        <translation>Save monthly report</translation>
    </message>
    <message>
        <source>导出年度考核</source>
        <translation>Export yearly assessment</translation>
    </message>
    <message>
        <source>考核年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>保存年度考核</source>
        <translation>Save the yearly assessment</translation>
    </message>
    <message>
        <source>导出本月函件PDF</source>
        <translation>Export this month&apos;s letters as PDF</translation>
    </message>
    <message>
        <source>选择保存函件PDF的文件夹</source>
        <translation>Choose a folder for the letter PDFs</translation>
    </message>
    <message>
        <source>导出函件PDF</source>
        <translation>Export letter PDFs</translation>
    </message>
    <message>
        <source>函件</source>
        <translation> letters</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>上级党组织</source>
        <translation>Parent organization</translation>
    </message>
    <message>
        <source>主送</source>
        <translation>To</translation>
    </message>
    <message>
        <source>乡镇（街道）党委</source>
        <translation>Township committee</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>介绍信编号</source>
        <translation>Letter number</translation>
    </message>
    <message>
        <source>任职日期</source>
        <translation>Took office</translation>
    </message>
    <message>
        <source>作废原因</source>
        <translation>Reason for voiding</translation>
    </message>
    <message>
        <source>例外理由</source>
        <translation>Reason for the exception</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Party member</translation>
    </message>
    <message>
        <source>党组织</source>
        <translation>Party organization</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>决定日期</source>
        <translation>Decided on</translation>
    </message>
    <message>
        <source>决定机关</source>
        <translation>Deciding body</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>分档</source>
        <translation>Bands</translation>
    </message>
    <message>
        <source>加入党组织日期</source>
        <translation>Joined the Party</translation>
    </message>
    <message>
        <source>包联县级领导</source>
        <translation>County leader in charge</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>反馈内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>反馈日期</source>
        <translation>Reply date</translation>
    </message>
    <message>
        <source>发现日期</source>
        <translation>Found on</translation>
    </message>
    <message>
        <source>受益人数</source>
        <translation>Beneficiaries</translation>
    </message>
    <message>
        <source>名额</source>
        <translation>Quota</translation>
    </message>
    <message>
        <source>商议事项</source>
        <translation>Matter discussed</translation>
    </message>
    <message>
        <source>回执日期</source>
        <translation>Receipt on</translation>
    </message>
    <message>
        <source>处理日期</source>
        <translation>Handled on</translation>
    </message>
    <message>
        <source>外出流向</source>
        <translation>Gone to</translation>
    </message>
    <message>
        <source>失去联系日期</source>
        <translation>Contact lost on</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>完成情况</source>
        <translation>Completion</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>对应关系</source>
        <translation>Mapping</translation>
    </message>
    <message>
        <source>届期(年)</source>
        <translation>Term (years)</translation>
    </message>
    <message>
        <source>工作任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>恢复原因</source>
        <translation>Reason for restoring</translation>
    </message>
    <message>
        <source>成立日期</source>
        <translation>Founded on</translation>
    </message>
    <message>
        <source>户主姓名</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>所在党支部</source>
        <translation>Party branch</translation>
    </message>
    <message>
        <source>报送日期</source>
        <translation>Report date</translation>
    </message>
    <message>
        <source>排除原因</source>
        <translation>Reason for dismissing</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>撤销原因</source>
        <translation>Reason for withdrawing</translation>
    </message>
    <message>
        <source>整改情况</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Rectification deadline</translation>
    </message>
    <message>
        <source>整顿原因</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>整顿年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>方案名称</source>
        <translation>Scheme name</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>最终等次</source>
        <translation>Final level</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>权重</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>村干部</source>
        <translation>Village cadre</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>核查日期</source>
        <translation>Checked on</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <source>活动类型</source>
        <translation>Activity type</translation>
    </message>
    <message>
        <source>牵头方</source>
        <translation>Leading parties</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>离任日期</source>
        <translation>Left on</translation>
    </message>
    <message>
        <source>积分项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>第一书记或驻村工作队</source>
        <translation>First secretary or work team</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>组织名称</source>
        <translation>Organization name</translation>
    </message>
    <message>
        <source>组织类别</source>
        <translation>Organization kind</translation>
    </message>
    <message>
        <source>终止原因</source>
        <translation>Reason for ending</translation>
    </message>
    <message>
        <source>终止日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>结对名称</source>
        <translation>Pairing name</translation>
    </message>
    <message>
        <source>结对方</source>
        <translation>Pairing party</translation>
    </message>
    <message>
        <source>结对类型</source>
        <translation>Pairing type</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>群众满意度</source>
        <translation>Public satisfaction</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>联合单位数</source>
        <translation>Units covered</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>自评摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>补签原因</source>
        <translation>Reason for the late signature</translation>
    </message>
    <message>
        <source>被帮扶方</source>
        <translation>Assisted parties</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>评价周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>评价对象</source>
        <translation>Rated</translation>
    </message>
    <message>
        <source>评价等次</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>评价项目</source>
        <translation>Evaluation items</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>调整原因</source>
        <translation>Reason for the change</translation>
    </message>
    <message>
        <source>调整理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>资金(元)</source>
        <translation>Funds (yuan)</translation>
    </message>
    <message>
        <source>转为正式党员日期</source>
        <translation>Full member since</translation>
    </message>
    <message>
        <source>转入党组织</source>
        <translation>To organization</translation>
    </message>
    <message>
        <source>转入日期</source>
        <translation>Transferred in on</translation>
    </message>
    <message>
        <source>转往</source>
        <translation>Transferred to</translation>
    </message>
    <message>
        <source>转接日期</source>
        <translation>Transfer date</translation>
    </message>
    <message>
        <source>转正日期</source>
        <translation>Full member since</translation>
    </message>
    <message>
        <source>转自</source>
        <translation>From</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>适用范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>重新开启理由</source>
        <translation>Reason for reopening</translation>
    </message>
    <message>
        <source>销号日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Problem category</translation>
    </message>
    <message>
        <source>预备期延至</source>
        <translation>Extended to</translation>
    </message>
    <message>
        <source>验收人</source>
        <translation>Accepted by</translation>
    </message>
    <message>
        <source>验收结果</source>
        <translation>Outcome</translation>
    </message>
</context>
<context>
    <name>headers</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>编号</source>
        <extracomment>lupdate extracts translate(&quot;context&quot;, &quot;literal&quot;) calls (a wrapper named tr is filed under no context)</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>结对名称</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <source>结对类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End</translation>
    </message>
    <message>
        <source>牵头方</source>
        <translation>Leading parties</translation>
    </message>
    <message>
        <source>被帮扶方</source>
        <translation>Assisted parties</translation>
    </message>
    <message>
        <source>涉及乡镇</source>
        <translation>Townships</translation>
    </message>
    <message>
        <source>活动次数</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>资金(元)</source>
        <translation>Funds (yuan)</translation>
    </message>
    <message>
        <source>项目数</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>最近活动</source>
        <translation>Last activity</translation>
    </message>
    <message>
        <source>方</source>
        <translation>Side</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>活动类型</source>
        <translation>Activity type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>受益人数</source>
        <translation>Beneficiaries</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>结对数</source>
        <translation>Pairings</translation>
    </message>
    <message>
        <source>工作任务</source>
        <extracomment>button → the operation it runs (buttons not named only read) a cell&apos;s tooltip when it says more than the cell (else the cell&apos;s text)</extracomment>
        <translation>Task</translation>
    </message>
    <message>
        <source>主要内容</source>
        <translation>Main content</translation>
    </message>
    <message>
        <source>有关要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>存档目录</source>
        <translation>Archive folder</translation>
    </message>
    <message>
        <source>适用范围</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <source>发现日期</source>
        <translation>Found on</translation>
    </message>
    <message>
        <source>党组织</source>
        <extracomment>background of a deadline cell by its light (yellow within 7 days, orange within 3, red overdue) default width (in &quot;M&quot; widths) of each roster column, by header the roster&apos;s rows read at a time, from the one that came into view (a screen is about 30)</extracomment>
        <translation>Party organization</translation>
    </message>
    <message>
        <source>所属乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>核查项</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Letter no.</translation>
    </message>
    <message>
        <source>主送</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>签发日期</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>反馈时限</source>
        <translation>Reply due</translation>
    </message>
    <message>
        <source>反馈日期</source>
        <translation>Replied on</translation>
    </message>
    <message>
        <source>乡镇（单位）</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>预警函</source>
        <translation>Warning letter</translation>
    </message>
    <message>
        <source>最后整改期限</source>
        <translation>Final deadline</translation>
    </message>
    <message>
        <source>年内次数</source>
        <translation>Count in year</translation>
    </message>
    <message>
        <source>建议措施</source>
        <translation>Proposed measure</translation>
    </message>
    <message>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>未整改问题（督办函）</source>
        <translation>Open problems (supervision letter)</translation>
    </message>
    <message>
        <source>姓名</source>
        <extracomment>the translation context of every table header: header lists are marked QT_TRANSLATE_NOOP(HEADERS, &quot;…&quot;) where declared and translated by header_text where shown headers that come from models/ (no Qt there), marked here for lupdate: the roster&apos;s columns (msvc.ROSTER_COLUMNS) and the dashboard&apos;s lists (models.services.dashboard.LIST_HEADERS)</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>任职日期</source>
        <translation>Took office</translation>
    </message>
    <message>
        <source>离任日期</source>
        <translation>Left on</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>自评</source>
        <extracomment>the round&apos;s columns (the scheme names its approval steps; these are the built-in ones)</extracomment>
        <translation>Self-assessment</translation>
    </message>
    <message>
        <source>党员群众商议</source>
        <translation>Members&apos; and villagers&apos; consultation</translation>
    </message>
    <message>
        <source>乡镇党委审议</source>
        <translation>Township committee review</translation>
    </message>
    <message>
        <source>积分项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>审核人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>所在党支部</source>
        <translation>Party branch</translation>
    </message>
    <message>
        <source>加入党组织日期</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>党员类型</source>
        <translation>Member type</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>工作岗位</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>党籍状态</source>
        <translation>Membership</translation>
    </message>
    <message>
        <source>失联</source>
        <translation>Lost contact</translation>
    </message>
    <message>
        <source>流动</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>终止日期</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Party member</translation>
    </message>
    <message>
        <source>党支部</source>
        <translation>Party branch</translation>
    </message>
    <message>
        <source>限期至</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Situation</translation>
    </message>
    <message>
        <source>本届开始</source>
        <translation>Term began</translation>
    </message>
    <message>
        <source>届满日期</source>
        <translation>Term ends</translation>
    </message>
    <message>
        <source>整顿年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>整顿原因</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>包联县级领导</source>
        <translation>County leader</translation>
    </message>
    <message>
        <source>第一书记/工作队</source>
        <translation>First secretary / work team</translation>
    </message>
    <message>
        <source>进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>验收</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <source>标记</source>
        <translation>Marks</translation>
    </message>
    <message>
        <source>行号</source>
        <extracomment>the preview&apos;s first and last columns (and, for lupdate, every import&apos;s identifying columns that preview_fields gives: the preview&apos;s headers are in the interface&apos;s language)</extracomment>
        <translation>Row</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <source>组织名称</source>
        <translation>Organization name</translation>
    </message>
    <message>
        <source>组织类别</source>
        <translation>Organization kind</translation>
    </message>
    <message>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <source>结对名称或编号</source>
        <translation>Pairing name or number</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>乡镇（街道）</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>完成情况</source>
        <translation>Completion</translation>
    </message>
    <message>
        <source>报送日期</source>
        <translation>Report date</translation>
    </message>
    <message>
        <source>报送人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>上传人</source>
        <translation>Uploaded by</translation>
    </message>
    <message>
        <source>上传时间</source>
        <translation>Uploaded at</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>未整改问题</source>
        <extracomment>the 问责查办 list&apos;s headers (dsvc.LIST_HEADERS) not named by another table, for lupdate</extracomment>
        <translation>Open problems</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>表格 (*.xlsx *.xlsm *.xls *.et *.csv);;所有文件 (*)</source>
        <extracomment>the open-file filter of every import: what the reading layer takes (reports/sheetreader.py)</extracomment>
        <translation>Spreadsheets (*.xlsx *.xlsm *.xls *.et *.csv);;All files (*)</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>账号的角色无效，不能操作</source>
        <extracomment>the sentences of models/operations.REFUSALS and the duties&apos; names, for the translation tools</extracomment>
        <translation>This account&apos;s role is not valid</translation>
    </message>
    <message>
        <source>只读账号只能查看和打印，不能{duty}</source>
        <translation>A read-only account can view and print only; it cannot {duty}</translation>
    </message>
    <message>
        <source>乡镇账号没有“{duty}”的职责，由县委组织部办理</source>
        <translation>A township account does not have the duty to {duty}; the county office does this</translation>
    </message>
    <message>
        <source>此账号没有“{duty}”的权限</source>
        <translation>This account may not {duty}</translation>
    </message>
    <message>
        <source>乡镇账号只能处理本乡镇的数据，此项由县委组织部办理</source>
        <translation>A township account works on its own township only; the county office does this</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>党组织</source>
        <translation>Organizations</translation>
    </message>
    <message>
        <source>党员名册</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>三函督办</source>
        <translation>Three letters</translation>
    </message>
    <message>
        <source>星级评定与双评</source>
        <translation>Star rating &amp; reviews</translation>
    </message>
    <message>
        <source>积分台账</source>
        <translation>Points ledger</translation>
    </message>
    <message>
        <source>结对帮扶</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation>Help</translation>
    </message>
</context>
<context>
    <name>phrases</name>
    <message>
        <source>{n}天后到期</source>
        <extracomment>the modules holding the domain&apos;s enumerations (models.roles is left out: its labels are also the names of the default accounts, which are data) labels the services compute (not enumerations) and the interface shows as chrome sentences the services compose around record values (models/ never imports Qt): each template, with its values as {names}, is matched whole and shown through its translation (context &quot;phrases&quot;); the values (names, dates, numbers) are kept as they are. A text matching no template is shown as it is.</extracomment>
        <translation>due in {n} days</translation>
    </message>
    <message>
        <source>已逾期{n}天</source>
        <translation>{n} days overdue</translation>
    </message>
    <message>
        <source>{n}天后届满</source>
        <translation>term ends in {n} days</translation>
    </message>
    <message>
        <source>已超期{n}天，应换届</source>
        <translation>term over {n} days ago: re-election due</translation>
    </message>
    <message>
        <source>{day}起整顿</source>
        <translation>rectifying since {day}</translation>
    </message>
    <message>
        <source>{day}起整顿，验收：继续整顿</source>
        <translation>rectifying since {day}; accepted: continue</translation>
    </message>
    <message>
        <source>届期将于{day}届满</source>
        <translation>term ends on {day}</translation>
    </message>
    <message>
        <source>{n}条：{day} {note}</source>
        <translation>{n} notes; last {day}: {note}</translation>
    </message>
    <message>
        <source>账号“{name}”只能处理本乡镇的数据，三函由县委组织部办理</source>
        <translation>Account “{name}” handles its own township&apos;s records only; the three letters are the county organization department&apos;s</translation>
    </message>
    <message>
        <source>数据核查由县委组织部办理</source>
        <translation>Data checks are the county organization department&apos;s</translation>
    </message>
    <message>
        <source>正式党员{n}名，少于{m}名</source>
        <translation>{n} full members, fewer than {m}</translation>
    </message>
    <message>
        <source>党员{n}名，超过{m}名，宜成立党委</source>
        <translation>{n} members, more than {m}: a Party committee is advised</translation>
    </message>
    <message>
        <source>党员{n}名，超过{m}名，宜成立党总支</source>
        <translation>{n} members, more than {m}: a general branch is advised</translation>
    </message>
    <message>
        <source>届期已于{day}届满，应换届</source>
        <translation>term ended on {day}: re-election due</translation>
    </message>
    <message>
        <source>联合党支部覆盖{n}个单位，超过{m}个，宜分设党支部</source>
        <translation>joint branch covers {n} units, more than {m}: separate branches are advised</translation>
    </message>
    <message>
        <source>书记职位自{day}空缺，已超过{m}个月</source>
        <translation>secretary vacant since {day}, more than {m} months</translation>
    </message>
    <message>
        <source>正式党员{n}名，应设立支部委员会（委员3至5人），班子名册在任{m}人</source>
        <translation>{n} full members: a branch committee (3 to 5) is due; {m} in office on the leadership roster</translation>
    </message>
    <message>
        <source>党员:{name}</source>
        <translation>member {name}</translation>
    </message>
    <message>
        <source>户主:{name}</source>
        <translation>household {name}</translation>
    </message>
    <message>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>不能晚于今天</source>
        <translation>cannot be later than today</translation>
    </message>
    <message>
        <source>早于加入党组织日期</source>
        <translation>earlier than the date of joining</translation>
    </message>
    <message>
        <source>应晚于加入党组织日期</source>
        <translation>must be later than the date of joining</translation>
    </message>
    <message>
        <source>应在入党后1至2年之间</source>
        <translation>must be 1 to 2 years after joining</translation>
    </message>
    <message>
        <source>早于发现日期</source>
        <translation>earlier than the date found</translation>
    </message>
    <message>
        <source>不能早于开始日期</source>
        <translation>cannot be earlier than the start date</translation>
    </message>
    <message>
        <source>不能为负数</source>
        <translation>cannot be negative</translation>
    </message>
    <message>
        <source>不能为空</source>
        <translation>cannot be empty</translation>
    </message>
    <message>
        <source>“{value}”不是数字</source>
        <translation>“{value}” is not a number</translation>
    </message>
    <message>
        <source>与现有党员重复</source>
        <translation>duplicates an existing member</translation>
    </message>
    <message>
        <source>至少要有一个</source>
        <translation>at least one is needed</translation>
    </message>
    <message>
        <source>金额过大</source>
        <translation>amount too large</translation>
    </message>
    <message>
        <source>超过{n}个字</source>
        <translation>longer than {n} characters</translation>
    </message>
    <message>
        <source>销号时必须填写整改情况</source>
        <translation>closing needs the rectification report</translation>
    </message>
    <message>
        <source>销号时必须填写验收人</source>
        <translation>closing needs who accepted it</translation>
    </message>
    <message>
        <source>销号时必须填写销号日期</source>
        <translation>closing needs the closing date</translation>
    </message>
    <message>
        <source>提交验收时必须填写整改情况</source>
        <translation>submitting for acceptance needs the rectification report</translation>
    </message>
    <message>
        <source>最终等次与计算等次不同时必填</source>
        <translation>required when the final level differs from the computed one</translation>
    </message>
    <message>
        <source>请用“组织关系转接”更换党支部</source>
        <translation>use “Transfer” to change the branch</translation>
    </message>
    <message>
        <source>“{name}”不是乡镇（街道）党委</source>
        <translation>“{name}” is not a township Party committee</translation>
    </message>
    <message>
        <source>“{value}”不是日期</source>
        <translation>“{value}” is not a date</translation>
    </message>
    <message>
        <source>“{value}”不是有效日期</source>
        <translation>“{value}” is not a valid date</translation>
    </message>
    <message>
        <source>“{value}”不是日期（应如2026-03-05、2026/3/5、2026.3.5或2026年3月5日）</source>
        <translation>“{value}” is not a date (e.g. 2026-03-05, 2026/3/5, 2026.3.5 or 2026年3月5日)</translation>
    </message>
    <message>
        <source>“{value}”不是年月（应如2026-03或2026年3月）</source>
        <translation>“{value}” is not a month (e.g. 2026-03 or 2026年3月)</translation>
    </message>
    <message>
        <source>“{value}”不是整数</source>
        <translation>“{value}” is not a whole number</translation>
    </message>
    <message>
        <source>“{value}”不是金额</source>
        <translation>“{value}” is not an amount</translation>
    </message>
    <message>
        <source>“{value}”应填“是”或“否”</source>
        <translation>“{value}”: fill in “是” (yes) or “否” (no)</translation>
    </message>
    <message>
        <source>找不到党组织“{name}”</source>
        <translation>No Party organization “{name}”</translation>
    </message>
    <message>
        <source>简称“{name}”对应多个党组织，请写全称</source>
        <translation>The short name “{name}” fits several Party organizations: write the full name</translation>
    </message>
    <message>
        <source>该党组织已撤销</source>
        <translation>This Party organization is dissolved</translation>
    </message>
    <message>
        <source>账号“{name}”已停用</source>
        <translation>The account “{name}” is disabled</translation>
    </message>
    <message>
        <source>“{name}”的党籍已于{day}终止</source>
        <translation>The membership of “{name}” ended on {day}</translation>
    </message>
    <message>
        <source>{kind}不直接管理党员，请选择党支部或党总支</source>
        <translation>A {kind} holds no members directly: choose a branch or a general branch</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <source>{what}已被其他办事员修改（您打开的是第{expected}版，{state}），请重新打开后再保存。</source>
        <translation>{what} was changed by another clerk (you opened version {expected}; {state}): open it again, then save.</translation>
    </message>
    <message>
        <source>现在是第{current}版，改动了：{fields}</source>
        <translation>now it is version {current}, changed: {fields}</translation>
    </message>
    <message>
        <source>现在是第{current}版</source>
        <translation>now it is version {current}</translation>
    </message>
    <message>
        <source>现在已不存在，改动了：{fields}</source>
        <translation>now it no longer exists, changed: {fields}</translation>
    </message>
    <message>
        <source>现在已不存在</source>
        <translation>now it no longer exists</translation>
    </message>
    <message>
        <source>账号或密码不正确</source>
        <translation>Wrong account name or password</translation>
    </message>
    <message>
        <source>账号“{name}”因连续{n}次密码错误已锁定，请于{until}后再试</source>
        <translation>Account “{name}” is locked after {n} wrong passwords in a row; try again after {until}</translation>
    </message>
    <message>
        <source>{day}晚于今天，应为已发生的日期</source>
        <translation>{day} is later than today; it should be a date already past</translation>
    </message>
    <message>
        <source>{day}早于{year}年（中国共产党成立于1921年）</source>
        <translation>{day} is before {year} (the Communist Party of China was founded in 1921)</translation>
    </message>
    <message>
        <source>过长：{n}个字，最多{maximum}个字</source>
        <translation>too long: {n} characters, at most {maximum}</translation>
    </message>
    <message>
        <source>数据库文件正被其他程序占用（已等待{seconds}秒仍未释放）。请关闭正在使用该文件的程序（或等待其完成）后重试。</source>
        <translation>The database file is in use by another program (not released after {seconds} seconds). Close the program using it (or wait for it to finish), then try again.</translation>
    </message>
    <message>
        <source>与数据库服务器的连接在操作中断开，本次修改没有保存确认，程序不会自动重做。请检查网络，刷新页面确认数据后再操作。</source>
        <translation>The connection to the database server broke during the operation: this change was not confirmed as saved, and the program does not redo it. Check the network, refresh the page to check the data, then try again.</translation>
    </message>
    <message>
        <source>取消预备党员资格请用“转正决定”（member decide）</source>
        <translation>to cancel a probationary membership use “Probation decision” (member decide)</translation>
    </message>
    <message>
        <source>组织关系转出请用“转出县外”（member transfer-out），须填写转往单位和介绍信编号</source>
        <translation>for a transfer out use “Transfer out of county” (member transfer-out), with the receiving body and the letter number</translation>
    </message>
    <message>
        <source>“{value}”不是软弱涣散的认定情形</source>
        <translation>“{value}” is not one of the criteria of a weak and lax organization</translation>
    </message>
    <message>
        <source>可选：{choices}、其他：（写明情形）</source>
        <translation>choose from: {choices}, or “其他：” (other) with the situation described</translation>
    </message>
    <message>
        <source>不符合评议规则，不能确定结果：{breaches}。请纠正后重新公示，或由决定机关记录例外理由和决定机关</source>
        <translation>The review rules are not met, so the result cannot be made final: {breaches}. Correct and publish again, or let the deciding body record the reason for an exception and its name</translation>
    </message>
    <message>
        <source>名册中没有该党员</source>
        <translation>no such member in the roster</translation>
    </message>
    <message>
        <source>校验位不对</source>
        <translation>wrong check digit</translation>
    </message>
    <message>
        <source>应为11位手机号（1开头）或带区号的固定电话</source>
        <translation>should be an 11-digit mobile number (starting with 1) or a landline number with its area code</translation>
    </message>
    <message>
        <source>{what}不是有效数字</source>
        <translation>{what} is not a valid number</translation>
    </message>
    <message>
        <source>{what}不能小于{minimum}</source>
        <translation>{what} cannot be less than {minimum}</translation>
    </message>
    <message>
        <source>{reasons}，星级不能高于{cap}</source>
        <translation>{reasons}: the level cannot be above {cap}</translation>
    </message>
    <message>
        <source>不能审核：{reasons}</source>
        <translation>Cannot be reviewed: {reasons}</translation>
    </message>
    <message>
        <source>数据库文件不存在：{path}。请先运行 dangjian init</source>
        <translation>The database file does not exist: {path}. Run dangjian init first</translation>
    </message>
    <message>
        <source>数据库所在的文件夹不存在：{folder}（数据库路径：{path}）。请检查 --db 路径，或运行 dangjian init 新建数据库</source>
        <translation>The database&apos;s folder does not exist: {folder} (database path: {path}). Check the --db path, or run dangjian init to create a database</translation>
    </message>
    <message>
        <source>不能含有{name}（只能填一行）</source>
        <translation>cannot contain {name} (one line only)</translation>
    </message>
    <message>
        <source>第{n}个字符是{name}，请删去后再保存</source>
        <translation>character {n} is {name}: delete it, then save</translation>
    </message>
    <message>
        <source>制表符</source>
        <translation>a tab</translation>
    </message>
    <message>
        <source>换行</source>
        <translation>a line break</translation>
    </message>
    <message>
        <source>回车</source>
        <translation>a carriage return</translation>
    </message>
    <message>
        <source>ESC 控制字符</source>
        <translation>the ESC control character</translation>
    </message>
    <message>
        <source>空字符（NUL）</source>
        <translation>a null character (NUL)</translation>
    </message>
    <message>
        <source>从右到左覆盖符（U+202E）</source>
        <translation>a right-to-left override (U+202E)</translation>
    </message>
    <message>
        <source>从左到右覆盖符（U+202D）</source>
        <translation>a left-to-right override (U+202D)</translation>
    </message>
    <message>
        <source>零宽空格（U+200B）</source>
        <translation>a zero-width space (U+200B)</translation>
    </message>
    <message>
        <source>零宽连接符（U+200D）</source>
        <translation>a zero-width joiner (U+200D)</translation>
    </message>
    <message>
        <source>零宽不换行空格（U+FEFF）</source>
        <translation>a zero-width no-break space (U+FEFF)</translation>
    </message>
    <message>
        <source>不可见的控制字符（U+{code}）</source>
        <translation>an invisible control character (U+{code})</translation>
    </message>
    <message>
        <source>“{name}”的党籍已终止，记录不能再修改</source>
        <translation>“{name}”&apos;s membership has ended; the record can no longer be changed</translation>
    </message>
    <message>
        <source>“{name}”的党籍已终止，不能转接</source>
        <translation>“{name}”&apos;s membership has ended; no transfer possible</translation>
    </message>
    <message>
        <source>“{name}”已在该党组织</source>
        <translation>“{name}” is already in this organization</translation>
    </message>
    <message>
        <source>“{name}”的党籍未终止</source>
        <translation>“{name}”&apos;s membership has not ended</translation>
    </message>
    <message>
        <source>公民身份号码已由在册党员“{name}”（{name2}，编号{id}）使用，不能恢复“{name3}”的党籍</source>
        <translation>The ID number is used by current member “{name}” ({name2}, No. {id}); “{name3}”&apos;s membership cannot be restored</translation>
    </message>
    <message>
        <source>“{name}”原所在的“{name2}”已撤销，不能恢复党籍</source>
        <translation>“{name}”&apos;s former organization “{name2}” is dissolved; the membership cannot be restored</translation>
    </message>
    <message>
        <source>找不到党员（编号{member_id}）</source>
        <translation>Member not found (No. {member_id})</translation>
    </message>
    <message>
        <source>找不到党组织（编号{oid}）</source>
        <translation>Organization not found (No. {oid})</translation>
    </message>
    <message>
        <source>失联党员须填写失去联系的年月</source>
        <translation>A lost-contact member needs the month contact was lost</translation>
    </message>
    <message>
        <source>流动党员须填写外出流向</source>
        <translation>A mobile member needs the destination</translation>
    </message>
    <message>
        <source>“{ethnicity}”不是56个民族之一（或“其他”）</source>
        <translation>“{ethnicity}” is not one of the 56 ethnic groups (or “其他”, other)</translation>
    </message>
    <message>
        <source>与公民身份号码不符（号码为{derived_gender}性）</source>
        <translation>does not match the ID number (which says {derived_gender})</translation>
    </message>
    <message>
        <source>与公民身份号码不符（号码为{isoformat}）</source>
        <translation>does not match the ID number (which says {isoformat})</translation>
    </message>
    <message>
        <source>早于转入现党组织的日期{start_on}</source>
        <translation>before joining the current organization on {start_on}</translation>
    </message>
    <message>
        <source>“{name}”已于{full_on}转为正式党员</source>
        <translation>“{name}” became a full member on {full_on}</translation>
    </message>
    <message>
        <source>“{name}”没有登记为失联党员</source>
        <translation>“{name}” is not registered as a lost-contact member</translation>
    </message>
    <message>
        <source>“{name}”没有组织关系转出或转入的记录</source>
        <translation>“{name}” has no transfer-out or transfer-in record</translation>
    </message>
    <message>
        <source>“{name}”的预备期已延长至{probation_end}，只能延长一次</source>
        <translation>“{name}”&apos;s probation was already extended to {probation_end}; it can be extended only once</translation>
    </message>
    <message>
        <source>必填（接收的党组织或地区）</source>
        <translation>required (the receiving organization or place)</translation>
    </message>
    <message>
        <source>早于转出日期</source>
        <translation>before the transfer-out date</translation>
    </message>
    <message>
        <source>必填（原党组织或地区）</source>
        <translation>required (the former organization or place)</translation>
    </message>
    <message>
        <source>应为{decisions}之一</source>
        <translation>should be one of {decisions}</translation>
    </message>
    <message>
        <source>请写明联系的方式和结果</source>
        <translation>describe how contact was made and its result</translation>
    </message>
    <message>
        <source>早于失去联系日期{lost}</source>
        <translation>before the date contact was lost, {lost}</translation>
    </message>
    <message>
        <source>早于{kind}日期{happened_on}</source>
        <translation>before the {kind} date {happened_on}</translation>
    </message>
    <message>
        <source>预备期为1年，不能早于入党满1年</source>
        <translation>probation lasts 1 year: not earlier than 1 year after joining</translation>
    </message>
    <message>
        <source>应在入党后2年以内</source>
        <translation>should be within 2 years after joining</translation>
    </message>
    <message>
        <source>应在入党满1年后、{latest}以前（最多延长1年）</source>
        <translation>should be more than 1 year after joining and before {latest} (extended by at most 1 year)</translation>
    </message>
    <message>
        <source>数据库尚未初始化：请先运行 dangjian init</source>
        <translation>The database is not initialized: run dangjian init first</translation>
    </message>
    <message>
        <source>简称“{name}”对应{matches}个党组织，请写全称</source>
        <translation>Short name “{name}” matches {matches} organizations: write the full name</translation>
    </message>
    <message>
        <source>县委是最上级党组织，不能移动</source>
        <translation>The county committee is the top organization and cannot be moved</translation>
    </message>
    <message>
        <source>不能把“{name}”移到它自己的下级“{name2}”之下</source>
        <translation>“{name}” cannot be moved under its own subordinate “{name2}”</translation>
    </message>
    <message>
        <source>“{name}”及其下级还有{members}名党员，请先转出后再撤销</source>
        <translation>“{name}” and its subordinates still have {members} members: transfer them out before dissolving</translation>
    </message>
    <message>
        <source>“{name}”还有{children}个未撤销的下级组织</source>
        <translation>“{name}” still has {children} subordinate organizations not dissolved</translation>
    </message>
    <message>
        <source>应为1至100</source>
        <translation>should be 1 to 100</translation>
    </message>
    <message>
        <source>应为1至10年</source>
        <translation>should be 1 to 10 years</translation>
    </message>
    <message>
        <source>“{name}”已撤销</source>
        <translation>“{name}” is dissolved</translation>
    </message>
    <message>
        <source>请选择党组织</source>
        <translation>Choose an organization</translation>
    </message>
    <message>
        <source>没有与“{strip}”相符的党组织，请从列表中选择</source>
        <translation>No organization matches “{strip}”: choose one from the list</translation>
    </message>
    <message>
        <source>“{strip}”对应多个党组织（{shown}{more}），请从列表中选择</source>
        <translation>“{strip}” matches several organizations ({shown}{more}): choose one from the list</translation>
    </message>
    <message>
        <source>{name}已于{end_on}离任</source>
        <translation>{name} left office on {end_on}</translation>
    </message>
    <message>
        <source>{name}的书记{name2}仍在任（{start_on}起），请先登记其离任</source>
        <translation>{name}&apos;s secretary {name2} is still in office (since {start_on}): register the departure first</translation>
    </message>
    <message>
        <source>必填（或选择党员）</source>
        <translation>required (or choose a member)</translation>
    </message>
    <message>
        <source>应为{leaderpost}之一</source>
        <translation>should be one of {leaderpost}</translation>
    </message>
    <message>
        <source>“{name}”的党籍已终止</source>
        <translation>“{name}”&apos;s membership has ended</translation>
    </message>
    <message>
        <source>问题“{description}”（编号{id}）已撤销，如需办理请先恢复</source>
        <translation>Problem “{description}” (No. {id}) is withdrawn; restore it first to handle it</translation>
    </message>
    <message>
        <source>该问题已列入已签发的{kind}{number}，不能再{doing}，只能通过整改流程（推进整改、验收销号）办理</source>
        <translation>The problem is listed in the issued {kind}{number}; it can no longer be {doing}, only moved through the correction steps (progress, acceptance)</translation>
    </message>
    <message>
        <source>问题已销号，不能再修改</source>
        <translation>The problem is closed and can no longer be changed</translation>
    </message>
    <message>
        <source>问题“{description}”（编号{id}）已于{withdrawn_on}撤销</source>
        <translation>Problem “{description}” (No. {id}) was withdrawn on {withdrawn_on}</translation>
    </message>
    <message>
        <source>问题“{description}”（编号{id}）没有撤销，无需恢复</source>
        <translation>Problem “{description}” (No. {id}) is not withdrawn; nothing to restore</translation>
    </message>
    <message>
        <source>问题状态不能从“{status}”改为“{to}”</source>
        <translation>The problem cannot go from “{status}” to “{to}”</translation>
    </message>
    <message>
        <source>问题已于{closed_on}销号</source>
        <translation>The problem was closed on {closed_on}</translation>
    </message>
    <message>
        <source>问题的状态请通过整改流程变更</source>
        <translation>A problem&apos;s status changes through the correction steps</translation>
    </message>
    <message>
        <source>“{cat}”不在可选类别中（{cats}）</source>
        <translation>“{cat}” is not one of the categories ({cats})</translation>
    </message>
    <message>
        <source>只有已销号的问题才有销号日期</source>
        <translation>only a closed problem has a closing date</translation>
    </message>
    <message>
        <source>{org}{found_on}已登记相同的问题“{description}”（编号{id}，{id2}{withdrawn}），不能重复登记</source>
        <translation>{org}{found_on}: the same problem “{description}” is already registered (No. {id}, {id2}{withdrawn}); not registered twice</translation>
    </message>
    <message>
        <source>该问题已列入已签发的{kind}{number}，调整严重程度或整改时限须写明原因</source>
        <translation>the problem is listed in the issued {kind}{number}; changing its severity or deadline needs a reason</translation>
    </message>
    <message>
        <source>函件“{letter}”{status}，不能修改（只能登记反馈、办结或作废）</source>
        <translation>Letter “{letter}” {status}; it cannot be changed (only replies, closing or voiding)</translation>
    </message>
    <message>
        <source>函件“{letter}”已作废</source>
        <translation>Letter “{letter}” is void</translation>
    </message>
    <message>
        <source>函件“{letter}”{status}，不能登记反馈</source>
        <translation>Letter “{letter}” {status}; no reply can be registered</translation>
    </message>
    <message>
        <source>函件“{letter}”{status}，不能办结</source>
        <translation>Letter “{letter}” {status}; it cannot be closed</translation>
    </message>
    <message>
        <source>问题“{description}”（编号{id}）已撤销，不能列入函件</source>
        <translation>Problem “{description}” (No. {id}) is withdrawn and cannot be listed in a letter</translation>
    </message>
    <message>
        <source>早于签发日期{issued_on}</source>
        <translation>before the issue date {issued_on}</translation>
    </message>
    <message>
        <source>签发日期{on}晚于今天（{today}），不能预先签发</source>
        <translation>Issue date {on} is later than today ({today}); a letter cannot be issued in advance</translation>
    </message>
    <message>
        <source>找不到函件（编号{missing}）</source>
        <translation>Letter not found (No. {missing})</translation>
    </message>
    <message>
        <source>{name}按截至{as_of}起草，签发日期不能早于该日</source>
        <translation>{name} was drafted as of {as_of}; the issue date cannot be earlier</translation>
    </message>
    <message>
        <source>本年已签发的{kind}最晚签发于{last}，文号按签发日期排列，{name}的签发日期不能早于该日</source>
        <translation>This year&apos;s last {kind} was issued on {last}; numbers follow the issue dates, so {name}&apos;s issue date cannot be earlier</translation>
    </message>
    <message>
        <source>函件“{letter}”{status}，不能再签发</source>
        <translation>Letter “{letter}” {status}; it cannot be issued again</translation>
    </message>
    <message>
        <source>{kind}草稿{id}没有列出任何任务，不能签发</source>
        <translation>{kind} draft {id} lists no tasks and cannot be issued</translation>
    </message>
    <message>
        <source>{kind}草稿{id}没有列出任何问题，不能签发</source>
        <translation>{kind} draft {id} lists no problems and cannot be issued</translation>
    </message>
    <message>
        <source>{name}所列问题“{description}”发现于{found_on}，签发日期不能早于该日</source>
        <translation>Problem “{description}” listed in {name} was found on {found_on}; the issue date cannot be earlier</translation>
    </message>
    <message>
        <source>{kind}草稿{id}所列问题“{description}”在{on}前没有经已签发的督办函督办，不能预警</source>
        <translation>Problem “{description}” listed in {kind} draft {id} was not supervised by an issued supervision letter before {on}; no warning possible</translation>
    </message>
    <message>
        <source>{kind}草稿{id}所列问题“{description}”的整改时限为{deadline}（{number}），签发日期应晚于该日</source>
        <translation>Problem “{description}” listed in {kind} draft {id} has the deadline {deadline} ({number}); the issue date should be after it</translation>
    </message>
    <message>
        <source>签发日期{on}早于今天，补签往日的函件须写明原因</source>
        <translation>issue date {on} is before today; a letter issued for a past date needs a reason</translation>
    </message>
    <message>
        <source>月度任务“{title}”（编号{id}）没有撤回，无需恢复</source>
        <translation>Monthly task “{title}” (No. {id}) is not withdrawn; nothing to restore</translation>
    </message>
    <message>
        <source>{month}已有同名工作任务“{title}”（编号{id}，{id2}{withdrawn}），不能重复登记</source>
        <translation>{month} already has a task named “{title}” (No. {id}, {id2}{withdrawn}); not registered twice</translation>
    </message>
    <message>
        <source>附件“{name}”有{data}，超过{max_evidence_bytes}的上限，请压缩或拆分后再上传</source>
        <translation>Attachment “{name}” has {data}, over the limit of {max_evidence_bytes}: compress or split it, then upload</translation>
    </message>
    <message>
        <source>附件“{name}”是空文件，请选择要上传的文件</source>
        <translation>Attachment “{name}” is an empty file: choose the file to upload</translation>
    </message>
    <message>
        <source>附件“{name}”不是{accepted_text}（按文件内容判断，与扩展名无关），不能上传</source>
        <translation>Attachment “{name}” is not {accepted_text} (judged by its content, not its extension) and cannot be uploaded</translation>
    </message>
    <message>
        <source>月度任务“{title}”已撤回，不再报送完成情况</source>
        <translation>Monthly task “{title}” is withdrawn; no more completion reports</translation>
    </message>
    <message>
        <source>“{name}”不在任务“{title}”的适用范围内</source>
        <translation>“{name}” is outside the scope of task “{title}”</translation>
    </message>
    <message>
        <source>附件“{name}”已撤回</source>
        <translation>Attachment “{name}” is withdrawn</translation>
    </message>
    <message>
        <source>{label}已由{confirmed_by}确认</source>
        <translation>{label} was confirmed by {confirmed_by}</translation>
    </message>
    <message>
        <source>找不到任务回执（编号{receipt_id}）</source>
        <translation>Task receipt not found (No. {receipt_id})</translation>
    </message>
    <message>
        <source>找不到附件（编号{evidence_id}）</source>
        <translation>Attachment not found (No. {evidence_id})</translation>
    </message>
    <message>
        <source>附件“{name}”有{size}，超过{max_evidence_bytes}的上限，请压缩或拆分后再上传</source>
        <translation>Attachment “{name}” has {size}, over the limit of {max_evidence_bytes}: compress or split it, then upload</translation>
    </message>
    <message>
        <source>找不到附件“{path}”</source>
        <translation>Attachment “{path}” not found</translation>
    </message>
    <message>
        <source>附件“{path}”是文件夹，请选择文件</source>
        <translation>Attachment “{path}” is a folder: choose a file</translation>
    </message>
    <message>
        <source>没有权限读取附件“{path}”</source>
        <translation>No permission to read attachment “{path}”</translation>
    </message>
    <message>
        <source>附件“{name}”与已上传的“{sha256}”内容相同，不重复保存</source>
        <translation>Attachment “{name}” has the same content as “{sha256}” already uploaded; not stored twice</translation>
    </message>
    <message>
        <source>{reported_on}晚于今天</source>
        <translation>{reported_on} is later than today</translation>
    </message>
    <message>
        <source>“{name}”对任务“{title}”的完成情况刚由其他办事员报送，请刷新后再报送</source>
        <translation>Another clerk has just reported “{name}”&apos;s completion of task “{title}”: refresh, then report</translation>
    </message>
    <message>
        <source>“{status}”不是{receiptstatus}之一</source>
        <translation>“{status}” is not one of {receiptstatus}</translation>
    </message>
    <message>
        <source>问责查办{case_id}已于{decided_on}决定（{measure}），决定不能更改</source>
        <translation>Accountability case {case_id} was decided on {decided_on} ({measure}); the decision cannot be changed</translation>
    </message>
    <message>
        <source>找不到问责查办{case_id}（应为预警函最后整改期限已过、仍有问题未整改的预警函编号）</source>
        <translation>Accountability case {case_id} not found (it should be the number of a warning letter whose final deadline has passed with problems not corrected)</translation>
    </message>
    <message>
        <source>请填写采取的问责措施</source>
        <translation>enter the accountability measures taken</translation>
    </message>
    <message>
        <source>{on}晚于今天</source>
        <translation>{on} is later than today</translation>
    </message>
    <message>
        <source>{on}早于问责查办的起始日{opened_on}（预警函最后整改期限{final_deadline}之后）</source>
        <translation>{on} is before the case&apos;s start {opened_on} (after the warning letter&apos;s final deadline {final_deadline})</translation>
    </message>
    <message>
        <source>设置“{key}”的值“{value}”不是整数，请在设置中改正</source>
        <translation>Setting “{key}” has the value “{value}”, which is not a whole number: correct it in the settings</translation>
    </message>
    <message>
        <source>“{month}”不是年月（应如2026-03）</source>
        <translation>“{month}” is not a month (e.g. 2026-03)</translation>
    </message>
    <message>
        <source>第一行为标题，其后至少一段正文</source>
        <translation>the first line is the title, followed by at least one paragraph</translation>
    </message>
    <message>
        <source>无法识别的占位符：{exc}</source>
        <translation>unrecognized placeholder: {exc}</translation>
    </message>
    <message>
        <source>找不到结对“{key}”</source>
        <translation>Pairing “{key}” not found</translation>
    </message>
    <message>
        <source>结对不能这样修改：{unknown}</source>
        <translation>A pairing cannot be changed this way: {unknown}</translation>
    </message>
    <message>
        <source>结对“{name}”已{status}，不能再结束或终止</source>
        <translation>Pairing “{name}” is already {status} and cannot be ended or terminated again</translation>
    </message>
    <message>
        <source>名称“{key}”对应{matches}个结对，请写编号</source>
        <translation>Name “{key}” matches {matches} pairings: write the number</translation>
    </message>
    <message>
        <source>“{type}”不在可选项中</source>
        <translation>“{type}” is not one of the choices</translation>
    </message>
    <message>
        <source>“{status}”不在可选项中</source>
        <translation>“{status}” is not one of the choices</translation>
    </message>
    <message>
        <source>账号“{name}”只能处理本乡镇的数据，{what}没有本乡镇的结对方</source>
        <translation>Account “{name}” can only handle its township&apos;s data; {what} has no party from its township</translation>
    </message>
    <message>
        <source>同一方不能既是牵头方又是被帮扶方</source>
        <translation>the same party cannot both lead and be helped</translation>
    </message>
    <message>
        <source>未知的结对方类别“{kind}”</source>
        <translation>Unknown kind of pairing party “{kind}”</translation>
    </message>
    <message>
        <source>同一结对方重复</source>
        <translation>the same party is repeated</translation>
    </message>
    <message>
        <source>{type}的牵头方应为党员</source>
        <translation>the leading party of {type} should be a member</translation>
    </message>
    <message>
        <source>{type}只有一名牵头党员</source>
        <translation>{type} has only one leading member</translation>
    </message>
    <message>
        <source>一对一结对只能帮扶一户（或一人）</source>
        <translation>A one-to-one pairing can help only one household (or person)</translation>
    </message>
    <message>
        <source>党员结对帮扶的对象应为户或党员</source>
        <translation>A member&apos;s pairing should help households or members</translation>
    </message>
    <message>
        <source>党组织“{name}”已撤销</source>
        <translation>organization “{name}” is dissolved</translation>
    </message>
    <message>
        <source>户不能作为牵头方</source>
        <translation>A household cannot lead</translation>
    </message>
    <message>
        <source>党员“{name}”已不是现有党员</source>
        <translation>member “{name}” is no longer a current member</translation>
    </message>
    <message>
        <source>{year}年已有评价</source>
        <translation>{year} already has an evaluation</translation>
    </message>
    <message>
        <source>早于结对开始日期{isoformat}</source>
        <translation>before the pairing started on {isoformat}</translation>
    </message>
    <message>
        <source>“{rating}”不在可选项中（优秀、良好、一般、差）</source>
        <translation>“{rating}” is not one of the choices (“优秀” excellent, “良好” good, “一般” fair, “差” poor)</translation>
    </message>
    <message>
        <source>应在0至100之间</source>
        <translation>should be between 0 and 100</translation>
    </message>
    <message>
        <source>该结对同一天已登记过相同内容的活动</source>
        <translation>an activity with the same content is already recorded for this pairing on that day</translation>
    </message>
    <message>
        <source>“{category}”不在可选项中</source>
        <translation>“{category}” is not one of the choices</translation>
    </message>
    <message>
        <source>账号“{name}”（{role}）无权{permission}</source>
        <translation>Account “{name}” ({role}) may not {permission}</translation>
    </message>
    <message>
        <source>账号“{name}”只能查看本乡镇的数据，不能生成全县的{what}</source>
        <translation>Account “{name}” can only see its township&apos;s data and cannot produce the county&apos;s {what}</translation>
    </message>
    <message>
        <source>账号“{name}”只能处理本乡镇的数据，{what}不在其范围内</source>
        <translation>Account “{name}” can only handle its township&apos;s data; {what} is outside its scope</translation>
    </message>
    <message>
        <source>账号“{name}”的角色“{role}”无效，不能查看数据</source>
        <translation>Account “{name}” has an invalid role “{role}” and cannot see data</translation>
    </message>
    <message>
        <source>找不到{what}（编号{entity_id}）</source>
        <translation>{what} not found (No. {entity_id})</translation>
    </message>
    <message>
        <source>“{name}”已有正在进行的整顿，请在原整顿中记录进展或验收</source>
        <translation>“{name}” already has a rectification under way: record the progress or the acceptance in it</translation>
    </message>
    <message>
        <source>该整顿已验收转化，不能再记录进展</source>
        <translation>The rectification was accepted as turned around; no more progress can be recorded</translation>
    </message>
    <message>
        <source>该整顿已于{accepted_on}验收转化</source>
        <translation>The rectification was accepted as turned around on {accepted_on}</translation>
    </message>
    <message>
        <source>“{year}”不是年度</source>
        <translation>“{year}” is not a year</translation>
    </message>
    <message>
        <source>至少填写一项</source>
        <translation>fill in at least one</translation>
    </message>
    <message>
        <source>早于整顿开始日期{opened_on}</source>
        <translation>before the rectification began on {opened_on}</translation>
    </message>
    <message>
        <source>应为“转化”或“继续整顿”</source>
        <translation>should be “转化” (turned around) or “继续整顿” (continue)</translation>
    </message>
    <message>
        <source>“{value}”不是分值（如 +5 或 -3）</source>
        <translation>“{value}” is not a points value (e.g. +5 or -3)</translation>
    </message>
    <message>
        <source>分值须在 -{max_points} 至 +{max_points2} 之间</source>
        <translation>Points should be between -{max_points} and +{max_points2}</translation>
    </message>
    <message>
        <source>分值最多两位小数</source>
        <translation>Points have at most two decimal places</translation>
    </message>
    <message>
        <source>该记录所在的{year}年第{entry_date}季度已公示确定（锁定），记录只读；如需调整请登记更正</source>
        <translation>{year} Q{entry_date}, the quarter of this record, is published and final (locked): the record is read-only; register a correction to adjust it</translation>
    </message>
    <message>
        <source>账号“{name}”（{role}）不能审核积分记录：须由县级账号审核</source>
        <translation>Account “{name}” ({role}) cannot review points records: a county-level account reviews them</translation>
    </message>
    <message>
        <source>找不到党员“{text}”（姓名须完整，或填写公民身份号码）</source>
        <translation>Member “{text}” not found (the full name, or the ID number)</translation>
    </message>
    <message>
        <source>更正记录须与被更正的记录是同一名党员</source>
        <translation>A correction must be for the same member as the record it corrects</translation>
    </message>
    <message>
        <source>“{item}”全年最多{max}分，已记{have}分，本条{points}分将超过上限</source>
        <translation>“{item}” has at most {max} points a year; {have} recorded; {points} more would exceed the limit</translation>
    </message>
    <message>
        <source>“{item}”全年已记{have}分，更正后不能小于0</source>
        <translation>“{item}” has {have} points this year; after the correction it cannot be below 0</translation>
    </message>
    <message>
        <source>早于“{name}”加入党组织的日期{joined_on}</source>
        <translation>before “{name}” joined the organization on {joined_on}</translation>
    </message>
    <message>
        <source>{year}年第{q}季度的积分已公示确定（锁定），不能再登记；如需调整请在未锁定的季度登记更正</source>
        <translation>the points of {year} Q{q} are published and final (locked): no more records; register corrections in a quarter not locked</translation>
    </message>
    <message>
        <source>“{name}”不是积分项目（可选：{names}）</source>
        <translation>“{name}” is not a points item (choices: {names})</translation>
    </message>
    <message>
        <source>不超过200字</source>
        <translation>at most 200 characters</translation>
    </message>
    <message>
        <source>全年加分最多{year_max_add}分，已加{adds}分，本条{points}分将超过上限</source>
        <translation>at most {year_max_add} bonus points a year; {adds} given; {points} more would exceed the limit</translation>
    </message>
    <message>
        <source>更正记录应记在被更正记录的年度（{year}年）</source>
        <translation>A correction belongs to the year of the record it corrects ({year})</translation>
    </message>
    <message>
        <source>更正须写明理由</source>
        <translation>A correction needs a reason</translation>
    </message>
    <message>
        <source>请填写姓名或公民身份号码</source>
        <translation>enter a name or an ID number</translation>
    </message>
    <message>
        <source>有{same}名党员叫“{text}”（{where}），请从下拉列表中选择，或填写公民身份号码</source>
        <translation>{same} members are called “{text}” ({where}): choose one from the drop-down list, or enter the ID number</translation>
    </message>
    <message>
        <source>不能为0</source>
        <translation>cannot be 0</translation>
    </message>
    <message>
        <source>“{name}”是扣分项目，分值应为负数（如 -3）</source>
        <translation>“{name}” is a deduction item: points should be negative (e.g. -3)</translation>
    </message>
    <message>
        <source>“{name}”是加分项目，分值应为正数；撤销已记的加分请登记更正</source>
        <translation>“{name}” is a bonus item: points should be positive; to take back a bonus, register a correction</translation>
    </message>
    <message>
        <source>“{name}”已任{name2}{post}</source>
        <translation>“{name}” already holds {name2}{post}</translation>
    </message>
    <message>
        <source>“{name}”没有商议、审议环节，不是村干部双议双评方案</source>
        <translation>“{name}” has no consultation and review steps; it is not a village-cadre two-review scheme</translation>
    </message>
    <message>
        <source>“{name}”{period}（{name2}）的评价已经开启</source>
        <translation>The evaluation of “{name}” {period} ({name2}) is already open</translation>
    </message>
    <message>
        <source>所选村没有在任村干部，请先在村干部名册中登记任职</source>
        <translation>The chosen villages have no serving village cadres: first register the posts in the cadre roster</translation>
    </message>
    <message>
        <source>该评价处于“{status}”状态，不能再记录{step}</source>
        <translation>The evaluation is “{status}”; {step} can no longer be recorded</translation>
    </message>
    <message>
        <source>账号“{name}”只能处理本乡镇的数据，{outside}的村干部不在其范围内{tail}</source>
        <translation>Account “{name}” can only handle its township&apos;s data; the village cadres of {outside} are outside its scope{tail}</translation>
    </message>
    <message>
        <source>须先经{index}同意，才能{step}</source>
        <translation>{step} needs the approval of {index} first</translation>
    </message>
    <message>
        <source>“{post}”不在可选职务中（{posts}）</source>
        <translation>“{post}” is not among the posts ({posts})</translation>
    </message>
    <message>
        <source>早于任职日期{start_on}</source>
        <translation>before taking office on {start_on}</translation>
    </message>
    <message>
        <source>晚于离任日期{end_on}</source>
        <translation>after leaving office on {end_on}</translation>
    </message>
    <message>
        <source>应为{or}之一</source>
        <translation>should be one of {or}</translation>
    </message>
    <message>
        <source>必填：写明提交商议、审议的事项（如 年度工作目标、公开承诺）</source>
        <translation>required: the matters submitted for consultation and review (e.g. annual goals, public commitments)</translation>
    </message>
    <message>
        <source>是本县党员的号码：请按党员登记任职（不写姓名）</source>
        <translation>this is the number of a member of this county: register the post as a member&apos;s (no name)</translation>
    </message>
    <message>
        <source>至少选择一个村</source>
        <translation>choose at least one village</translation>
    </message>
    <message>
        <source>应为“同意”或“不同意”</source>
        <translation>should be “同意” (agree) or “不同意” (disagree)</translation>
    </message>
    <message>
        <source>至少选择一名村干部</source>
        <translation>choose at least one village cadre</translation>
    </message>
    <message>
        <source>早于{step}的日期{decided_on}</source>
        <translation>before the date of {step}, {decided_on}</translation>
    </message>
    <message>
        <source>核查问题{id}{status}，不能再处理</source>
        <translation>Check finding {id}{status}: it can no longer be handled</translation>
    </message>
    <message>
        <source>“{name}”不属于任何乡镇，不能进入三函督办；请排除并另行处理</source>
        <translation>“{name}” belongs to no township and cannot enter the three-letter supervision; exclude it and handle it otherwise</translation>
    </message>
    <message>
        <source>{parts}：{approvals}均同意后才能录入评价</source>
        <translation>{parts}: scores can be entered once {approvals} all agreed</translation>
    </message>
    <message>
        <source>评价结果已确定（锁定），不能再记录例外</source>
        <translation>The evaluation result is final (locked); no exception can be recorded</translation>
    </message>
    <message>
        <source>该评价处于“{status}”状态，只有草稿可以修改分数（请先退回草稿）</source>
        <translation>The evaluation is “{status}”; only a draft&apos;s scores can be changed (return it to draft first)</translation>
    </message>
    <message>
        <source>“{name}”的限期改正已于{outcome_on}处理（{outcome}）</source>
        <translation>The deadline for correction of “{name}” was settled on {outcome_on} ({outcome})</translation>
    </message>
    <message>
        <source>早于限期改正开始日期{started_on}</source>
        <translation>before the start of the correction period, {started_on}</translation>
    </message>
    <message>
        <source>限期改正至{deadline}，期满前作出“{outcome}”须写明理由</source>
        <translation>the correction period runs until {deadline}; deciding “{outcome}” before then needs a reason</translation>
    </message>
    <message>
        <source>应为 member 或 organization</source>
        <translation>should be member or organization</translation>
    </message>
    <message>
        <source>应为 year、half、quarter 或 month</source>
        <translation>should be year, half, quarter or month</translation>
    </message>
    <message>
        <source>各评价主体的权重之和应为1（如 0.6 与 0.4）</source>
        <translation>the weights of the evaluators should add up to 1 (e.g. 0.6 and 0.4)</translation>
    </message>
    <message>
        <source>至少要有一个评价项目或评价主体</source>
        <translation>at least one item or one evaluator is needed</translation>
    </message>
    <message>
        <source>最后一档应无下限（min 为 null）</source>
        <translation>the last band should have no lower bound (min null)</translation>
    </message>
    <message>
        <source>分档下限应从高到低排列且不重复</source>
        <translation>the lower bounds should go from high to low without repeats</translation>
    </message>
    <message>
        <source>“{value}”不是比例（如 1/3 或 0.1）</source>
        <translation>“{value}” is not a share (e.g. 1/3 or 0.1)</translation>
    </message>
    <message>
        <source>类型应为 score、add 或 deduct</source>
        <translation>the type should be score, add or deduct</translation>
    </message>
    <message>
        <source>方式应为 score 或 votes</source>
        <translation>the method should be score or votes</translation>
    </message>
    <message>
        <source>按票数评价须列出各档及分值</source>
        <translation>evaluation by votes needs the bands and their points</translation>
    </message>
    <message>
        <source>评价主体“{key}”不存在</source>
        <translation>evaluator “{key}” does not exist</translation>
    </message>
    <message>
        <source>星级党员的积分来自积分台账：请在积分台账登记加分、扣分（或导入积分记录），再重新计算本季度的累计积分</source>
        <translation>A star member&apos;s points come from the points register: record bonuses and deductions there (or import points records), then recompute the quarter&apos;s total</translation>
    </message>
    <message>
        <source>评价结果已确定（锁定），不能调整等次；如需更正请先重新开启</source>
        <translation>The evaluation result is final (locked); the level cannot be changed; reopen it first to correct it</translation>
    </message>
    <message>
        <source>找不到评价表（编号{sid}）</source>
        <translation>Evaluation sheet not found (No. {sid})</translation>
    </message>
    <message>
        <source>有{rowcount}张评价表已被其他办事员修改，请重新导入：{params}</source>
        <translation>{rowcount} evaluation sheets were changed by another clerk; import again: {params}</translation>
    </message>
    <message>
        <source>应为{levels}之一</source>
        <translation>should be one of {levels}</translation>
    </message>
    <message>
        <source>预备党员参加评议但不评定等次</source>
        <translation>probationary members take part in the review but get no level</translation>
    </message>
    <message>
        <source>不是该方案的评价项目</source>
        <translation>not an item of this scheme</translation>
    </message>
    <message>
        <source>不是该方案的评价主体</source>
        <translation>not an evaluator of this scheme</translation>
    </message>
    <message>
        <source>没有“{bad}”这一档</source>
        <translation>there is no band “{bad}”</translation>
    </message>
    <message>
        <source>“{sheet}”没有个人自评，不评定等次（请先记录自评）</source>
        <translation>“{sheet}” has no self-assessment and gets no level (record the self-assessment first)</translation>
    </message>
    <message>
        <source>找不到该身份证号的党员</source>
        <translation>No member with this ID number</translation>
    </message>
    <message>
        <source>找不到党组织（编号{org_id}）</source>
        <translation>Organization not found (No. {org_id})</translation>
    </message>
    <message>
        <source>至少1人</source>
        <translation>at least 1 person</translation>
    </message>
    <message>
        <source>{present}人多于应到{expected}人</source>
        <translation>{present} present is more than the {expected} expected</translation>
    </message>
    <message>
        <source>{public_present}人多于邀请的{public_invited}人</source>
        <translation>{public_present} present is more than the {public_invited} invited</translation>
    </message>
    <message>
        <source>实到少于应到（缺{present}人）时必填</source>
        <translation>required when fewer attended than expected ({present} absent)</translation>
    </message>
    <message>
        <source>“{text}”不是{kind}周期（如 {kind2}）</source>
        <translation>“{text}” is not a {kind} period (e.g. {kind2})</translation>
    </message>
    <message>
        <source>“{upper}”在本年度（{year}年）之后，不能开启未来的评价周期</source>
        <translation>“{upper}” is after this year ({year}); a future evaluation period cannot be opened</translation>
    </message>
    <message>
        <source>没有“{name}”{period}的评价（请先 evaluate open）</source>
        <translation>No evaluation of “{name}” for {period} (run evaluate open first)</translation>
    </message>
    <message>
        <source>“{name}”{period}有{rounds}个评价范围，请用 --org 指明</source>
        <translation>“{name}” {period} has {rounds} evaluation scopes: name one with --org</translation>
    </message>
    <message>
        <source>评价状态不能从“{status}”改为“{status2}”</source>
        <translation>The evaluation cannot go from “{status}” to “{status2}”</translation>
    </message>
    <message>
        <source>评价处于“{status}”状态：须先审核并公示，公示期满后才能确定</source>
        <translation>The evaluation is “{status}”: it must be reviewed and published, and the publicity period over, before it is final</translation>
    </message>
    <message>
        <source>公示期至{isoformat}，期满后才能确定结果</source>
        <translation>Published until {isoformat}; the result can be made final after that</translation>
    </message>
    <message>
        <source>只有已确定的评价需要重新开启</source>
        <translation>Only a final evaluation needs reopening</translation>
    </message>
    <message>
        <source>找不到评价方案“{name}”（现有：{init}）</source>
        <translation>Evaluation scheme “{name}” not found (existing: {init})</translation>
    </message>
    <message>
        <source>评价方案“{name}”已有确定的评价结果，不能修改；请复制后修改副本</source>
        <translation>Evaluation scheme “{name}” has final results and cannot be changed; copy it and change the copy</translation>
    </message>
    <message>
        <source>已有名为“{name}”的方案</source>
        <translation>A scheme named “{name}” already exists</translation>
    </message>
    <message>
        <source>不能为负数（扣分请填正数）</source>
        <translation>cannot be negative (enter deductions as positive numbers)</translation>
    </message>
    <message>
        <source>超过最高分{max}</source>
        <translation>above the maximum score {max}</translation>
    </message>
    <message>
        <source>应在0到{max}之间</source>
        <translation>should be between 0 and {max}</translation>
    </message>
    <message>
        <source>最多两位小数</source>
        <translation>at most two decimal places</translation>
    </message>
    <message>
        <source>“{name}”没有个人自评环节</source>
        <translation>“{name}” has no self-assessment step</translation>
    </message>
    <message>
        <source>已完成自评时必填</source>
        <translation>required once the self-assessment is done</translation>
    </message>
    <message>
        <source>不超过500字</source>
        <translation>at most 500 characters</translation>
    </message>
    <message>
        <source>找不到账号“{name}”</source>
        <translation>Account “{name}” not found</translation>
    </message>
    <message>
        <source>请先为“{name}”设置密码（dangjian account password {name2}），再添加其他账号</source>
        <translation>First set a password for “{name}” (dangjian account password {name2}), then add other accounts</translation>
    </message>
    <message>
        <source>账号“{name}”未停用，无需启用</source>
        <translation>Account “{name}” is not disabled; nothing to enable</translation>
    </message>
    <message>
        <source>原密码不正确</source>
        <translation>The old password is not correct</translation>
    </message>
    <message>
        <source>{bad_login}。账号“{name}”已连续{max_failed_logins}次密码错误，锁定{lock_minutes}分钟</source>
        <translation>{bad_login}. Account “{name}” had {max_failed_logins} wrong passwords in a row and is locked for {lock_minutes} minutes</translation>
    </message>
    <message>
        <source>账号“{name}”尚未设置密码，请管理员用 dangjian account password {name2} 设置</source>
        <translation>Account “{name}” has no password yet: an administrator sets it with dangjian account password {name2}</translation>
    </message>
    <message>
        <source>请输入账号“{name}”的密码（DANGJIAN_PASSWORD 或提示输入）</source>
        <translation>Enter the password of account “{name}” (DANGJIAN_PASSWORD or at the prompt)</translation>
    </message>
    <message>
        <source>数据库登录“{who}”不是本程序的账号</source>
        <translation>Database login “{who}” is not an account of this program</translation>
    </message>
    <message>
        <source>不能停用最后一个管理员账号</source>
        <translation>The last administrator account cannot be disabled</translation>
    </message>
    <message>
        <source>数据库中有多个账号，请用 --user 指定账号</source>
        <translation>The database has several accounts: name one with --user</translation>
    </message>
    <message>
        <source>账号“{user}”已停用或锁定，不能登录</source>
        <translation>Account “{user}” is disabled or locked and cannot log in</translation>
    </message>
    <message>
        <source>乡镇办事员须指定所属乡镇（乡镇级党组织）</source>
        <translation>A township clerk needs a township (a township-level organization)</translation>
    </message>
    <message>
        <source>找不到党组织（编号{scope_org_id}）</source>
        <translation>organization not found (No. {scope_org_id})</translation>
    </message>
    <message>
        <source>“{name}”不是乡镇级党组织（须直属县委）</source>
        <translation>“{name}” is not a township-level organization (must be directly under the county committee)</translation>
    </message>
    <message>
        <source>“{name}”已存在</source>
        <translation>“{name}” already exists</translation>
    </message>
    <message>
        <source>须与管理员设置的密码不同</source>
        <translation>must differ from the password the administrator set</translation>
    </message>
    <message>
        <source>PostgreSQL 上新账号须有初始密码（DANGJIAN_NEW_PASSWORD）</source>
        <translation>A new account on PostgreSQL needs an initial password (DANGJIAN_NEW_PASSWORD)</translation>
    </message>
    <message>
        <source>{role}不限于一个乡镇，不能指定范围</source>
        <translation>{role} is not limited to one township; no scope can be set</translation>
    </message>
    <message>
        <source>“{role}”不是有效角色（可用：{names}）</source>
        <translation>“{role}” is not a valid role (available: {names})</translation>
    </message>
    <message>
        <source>没有记录类型“{text}”；可用：{values}</source>
        <translation>No record type “{text}”; available: {values}</translation>
    </message>
    <message>
        <source>审计日志没有待确认的问题</source>
        <translation>The audit log has no problems to confirm</translation>
    </message>
    <message>
        <source>确认审计日志的问题须写明原因</source>
        <translation>confirming the audit log&apos;s problems needs a reason</translation>
    </message>
    <message>
        <source>账号“{name}”只能处理本乡镇的数据，导入“{source}”含有其他乡镇的党员，不能撤销</source>
        <translation>Account “{name}” can only handle its township&apos;s data; import “{source}” contains members of other townships and cannot be undone</translation>
    </message>
    <message>
        <source>导入“{source}”已于{undone_at}撤销</source>
        <translation>Import “{source}” was undone on {undone_at}</translation>
    </message>
    <message>
        <source>导入“{source}”后，{names}{changed}人的记录已被修改，不能整体撤销</source>
        <translation>Since import “{source}”, the records of {names}{changed} people were changed; it cannot be undone as a whole</translation>
    </message>
    <message>
        <source>账号“{name}”（{role}）无权修改系统设置：只有管理员可以修改</source>
        <translation>Account “{name}” ({role}) may not change the settings: only an administrator can</translation>
    </message>
    <message>
        <source>没有设置项“{key}”；可用 dangjian settings list 查看全部设置项</source>
        <translation>No setting “{key}”; dangjian settings list shows them all</translation>
    </message>
    <message>
        <source>对应关系“{src}={dst}”中的“{dst2}”不在新的类别中</source>
        <translation>in mapping “{src}={dst}”, “{dst2}” is not among the new categories</translation>
    </message>
    <message>
        <source>“{name}”已有{name2}个{what}使用，不能直接删除；请指定它们改用的类别（如 --map {name3}={new_names}）</source>
        <translation>“{name}” is used by {name2} {what} and cannot simply be removed; say which category they use instead (e.g. --map {name3}={new_names})</translation>
    </message>
    <message>
        <source>“{item}”应写成 旧类别=新类别</source>
        <translation>“{item}” should be written old category=new category</translation>
    </message>
    <message>
        <source>此设置项不需要对应关系（--map）</source>
        <translation>this setting takes no mapping (--map)</translation>
    </message>
    <message>
        <source>对应关系“{src}={dst}”前后相同</source>
        <translation>mapping “{src}={dst}” maps a category to itself</translation>
    </message>
    <message>
        <source>{a}天不应大于{label}{b}天</source>
        <translation>{a} days should not be more than {label}{b} days</translation>
    </message>
    <message>
        <source>对应关系“{src}={dst}”中的“{src2}”既不是原有类别，也没有{what}使用</source>
        <translation>in mapping “{src}={dst}”, “{src2}” is neither an existing category nor used by any {what}</translation>
    </message>
    <message>
        <source>应为18位，实为{number}位</source>
        <translation>Should have 18 characters, has {number}</translation>
    </message>
    <message>
        <source>前17位须为数字，末位为数字或X</source>
        <translation>The first 17 characters must be digits, the last a digit or X</translation>
    </message>
    <message>
        <source>校验位错误（末位应为{expected}）</source>
        <translation>Wrong check digit (the last character should be {expected})</translation>
    </message>
    <message>
        <source>出生日期{isoformat}晚于今天</source>
        <translation>Birth date {isoformat} is later than today</translation>
    </message>
    <message>
        <source>出生日期部分“{number}”不是有效日期</source>
        <translation>The birth date part “{number}” is not a valid date</translation>
    </message>
    <message>
        <source>{what}中有{found}处内容超过长度上限，PostgreSQL 不能保存：{shown}{more}。请在原数据库中改短这些内容（dangjian check 列出全部）后再恢复，未做任何恢复</source>
        <translation>{what} has {found} values longer than PostgreSQL can store: {shown}{more}. Shorten them in the original database (dangjian check lists them all), then restore again; nothing was restored</translation>
    </message>
    <message>
        <source>季度“{text}”格式不对，应如 2026Q3</source>
        <translation>Quarter “{text}” is not in the right form, e.g. 2026Q3</translation>
    </message>
    <message>
        <source>月份“{text}”格式不对，应如 2026-10</source>
        <translation>Month “{text}” is not in the right form, e.g. 2026-10</translation>
    </message>
    <message>
        <source>早于年满18周岁</source>
        <translation>before the age of 18</translation>
    </message>
    <message>
        <source>“{name}”重复</source>
        <translation>“{name}” is repeated</translation>
    </message>
    <message>
        <source>各评价主体的权重之和应为1（现为{decimal}）</source>
        <translation>the weights of the evaluators should add up to 1 (now {decimal})</translation>
    </message>
    <message>
        <source>至少要有一档</source>
        <translation>at least one band is needed</translation>
    </message>
    <message>
        <source>等次“{level}”重复</source>
        <translation>level “{level}” is repeated</translation>
    </message>
    <message>
        <source>最低一档的下限为{mins}分，低于{mins2}分的得分没有等次（分档有空档）；最低一档应不设下限</source>
        <translation>the lowest band starts at {mins} points: scores below {mins2} get no level (a gap in the bands); the lowest band should have no lower bound</translation>
    </message>
    <message>
        <source>下限{mins}分高于满分{total}分，无法达到</source>
        <translation>lower bound {mins} points is above the full score {total}: it cannot be reached</translation>
    </message>
    <message>
        <source>第{n}项没有名称</source>
        <translation>item {n} has no name</translation>
    </message>
    <message>
        <source>最高分应为数字</source>
        <translation>the maximum score should be a number</translation>
    </message>
    <message>
        <source>最高分{fmt}应大于0</source>
        <translation>the maximum score {fmt} should be greater than 0</translation>
    </message>
    <message>
        <source>基础分{base}分加各加分项目最高分合计为{top}分，应为满分{total}分</source>
        <translation>the base score {base} plus the maximums of the bonus items make {top} points; should be the full score {total}</translation>
    </message>
    <message>
        <source>权重“{weight}”应为大于0、不大于1的数</source>
        <translation>weight “{weight}” should be greater than 0 and at most 1</translation>
    </message>
    <message>
        <source>第{n}档没有等次名称</source>
        <translation>band {n} has no level name</translation>
    </message>
    <message>
        <source>下限“{min}”不是数字</source>
        <translation>lower bound “{min}” is not a number</translation>
    </message>
    <message>
        <source>只有最后一档可以没有下限；没有下限的一档覆盖了其下各档，分档重叠</source>
        <translation>only the last band may have no lower bound; a band without one covers the bands below it (overlapping bands)</translation>
    </message>
    <message>
        <source>“{n}”（{lo}分以上）与“{n2}”（{hi}分以上）重叠：分档应从高到低排列，下限逐档降低</source>
        <translation>“{n}” ({lo} points and above) overlaps “{n2}” ({hi} points and above): bands go from high to low with falling lower bounds</translation>
    </message>
    <message>
        <source>上限{fmt}分与上一档的下限{expected}分之间有空档</source>
        <translation>there is a gap between the upper bound {fmt} and the lower bound {expected} of the band above</translation>
    </message>
    <message>
        <source>等次“{level}”不在分档中</source>
        <translation>level “{level}” is not among the bands</translation>
    </message>
    <message>
        <source>最低比例大于最高比例</source>
        <translation>the lowest share is above the highest share</translation>
    </message>
    <message>
        <source>各评价项目最高分合计为{top}分，应为满分{total}分</source>
        <translation>the maximums of the items make {top} points; should be the full score {total}</translation>
    </message>
    <message>
        <source>上限{fmt}分超过上一档的下限{expected}分，分档重叠</source>
        <translation>upper bound {fmt} is above the lower bound {expected} of the band above (overlapping bands)</translation>
    </message>
    <message>
        <source>{what}“{max_share}”应为0到1之间的比例（如 1/3 或 0.1）</source>
        <translation>{what} “{max_share}” should be a share between 0 and 1 (e.g. 1/3 or 0.1)</translation>
    </message>
    <message>
        <source>“{text}”不是整数，应为{range_text}</source>
        <translation>“{text}” is not a whole number; should be {range_text}</translation>
    </message>
    <message>
        <source>{number}超出范围，应为{range_text}</source>
        <translation>{number} is out of range; should be {range_text}</translation>
    </message>
    <message>
        <source>类别名称不能为空（至少一个，用“、”分隔）</source>
        <translation>category names cannot be empty (at least one, separated by “、”)</translation>
    </message>
    <message>
        <source>“{dupes}”重复</source>
        <translation>“{dupes}” is repeated</translation>
    </message>
    <message>
        <source>“{too_long}”超过30个字</source>
        <translation>“{too_long}” is longer than 30 characters</translation>
    </message>
    <message>
        <source>“{s}”不在可选项中（{choices}）</source>
        <translation>“{s}” is not one of the choices ({choices})</translation>
    </message>
    <message>
        <source>{what}不应为是/否</source>
        <translation>{what} should not be yes/no</translation>
    </message>
    <message>
        <source>“{shown}”早于{year}年，不是有效日期（Excel把0或1当成日期时会显示为1900年前后）</source>
        <translation>“{shown}” is before {year} and not a valid date (Excel shows 0 or 1 as a date around 1900)</translation>
    </message>
    <message>
        <source>{what}应为整数</source>
        <translation>{what} should be a whole number</translation>
    </message>
    <message>
        <source>{what}不能为负数</source>
        <translation>{what} cannot be negative</translation>
    </message>
    <message>
        <source>{what}{n}过大（最多{maximum}）</source>
        <translation>{what}{n} is too large (at most {maximum})</translation>
    </message>
    <message>
        <source>“{amount}”超过两位小数（金额以元为单位，最多到分），请核对后重新填写</source>
        <translation>“{amount}” has more than two decimal places (amounts are in yuan, to the fen): check and enter it again</translation>
    </message>
    <message>
        <source>{what}被Excel存成了数字，末几位已丢失（{value}），请把该列设为文本后重新填写</source>
        <translation>{what} was stored by Excel as a number and its last digits are lost ({value}): set the column to text and enter it again</translation>
    </message>
    <message>
        <source>{what}被Excel存成了数字，末几位可能已丢失，请把该列设为文本后重新填写</source>
        <translation>{what} was stored by Excel as a number and its last digits may be lost: set the column to text and enter it again</translation>
    </message>
    <message>
        <source>“{name}”中的评价表属于{round_ids}个不同的评价，请分开导入</source>
        <translation>The sheets in “{name}” belong to {round_ids} different evaluations: import them separately</translation>
    </message>
    <message>
        <source>{rnd}处于“{status}”状态，只有草稿可以导入分数</source>
        <translation>{rnd} is “{status}”; only a draft&apos;s scores can be imported</translation>
    </message>
    <message>
        <source>“{name}”第1行缺少列：{missing}（方案“{name2}”的评价表）</source>
        <translation>“{name}” row 1 lacks columns: {missing} (the evaluation sheet of scheme “{name2}”)</translation>
    </message>
    <message>
        <source>“{name}”第1行缺少列：{key}（请使用 evaluate export 导出的评价表）</source>
        <translation>“{name}” row 1 lacks columns: {key} (use the sheet exported by evaluate export)</translation>
    </message>
    <message>
        <source>必填（不要删除或改动此列）</source>
        <translation>Required (do not delete or change this column)</translation>
    </message>
    <message>
        <source>不是本评价的党支部（不要删除或改动此列）</source>
        <translation>not a branch of this evaluation (do not delete or change this column)</translation>
    </message>
    <message>
        <source>找不到该评价表</source>
        <translation>evaluation sheet not found</translation>
    </message>
    <message>
        <source>与第{sid}行是同一张评价表</source>
        <translation>the same evaluation sheet as row {sid}</translation>
    </message>
    <message>
        <source>与评价表编号对应的是“{subject_name}”，请勿改动编号或排序后错行</source>
        <translation>the sheet number belongs to “{subject_name}”: do not change the numbers or shift rows by sorting</translation>
    </message>
    <message>
        <source>“{name}”的工作表都是隐藏的（{hidden}）：请取消隐藏，或用 --sheet 指定要导入的工作表</source>
        <translation>All sheets of “{name}” are hidden ({hidden}): unhide them, or name the sheet to import with --sheet</translation>
    </message>
    <message>
        <source>“{name}”中没有工作表</source>
        <translation>“{name}” has no sheets</translation>
    </message>
    <message>
        <source>“{name}”第{header_row}行没有列：{unknown}（请按文件中的表头写 列名=字段）</source>
        <translation>“{name}” row {header_row} has no columns: {unknown} (write column=field with the headers in the file)</translation>
    </message>
    <message>
        <source>“{name}”前{header_search_rows}行中找不到列：{key}</source>
        <translation>Columns not found in the first {header_search_rows} rows of “{name}”: {key}</translation>
    </message>
    <message>
        <source>“{header}={target}”：“{target2}”不是可导入的字段（可用：{fields}）</source>
        <translation>“{header}={target}”: “{target2}” is not a field that can be imported (available: {fields})</translation>
    </message>
    <message>
        <source>“{name}”中没有工作表：{unknown}（有：{names}）</source>
        <translation>“{name}” has no sheets: {unknown} (it has: {names})</translation>
    </message>
    <message>
        <source>不在账号“{name}”的范围内（只能导入本乡镇的数据）</source>
        <translation>outside the scope of account “{name}” (only its township&apos;s data can be imported)</translation>
    </message>
    <message>
        <source>找不到户“{text}”（请先登记该户）</source>
        <translation>Household “{text}” not found (register the household first)</translation>
    </message>
    <message>
        <source>有{homes}户户主叫“{name}”，请写“户主:{name2}(所属党组织)”</source>
        <translation>{homes} household heads are called “{name}”: write “户主:{name2}(organization)”</translation>
    </message>
    <message>
        <source>找不到党组织“{text}”（党员请写“党员:姓名”，户请写“户主:姓名”）</source>
        <translation>Organization “{text}” not found (write “党员:name” for a member, “户主:name” for a household)</translation>
    </message>
    <message>
        <source>找不到党员“{text}”</source>
        <translation>Member “{text}” not found</translation>
    </message>
    <message>
        <source>有{found}名党员叫“{name}”，请写“党员:{name2}(身份证号后4位)”</source>
        <translation>{found} members are called “{name}”: write “党员:{name2}(last 4 digits of the ID number)”</translation>
    </message>
    <message>
        <source>第{row}行：{exc}</source>
        <translation>Row {row}: {exc}</translation>
    </message>
    <message>
        <source>与现有结对{sig}重复</source>
        <translation>same as the existing pairing {sig}</translation>
    </message>
    <message>
        <source>与第{sig}行重复</source>
        <translation>same as row {sig}</translation>
    </message>
    <message>
        <source>与第{same}行重复（同一结对、同一日期、相同内容）</source>
        <translation>same as row {same} (same pairing, same date, same content)</translation>
    </message>
    <message>
        <source>名称对应{key}个结对，请写编号</source>
        <translation>the name matches {key} pairings: write the number</translation>
    </message>
    <message>
        <source>找不到该结对</source>
        <translation>pairing not found</translation>
    </message>
    <message>
        <source>早于加入党组织的日期{joined}</source>
        <translation>before joining the organization on {joined}</translation>
    </message>
    <message>
        <source>{year}年第{on}季度已公示确定（锁定），不能再登记；调整请登记更正</source>
        <translation>{year} Q{on} is published and final (locked): no more records; register a correction to adjust</translation>
    </message>
    <message>
        <source>积分台账中已有同一党员、同一日期、同一项目、相同分值和事由的记录</source>
        <translation>the points register already has a record with the same member, date, item, points and reason</translation>
    </message>
    <message>
        <source>与名册不符（该身份号码是“{member}”）</source>
        <translation>does not match the roster (this ID number belongs to “{member}”)</translation>
    </message>
    <message>
        <source>与第{key}行重复（同一党员、同一日期、同一项目、相同分值和事由）</source>
        <translation>same as row {key} (same member, date, item, points and reason)</translation>
    </message>
    <message>
        <source>汇总工作簿“{out}”不能是被汇总的工作簿之一（{clash}），请换一个文件名</source>
        <translation>The summary workbook “{out}” cannot be one of the workbooks summarized ({clash}): choose another file name</translation>
    </message>
    <message>
        <source>未知的导入类型“{kind}”（可用：{kinds}）</source>
        <translation>Unknown import type “{kind}” (available: {kinds})</translation>
    </message>
    <message>
        <source>名册没有转正信息，该党员入党不满2年：请填写转为正式党员日期，预备党员在“{type_header}”列注明{probation_type}</source>
        <translation>the roster has no full-membership information and the member joined less than 2 years ago: enter the date of full membership, or mark probationary members {probation_type} in column “{type_header}”</translation>
    </message>
    <message>
        <source>第{names}行的上级党组织互相引用，无法确定先后</source>
        <translation>The parent organizations of rows {names} refer to each other; their order cannot be determined</translation>
    </message>
    <message>
        <source>应为{full_type}或{probation_type}</source>
        <translation>should be {full_type} or {probation_type}</translation>
    </message>
    <message>
        <source>入党不满1年，不能是正式党员</source>
        <translation>joined less than 1 year ago: cannot be a full member</translation>
    </message>
    <message>
        <source>上级党组织已撤销，本组织也应为已撤销</source>
        <translation>the parent organization is dissolved, so this organization should be dissolved too</translation>
    </message>
    <message>
        <source>数据库中已有同名党组织</source>
        <translation>the database already has an organization with this name</translation>
    </message>
    <message>
        <source>简称对应多个党组织，请写全称</source>
        <translation>the short name matches several organizations: write the full name</translation>
    </message>
    <message>
        <source>“{ym}”不是有效的年月（如 1975-07）</source>
        <translation>“{ym}” is not a valid year and month (e.g. 1975-07)</translation>
    </message>
    <message>
        <source>与数据库中现有党员重复</source>
        <translation>same as an existing member in the database</translation>
    </message>
    <message>
        <source>与第{name}行重复</source>
        <translation>same as row {name}</translation>
    </message>
    <message>
        <source>与公民身份号码不符（号码为{born}）</source>
        <translation>does not match the ID number (which says {born})</translation>
    </message>
    <message>
        <source>与第{number}行重复</source>
        <translation>same as row {number}</translation>
    </message>
    <message>
        <source>无法读取“{file}”：文字编码既不是 UTF-8 也不是 GBK/GB18030；请在 Excel 或 WPS 中另存为“CSV UTF-8”或 Excel 工作簿后再导入</source>
        <translation>Cannot read “{file}”: the text encoding is neither UTF-8 nor GBK/GB18030; save it in Excel or WPS as “CSV UTF-8” or as an Excel workbook, then import</translation>
    </message>
    <message>
        <source>找不到文件“{path}”</source>
        <translation>File “{path}” not found</translation>
    </message>
    <message>
        <source>“{path}”是文件夹，不是工作簿</source>
        <translation>“{path}” is a folder, not a workbook</translation>
    </message>
    <message>
        <source>无法读取“{name}”：它是网页（HTML/XML）文件，不是真正的 Excel 工作簿；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入</source>
        <translation>Cannot read “{name}”: it is a web page (HTML/XML), not a real Excel workbook; open it in Excel or WPS, save as .xlsx, then import</translation>
    </message>
    <message>
        <source>无法读取“{name}”：它不是有效的 Excel 工作簿，也不是 CSV 文本</source>
        <translation>Cannot read “{name}”: it is neither a valid Excel workbook nor CSV text</translation>
    </message>
    <message>
        <source>无法读取“{file}”：工作簿中含有文档类型声明（DTD），不是 Excel 保存的文件</source>
        <translation>Cannot read “{file}”: the workbook contains a document type declaration (DTD) and was not saved by Excel</translation>
    </message>
    <message>
        <source>“{file}”{sheet}第{rows}行还有内容，超过{row_limit}行的上限；请删去表格下方多余的内容（或拆分文件）后再导入</source>
        <translation>“{file}”{sheet} has content in row {rows}, beyond the limit of {row_limit} rows: delete the extra content below the table (or split the file), then import</translation>
    </message>
    <message>
        <source>“{file}”{sheet}在第{cols}列还有内容，超过{cell_limit}个单元格的上限；请删去表格右侧多余的内容后再导入</source>
        <translation>“{file}”{sheet} has content in column {cols}, beyond the limit of {cell_limit} cells: delete the extra content right of the table, then import</translation>
    </message>
    <message>
        <source>无法读取“{name}”：压缩包中有{entries}个文件，不是 Excel 保存的工作簿</source>
        <translation>Cannot read “{name}”: the archive has {entries} files and is not a workbook saved by Excel</translation>
    </message>
    <message>
        <source>无法读取“{file}”：它是 OpenDocument 表格（.ods），请在 WPS 或 Excel 中另存为 .xlsx 后再导入</source>
        <translation>Cannot read “{file}”: it is an OpenDocument spreadsheet (.ods); save it in WPS or Excel as .xlsx, then import</translation>
    </message>
    <message>
        <source>无法读取“{file}”：它是 Excel 二进制工作簿（.xlsb），请另存为 .xlsx 后再导入</source>
        <translation>Cannot read “{file}”: it is an Excel binary workbook (.xlsb); save it as .xlsx, then import</translation>
    </message>
    <message>
        <source>“{file}”各工作表合计超过{cell_limit}个单元格的上限，请删去多余的内容或拆分文件后再导入</source>
        <translation>The sheets of “{file}” have more than {cell_limit} cells in all: delete the extra content or split the file, then import</translation>
    </message>
    <message>
        <source>“{file}”各工作表合计超过{value_limit}个单元格，请拆分后再导入</source>
        <translation>The sheets of “{file}” have more than {value_limit} cells in all: split it, then import</translation>
    </message>
    <message>
        <source>“{file}”各工作表的文字合计超过{text_limit}个字符，请拆分后再导入</source>
        <translation>The sheets of “{file}” have more than {text_limit} characters of text in all: split it, then import</translation>
    </message>
    <message>
        <source>“{file}”的文字超过{text_limit}个字符，请拆分后再导入</source>
        <translation>The text of “{file}” is longer than {text_limit} characters: split it, then import</translation>
    </message>
    <message>
        <source>“{name}”过大（超过{csv_limit} MB），请拆分后再导入</source>
        <translation>“{name}” is too large (over {csv_limit} MB): split it, then import</translation>
    </message>
    <message>
        <source>“{file}”{sheet}嵌套超过{depth_limit}层，不是有效的 Excel 工作簿</source>
        <translation>“{file}”{sheet} is nested deeper than {depth_limit} levels and is not a valid Excel workbook</translation>
    </message>
    <message>
        <source>“{file}”过大（解压后超过{byte_limit} MB），请拆分后再导入</source>
        <translation>“{file}” is too large (over {byte_limit} MB unpacked): split it, then import</translation>
    </message>
    <message>
        <source>无法读取“{file}”：它不是有效的 Excel 工作簿（{filename}：{exc}）</source>
        <translation>Cannot read “{file}”: it is not a valid Excel workbook ({filename}: {exc})</translation>
    </message>
    <message>
        <source>“{file}”的工作表“{label}”{cells}{more}：公式没有计算结果，请在 Excel 中保存后再导入</source>
        <translation>Sheet “{label}” of “{file}” {cells}{more}: formulas without computed results; save it in Excel, then import</translation>
    </message>
    <message>
        <source>“{file}”的工作表“{label}”文字超过{text_limit}个字符，请拆分后再导入</source>
        <translation>The text of sheet “{label}” of “{file}” is longer than {text_limit} characters: split it, then import</translation>
    </message>
    <message>
        <source>无法读取“{name}”：它不是有效的 Excel 工作簿（{exc}）</source>
        <translation>Cannot read “{name}”: it is not a valid Excel workbook ({exc})</translation>
    </message>
    <message>
        <source>“{file}”超过{value_limit}个单元格，请拆分后再导入</source>
        <translation>“{file}” has more than {value_limit} cells: split it, then import</translation>
    </message>
    <message>
        <source>无法读取“{name}”第{line_num}行（{exc}）：一格最多{field_size_limit}个字（Excel 一格最多32767个字），请核对后再导入</source>
        <translation>Cannot read row {line_num} of “{name}” ({exc}): a cell holds at most {field_size_limit} characters (Excel at most 32767); check it, then import</translation>
    </message>
    <message>
        <source>“{file}”{sheet}超过{value_limit}个单元格，请拆分后再导入</source>
        <translation>“{file}”{sheet} has more than {value_limit} cells: split it, then import</translation>
    </message>
    <message>
        <source>无法读取“{name}”：工作簿设有打开密码，请在 Excel 中取消密码、保存后再导入</source>
        <translation>Cannot read “{name}”: the workbook has an opening password; remove the password in Excel, save, then import</translation>
    </message>
    <message>
        <source>无法读取“{name}”：它不是有效的 Excel 工作簿（没有 Workbook 流）</source>
        <translation>Cannot read “{name}”: it is not a valid Excel workbook (no Workbook stream)</translation>
    </message>
    <message>
        <source>“{name}”过大（超过{byte_limit} MB），请拆分后再导入</source>
        <translation>“{name}” is too large (over {byte_limit} MB): split it, then import</translation>
    </message>
    <message>
        <source>“{file}”{sheet}文字超过{text_limit}个字符，请拆分后再导入</source>
        <translation>“{file}”{sheet} has more than {text_limit} characters of text: split it, then import</translation>
    </message>
    <message>
        <source>“{file}”的共享文字超过{value_limit}条，请拆分后再导入</source>
        <translation>“{file}” has more than {value_limit} shared strings: split it, then import</translation>
    </message>
    <message>
        <source>“{file}”{sheet}超过{merge_limit}处合并单元格，请取消合并后再导入</source>
        <translation>“{file}”{sheet} has more than {merge_limit} merged cells: unmerge them, then import</translation>
    </message>
    <message>
        <source>{month}已有同名工作任务</source>
        <translation>{month} already has a task with this name</translation>
    </message>
    <message>
        <source>该党组织同一天已登记过相同的问题</source>
        <translation>the same problem is already registered for this organization on that day</translation>
    </message>
    <message>
        <source>与第{key}行重复（同一月份、同一工作任务）</source>
        <translation>same as row {key} (same month, same task)</translation>
    </message>
    <message>
        <source>与第{key}行重复（同一党组织、同一发现日期、相同描述）</source>
        <translation>same as row {key} (same organization, date found and description)</translation>
    </message>
    <message>
        <source>“{file}”工作表“{sheet}”前{n}行中找不到表头（应有 {columns} 等列）</source>
        <translation>No header row in the first {n} rows of sheet “{sheet}” of “{file}” (columns such as {columns} are expected)</translation>
    </message>
    <message>
        <source>“{file}”第{row}行的{a}列“{ha}”和{b}列“{hb}”都对应“{field}”，请删去其中一列，或用 --map 指定</source>
        <translation>“{file}” row {row}: column {a} “{ha}” and column {b} “{hb}” both go to “{field}”: delete one of them, or choose with --map</translation>
    </message>
    <message>
        <source>“{file}”第{row}行缺少列：{missing}（可用 --map &apos;列名=字段&apos; 指定对应，或使用 dangjian template 生成的模板）</source>
        <translation>“{file}” row {row} lacks columns: {missing} (place them with --map &apos;column=field&apos;, or use the template made by dangjian template)</translation>
    </message>
    <message>
        <source>“{file}”第{row}行缺少列：{missing}</source>
        <translation>“{file}” row {row} lacks columns: {missing}</translation>
    </message>
    <message>
        <source>未能对应的列：{columns}（可用 --map &apos;列名=字段&apos; 指定对应，或使用 dangjian template 生成的模板）</source>
        <translation>columns not placed: {columns} (place them with --map &apos;column=field&apos;, or use the template made by dangjian template)</translation>
    </message>
    <message>
        <source>检查{rows}行：{ok}行无误，{bad}行有错误（试运行，未写入）</source>
        <translation>{rows} rows checked: {ok} fine, {bad} with errors (trial run, nothing written)</translation>
    </message>
    <message>
        <source>检查{rows}行：{bad}行有错误，未写入任何数据</source>
        <translation>{rows} rows checked: {bad} with errors; nothing written</translation>
    </message>
    <message>
        <source>导入{n}行，跳过{bad}行有错误的行</source>
        <translation>{n} rows imported; {bad} rows with errors skipped</translation>
    </message>
    <message>
        <source>导入{n}行</source>
        <translation>{n} rows imported</translation>
    </message>
    <message>
        <source>隐藏的工作表未导入：{names}（要导入请在 Excel 中取消隐藏）</source>
        <translation>Hidden sheets not imported: {names} (unhide them in Excel to import them)</translation>
    </message>
    <message>
        <source>没有转正日期的{n}人入党已满2年（或注明正式党员），按正式党员导入，转正日期记为不详：第{rows}行</source>
        <translation>{n} people without a full-membership date joined over 2 years ago (or are marked full members) and are imported as full members, the date unknown: rows {rows}</translation>
    </message>
    <message>
        <source>名册没有转正信息，入党不满2年的{n}人须填写转正日期或注明预备党员：第{rows}行</source>
        <translation>The roster has no full-membership information: {n} people who joined less than 2 years ago need the date of full membership or a probationary mark: rows {rows}</translation>
    </message>
    <message>
        <source>第{row}行 {column}“{value}”：{reason}</source>
        <translation>Row {row} {column} “{value}”: {reason}</translation>
    </message>
    <message>
        <source>第{row}行 {column}：{reason}</source>
        <translation>Row {row} {column}: {reason}</translation>
    </message>
    <message>
        <source>工作表“{sheet}”第{row}行 {column}“{value}”：{reason}</source>
        <translation>Sheet “{sheet}” row {row} {column} “{value}”: {reason}</translation>
    </message>
    <message>
        <source>工作表“{sheet}”第{row}行 {column}：{reason}</source>
        <translation>Sheet “{sheet}” row {row} {column}: {reason}</translation>
    </message>
    <message>
        <source>“{name}”中没有名为“{sheet}”的工作表</source>
        <translation>“{name}” has no sheet named “{sheet}”</translation>
    </message>
    <message>
        <source>“{name}”中没有第{sheet}个工作表</source>
        <translation>“{name}” has no sheet {sheet}</translation>
    </message>
    <message>
        <source>“{name}”第1行缺少列：{missing}（请使用 dangjian template 生成的模板）</source>
        <translation>“{name}” row 1 lacks columns: {missing} (use the template made by dangjian template)</translation>
    </message>
    <message>
        <source>无法写入“{path}”：文件可能正在 Excel 中打开，请关闭后重试</source>
        <translation>Cannot write “{path}”: the file may be open in Excel; close it and try again</translation>
    </message>
    <message>
        <source>“{value}”不是审计链头（格式：序号:校验值，校验值至少{min_prefix}位十六进制）</source>
        <translation>“{value}” is not an audit chain head (format: number:checksum, at least {min_prefix} hex digits)</translation>
    </message>
    <message>
        <source>审计锚点文件“{path}”无法读取或已损坏</source>
        <translation>The audit anchor file “{path}” cannot be read or is damaged</translation>
    </message>
    <message>
        <source>找不到备份文件“{path}”</source>
        <translation>Backup file “{path}” not found</translation>
    </message>
    <message>
        <source>备份文件“{path}”未通过检查：{head}，未做任何恢复</source>
        <translation>Backup file “{path}” failed the check: {head}; nothing was restored</translation>
    </message>
    <message>
        <source>备份文件就是当前数据库文件，无需恢复</source>
        <translation>The backup file is the current database file; nothing to restore</translation>
    </message>
    <message>
        <source>无法打开备份文件“{path}”（{exc}）</source>
        <translation>Cannot open backup file “{path}” ({exc})</translation>
    </message>
    <message>
        <source>备份文件“{path}”已损坏（完整性检查：{detail}），未做任何恢复</source>
        <translation>Backup file “{path}” is damaged (integrity check: {detail}); nothing was restored</translation>
    </message>
    <message>
        <source>“{path}”不是本程序的备份（缺少数据表：{missing}），未做任何恢复</source>
        <translation>“{path}” is not a backup of this program (tables missing: {missing}); nothing was restored</translation>
    </message>
    <message>
        <source>“{path}”没有数据库版本记录，不是本程序的备份，未做任何恢复</source>
        <translation>“{path}” has no database version record and is not a backup of this program; nothing was restored</translation>
    </message>
    <message>
        <source>备份文件的数据库版本（{unknown}）比本程序新，请升级程序后再恢复</source>
        <translation>The backup&apos;s database version ({unknown}) is newer than this program: upgrade the program, then restore</translation>
    </message>
    <message>
        <source>备份文件“{path}”未通过检查：{fault}，未做任何恢复</source>
        <translation>Backup file “{path}” failed the check: {fault}; nothing was restored</translation>
    </message>
    <message>
        <source>“{path}”不是有效的备份文件（{exc}），未做任何恢复</source>
        <translation>“{path}” is not a valid backup file ({exc}); nothing was restored</translation>
    </message>
    <message>
        <source>目标数据库不是空的：{names}。只能恢复到空数据库，未做任何恢复</source>
        <translation>The target database is not empty: {names}. A backup can only be restored into an empty database; nothing was restored</translation>
    </message>
    <message>
        <source>程序错误：只读的查询中试图修改数据（未保存）</source>
        <translation>Program error: a read-only query tried to change data (not saved)</translation>
    </message>
    <message>
        <source>不支持的数据库类型“{get_backend_name}”（{shown}）：本程序只支持 SQLite 文件和 PostgreSQL（postgresql+psycopg://…）</source>
        <translation>Unsupported database type “{get_backend_name}” ({shown}): this program supports SQLite files and PostgreSQL (postgresql+psycopg://…) only</translation>
    </message>
    <message>
        <source>数据库版本（{unknown}）比本程序新，请升级程序后再打开。</source>
        <translation>The database version ({unknown}) is newer than this program: upgrade the program, then open it.</translation>
    </message>
    <message>
        <source>“{path}”中已有其他程序的数据表，不能用作本程序的数据库。</source>
        <translation>“{path}” already holds another program&apos;s tables and cannot be used as this program&apos;s database.</translation>
    </message>
    <message>
        <source>“{database}”中已有其他程序的数据表，不能用作本程序的数据库。</source>
        <translation>“{database}” already holds another program&apos;s tables and cannot be used as this program&apos;s database.</translation>
    </message>
    <message>
        <source>无法识别的数据库地址：{shown}（格式如 postgresql+psycopg://主机/库名，或 SQLite 文件路径）</source>
        <translation>Unrecognized database address: {shown} (e.g. postgresql+psycopg://host/dbname, or a SQLite file path)</translation>
    </message>
    <message>
        <source>数据库驱动“{get_driver_name}”不可用（{shown}）：请用 postgresql+psycopg://…</source>
        <translation>Database driver “{get_driver_name}” is not available ({shown}): use postgresql+psycopg://…</translation>
    </message>
    <message>
        <source>无法识别的数据库地址：{url}（{exc}）</source>
        <translation>Unrecognized database address: {url} ({exc})</translation>
    </message>
    <message>
        <source>无法打开数据库文件“{path}”：{exc}</source>
        <translation>Cannot open database file “{path}”: {exc}</translation>
    </message>
    <message>
        <source>“{path}”不是本程序的数据库，或文件已损坏：{exc}</source>
        <translation>“{path}” is not a database of this program, or the file is damaged: {exc}</translation>
    </message>
    <message>
        <source>“{database}”不是本程序的数据库，或文件已损坏：{orig}</source>
        <translation>“{database}” is not a database of this program, or the file is damaged: {orig}</translation>
    </message>
    <message>
        <source>“{path}”是文件夹，不是数据库文件。</source>
        <translation>“{path}” is a folder, not a database file.</translation>
    </message>
    <message>
        <source>无法打开数据库 {render_as_string}：{orig}</source>
        <translation>Cannot open database {render_as_string}: {orig}</translation>
    </message>
    <message>
        <source>“{database}”不是本程序的数据库，或文件已损坏（{orig}）</source>
        <translation>“{database}” is not a database of this program, or the file is damaged ({orig})</translation>
    </message>
    <message>
        <source>数据库中已有{others}个党组织、{members}名党员：演示数据只能填入新建的空数据库</source>
        <translation>The database already has {others} organizations and {members} members: demo data can only go into a new, empty database</translation>
    </message>
    <message>
        <source>未知的演示规模“{scale}”（可用：{scales}）</source>
        <translation>Unknown demo size “{scale}” (available: {scales})</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>管理员</source>
        <extracomment>preferred CJK families, best first (Windows names, then Linux ones) the roles (models.roles.Role) as the status bar names them; not in forms.choices&apos; table, whose labels are looked for in any cell: the default accounts are named like their roles</extracomment>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>县级办事员</source>
        <translation>County clerk</translation>
    </message>
    <message>
        <source>乡镇办事员</source>
        <translation>Township clerk</translation>
    </message>
    <message>
        <source>只读</source>
        <translation>Read-only</translation>
    </message>
</context>
<context>
    <name>worker</name>
    <message>
        <source>取消</source>
        <extracomment>emitted last, whatever the outcome tasks under way (kept referenced until they finish)</extracomment>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
</context>
</TS>
