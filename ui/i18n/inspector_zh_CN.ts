<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source> and {n} more</source>
        <translation> 等另外 {n} 个文件</translation>
    </message>
    <message>
        <source>started {when}: {files}</source>
        <translation>开始于 {when}：{files}</translation>
    </message>
    <message>
        <source>Interrupted checks</source>
        <translation>中断的查验</translation>
    </message>
    <message>
        <source>{n} check(s) stopped before their case was recorded (the app or the computer stopped). Nothing recorded before was lost.</source>
        <translation>有 {n} 次查验在案件记录前中断（程序或电脑停止运行）。此前记录的内容均未丢失。</translation>
    </message>
    <message>
        <source>Check the oldest again</source>
        <translation>重新查验最早的一次</translation>
    </message>
    <message>
        <source>Forget them</source>
        <translation>全部忽略</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>Capture</name>
    <message>
        <source>The pasted image could not be saved as {path}.</source>
        <translation>粘贴的图像无法保存为 {path}。</translation>
    </message>
    <message>
        <source>No camera could be opened: check that it is plugged in and not used by another program.</source>
        <translation>无法打开摄像头：请检查是否已连接，且未被其他程序占用。</translation>
    </message>
    <message>
        <source>The camera stopped: {error}</source>
        <translation>摄像头已停止：{error}</translation>
    </message>
    <message>
        <source>The camera sends no pictures any more.</source>
        <translation>摄像头不再传送画面。</translation>
    </message>
    <message>
        <source>Capture pages with the camera</source>
        <translation>用摄像头拍摄单证页面</translation>
    </message>
    <message>
        <source>Capture page (Space)</source>
        <translation>拍摄此页（空格键）</translation>
    </message>
    <message>
        <source>Waiting for the camera...</source>
        <translation>正在等待摄像头...</translation>
    </message>
    <message>
        <source>Page found: hold still and capture.</source>
        <translation>已找到页面：请保持不动并拍摄。</translation>
    </message>
    <message>
        <source>No page found: lay the page flat on a darker surface, all four corners in view. Capturing now saves the whole picture.</source>
        <translation>未找到页面：请将页面平放在较深色的台面上，四个角都在画面内。现在拍摄将保存整幅画面。</translation>
    </message>
    <message>
        <source>No picture from the camera yet.</source>
        <translation>摄像头尚未传来画面。</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <source>Search: case id, party or port</source>
        <translation>搜索：案件编号、当事人或口岸</translation>
    </message>
    <message>
        <source>exporter or consignee</source>
        <translation>发货人或收货人</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Shipped from</source>
        <translation>出运日期从</translation>
    </message>
    <message>
        <source>Refresh list</source>
        <translation>刷新列表</translation>
    </message>
    <message>
        <source>All lanes</source>
        <translation>全部通道</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>出运日期</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>发货人</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>口岸</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>已查验</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <source>signed off</source>
        <translation>已签核</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Why: what was checked, what was found, who was told</source>
        <translation>理由：查验了什么、发现了什么、通知了谁</translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation>记录决定</translation>
    </message>
    <message>
        <source>Supervisor sign-off...</source>
        <translation>主管签核...</translation>
    </message>
    <message>
        <source>Export report...</source>
        <translation>导出报告...</translation>
    </message>
    <message>
        <source>Signed off by {name} on {when}. The case is read-only.</source>
        <translation>已由 {name} 于 {when} 签核。本案件为只读。</translation>
    </message>
    <message>
        <source>Recorded decision: {decision} (by {who}). Awaiting sign-off.</source>
        <translation>已记录决定：{decision}（{who}）。等待签核。</translation>
    </message>
    <message>
        <source>No decision recorded yet.</source>
        <translation>尚未记录决定。</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>The document whose fields are shown</source>
        <translation>显示其字段的单证</translation>
    </message>
