<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlertKind</name>
    <message>
        <source>Behind plan</source>
        <translation>落后于计划</translation>
    </message>
    <message>
        <source>Late against promise</source>
        <translation>晚于承诺交期</translation>
    </message>
    <message>
        <source>Line overloaded</source>
        <translation>产线超负荷</translation>
    </message>
    <message>
        <source>Material short</source>
        <translation>缺料</translation>
    </message>
</context>
<context>
    <name>AlertMessage</name>
    <message>
        <source>%order is expected to finish on %when, %amount days after the promised date %day.</source>
        <translation>%order 预计于 %when 完工，比承诺日期 %day 晚 %amount 天。</translation>
    </message>
    <message>
        <source>%order is expected to finish on %when, %amount hours after the promised date %day.</source>
        <translation>%order 预计于 %when 完工，比承诺日期 %day 晚 %amount 小时。</translation>
    </message>
    <message>
        <source>Line %line is overloaded: %demand h of work is due by the week of %day, but its shifts give only %capacity h until then.</source>
        <translation>产线 %line 超负荷：到 %day 那一周须完成 %demand 小时的工作，但其班次到那时只有 %capacity 小时。</translation>
    </message>
    <message>
        <source>Operation %seq (%name) of %order was planned to start at %when and has not started.</source>
        <translation>%order 的工序 %seq（%name）计划于 %when 开工，但尚未开工。</translation>
    </message>
    <message>
        <source>Operation %seq (%name) of %order was planned to finish at %when and is not finished (%done of %total done).</source>
        <translation>%order 的工序 %seq（%name）计划于 %when 完工，但尚未完成（已完成 %done / %total）。</translation>
    </message>
    <message>
        <source>Operation %seq (%name) of %order is behind plan: %share% done, %planned% planned by now.</source>
        <translation>%order 的工序 %seq（%name）落后于计划：已完成 %share%，按计划此时应完成 %planned%。</translation>
    </message>
    <message>
        <source>%order is short of %count component(s): %what. Expected by %day.</source>
        <translation>%order 缺少 %count 种物料：%what。预计 %day 前到货。</translation>
    </message>
    <message>
        <source>%order is short of %count component(s): %what.</source>
        <translation>%order 缺少 %count 种物料：%what。</translation>
    </message>
</context>
<context>
    <name>AlertPanel</name>
    <message>
        <source>Click an alert to show it on the board.</source>
        <translation>点击预警可在看板上定位。</translation>
    </message>
    <message>
        <source>No open alerts</source>
        <translation>没有未处理的预警</translation>
    </message>
    <message>
        <source>Open alerts: %1</source>
        <translation>未处理预警：%1</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <source>Kind</source>
        <extracomment>The alert itself (a ``BoardAlert``), for the panel. A value to sort by (``Qt.ItemDataRole.UserRole``).</extracomment>
        <translation>类型</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Operation / line</source>
        <translation>工序 / 产线</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Op %1</source>
        <translation>工序 %1</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>产线 %1</translation>
    </message>
    <message>
        <source>ddd d MMM HH:mm</source>
        <translation>M月d日 ddd HH:mm</translation>
    </message>
</context>
<context>
    <name>ApprovalDetail</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <source>Requested date</source>
        <translation>要求交期</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1，提交人 %2</translation>
    </message>
    <message>
        <source>Why approval is needed</source>
        <translation>需要审批的原因</translation>
    </message>
    <message>
        <source>(not yours to decide)</source>
        <translation>（不由您审批）</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Disc. %</source>
        <translation>折扣 %</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>行金额</translation>
    </message>
</context>
<context>
    <name>ApprovalTexts</name>
    <message>
        <source>Total over %1</source>
        <translation>总额超过 %1</translation>
    </message>
    <message>
        <source>Discount above %1 %</source>
        <translation>折扣高于 %1%</translation>
    </message>
    <message>
        <source>Customer over credit limit</source>
        <translation>客户超出信用额度</translation>
    </message>
    <message>
        <source>First order of a new customer</source>
        <translation>新客户首单</translation>
    </message>
    <message>
        <source>Order from %1</source>
        <translation>来自%1的订单</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>%1 of %2 approvals by %3</source>
        <translation>已批准 %1/%2（%3）</translation>
    </message>
    <message>
        <source>The order total of %1 is over %2.</source>
        <translation>订单总额 %1 超过 %2。</translation>
    </message>
    <message>
        <source>A line has a discount of %1 %, over %2 %.</source>
        <translation>有订单行折扣为 %1%，超过 %2%。</translation>
    </message>
    <message>
        <source>Open orders of %1 including this one exceed the credit limit of %2.</source>
        <translation>含本单在内的未完成订单金额 %1 超出信用额度 %2。</translation>
    </message>
    <message>
        <source>Order %1 totals %2, above your approval limit of %3; it needs an approver with a higher limit.</source>
        <translation>订单 %1 总额 %2，超出您的审批额度 %3；需要由额度更高的审批人审批。</translation>
    </message>
    <message>
        <source>Say why you reject the order; the creator will read it.</source>
        <translation>请说明驳回订单的原因；订单创建人会看到。</translation>
    </message>
    <message>
        <source>You cannot approve or reject your own order %1.</source>
        <translation>您不能审批或驳回自己的订单 %1。</translation>
    </message>
    <message>
        <source>You have already decided on order %1; it waits for another approver.</source>
        <translation>您已审批过订单 %1；它正在等待其他审批人。</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source>Order %1 waits for a decision by %2, a role you do not have.</source>
        <translation>订单 %1 需由%2审批，您没有该角色。</translation>
    </message>
    <message>
        <source>Order %1 waits for a decision by a role you do not have.</source>
        <translation>订单 %1 需由您没有的角色审批。</translation>
    </message>
    <message>
        <source>Order %1 no longer waits for approval: it is %2 now.</source>
        <translation>订单 %1 已不再等待审批：当前状态为“%2”。</translation>
    </message>
    <message>
        <source>Order %1 no longer waits for this approval; someone else has decided.</source>
        <translation>订单 %1 已不再等待此项审批；其他人已作出决定。</translation>
    </message>
    <message>
        <source>The decision could not be saved: %1</source>
        <translation>审批决定未能保存：%1</translation>
    </message>
