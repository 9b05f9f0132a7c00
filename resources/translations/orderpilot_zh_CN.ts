<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</TS>