</context>
<context>
    <name>DocumentsList</name>
    <message>
        <source>Doc</source>
        <translation>单证</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Inspector: error</source>
        <translation>Inspector 查验：错误</translation>
    </message>
    <message>
        <source>Details for support:</source>
        <translation>供技术支持参考的详细信息：</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Show the linked cases in the history</source>
        <translation>在历史记录中显示关联案件</translation>
    </message>
    <message>
        <source>(double-click to open)</source>
        <translation>（双击打开）</translation>
    </message>
    <message>
        <source>Choose a finding to see its evidence.</source>
        <translation>选择一条查验发现以查看其证据。</translation>
    </message>
    <message>
        <source>The forensic heat-map and match lines are drawn on the page.</source>
        <translation>鉴伪热力图和匹配连线已绘制在页面上。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Values compared&lt;/b&gt; ({field}):&lt;br&gt;{here}: &lt;b&gt;{this}&lt;/b&gt;&lt;br&gt;{there}: &lt;b&gt;{other}&lt;/b&gt;</source>
        <translation>&lt;b&gt;比对的数值&lt;/b&gt;（{field}）：&lt;br&gt;{here}：&lt;b&gt;{this}&lt;/b&gt;&lt;br&gt;{there}：&lt;b&gt;{other}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>名单条目</translation>
    </message>
    <message>
        <source>Matched name</source>
        <translation>匹配的名称</translation>
    </message>
    <message>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>How</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Source id</source>
        <translation>来源编号</translation>
    </message>
    <message>
        <source>List version</source>
        <translation>名单版本</translation>
    </message>
</context>
<context>
    <name>ExceptionDialog</name>
    <message>
        <source>Something went wrong inside Inspector. Your work is safe: every edit was saved when it was made. Please copy this report and send it to the support team.</source>
        <translation>Inspector 内部出现错误。您的工作是安全的：每次修改都已在修改时保存。请复制此报告并发送给技术支持团队。</translation>
    </message>
    <message>
        <source>Inspector: unexpected error</source>
        <translation>Inspector 查验：意外错误</translation>
    </message>
</context>
<context>
    <name>Extensions</name>
    <message>
        <source>History...</source>
        <translation>历史记录...</translation>
    </message>
    <message>
        <source>Rules...</source>
        <translation>规则库...</translation>
    </message>
    <message>
        <source>Preferences...</source>
        <translation>首选项...</translation>
    </message>
    <message>
        <source>Capture from a camera...</source>
        <translation>用摄像头拍摄...</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则库</translation>
    </message>
</context>
<context>
    <name>FieldsTable</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>As read</source>
        <translation>识读结果</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
</context>
<context>
    <name>FindingsList</name>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Doc/page</source>
        <translation>单证/页</translation>
    </message>
    <message>
        <source>Document number / page number</source>
        <translation>单证序号／页码</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Exporter or consignee name</source>
        <translation>发货人或收货人名称</translation>
    </message>
    <message>
        <source>Show history</source>
        <translation>显示历史</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Net weight</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>发货人</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Goods family</source>
        <translation>货物类别</translation>
    </message>
    <message>
        <source>Port of loading</source>
        <translation>装货港</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>(this case)</source>
        <translation>（本案件）</translation>
    </message>
    <message>
        <source>No party named like {name} in the history.</source>
        <translation>历史记录中没有名称类似 {name} 的当事人。</translation>
    </message>
    <message>
        <source>Type a party&apos;s name to see its shipments over time.</source>
        <translation>输入当事人名称，查看其历次出运情况。</translation>
    </message>
    <message>
        <source>{name}: {n} shipment(s). Spelt: {spellings}</source>
        <translation>{name}：{n} 批出运。写法：{spellings}</translation>
    </message>
    <message>
        <source>Cases linked by the fragmentation finding: {n} earlier lot(s)</source>
        <translation>拆分申报发现所关联的案件：此前 {n} 批</translation>
    </message>
    <message>
        <source> within {days} days</source>
        <translation>（{days} 天内）</translation>
    </message>
    <message>
        <source>; together {kg}</source>
        <translation>；合计 {kg}</translation>
    </message>
    <message>
        <source>; {line}</source>
        <translation>；{line}</translation>
    </message>
    <message>
        <source> ({n} linked case(s) not in this database: {cases})</source>
        <translation>（{n} 个关联案件不在本数据库中：{cases}）</translation>
    </message>
    <message>
        <source>green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>LaneBanner</name>
    <message>
        <source>Open the papers of one shipment, or drop them on this window.</source>
        <translation>打开一批货物的单证，或将其拖放到本窗口。</translation>
    </message>
    <message>
        <source>{lane}    risk {score}/100    case {case}</source>
        <translation>{lane}    风险 {score}/100    案件 {case}</translation>
    </message>
    <message>
        <source>signed off by {name}: read-only</source>
        <translation>已由 {name} 签核：只读</translation>
    </message>