</context>
<context>
    <name>ApprovalsPage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the inbox again (F5)</source>
        <translation>重新读取待审批列表 (F5)</translation>
    </message>
    <message>
        <source>&amp;Comment (required to reject):</source>
        <translation>意见(&amp;C)（驳回时必填）：</translation>
    </message>
    <message>
        <source>Why you approve or reject; the order&apos;s creator reads it.</source>
        <translation>批准或驳回的理由；订单创建人会看到。</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <source>Approve the selected order (Ctrl+Enter)</source>
        <translation>批准所选订单 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>驳回(&amp;R)</translation>
    </message>
    <message>
        <source>Reject the selected order with your comment (Ctrl+Shift+Enter)</source>
        <translation>按您的意见驳回所选订单 (Ctrl+Shift+Enter)</translation>
    </message>
    <message>
        <source>&amp;Open order</source>
        <translation>打开订单(&amp;O)</translation>
    </message>
    <message>
        <source>Show the whole order (Enter)</source>
        <translation>查看完整订单 (Enter)</translation>
    </message>
    <message>
        <source>No approval limit</source>
        <translation>无审批额度限制</translation>
    </message>
    <message>
        <source>Your approval limit: %1</source>
        <translation>您的审批额度：%1</translation>
    </message>
    <message>
        <source>Could not load the inbox: %1</source>
        <translation>无法加载待审批列表：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Nothing waits for your decision.</source>
        <translation>没有等待您审批的订单。</translation>
    </message>
    <message>
        <source>1 order waits for your decision</source>
        <translation>1 个订单等待您审批</translation>
    </message>
    <message>
        <source>More than %1 orders wait for your decision; the oldest %1 are shown</source>
        <translation>超过 %1 个订单等待您审批；显示最早的 %1 个</translation>
    </message>
    <message>
        <source>%1 orders wait for your decision</source>
        <translation>%1 个订单等待您审批</translation>
    </message>
    <message>
        <source>Your login has no approver role, so no order waits for your decision.</source>
        <translation>您的账号没有审批角色，因此没有等待您审批的订单。</translation>
    </message>
    <message>
        <source>No order waits for your decision. New ones appear here by themselves.</source>
        <translation>没有等待您审批的订单。新订单会自动出现在这里。</translation>
    </message>
    <message>
        <source>Order %1 does not wait for approval: it is %2.</source>
        <translation>订单 %1 不在等待审批：当前状态为“%2”。</translation>
    </message>
    <message>
        <source>Order %1 does not wait for your decision.</source>
        <translation>订单 %1 不在等待您审批。</translation>
    </message>
    <message>
        <source>Select an order to see why it needs approval.</source>
        <translation>选择一个订单，查看它需要审批的原因。</translation>
    </message>
    <message>
        <source>Saving your decision…</source>
        <translation>正在保存您的审批决定…</translation>
    </message>
    <message>
        <source>Order %1 rejected; %2 is told why.</source>
        <translation>订单 %1 已驳回；已将原因通知 %2。</translation>
    </message>
    <message>
        <source>Your approval of order %1 is recorded; it still waits for other approvers.</source>
        <translation>您对订单 %1 的批准已记录；它仍在等待其他审批人。</translation>
    </message>
    <message>
        <source>Order %1 approved; it is %2 now.</source>
        <translation>订单 %1 已批准；当前状态为“%2”。</translation>
    </message>
</context>
<context>
    <name>Areas</name>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>After-sales</source>
        <translation>售后</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Take orders from every channel, follow each order&apos;s status live and find any order in seconds.</source>
        <translation>统一录入各渠道的订单，实时跟踪每张订单的状态，几秒内即可找到任意订单。</translation>
    </message>
    <message>
        <source>Review the orders waiting for you, approve or reject them within your limit and see why each approval is required.</source>
        <translation>审核等待您处理的订单，在您的审批权限内批准或驳回，并查看每项审批的缘由。</translation>
    </message>
    <message>
        <source>Schedule production orders on a Gantt board by line and capacity, report progress and spot late work early.</source>
        <translation>在甘特图上按产线和产能为生产订单排程，汇报生产进度，及早发现延误。</translation>
    </message>
    <message>
        <source>See stock on hand and reserved for every item, reserve stock for orders and record stock movements.</source>
        <translation>查看每个物料的现有库存和已预留数量，为订单预留库存，并记录出入库。</translation>
    </message>
    <message>
        <source>Pick and pack ready orders, print packing slips and shipping labels and confirm shipments.</source>
        <translation>为待发货订单拣货、包装，打印装箱单和发货标签，并确认发货。</translation>
    </message>
    <message>
        <source>Handle returns and complaints linked to their orders, issue return authorisations and record customer feedback.</source>
        <translation>处理与订单关联的退货和投诉，签发退货授权，并记录客户反馈。</translation>
    </message>
    <message>
        <source>Order throughput, lead times, late orders and stock figures, ready to print or export.</source>
        <translation>订单量、交付周期、逾期订单和库存数据，可直接打印或导出。</translation>
    </message>
</context>
<context>
    <name>BarTooltip</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Operation %1 · %2</source>
        <translation>工序 %1 · %2</translation>
    </message>
    <message>
        <source>Product: %1</source>
        <translation>产品：%1</translation>
    </message>
    <message>
        <source>Sales order: %1</source>
        <translation>销售订单：%1</translation>
    </message>
    <message>
        <source>Line: %1 · Status: %2 · Priority %3</source>
        <translation>产线：%1 · 状态：%2 · 优先级 %3</translation>
    </message>
    <message>
        <source>Planned: %1 – %2 (%3)</source>
        <translation>计划：%1 – %2（%3）</translation>
    </message>
    <message>
        <source>Progress: %1 of %2 done (%3 %)</source>
        <translation>进度：已完成 %1 / %2（%3 %）</translation>
    </message>
    <message>
        <source>, %1 scrapped</source>
        <translation>，报废 %1</translation>
    </message>
    <message>
        <source>Promised: %1</source>
        <translation>承诺交期：%1</translation>
    </message>
    <message>
        <source>expected: %1</source>
        <translation>预计完工：%1</translation>
    </message>
    <message>
        <source>Late by %1</source>
        <translation>延误 %1</translation>
    </message>
    <message>
        <source>Drag to another time or line to reschedule.</source>
        <translation>拖到其他时间或产线即可重新排程。</translation>
    </message>
</context>
<context>
    <name>BoardToolbar</name>
    <message>
        <source>⚠ Alerts: %1</source>
        <translation>⚠ 预警：%1</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Hours</source>
        <extracomment>(key, days across the view)</extracomment>
        <translation>小时</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Show a few hours across the board</source>
        <translation>横向显示几个小时</translation>
    </message>
    <message>
        <source>Show about a day</source>
        <translation>显示约一天</translation>
    </message>
    <message>
        <source>Show about a week</source>
        <translation>显示约一周</translation>
    </message>
    <message>
        <source>Show about four weeks</source>
        <translation>显示约四周</translation>
    </message>
    <message>
        <source>Zoom out (−, Ctrl+wheel)</source>
        <translation>缩小（−，Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>放大（+，Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Go to now (Home)</source>
        <translation>转到当前时间（Home）</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Read only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Only production planners and managers can move operations.</source>
        <translation>只有生产计划员和经理可以移动工序。</translation>
    </message>
    <message>
        <source>Show or hide the list of open alerts (Ctrl+Shift+A)</source>
        <translation>显示或隐藏未处理预警列表（Ctrl+Shift+A）</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Connected to the database server; order status is live.</source>
        <translation>已连接数据库服务器，订单状态实时更新。</translation>
    </message>
    <message>
        <source>The connection was lost; trying again. Changes will catch up.</source>
        <translation>连接已断开，正在重试；恢复后将自动补齐期间的变更。</translation>
    </message>
    <message>
        <source>Not connected to the database server.</source>
        <translation>未连接数据库服务器。</translation>
    </message>