</context>
<context>
    <name>LineItemsTable</name>
    <message>
        <source>Description</source>
        <translation>品名描述</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS 编码</translation>
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
        <source>Net kg</source>
        <translation>净重（千克）</translation>
    </message>
    <message>
        <source>Gross kg</source>
        <translation>毛重（千克）</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Inspector</source>
        <translation>Inspector 单证查验</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>查验</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>查验发现</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>单证</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Decide: {decision}</source>
        <translation>决定：{decision}</translation>
    </message>
    <message>
        <source>Case list</source>
        <translation>案件列表</translation>
    </message>
    <message>
        <source>Open files...</source>
        <translation>打开文件...</translation>
    </message>
    <message>
        <source>Open folder...</source>
        <translation>打开文件夹...</translation>
    </message>
    <message>
        <source>Check pasted page or files</source>
        <translation>查验粘贴的页面或文件</translation>
    </message>
    <message>
        <source>Cancel check</source>
        <translation>取消查验</translation>
    </message>
    <message>
        <source>Export PDF report...</source>
        <translation>导出 PDF 报告...</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation>记录决定</translation>
    </message>
    <message>
        <source>Supervisor sign-off...</source>
        <translation>主管签核...</translation>
    </message>
    <message>
        <source>Next finding</source>
        <translation>下一条发现</translation>
    </message>
    <message>
        <source>Previous finding</source>
        <translation>上一条发现</translation>
    </message>
    <message>
        <source>Refresh case list</source>
        <translation>刷新案件列表</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>搜索案件</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.tif *.tiff *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>单证 (*.pdf *.tif *.tiff *.png *.jpg *.jpeg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open the papers of one shipment</source>
        <translation>打开一批货物的单证</translation>
    </message>
    <message>
        <source>Open a folder of one shipment</source>
        <translation>打开一批货物的文件夹</translation>
    </message>
    <message>
        <source>The clipboard holds no page image and no files.</source>
        <translation>剪贴板中没有页面图像，也没有文件。</translation>
    </message>
    <message>
        <source>A check is already running.</source>
        <translation>已有查验正在进行。</translation>
    </message>
    <message>
        <source>Checking {n} file(s)...</source>
        <translation>正在查验 {n} 个文件...</translation>
    </message>
    <message>
        <source>Wait for the running check to end.</source>
        <translation>请等待当前查验结束。</translation>
    </message>
    <message>
        <source>Opening case {case}...</source>
        <translation>正在打开案件 {case}...</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>正在取消...</translation>
    </message>
    <message>
        <source>The check failed: {error}</source>
        <translation>查验失败：{error}</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>查验已取消。</translation>
    </message>
    <message>
        <source>was &apos;{old}&apos;, corrected by {who} on {when}</source>
        <translation>原为“{old}”，由 {who} 于 {when} 更正</translation>
    </message>
    <message>
        <source>Only a recorded case can be corrected.</source>
        <translation>只有已记录的案件才能更正。</translation>
    </message>
    <message>
        <source>The case is signed off: it cannot be changed.</source>
        <translation>本案件已签核，不能再修改。</translation>
    </message>
    <message>
        <source>Saving the correction and checking again...</source>
        <translation>正在保存更正并重新查验...</translation>
    </message>
    <message>
        <source>Correction saved; the findings are up to date.</source>
        <translation>更正已保存；查验发现已更新。</translation>
    </message>
    <message>
        <source>Export the inspection report</source>
        <translation>导出查验报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>报告已保存：{path}</translation>
    </message>
    <message>
        <source>Inspector: unexpected error</source>
        <translation>Inspector 查验：意外错误</translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation>正在启动...</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <source>Working...</source>
        <translation>正在处理...</translation>
    </message>
    <message>
        <source>Check finished.</source>
        <translation>查验完成。</translation>
    </message>
    <message>
        <source>Check cancelled.</source>
        <translation>查验已取消。</translation>
    </message>
    <message>
        <source>Check failed.</source>
        <translation>查验失败。</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>缩小（Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>放大（Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit the page to the width</source>
        <translation>使页面适合窗口宽度</translation>
    </message>
    <message>
        <source>Word boxes</source>
        <translation>文字框</translation>
    </message>
    <message>
        <source>Show the words OCR read</source>
        <translation>显示 OCR 识读出的文字</translation>
    </message>
    <message>
        <source>Finding boxes</source>
        <translation>发现框</translation>
    </message>
    <message>
        <source>Show where the findings are</source>
        <translation>显示查验发现所在位置</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>Weights may differ between papers by (relative)</source>
        <translation>各单证间重量允许相差（相对）</translation>
    </message>
    <message>
        <source>Weights may differ between papers by (absolute)</source>
        <translation>各单证间重量允许相差（绝对）</translation>
    </message>
    <message>
        <source>Goods lines may differ from the total by</source>
        <translation>货物明细合计与总数允许相差</translation>
    </message>
    <message>
        <source>A field read with confidence below this is flagged</source>
        <translation>字段识读置信度低于此值时提示</translation>
    </message>
    <message>
        <source>Most net weight one package can plausibly hold</source>
        <translation>每件包装合理净重上限</translation>
    </message>
    <message>
        <source>Least net weight one package can plausibly hold</source>
        <translation>每件包装合理净重下限</translation>
    </message>
    <message>
        <source>Under-valued below this share of the reference price range</source>
        <translation>低于参考价格区间下限的此比例即为低报</translation>
    </message>
    <message>
        <source>Over-valued above this multiple of the reference price range</source>
        <translation>高于参考价格区间上限的此倍数即为高报</translation>
    </message>
    <message>
        <source>Give the data directory as a full path (it is {path}).</source>
        <translation>请以完整路径填写数据目录（当前为 {path}）。</translation>
    </message>
    <message>
        <source>The data directory {path} cannot be made: {error}</source>
        <translation>无法创建数据目录 {path}：{error}</translation>
    </message>
    <message>
        <source>The data directory {path} is read-only: choose one you can write to.</source>
        <translation>数据目录 {path} 为只读：请选择可写入的目录。</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>Databases, OCR cache and logs. Empty: the default, {path}. A new directory starts with empty case history.</source>
        <translation>数据库、OCR 缓存和日志。留空：使用默认目录 {path}。新目录中的案件历史为空。</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Tolerances of the checks</source>
        <translation>查验容差</translation>
    </message>
    <message>
        <source>Restore the default tolerances</source>
        <translation>恢复默认容差</translation>
    </message>
    <message>
        <source>Choose the data directory</source>
        <translation>选择数据目录</translation>
    </message>
</context>
<context>
    <name>RulesView</name>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>Unsure: {why}</source>
        <translation>存疑：{why}</translation>
    </message>
    <message>
        <source>Over-used: more was shipped than the licence allows.</source>
        <translation>超量使用：已出运数量超过许可证允许数量。</translation>
    </message>
    <message>
        <source>Expired.</source>
        <translation>已过期。</translation>
    </message>
    <message>
        <source>HS nomenclature</source>
        <translation>HS 商品编码</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>品名描述</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>管制措施</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>公告</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物项</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS 编码</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>暂停实施</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持证人</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已出运</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期自</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Watchlists</source>
        <translation>管控名单</translation>
    </message>
    <message>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Source id</source>
        <translation>来源编号</translation>
    </message>
    <message>
        <source>Search: code, words, names...</source>
        <translation>搜索：编码、关键词、名称...</translation>
    </message>
    <message>
        <source>All lists</source>
        <translation>全部名单</translation>
    </message>
    <message>
        <source>{n} row(s)</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>Import licences...</source>
        <translation>导入许可证...</translation>
    </message>
    <message>
        <source>Import watchlist...</source>
        <translation>导入名单...</translation>
    </message>
    <message>
        <source>Rules version {version}</source>
        <translation>规则版本 {version}</translation>
    </message>
    <message>
        <source>Import licences</source>
        <translation>导入许可证</translation>
    </message>
    <message>
        <source>Import a watchlist</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading {file}...</source>
        <translation>正在读取 {file}...</translation>
    </message>
    <message>
        <source>Imported {n} licence(s) from {file}.</source>
        <translation>已从 {file} 导入 {n} 份许可证。</translation>
    </message>
    <message>
        <source>Imported {n} watchlist entr(ies) from {file}.</source>
        <translation>已从 {file} 导入 {n} 条名单记录。</translation>
    </message>
    <message>
        <source>Import preview: {file}</source>
        <translation>导入预览：{file}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Preview under this list name</source>
        <translation>以此名单名称重新预览</translation>
    </message>
    <message>
        <source>List name (empty: as named in the file)</source>
        <translation>名单名称（留空：使用文件中的名称）</translation>
    </message>
    <message>
        <source>{file}: {n} licence(s); {new} new, {replaced} replacing licences of the same number.</source>
        <translation>{file}：{n} 份许可证；新增 {new} 份，替换同号许可证 {replaced} 份。</translation>
    </message>
    <message>
        <source>{name}: {now} entries now, {after} after</source>
        <translation>{name}：现有 {now} 条，导入后 {after} 条</translation>
    </message>
    <message>
        <source>{file}: {n} entr(ies). Each list named is replaced as a whole: {lists}.</source>
        <translation>{file}：{n} 条记录。文件中的每份名单都将整体替换：{lists}。</translation>
    </message>
    <message>
        <source>replaces</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
</context>
<context>
    <name>ShipmentChart</name>
    <message>
        <source>No shipments to show.</source>
        <translation>没有可显示的出运记录。</translation>
    </message>
    <message>
        <source>net kg</source>
        <translation>净重（千克）</translation>
    </message>
    <message>
        <source>total {kg}</source>
        <translation>累计 {kg}</translation>
    </message>
    <message>
        <source>lane not known</source>
        <translation>通道未知</translation>
    </message>
    <message>
        <source>green lane</source>
        <translation>绿色通道</translation>
    </message>
    <message>
        <source>yellow lane</source>
        <translation>黄色通道</translation>
    </message>
    <message>
        <source>red lane</source>
        <translation>红色通道</translation>
    </message>
    <message>
        <source>{case}: {date}, {kg}</source>
        <translation>{case}：{date}，{kg}</translation>
    </message>
    <message>
        <source>licence {number}: {kg}</source>
        <translation>许可证 {number}：{kg}</translation>
    </message>
    <message>
        <source>threshold {kg} ({source})</source>
        <translation>阈值 {kg}（{source}）</translation>
    </message>
    <message>
        <source>round quantity</source>
        <translation>整数关口数量</translation>
    </message>
</context>
<context>
    <name>SignOffDialog</name>
    <message>
        <source>Supervisor sign-off</source>
        <translation>主管签核</translation>
    </message>
    <message>
        <source>Sign off case {case} with the decision: {decision}. After sign-off the case can no longer be changed.</source>
        <translation>签核案件 {case}，决定为：{decision}。签核后案件不能再修改。</translation>
    </message>
    <message>
        <source>Supervisor&apos;s name</source>
        <translation>主管姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign off</source>
        <translation>签核</translation>
    </message>
</context>
<context>
    <name>casework</name>
    <message>
        <source>No supervisor account exists yet, so nobody can sign off: create one with &apos;inspector users add NAME --role supervisor&apos;.</source>
        <translation>尚无主管账户，无法签核：请用 &apos;inspector users add NAME --role supervisor&apos; 创建。</translation>
    </message>
</context>
<context>
    <name>decision</name>
    <message>
        <source>Release</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Documentary check</source>
        <translation>单证审核</translation>
    </message>
    <message>
        <source>Physical inspection</source>
        <translation>实物查验</translation>
    </message>
    <message>
        <source>Hold / seize</source>
        <translation>扣留／查扣</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>{number} kg</source>
        <translation>{number} 千克</translation>
    </message>
</context>
<context>
    <name>panels</name>
    <message>
        <source>GREEN lane: release</source>
        <translation>绿色通道：放行</translation>
    </message>
    <message>
        <source>YELLOW lane: check the papers</source>
        <translation>黄色通道：审核单证</translation>
    </message>
    <message>
        <source>RED lane: stop the cargo</source>
        <translation>红色通道：扣留货物</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>危急</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Commercial invoice</source>
        <translation>商业发票</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Export declaration</source>
        <translation>出口报关单</translation>
    </message>
    <message>
        <source>Bill of lading</source>
        <translation>提单</translation>
    </message>
    <message>
        <source>Export licence</source>
        <translation>出口许可证</translation>
    </message>
    <message>
        <source>Certificate of origin</source>
        <translation>原产地证书</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Unexpected error ({kind}: {error}). See the log.</source>
        <translation>意外错误（{kind}：{error}）。请查看日志。</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <source>There are no documents to check: choose PDF, TIFF, PNG or JPEG files.</source>
        <translation>没有可查验的单证：请选择 PDF、TIFF、PNG 或 JPEG 文件。</translation>
    </message>
    <message>
        <source>The check stopped on an unexpected error ({kind}: {error}). See the log.</source>
        <translation>查验因意外错误而停止（{kind}：{error}）。请查看日志。</translation>
    </message>
    <message>
        <source>Inspector stopped on an unexpected error ({kind}: {error}).</source>
        <translation>Inspector 因意外错误而停止（{kind}：{error}）。</translation>
    </message>
</context>
</TS>