</context>
<context>
    <name>DocumentPreviewDialog</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适应宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Save ZPL…</source>
        <translation>保存 ZPL…</translation>
    </message>
    <message>
        <source>Send to label printer…</source>
        <translation>发送到标签打印机…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>打印 %1</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Save ZPL</source>
        <translation>保存 ZPL</translation>
    </message>
    <message>
        <source>ZPL files (*.zpl);;All files (*)</source>
        <translation>ZPL 文件 (*.zpl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Send to label printer</source>
        <translation>发送到标签打印机</translation>
    </message>
    <message>
        <source>Label printer (receives raw ZPL):</source>
        <translation>标签打印机（接收原始 ZPL）：</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
</context>
<context>
    <name>DocumentPrinting</name>
    <message>
        <source>Order confirmation</source>
        <translation>订单确认书</translation>
    </message>
    <message>
        <source>Pick list</source>
        <translation>拣货单</translation>
    </message>
    <message>
        <source>Packing slip</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Return authorisation</source>
        <translation>退货授权</translation>
    </message>
    <message>
        <source>Shipping labels</source>
        <translation>发货标签</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
</context>
<context>
    <name>GanttView</name>
    <message>
        <source>%1 does not work on %2.</source>
        <translation>%1 在 %2 不生产。</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy</source>
        <translation>yyyy年M月d日 dddd</translation>
    </message>
</context>
<context>
    <name>InboxTableModel</name>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>要求交期</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Why approval is needed</source>
        <translation>需要审批的原因</translation>
    </message>
    <message>
        <source>Above your approval limit of %1</source>
        <translation>超出您的审批额度 %1</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <source>Search SKU or product name…  (Ctrl+F)</source>
        <translation>搜索物料编码或名称…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>Low stock only</source>
        <translation>仅显示低库存</translation>
    </message>
    <message>
        <source>Only items whose available stock is at or below the reorder point</source>
        <translation>仅显示可用库存不高于再订货点的物料</translation>
    </message>
    <message>
        <source>Show the product&apos;s movements in every warehouse</source>
        <translation>显示该物料在所有仓库的出入库记录</translation>
    </message>
    <message>
        <source>Could not load stock: %1</source>
        <translation>无法加载库存：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>1 stock item, %2 low</source>
        <translation>1 条库存记录，%2 条低库存</translation>
    </message>
    <message>
        <source>%1 stock items, %2 low</source>
        <translation>%1 条库存记录，%2 条低库存</translation>
    </message>
    <message>
        <source>Could not load the ledger: %1</source>
        <translation>无法加载库存台账：%1</translation>
    </message>
    <message>
        <source>Stock ledger</source>
        <translation>库存台账</translation>
    </message>
    <message>
        <source>Select an item to see its stock movements.</source>
        <translation>选择一条库存记录，查看其出入库明细。</translation>
    </message>
    <message>
        <source>Stock ledger: %1 %2</source>
        <translation>库存台账：%1 %2</translation>
    </message>
    <message>
        <source>%1: on hand %2, reserved %3, available %4 %5</source>
        <translation>%1：现有 %2，已预留 %3，可用 %4 %5</translation>
    </message>
</context>
<context>
    <name>LedgerTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>On hand ±</source>
        <translation>现有 ±</translation>
    </message>
    <message>
        <source>Reserved ±</source>
        <translation>预留 ±</translation>
    </message>
    <message>
        <source>Order / reference</source>
        <translation>订单 / 参考号</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
</context>
<context>
    <name>LineHeader</name>
    <message>
        <source>Efficiency: %1 %</source>
        <translation>效率：%1 %</translation>
    </message>
    <message>
        <source>Shifts: %1</source>
        <translation>班次：%1</translation>
    </message>
    <message>
        <source>No shifts: this line has no working time.</source>
        <translation>无班次：此产线没有工作时间。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to OrderPilot</source>
        <translation>登录 OrderPilot</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>正在连接服务器…</translation>
    </message>
    <message>
        <source>Built-in demo database on this computer</source>
        <translation>本机内置演示数据库</translation>
    </message>
    <message>
        <source>The demo database needs no password. Pick a person to see OrderPilot as they do in their job:</source>
        <translation>演示数据库无需密码。请选择一位人员，以其岗位身份体验 OrderPilot：</translation>
    </message>
    <message>
        <source>Demo users</source>
        <translation>演示用户</translation>
    </message>
    <message>
        <source>{name} — {job}</source>
        <translation>{name} — {job}</translation>
    </message>
    <message>
        <source>Login {login} · {department}</source>
        <translation>登录名 {login} · {department}</translation>
    </message>
    <message>
        <source>Server: {server}</source>
        <translation>服务器：{server}</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Remember password on this computer</source>
        <translation>在本机记住密码(&amp;R)</translation>
    </message>
    <message>
        <source>This computer has no password store, so the password cannot be remembered.</source>
        <translation>本机没有密码存储服务，因此无法记住密码。</translation>
    </message>
    <message>
        <source>Keeps the password in the system&apos;s password store (Windows Credential Manager, Keychain or Secret Service), never in a file of OrderPilot.</source>
        <translation>密码保存在系统的密码存储中（Windows 凭据管理器、钥匙串或 Secret Service），绝不写入 OrderPilot 自己的文件。</translation>
    </message>
    <message>
        <source>You are signed in, but the system&apos;s password store did not answer, so the password was not remembered.</source>
        <translation>您已登录，但系统密码存储没有响应，因此未能记住密码。</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>This server asks for a password; enter it.</source>
        <translation>该服务器要求密码，请输入密码。</translation>
    </message>
    <message>
        <source>There is no login named “{login}” on this server.</source>
        <translation>该服务器上没有名为“{login}”的登录账号。</translation>
    </message>
    <message>
        <source>The server {server} cannot be reached; check the network connection and that the server is running.</source>
        <translation>无法连接服务器 {server}；请检查网络连接以及服务器是否正在运行。</translation>
    </message>
    <message>
        <source>The server has no OrderPilot database at {server}; check the address with your administrator.</source>
        <translation>服务器 {server} 上没有 OrderPilot 数据库；请向管理员核实地址。</translation>
    </message>
    <message>
        <source>The server does not let “{login}” connect from this computer; ask your administrator.</source>
        <translation>服务器不允许“{login}”从本机连接；请联系管理员。</translation>
    </message>
    <message>
        <source>“{login}” may connect to the server but has no OrderPilot job role; ask your administrator to grant one.</source>
        <translation>“{login}”可以连接服务器，但没有任何 OrderPilot 岗位角色；请联系管理员授予角色。</translation>
    </message>
    <message>
        <source>“{login}” has no OrderPilot user profile yet; ask your administrator to add one.</source>
        <translation>“{login}”还没有 OrderPilot 用户资料；请联系管理员添加。</translation>
    </message>
    <message>
        <source>The OrderPilot user “{login}” is switched off; ask your administrator.</source>
        <translation>OrderPilot 用户“{login}”已停用；请联系管理员。</translation>
    </message>
    <message>
        <source>Signing in failed: {reason}</source>
        <translation>登录失败：{reason}</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Pick a demo user.</source>
        <translation>请选择一位演示用户。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New order</source>
        <translation>新建订单(&amp;N)</translation>
    </message>
    <message>
        <source>Enter a new customer order</source>
        <translation>录入新的客户订单</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close OrderPilot</source>
        <translation>关闭 OrderPilot</translation>
    </message>
    <message>
        <source>&amp;About OrderPilot</source>
        <translation>关于 OrderPilot(&amp;A)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Business areas</source>
        <translation>业务模块</translation>
    </message>
    <message>
        <source>{area} ({shortcut})</source>
        <translation>{area}（{shortcut}）</translation>
    </message>
    <message>
        <source>{area}: your job roles do not include this area</source>
        <translation>{area}：您的岗位角色不包含此区域</translation>
    </message>
    <message>
        <source>Go to {area}</source>
        <translation>切换到{area}</translation>
    </message>
    <message>
        <source>embedded database</source>
        <translation>内置数据库</translation>
    </message>
    <message>
        <source>unknown server</source>
        <translation>未知服务器</translation>
    </message>
    <message>
        <source>{name} ({login}) · {roles} · {server}</source>
        <translation>{name}（{login}）· {roles} · {server}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Signed in as {login}; department: {department}</source>
        <translation>当前登录：{login}；部门：{department}</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>Order management for manufacturers: every order&apos;s status, shared by all departments and always current.</source>
        <translation>面向制造企业的订单管理系统：每张订单的状态由各部门共享，并始终保持最新。</translation>
    </message>
    <message>
        <source>About OrderPilot</source>
        <translation>关于 OrderPilot</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>MoveReason</name>
    <message>
        <source>Operation %seq of %order is already in progress and cannot be moved.</source>
        <translation>%order 的工序 %seq 已在进行中，不能移动。</translation>
    </message>
    <message>
        <source>Operation %seq of %order is done and cannot be moved.</source>
        <translation>%order 的工序 %seq 已完成，不能移动。</translation>
    </message>
    <message>
        <source>Line %line cannot make %family.</source>
        <translation>产线 %line 不能生产%family。</translation>
    </message>
    <message>
        <source>Operation %seq of %order cannot start in the past, before %when.</source>
        <translation>%order 的工序 %seq 不能在过去（%when 之前）开始。</translation>
    </message>
    <message>
        <source>Material for %order is not available before %when.</source>
        <translation>%order 的物料在 %when 之前不到位。</translation>
    </message>
    <message>
        <source>Operation %seq of %order cannot start before operation %prev ends at %when.</source>
        <translation>%order 的工序 %seq 不能早于工序 %prev 结束（%when）开始。</translation>
    </message>
    <message>
        <source>Line %line has a day off on %day.</source>
        <translation>产线 %line 在 %day 停产休息。</translation>
    </message>
    <message>
        <source>Line %line has no shift on %day.</source>
        <translation>产线 %line 在 %day 没有班次。</translation>
    </message>
    <message>
        <source>Line %line stops work at %when on %day.</source>
        <translation>产线 %line 在 %day 的 %when 停工。</translation>
    </message>
    <message>
        <source>Operation %seq of %order would not be done within the planning horizon.</source>
        <translation>%order 的工序 %seq 无法在计划期内完成。</translation>
    </message>
    <message>
        <source>Operation %seq of %order would overlap its own operation %other on %line from %a to %b.</source>
        <translation>%order 的工序 %seq 会与本订单的工序 %other 在 %line 上重叠（%a 至 %b）。</translation>
    </message>
    <message>
        <source>Operation %seq of %order would overlap operation %other on %line from %a to %b.</source>
        <translation>%order 的工序 %seq 会与工序 %other 在 %line 上重叠（%a 至 %b）。</translation>
    </message>
    <message>
        <source>Operation %seq of %order would overlap %other on %line from %a to %b.</source>
        <translation>%order 的工序 %seq 会与 %other 在 %line 上重叠（%a 至 %b）。</translation>
    </message>
    <message>
        <source>Operation %seq of %order was changed by someone else meanwhile; the board shows it as it is now.</source>
        <translation>%order 的工序 %seq 刚被他人修改；看板已显示其最新状态。</translation>
    </message>
    <message>
        <source>ddd yyyy-MM-dd</source>
        <translation>yyyy-MM-dd ddd</translation>
    </message>
    <message>
        <source>The move was refused.</source>
        <translation>此次移动被拒绝。</translation>
    </message>
</context>
<context>
    <name>NotificationButton</name>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message numerus="yes">
        <source>%n unread notification(s)</source>
        <translation>
            <numerusform>%n 条未读通知</numerusform>
        </translation>
    </message>
    <message>
        <source>No unread notifications</source>
        <translation>没有未读通知</translation>
    </message>
</context>
<context>
    <name>NotificationKinds</name>
    <message>
        <source>Approval needed</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Order approved</source>
        <translation>订单已批准</translation>
    </message>
    <message>
        <source>Order rejected</source>
        <translation>订单被驳回</translation>
    </message>
    <message>
        <source>Credit hold</source>
        <translation>信用冻结</translation>
    </message>
    <message>
        <source>Stock short</source>
        <translation>库存短缺</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>库存偏低</translation>
    </message>
    <message>
        <source>Production cancelled</source>
        <translation>生产已取消</translation>
    </message>
    <message>
        <source>Late against promise</source>
        <translation>晚于承诺交期</translation>
    </message>
    <message>
        <source>Line overloaded</source>
        <translation>产线超负荷</translation>
    </message>
</context>
<context>
    <name>NotificationTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>About</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>通知内容</translation>
    </message>
</context>
<context>
    <name>NotificationsPanel</name>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Mark all &amp;read</source>
        <translation>全部标为已读(&amp;R)</translation>
    </message>
    <message>
        <source>No notifications yet.</source>
        <translation>暂无通知。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Notifications could not be loaded: {reason}</source>
        <translation>无法加载通知：{reason}</translation>
    </message>
</context>
<context>
    <name>OperationStatus</name>
    <message>
        <source>Waiting</source>
        <translation>待排</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已排程</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>延误</translation>
    </message>
</context>
<context>
    <name>OrderChannel</name>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>到店</translation>
    </message>
    <message>
        <source>Web shop</source>
        <translation>网店</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>电商平台</translation>
    </message>
</context>
<context>
    <name>OrderDetailColumns</name>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Short %1</source>
        <translation>缺 %1</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>Partly reserved</source>
        <translation>部分预留</translation>
    </message>
    <message>
        <source>Not reserved</source>
        <translation>未预留</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>行金额</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待排程</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已排程</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>已下达</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Production order</source>
        <translation>生产订单</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>工序</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>产线</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>已包装</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发货单</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>包裹数</translation>
    </message>
    <message>
        <source>Last tracking event</source>
        <translation>最新跟踪事件</translation>
    </message>
</context>
<context>
    <name>OrderDetailPage</name>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Change this draft (Sales)</source>
        <translation type="vanished">修改此草稿（销售）</translation>
    </message>
    <message>
        <source>Change this draft (Ctrl+E)</source>
        <translation>修改此草稿（Ctrl+E）</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Hold…</source>
        <translation>暂停…</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除暂停</translation>
    </message>
    <message>
        <source>Cancel order…</source>
        <translation>取消订单…</translation>
    </message>
    <message>
        <source>Print confirmation</source>
        <translation>打印订单确认</translation>
    </message>
    <message>
        <source>Preview and print the order confirmation (Ctrl+P)</source>
        <translation>预览并打印订单确认（Ctrl+P）</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>状态历程</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Lines, reservations and shortages</source>
        <translation>订单行、预留与缺货</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>No approval requested.</source>
        <translation>没有审批请求。</translation>
    </message>
    <message>
        <source>No lines.</source>
        <translation>没有订单行。</translation>
    </message>
    <message>
        <source>Nothing to produce for this order.</source>
        <translation>此订单无需生产。</translation>
    </message>
    <message>
        <source>Not shipped yet.</source>
        <translation>尚未发货。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Could not load the order: %1</source>
        <translation>无法加载订单：%1</translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation>无法刷新：%1</translation>
    </message>
    <message>
        <source>Customer sees: %1</source>
        <translation>客户看到：%1</translation>
    </message>
    <message>
        <source>Total %1 %2</source>
        <translation>合计 %1 %2</translation>
    </message>
    <message>
        <source>Ordered %1</source>
        <translation>下单 %1</translation>
    </message>
    <message>
        <source>Requested %1</source>
        <translation>要求交期 %1</translation>
    </message>
    <message>
        <source>Promised %1</source>
        <translation>承诺交期 %1</translation>
    </message>
    <message>
        <source>Taken by %1</source>
        <translation>接单人 %1</translation>
    </message>
    <message>
        <source>Customer ref. %1</source>
        <translation>客户参考号 %1</translation>
    </message>
    <message>
        <source>Credit hold</source>
        <translation>信用暂停</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Behind plan</source>
        <translation>落后于计划</translation>
    </message>
    <message>
        <source>Late against promise</source>
        <translation>晚于承诺交期</translation>
    </message>
    <message>
        <source>Line overloaded</source>
        <translation>产线超负荷</translation>
    </message>
    <message>
        <source>Material short</source>
        <translation>物料短缺</translation>
    </message>
    <message>
        <source>Put on hold</source>
        <translation>暂停订单</translation>
    </message>
    <message>
        <source>Why is order %1 put on hold?</source>
        <translation>为什么暂停订单 %1？</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Why is order %1 cancelled? The customer&apos;s reserved stock goes back to the warehouse.</source>
        <translation>为什么取消订单 %1？为该客户预留的库存将退回仓库。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Done: the order is now %1.</source>
        <translation>完成：订单现在为“%1”。</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <source>Lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Remove the selected line (Ctrl+Delete)</source>
        <translation>删除所选行（Ctrl+Delete）</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>不含税金额</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>Total incl. tax</source>
        <translation>含税合计</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Save the order as a draft (Ctrl+S)</source>
        <translation>将订单保存为草稿（Ctrl+S）</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>提交审批</translation>
    </message>
    <message>
        <source>Save and submit the order (Ctrl+Enter)</source>
        <translation>保存并提交订单（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Keep my changes</source>
        <translation>保留我的修改</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>新订单</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Close the form and drop what you typed?</source>
        <translation>关闭表单并放弃已输入的内容？</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved as draft %1 at %2.</source>
        <translation>已于 %2 保存为草稿 %1。</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>Order %1 was submitted and waits for approval: %2</source>
        <translation>订单 %1 已提交，等待审批：%2</translation>
    </message>
    <message>
        <source>Order %1 was submitted and is on credit hold: %2</source>
        <translation>订单 %1 已提交，因信用额度被暂停：%2</translation>
    </message>
    <message>
        <source>Order %1 needed no approval and is now %2.</source>
        <translation>订单 %1 无需审批，现在为“%2”。</translation>
    </message>
    <message>
        <source>The server did not answer as expected: %1</source>
        <translation>服务器未按预期响应：%1</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was saved: correct the %n marked field(s) first.</source>
        <translation>
            <numerusform>未保存任何内容：请先更正标出的 %n 处问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: someone else saved this order first. Your changes are still here.</source>
        <translation>未保存：他人已先保存了此订单。您的修改仍保留在此。</translation>
    </message>
    <message>
        <source>Order %1 was changed by %2 at %3 — reload?</source>
        <translation>订单 %1 已由 %2 于 %3 修改——重新加载？</translation>
    </message>
    <message>
        <source>Order %1 was changed by someone else meanwhile — reload?</source>
        <translation>订单 %1 在此期间已被他人修改——重新加载？</translation>
    </message>
    <message>
        <source>It is now %1 and can no longer be changed.</source>
        <translation>它现在为“%1”，已无法修改。</translation>
    </message>
    <message numerus="yes">
        <source>Their version: %n line(s), total %1 %2.</source>
        <translation>
            <numerusform>对方的版本：%n 行，合计 %1 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Your changes are kept. Saving will replace the version saved by %1.</source>
        <translation>已保留您的修改。保存后将覆盖 %1 保存的版本。</translation>
    </message>
    <message>
        <source>Your login cannot change orders; that needs the Sales role.</source>
        <translation>您的账号无法修改订单，需要“销售”角色。</translation>
    </message>
    <message>
        <source>Order %1 is %2; only drafts can be changed.</source>
        <translation>订单 %1 为“%2”，只有草稿可以修改。</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>订单 %1</translation>
    </message>
</context>
<context>
    <name>OrderHeaderFields</name>
    <message>
        <source>&amp;Customer</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <source>Type a customer name or code…</source>
        <translation>输入客户名称或编号…</translation>
    </message>
    <message>
        <source>S&amp;hip to</source>
        <translation>收货地址(&amp;H)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Street and number</source>
        <translation>街道和门牌号</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>CN</source>
        <translation>CN</translation>
    </message>
    <message>
        <source>&amp;Requested date</source>
        <translation>要求交期(&amp;R)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>优先级(&amp;P)</translation>
    </message>
    <message>
        <source>Channe&amp;l</source>
        <translation>渠道(&amp;L)</translation>
    </message>
    <message>
        <source>Customer re&amp;ference</source>
        <translation>客户参考号(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message>
        <source>Price typed by hand (the customer&apos;s price would apply otherwise)</source>
        <translation>手工输入的价格（否则使用客户价格）</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount %</source>
        <translation>折扣 %</translation>
    </message>
    <message>
        <source>Tax %</source>
        <translation>税率 %</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>行金额</translation>
    </message>
    <message>
        <source>Type a SKU or product name…</source>
        <translation>输入物料编号或产品名称…</translation>
    </message>
</context>
<context>
    <name>OrderMessages</name>
    <message>
        <source>Choose a customer for the order.</source>
        <translation>请为订单选择客户。</translation>
    </message>
    <message>
        <source>Customer %1 is blocked (%2); orders cannot be taken.</source>
        <translation>客户 %1 已被冻结（%2），不能接单。</translation>
    </message>
    <message>
        <source>Customer %1 is blocked; orders cannot be taken.</source>
        <translation>客户 %1 已被冻结，不能接单。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a known sales channel.</source>
        <translation>“%1”不是已知的销售渠道。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an order type.</source>
        <translation>“%1”不是订单类型。</translation>
    </message>
    <message>
        <source>Priority must be between 1 (most urgent) and 5.</source>
        <translation>优先级必须在 1（最紧急）到 5 之间。</translation>
    </message>
    <message>
        <source>The requested date %1 is in the past.</source>
        <translation>要求交期 %1 已经过去。</translation>
    </message>
    <message>
        <source>The requested date %1 of order %2 is in the past; change it before submitting.</source>
        <translation>订单 %2 的要求交期 %1 已经过去，请修改后再提交。</translation>
    </message>
    <message>
        <source>Add at least one line to the order.</source>
        <translation>请至少为订单添加一行。</translation>
    </message>
    <message>
        <source>Line %1: choose a product.</source>
        <translation>第 %1 行：请选择产品。</translation>
    </message>
    <message>
        <source>Line %1: product %2 is no longer sold (inactive).</source>
        <translation>第 %1 行：产品 %2 已停售（停用）。</translation>
    </message>
    <message>
        <source>Line %1: the quantity must be more than zero.</source>
        <translation>第 %1 行：数量必须大于零。</translation>
    </message>
    <message>
        <source>Line %1: the quantity is too large.</source>
        <translation>第 %1 行：数量过大。</translation>
    </message>
    <message>
        <source>Line %1: the price cannot be negative.</source>
        <translation>第 %1 行：价格不能为负数。</translation>
    </message>
    <message>
        <source>Line %1: the price is too large.</source>
        <translation>第 %1 行：价格过大。</translation>
    </message>
    <message>
        <source>Line %1: the discount must be between 0 and 100 %.</source>
        <translation>第 %1 行：折扣必须在 0 到 100% 之间。</translation>
    </message>
    <message>
        <source>This order is no longer a draft (%1) and cannot be edited.</source>
        <translation>此订单已不是草稿（%1），无法编辑。</translation>
    </message>
    <message>
        <source>Order %1 is no longer a draft and cannot be edited.</source>
        <translation>订单 %1 已不是草稿，无法编辑。</translation>
    </message>
    <message>
        <source>Order %1 is %2, not a draft; only drafts can be submitted.</source>
        <translation>订单 %1 为“%2”，不是草稿；只有草稿可以提交。</translation>
    </message>
    <message>
        <source>Say why the order is put on hold.</source>
        <translation>请说明暂停订单的原因。</translation>
    </message>
    <message>
        <source>Say why the order is cancelled.</source>
        <translation>请说明取消订单的原因。</translation>
    </message>
    <message>
        <source>Order %1 is %2 and cannot be held.</source>
        <translation>订单 %1 为“%2”，无法暂停。</translation>
    </message>
    <message>
        <source>Order %1 is not on hold.</source>
        <translation>订单 %1 未被暂停。</translation>
    </message>
    <message>
        <source>Order %1 is %2; only orders not yet shipped can be cancelled.</source>
        <translation>订单 %1 为“%2”；只有尚未发货的订单可以取消。</translation>
    </message>
    <message>
        <source>Order %1 cannot go from %2 to %3.</source>
        <translation>订单 %1 不能从“%2”变为“%3”。</translation>
    </message>
    <message>
        <source>You may not move order %1 from %2 to %3; that needs the role %4.</source>
        <translation>您不能将订单 %1 从“%2”变为“%3”，需要角色 %4。</translation>
    </message>
    <message>
        <source>Order %1 is on credit hold; only a manager can release it.</source>
        <translation>订单 %1 因信用额度被暂停，只有经理可以解除。</translation>
    </message>
    <message>
        <source>Submitted for approval</source>
        <translation>已提交审批</translation>
    </message>
    <message>
        <source>No approval needed</source>
        <translation>无需审批</translation>
    </message>
    <message>
        <source>All lines reserved from stock</source>
        <translation>所有行均已从库存预留</translation>
    </message>
    <message>
        <source>Production ordered: %1</source>
        <translation>已下达生产：%1</translation>
    </message>
    <message>
        <source>Hold released</source>
        <translation>已解除暂停</translation>
    </message>
    <message>
        <source>Credit hold released</source>
        <translation>已解除信用暂停</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Order %1 was changed by someone else meanwhile; reload it first.</source>
        <translation>订单 %1 在此期间已被他人修改，请先重新加载。</translation>
    </message>
</context>
<context>
    <name>OrderPriority</name>
    <message>
        <source>1 – Urgent</source>
        <translation>1 – 紧急</translation>
    </message>
    <message>
        <source>2 – High</source>
        <translation>2 – 高</translation>
    </message>
    <message>
        <source>3 – Normal</source>
        <translation>3 – 普通</translation>
    </message>
    <message>
        <source>4 – Low</source>
        <translation>4 – 低</translation>
    </message>
    <message>
        <source>5 – Lowest</source>
        <translation>5 – 最低</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>In production</source>
        <translation>生产中</translation>
    </message>
    <message>
        <source>Ready to ship</source>
        <translation>待发货</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <source>1 = most urgent, 5 = least urgent</source>
        <translation>1 = 最紧急，5 = 最不紧急</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>订单日期</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>要求交期</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建人</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
</context>
<context>
    <name>OrdersArea</name>
    <message>
        <source>All orders</source>
        <translation>全部订单</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>Search order no., customer or product…</source>
        <translation>搜索订单号、客户或产品…</translation>
    </message>
    <message>
        <source>Only my orders</source>
        <translation>仅我的订单</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Order date from</source>
        <translation>订单日期从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>已选 %1 个</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Channel: %1</source>
        <translation>渠道：%1</translation>
    </message>
    <message>
        <source>Priority: %1</source>
        <translation>优先级：%1</translation>
    </message>
    <message>
        <source>Could not load orders: %1</source>
        <translation>无法加载订单：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>1 order</source>
        <translation>1 个订单</translation>
    </message>
    <message>
        <source>%1 orders</source>
        <translation>%1 个订单</translation>
    </message>
    <message>
        <source>About %1 orders</source>
        <translation>约 %1 个订单</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This area arrives in a later version of OrderPilot.</source>
        <translation>此模块将在 OrderPilot 的后续版本中推出。</translation>
    </message>
</context>
<context>
    <name>PlannerActions</name>
    <message>
        <source>Schedule open work</source>
        <extracomment>Production order numbers named in a sentence before it says only how many.</extracomment>
        <translation>排程待排工作</translation>
    </message>
    <message>
        <source>Give every operation without a slot one; the rest of the plan moves only where it must</source>
        <translation>为每道尚未排程的工序安排时段；计划中的其他工序仅在必要时移动</translation>
    </message>
    <message>
        <source>Check deviations</source>
        <translation>检查偏差</translation>
    </message>
    <message>
        <source>Look for late orders, overloaded lines, work behind plan and missing material</source>
        <translation>查找延误订单、超负荷产线、落后于计划的工作和缺料</translation>
    </message>
    <message>
        <source>Plan replenishment</source>
        <translation>计划补货</translation>
    </message>
    <message>
        <source>Create production orders for made-to-stock products below their reorder point</source>
        <translation>为低于再订货点的备货型产品创建生产订单</translation>
    </message>
    <message>
        <source>Purchase suggestions…</source>
        <translation>采购建议…</translation>
    </message>
    <message>
        <source>Components production is short of, per product and supplier, to order or cover</source>
        <translation>生产所缺的物料，按产品和供应商列出，可下单采购或用库存补足</translation>
    </message>
    <message>
        <source>Scheduling open work…</source>
        <translation>正在排程待排工作…</translation>
    </message>
    <message>
        <source>Checking deviations…</source>
        <translation>正在检查偏差…</translation>
    </message>
    <message>
        <source>Planning replenishment…</source>
        <translation>正在计划补货…</translation>
    </message>
    <message>
        <source>That did not work: %1</source>
        <translation>操作未成功：%1</translation>
    </message>
    <message>
        <source>Nothing was waiting to be scheduled; every open operation has a slot.</source>
        <translation>没有待排程的工作；所有未完成工序都已安排时段。</translation>
    </message>
    <message>
        <source>Scheduled 1 waiting operation</source>
        <translation>已排程 1 道待排工序</translation>
    </message>
    <message>
        <source>Scheduled %1 waiting operations</source>
        <translation>已排程 %1 道待排工序</translation>
    </message>
    <message>
        <source>1 could not be placed</source>
        <translation>1 道无法安排</translation>
    </message>
    <message>
        <source>%1 could not be placed</source>
        <translation>%1 道无法安排</translation>
    </message>
    <message>
        <source>1 order is expected after its promised date</source>
        <translation>1 个订单预计晚于承诺日期完工</translation>
    </message>
    <message>
        <source>%1 orders are expected after their promised date</source>
        <translation>%1 个订单预计晚于承诺日期完工</translation>
    </message>
    <message>
        <source>Deviations checked: no new alerts</source>
        <translation>偏差检查完成：没有新预警</translation>
    </message>
    <message>
        <source>Deviations checked: 1 new alert</source>
        <translation>偏差检查完成：1 条新预警</translation>
    </message>
    <message>
        <source>Deviations checked: %1 new alerts</source>
        <translation>偏差检查完成：%1 条新预警</translation>
    </message>
    <message>
        <source>1 alert resolved</source>
        <translation>1 条预警已解除</translation>
    </message>
    <message>
        <source>%1 alerts resolved</source>
        <translation>%1 条预警已解除</translation>
    </message>
    <message>
        <source>No made-to-stock product is below its reorder point; no production order was created.</source>
        <translation>没有备货型产品低于再订货点；未创建生产订单。</translation>
    </message>
    <message>
        <source>Created 1 replenishment order (%2)</source>
        <translation>已创建 1 个补货生产订单（%2）</translation>
    </message>
    <message>
        <source>Created %1 replenishment orders (%2)</source>
        <translation>已创建 %1 个补货生产订单（%2）</translation>
    </message>
    <message>
        <source>1 of them is short of components</source>
        <translation>其中 1 个缺料</translation>
    </message>
    <message>
        <source>%1 of them are short of components</source>
        <translation>其中 %1 个缺料</translation>
    </message>
    <message>
        <source>use Schedule open work to give them slots</source>
        <translation>请用“排程待排工作”为其安排时段</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
</context>
<context>
    <name>ProductionBoardPage</name>
    <message>
        <source>Line</source>
        <translation>产线</translation>
    </message>
    <message>
        <source>Could not load the plan: %1</source>
        <translation>无法加载计划：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%1 operations on %2 lines</source>
        <translation>%2 条产线上共 %1 道工序</translation>
    </message>
    <message>
        <source>The move could not be saved: %1</source>
        <translation>移动未能保存：%1</translation>
    </message>
    <message>
        <source>Operation %1 of %2 now runs on %3 from %4.</source>
        <translation>%2 的工序 %1 已改在 %3 上于 %4 开始。</translation>
    </message>
    <message>
        <source>ddd d MMM HH:mm</source>
        <translation>M月d日 ddd HH:mm</translation>
    </message>
    <message numerus="yes">
        <source>%n later operation(s) moved along.</source>
        <translation>
            <numerusform>后续 %n 道工序随之顺延。</numerusform>
        </translation>
    </message>
    <message>
        <source>Report progress…</source>
        <translation>报告进度…</translation>
    </message>
    <message>
        <source>Show progress…</source>
        <translation>查看进度…</translation>
    </message>
    <message>
        <source>Copy order number</source>
        <translation>复制订单号</translation>
    </message>
    <message>
        <source>This alert has no operation on the board.</source>
        <translation>此预警在看板上没有对应的工序。</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Report progress</source>
        <translation>报告进度</translation>
    </message>
    <message>
        <source>Quantity &amp;done:</source>
        <translation>完成数量(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Scrap:</source>
        <translation>报废数量(&amp;S)：</translation>
    </message>
    <message>
        <source>S&amp;tarted at:</source>
        <translation>开工时间(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Finished at:</source>
        <translation>完工时间(&amp;F)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Only planners report progress; you can look but not change it.</source>
        <translation>只有计划员可以报告进度；您可以查看，但不能修改。</translation>
    </message>
    <message>
        <source>This production order is finished and in stock (or cancelled); its progress can no longer be changed.</source>
        <translation>该生产订单已完工入库（或已取消），其进度不能再修改。</translation>
    </message>
    <message>
        <source>Loading the operation…</source>
        <translation>正在加载工序…</translation>
    </message>
    <message>
        <source>%1 · operation %2 %3</source>
        <translation>%1 · 工序 %2 %3</translation>
    </message>
    <message>
        <source>%1 %2: %3 ordered</source>
        <translation>%1 %2：订购 %3</translation>
    </message>
    <message>
        <source>For order %1</source>
        <translation>用于销售订单 %1</translation>
    </message>
    <message>
        <source>Planned on %1 from %2 to %3</source>
        <translation>计划在 %1 上，从 %2 到 %3</translation>
    </message>
    <message>
        <source>Not scheduled yet</source>
        <translation>尚未排产</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Last changed by %1 on %2</source>
        <translation>最后由 %1 于 %2 修改</translation>
    </message>
    <message>
        <source>not scheduled</source>
        <translation>未排产</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>已排产</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>%1 still to make</source>
        <translation>还需生产 %1</translation>
    </message>
    <message>
        <source>Done and scrapped together cannot be more than the %1 ordered.</source>
        <translation>完成数量与报废数量之和不能超过订购的 %1。</translation>
    </message>
    <message>
        <source>Quantities are reported, so the operation has started: tick Started at and give the time.</source>
        <translation>已报告数量，说明工序已开工：请勾选“开工时间”并填写时间。</translation>
    </message>
    <message>
        <source>The operation cannot finish before it started.</source>
        <translation>工序的完工时间不能早于开工时间。</translation>
    </message>
    <message>
        <source>Start and finish cannot be in the future.</source>
        <translation>开工和完工时间不能晚于现在。</translation>
    </message>
    <message>
        <source>Someone else (%1) changed this operation meanwhile; it was reloaded. Check the figures and save again.</source>
        <translation>其他人（%1）刚刚修改了该工序，已重新加载。请核对数据后再次保存。</translation>
    </message>
    <message>
        <source>Your login may not report progress; planners do.</source>
        <translation>您的账号不能报告进度；请由计划员报告。</translation>
    </message>
    <message>
        <source>The progress could not be saved: the database did not answer. Try again.</source>
        <translation>进度未能保存：数据库没有响应。请重试。</translation>
    </message>
</context>
<context>
    <name>PurchaseSuggestionModel</name>
    <message>
        <source>Product</source>
        <extracomment>A value to sort by.</extracomment>
        <translation>产品</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Needed by</source>
        <translation>需用日期</translation>
    </message>
    <message>
        <source>Order by</source>
        <translation>最晚下单日</translation>
    </message>
    <message>
        <source>Lead time</source>
        <translation>交货期</translation>
    </message>
    <message>
        <source>For production</source>
        <translation>用于生产订单</translation>
    </message>
    <message>
        <source>Order now: the supplier&apos;s lead time is longer than the time left.</source>
        <translation>请立即下单：供应商的交货期已长于剩余时间。</translation>
    </message>
    <message>
        <source>No supplier named</source>
        <translation>未指定供应商</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
</context>
<context>
    <name>PurchaseSuggestionsDialog</name>
    <message>
        <source>Purchase suggestions</source>
        <translation>采购建议</translation>
    </message>
    <message>
        <source>Components production is short of, per product and supplier, most urgent first. Select what you have ordered and mark it with the day it arrives: the scheduler then plans the work after it.</source>
        <translation>生产所缺的物料，按产品和供应商列出，最紧急的在前。选中已下单的物料并标明到货日期：排程会把相关工作安排在到货之后。</translation>
    </message>
    <message>
        <source>Expected &amp;arrival:</source>
        <translation>预计到货(&amp;A)：</translation>
    </message>
    <message>
        <source>The day the ordered material arrives</source>
        <translation>所订物料的到货日期</translation>
    </message>
    <message>
        <source>Mark ordered</source>
        <translation>标记为已下单</translation>
    </message>
    <message>
        <source>Mark the selected shortages as ordered, arriving on the day given</source>
        <translation>将选中的缺料标记为已下单，并在指定日期到货</translation>
    </message>
    <message>
        <source>Cover from stock</source>
        <translation>用库存补足</translation>
    </message>
    <message>
        <source>Reserve stock that has come in for the open shortages</source>
        <translation>为未解决的缺料预留已入库的库存</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>No open shortages: production has its components, or they are on order.</source>
        <translation>没有未解决的缺料：生产所需物料已齐备或已在采购中。</translation>
    </message>
    <message>
        <source>1 product to order.</source>
        <translation>需采购 1 种产品。</translation>
    </message>
    <message>
        <source>%1 products to order.</source>
        <translation>需采购 %1 种产品。</translation>
    </message>
    <message>
        <source>1 should be ordered today or is overdue.</source>
        <translation>其中 1 种应今天下单或已逾期。</translation>
    </message>
    <message>
        <source>%1 should be ordered today or are overdue.</source>
        <translation>其中 %1 种应今天下单或已逾期。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>two sentences in a row</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>Marked 1 shortage as ordered, arriving on %2.</source>
        <translation>已将 1 项缺料标记为已下单，预计 %2 到货。</translation>
    </message>
    <message>
        <source>Marked %1 shortages as ordered, arriving on %2.</source>
        <translation>已将 %1 项缺料标记为已下单，预计 %2 到货。</translation>
    </message>
    <message>
        <source>No stock has come in for the open shortages.</source>
        <translation>未解决的缺料尚无到货库存。</translation>
    </message>
    <message>
        <source>Reserved stock that came in for 1 shortage.</source>
        <translation>已为 1 项缺料预留到货库存。</translation>
    </message>
    <message>
        <source>Reserved stock that came in for %1 shortages.</source>
        <translation>已为 %1 项缺料预留到货库存。</translation>
    </message>
    <message>
        <source>There is no open shortage of %1 to order any more; refresh the list.</source>
        <translation>%1 已没有待采购的缺料；请刷新列表。</translation>
    </message>
    <message>
        <source>There is no open shortage of this product to order.</source>
        <translation>此产品没有待采购的缺料。</translation>
    </message>
</context>
<context>
    <name>RoleNames</name>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Planner</source>
        <translation>计划员</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>After-sales</source>
        <translation>售后</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>no job role</source>
        <translation>无岗位角色</translation>
    </message>
    <message>
        <source>, </source>
        <comment>separator between role names</comment>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>StockReason</name>
    <message>
        <source>Reserved for order</source>
        <translation>订单预留</translation>
    </message>
    <message>
        <source>Reservation released</source>
        <translation>释放预留</translation>
    </message>
    <message>
        <source>Released: order cancelled</source>
        <translation>释放：订单已取消</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>期初库存</translation>
    </message>
    <message>
        <source>Stock adjustment</source>
        <translation>库存调整</translation>
    </message>
</context>
<context>
    <name>StockTableModel</name>
    <message>
        <source>SKU</source>
        <translation>物料编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>物料名称</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现有</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>再订货点</translation>
    </message>
    <message>
        <source>Low stock: available is at or below the reorder point</source>
        <translation>低库存：可用量不高于再订货点</translation>
    </message>
</context>
<context>
    <name>TimeRuler</name>
    <message>
        <source>dddd d MMM</source>
        <translation>M月d日 dddd</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <translation>M月d日 ddd</translation>
    </message>
    <message>
        <source>Week %1 · %2 – %3</source>
        <translation>第 %1 周 · %2 – %3</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>M月d日</translation>
    </message>
</context>
</TS>
