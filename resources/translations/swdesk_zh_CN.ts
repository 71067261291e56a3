<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About swdesk</source>
        <translation>关于 swdesk</translation>
    </message>
    <message>
        <source>Offline workspace for certified social workers: registration, continuing education and re-registration, and reviewer mode for civil-affairs offices. Everything stays on this computer.</source>
        <translation>面向持证社会工作者的离线工作台：登记、继续教育与再登记，并为民政部门提供审核模式。所有数据都只保存在这台电脑上。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>swdesk ships these components; select one to read its licence:</source>
        <translation>swdesk 包含以下组件；选择一项即可查看其许可协议：</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可协议</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>Add training</source>
        <translation>添加培训记录</translation>
    </message>
    <message>
        <source>Edit training</source>
        <translation>编辑培训记录</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>名称(&amp;T)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>&amp;Organiser</source>
        <translation>主办单位(&amp;O)</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>类型(&amp;Y)</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Content &amp;area</source>
        <translation>内容类别(&amp;A)</translation>
    </message>
    <message>
        <source>Content area</source>
        <translation>内容类别</translation>
    </message>
    <message>
        <source>&amp;Start date</source>
        <translation>开始日期(&amp;S)</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>&amp;End date</source>
        <translation>结束日期(&amp;E)</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>e.g. 8 or 7.5</source>
        <translation>如 8 或 7.5</translation>
    </message>
    <message>
        <source>&amp;Hours</source>
        <translation>学时(&amp;H)</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>What I &amp;learnt</source>
        <translation>学习收获(&amp;L)</translation>
    </message>
    <message>
        <source>What I learnt</source>
        <translation>学习收获</translation>
    </message>
    <message>
        <source>What it &amp;changes in my practice</source>
        <translation>对实务工作的改进(&amp;C)</translation>
    </message>
    <message>
        <source>What it changes in my practice</source>
        <translation>对实务工作的改进</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>The training was not saved</source>
        <translation>培训记录未保存</translation>
    </message>
    <message>
        <source>This training has not been saved. Save it before closing?</source>
        <translation>这条继续教育记录尚未保存。关闭前要保存吗？</translation>
    </message>
    <message>
        <source>Your changes to this training have not been saved. Save them before closing?</source>
        <translation>对这条继续教育记录的修改尚未保存。关闭前要保存吗？</translation>
    </message>
</context>
<context>
    <name>ActivityLogPage</name>
    <message>
        <source>&amp;Cycle:</source>
        <translation>登记周期(&amp;C)：</translation>
    </message>
    <message>
        <source>Registration cycle</source>
        <translation>登记周期</translation>
    </message>
    <message>
        <source>&amp;Add training…</source>
        <translation>添加培训记录(&amp;A)…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>编辑(&amp;I)…</translation>
    </message>
    <message>
        <source>Dele&amp;te</source>
        <translation>删除(&amp;T)</translation>
    </message>
    <message>
        <source>Continuing-education activities</source>
        <translation>继续教育活动</translation>
    </message>
    <message>
        <source>Hours by type</source>
        <translation>按类型统计学时</translation>
    </message>
    <message>
        <source>Hours by content area</source>
        <translation>按内容类别统计学时</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1（当前）</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>The training log could not be loaded</source>
        <translation>无法加载继续教育记录</translation>
    </message>
    <message>
        <source>One activity, %2 hours in total</source>
        <translation>共 1 项活动，合计 %2 学时</translation>
    </message>
    <message>
        <source>%1 activities, %2 hours in total</source>
        <translation>共 %1 项活动，合计 %2 学时</translation>
    </message>
    <message>
        <source>verified by provider signature: %1 hours, self-reported: %2 hours</source>
        <translation>经培训机构签名核验 %1 学时，自报 %2 学时</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Delete training</source>
        <translation>删除培训记录</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot; and its evidence files? This cannot be undone.</source>
        <translation>删除“%1”及其证明材料？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Nothing was deleted</source>
        <translation>未删除任何内容</translation>
    </message>
</context>
<context>
    <name>ActivityTableModel</name>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Content area</source>
        <translation>内容类别</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>AddStaffDialog</name>
    <message>
        <source>Add a person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>Give a copy of the office &amp;key (heads)</source>
        <translation>提供机构密钥副本（仅负责人）(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>R&amp;epeat password</source>
        <translation>重复密码(&amp;E)</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>重复密码</translation>
    </message>
    <message>
        <source>Repeat password: the two passwords differ.</source>
        <translation>重复密码：两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Nobody was added</source>
        <translation>未添加任何人</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>swdesk</source>
        <translation>swdesk</translation>
    </message>
    <message>
        <source>The backup was restored. The previous database was kept in &quot;%1&quot;.</source>
        <translation>备份已恢复。原数据库已保留在“%1”。</translation>
    </message>
    <message>
        <source>swdesk started with an empty database. The previous database and files were moved to &quot;%1&quot;; nothing was deleted.</source>
        <translation>swdesk 已使用空数据库启动。原数据库和文件已移至“%1”，未删除任何内容。</translation>
    </message>
    <message>
        <source>The database is too damaged to be opened even read-only. Restore a backup, start afresh, or ask your IT support for help; the file was left as it is.</source>
        <translation>数据库损坏严重，即使以只读方式也无法打开。请恢复备份、重新开始，或向技术支持人员求助；该文件保持原样。</translation>
    </message>
    <message>
        <source>%n file(s) in the evidence and photo folders belong to no record of this database (left by an older swdesk, another database or a copy by hand). They were moved to &quot;%1&quot;; nothing was deleted.</source>
        <translation>证明材料和照片文件夹中有 %n 个文件不属于此数据库的任何记录（可能是旧版 swdesk、其他数据库或手工复制留下的）。它们已移至“%1”，未删除任何内容。</translation>
    </message>
    <message>
        <source>swdesk cannot start</source>
        <translation>swdesk 无法启动</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>AppearanceActions</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>ApplicationActions</name>
    <message>
        <source>The application could not be opened</source>
        <translation>无法打开申请</translation>
    </message>
</context>
<context>
    <name>ApplicationDataTab</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>County</source>
        <translation>所在县（区）</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记有效期</translation>
    </message>
    <message>
        <source>Registration certificate number</source>
        <translation>登记证书编号</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Late explanation</source>
        <translation>逾期情况说明</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>学习活动</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Proofs</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>继续教育活动</translation>
    </message>
    <message>
        <source>First-level opinion</source>
        <translation>初审意见</translation>
    </message>
    <message>
        <source>%1 (%2 working days after the date received)</source>
        <translation>%1（收件日期后 %2 个工作日）</translation>
    </message>
    <message>
        <source>Declaration date</source>
        <translation>申报日期</translation>
    </message>
    <message>
        <source>Date received</source>
        <translation>收件日期</translation>
    </message>
    <message>
        <source>Review deadline</source>
        <translation>审核期限</translation>
    </message>
    <message>
        <source>%1 (not a county or district of the applicable rules)</source>
        <translation>%1（不是适用规定中的县区）</translation>
    </message>
</context>
<context>
    <name>ApplicationWizard</name>
    <message>
        <source>Re-registration application</source>
        <translation>再登记申请</translation>
    </message>
    <message>
        <source>First registration application</source>
        <translation>首次登记申请</translation>
    </message>
    <message>
        <source>&amp;Save draft</source>
        <translation>保存草稿(&amp;S)</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Discard draf&amp;t…</source>
        <translation>放弃草稿(&amp;T)…</translation>
    </message>
    <message>
        <source>The draft was not saved</source>
        <translation>草稿未保存</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>Back up to</source>
        <translation>备份到</translation>
    </message>
    <message>
        <source>swdesk backup (*.swdbak)</source>
        <translation>swdesk 备份 (*.swdbak)</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Writing and checking the backup…</source>
        <translation>正在写入并校验备份…</translation>
    </message>
    <message>
        <source>Backup written and verified: %1</source>
        <translation>备份已写入并校验：%1</translation>
    </message>
    <message>
        <source>Backup cancelled: no file was written.</source>
        <translation>备份已取消：未写入任何文件。</translation>
    </message>
    <message>
        <source>The backup was not written</source>
        <translation>备份未写入</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n other(s)</source>
        <translation>
            <numerusform>%1等%n人</numerusform>
        </translation>
    </message>
    <message>
        <source>backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Replace the data in this folder with the backup &quot;%1&quot;? The current data is kept aside in the backups folder.</source>
        <translation>用备份“%1”替换此文件夹中的数据吗？当前数据会另存到备份文件夹中。</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Putting the restored data in place…</source>
        <translation>正在放入恢复的数据…</translation>
    </message>
    <message>
        <source>Restore cancelled: the data was left as it was.</source>
        <translation>已取消恢复：数据保持原样。</translation>
    </message>
    <message>
        <source>The backup was not restored</source>
        <translation>备份未恢复</translation>
    </message>
    <message>
        <source>The backup of %1 is restored. The data it replaced is kept in the folder %2.</source>
        <translation>%1 的备份已恢复。被替换的数据保存在文件夹 %2 中。</translation>
    </message>
    <message numerus="yes">
        <source>%n evidence file(s) named in the backup were not in it; those records show a missing file.</source>
        <translation>
            <numerusform>备份中记录的 %n 个证明材料文件不在备份内；相应记录会显示文件缺失。</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>The data folder could not be opened again</source>
        <translation>无法重新打开数据文件夹</translation>
    </message>
    <message>
        <source>swdesk closes now. Start it again.</source>
        <translation>swdesk 现在将关闭，请重新启动。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CalendarActions</name>
    <message>
        <source>swdesk: %1</source>
        <translation>swdesk：%1</translation>
    </message>
    <message>
        <source>Hours: %1 of %2. %3</source>
        <translation>学时：%1 / %2。%3</translation>
    </message>
    <message>
        <source>reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Export reminders</source>
        <translation>导出提醒</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>日历文件 (*.ics)</translation>
    </message>
    <message>
        <source>The reminders were not saved</source>
        <translation>提醒未保存</translation>
    </message>
    <message>
        <source>Reminders saved to %1</source>
        <translation>提醒已保存到 %1</translation>
    </message>
</context>
<context>
    <name>CertificateSection</name>
    <message>
        <source>Certificate and registration</source>
        <translation>证书与登记</translation>
    </message>
    <message>
        <source>Certificate &amp;level</source>
        <translation>证书级别(&amp;L)</translation>
    </message>
    <message>
        <source>Certificate level</source>
        <translation>证书级别</translation>
    </message>
    <message>
        <source>Certificate nu&amp;mber</source>
        <translation>证书编号(&amp;M)</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Date ob&amp;tained</source>
        <translation>取得证书日期(&amp;T)</translation>
    </message>
    <message>
        <source>Date obtained</source>
        <translation>取得证书日期</translation>
    </message>
    <message>
        <source>I am registered</source>
        <translation>我已登记</translation>
    </message>
    <message>
        <source>Current registration</source>
        <translation>当前登记</translation>
    </message>
    <message>
        <source>Registered &amp;from</source>
        <translation>登记有效期起(&amp;F)</translation>
    </message>
    <message>
        <source>Registered from</source>
        <translation>登记有效期起</translation>
    </message>
    <message>
        <source>Registere&amp;d until</source>
        <translation>登记有效期至(&amp;D)</translation>
    </message>
    <message>
        <source>Registered until</source>
        <translation>登记有效期至</translation>
    </message>
    <message>
        <source>As printed on the registration certificate</source>
        <translation>按登记证书上印的填写</translation>
    </message>
    <message>
        <source>Registr&amp;ation certificate number</source>
        <translation>登记证书编号(&amp;A)</translation>
    </message>
    <message>
        <source>Registration certificate number</source>
        <translation>登记证书编号</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change the password of %1</source>
        <translation>修改 %1 的密码</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>当前密码(&amp;C)</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>&amp;Repeat new password</source>
        <translation>重复新密码(&amp;R)</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>重复新密码</translation>
    </message>
    <message>
        <source>Repeat new password: the two passwords differ.</source>
        <translation>重复新密码：两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>The password was not changed</source>
        <translation>密码未修改</translation>
    </message>
</context>
<context>
    <name>ClaimActions</name>
    <message>
        <source>Nothing was changed</source>
        <translation>未作任何更改</translation>
    </message>
    <message numerus="yes">
        <source>%n application(s) claimed.</source>
        <translation>
            <numerusform>已认领 %n 份申请。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n claim(s) released.</source>
        <translation>
            <numerusform>已放弃 %n 项认领。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>未更改</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Take over?</source>
        <translation>接手审核？</translation>
    </message>
    <message numerus="yes">
        <source>Colleagues are working on %n application(s):</source>
        <translation>
            <numerusform>同事正在审核 %n 份申请：</numerusform>
        </translation>
    </message>
    <message>
        <source>Take them over? The audit log records that you took them over.</source>
        <translation>是否接手？审计日志将记录由您接手。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>DamagedDatabaseDialog</name>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>&amp;Restore the newest backup</source>
        <translation>恢复最近的备份(&amp;R)</translation>
    </message>
    <message>
        <source>Open read-&amp;only</source>
        <translation>以只读方式打开(&amp;O)</translation>
    </message>
    <message>
        <source>Start &amp;afresh…</source>
        <translation>重新开始(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>The database is missing</source>
        <translation>数据库文件缺失</translation>
    </message>
    <message>
        <source>The database cannot be written</source>
        <translation>数据库无法写入</translation>
    </message>
    <message>
        <source>The database cannot be read</source>
        <translation>数据库无法读取</translation>
    </message>
    <message>
        <source>Restore the newest backup to get your data back, or start afresh: the old files are then moved into the backups folder, nothing is deleted.</source>
        <translation>恢复最近的备份即可找回您的数据；也可以重新开始：旧文件将移入备份文件夹，不会删除任何内容。</translation>
    </message>
    <message>
        <source>You can open the data read-only to look at it; nothing can be saved then. To work normally, make the file writable (or copy the data folder to a place you may write to) and start swdesk again.</source>
        <translation>您可以以只读方式打开数据进行查看，此时无法保存任何内容。如需正常使用，请使该文件可写（或将数据文件夹复制到您有写入权限的位置），然后重新启动 swdesk。</translation>
    </message>
    <message>
        <source>The file was left exactly as it is. You can restore the newest good backup (the current file is kept aside, nothing is deleted), open the data read-only to look at it (nothing can be saved then), or start afresh with an empty database (the old files are moved into the backups folder).</source>
        <translation>该文件保持原样，未作任何改动。您可以恢复最近的完好备份（当前文件会另行保留，不会删除任何内容），以只读方式打开数据进行查看（此时无法保存），或使用空数据库重新开始（旧文件将移入备份文件夹）。</translation>
    </message>
    <message>
        <source>There is no backup holding your data to restore.</source>
        <translation>没有包含您数据的备份可供恢复。</translation>
    </message>
    <message>
        <source>Newest backup: taken on %1. It holds %2 profile(s), %3 activity record(s) and refers to %4 saved file(s).</source>
        <translation>最近的备份：创建于 %1，包含 %2 份档案、%3 条继续教育记录，涉及 %4 个已保存的文件。</translation>
    </message>
    <message>
        <source>Start afresh</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Start with an empty database? The current database file and the evidence and photo folders are moved into a dated folder in the backups folder; nothing is deleted, but swdesk will not show them.</source>
        <translation>要使用空数据库重新开始吗？当前的数据库文件以及证明材料和照片文件夹将移入备份文件夹中一个以日期命名的文件夹；不会删除任何内容，但 swdesk 将不再显示它们。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Continuing-education hours in this cycle</source>
        <translation>本登记周期继续教育学时</translation>
    </message>
    <message>
        <source>Hours against the requirement</source>
        <translation>学时完成进度</translation>
    </message>
    <message>
        <source>What to do next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Coming dates</source>
        <translation>近期重要日期</translation>
    </message>
    <message>
        <source>Record a &amp;training…</source>
        <translation>记录培训(&amp;T)…</translation>
    </message>
    <message>
        <source>E&amp;xport reminders to calendar (.ics)…</source>
        <translation>导出提醒到日历（.ics）(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Apply for registration…</source>
        <translation>申请登记(&amp;A)…</translation>
    </message>
    <message>
        <source>%1 / %2 hours</source>
        <translation>%1 / %2 学时</translation>
    </message>
    <message>
        <source>Verified by provider signature: %1 hours · self-reported: %2 hours</source>
        <translation>经培训机构签名核验 %1 学时 · 自报 %2 学时</translation>
    </message>
    <message>
        <source>Cycle %1 – %2</source>
        <translation>登记周期：%1 至 %2</translation>
    </message>
    <message>
        <source>%1 (in 1 day)</source>
        <translation>%1（1 天后）</translation>
    </message>
    <message numerus="yes">
        <source>%1 (in %n days)</source>
        <translation>
            <numerusform>%1（%n 天后）</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused only below %1 hours: %2</source>
        <translation>低于 %1 学时才会被退回：%2</translation>
    </message>
    <message>
        <source>Application version %1 is a draft: continue it with &quot;Apply for registration&quot;.</source>
        <translation>第 %1 版申请尚为草稿：请通过“申请登记”继续填写。</translation>
    </message>
    <message>
        <source>day until the registration expires on %1</source>
        <translation>天后登记有效期届满（%1）</translation>
    </message>
    <message>
        <source>days until the registration expires on %1</source>
        <translation>天后登记有效期届满（%1）</translation>
    </message>
    <message>
        <source>day since the registration expired on %1</source>
        <translation>天前登记有效期已届满（%1）</translation>
    </message>
    <message>
        <source>days since the registration expired on %1</source>
        <translation>天前登记有效期已届满（%1）</translation>
    </message>
    <message>
        <source>Catch-up plan: %1 hours within a month, finished by %2.</source>
        <translation>补学计划：一个月内补足 %1 学时，于 %2 前完成。</translation>
    </message>
    <message numerus="yes">
        <source>Catch-up plan: %1 hours a month for %n months, finished by %2.</source>
        <translation>
            <numerusform>补学计划：每月 %1 学时，共 %n 个月，于 %2 前完成。</numerusform>
        </translation>
    </message>
    <message>
        <source>No dates ahead.</source>
        <translation>近期没有重要日期。</translation>
    </message>
    <message>
        <source>No application yet.</source>
        <translation>尚未提交过申请。</translation>
    </message>
    <message>
        <source>Application version %1, exported on %2, is under review.</source>
        <translation>第 %1 版申请已于 %2 导出，正在审核中。</translation>
    </message>
    <message>
        <source>Application version %1 was exported on %2 and is not yet submitted.</source>
        <translation>第 %1 版申请已于 %2 导出，尚未提交。</translation>
    </message>
    <message>
        <source>Application version %1 was not approved: fix it and apply again.</source>
        <translation>第 %1 版申请未通过审核：请按意见修改后重新申请。</translation>
    </message>
    <message>
        <source>Application version %1 was approved.</source>
        <translation>第 %1 版申请已审核通过。</translation>
    </message>
    <message>
        <source>not registered yet</source>
        <translation>尚未登记</translation>
    </message>
    <message>
        <source>The requirement is met.</source>
        <translation>已达到学时要求。</translation>
    </message>
    <message>
        <source>%1 hours still needed.</source>
        <translation>还需 %1 学时。</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <source>Decide</source>
        <extracomment>Names listed in the dialog&apos;s first line; more are counted, not named.</extracomment>
        <translation>审核决定</translation>
    </message>
    <message>
        <source>final review</source>
        <translation>终审</translation>
    </message>
    <message>
        <source>first review</source>
        <translation>初审</translation>
    </message>
    <message numerus="yes">
        <source>%n application(s), %1.</source>
        <translation>
            <numerusform>%1：共 %n 份申请。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform>，另有 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>通过(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>不予通过(&amp;R)</translation>
    </message>
    <message>
        <source>Reasons for the rejection (at least one)</source>
        <translation>不予通过的理由（至少选择一项）</translation>
    </message>
    <message>
        <source>Comment: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>comment for the applicant</source>
        <translation>给申请人的说明</translation>
    </message>
    <message>
        <source>Why the late application is accepted</source>
        <translation>接受逾期申请的理由</translation>
    </message>
    <message>
        <source>Why the &amp;late application is accepted:</source>
        <translation>接受逾期申请的理由(&amp;L)：</translation>
    </message>
    <message>
        <source>Choose at least one reason for the rejection.</source>
        <translation>不予通过时请至少选择一项理由。</translation>
    </message>
    <message>
        <source>Write why the late application is accepted; it is recorded.</source>
        <translation>请填写接受逾期申请的理由，该理由将记录在案。</translation>
    </message>
</context>
<context>
    <name>DecisionActions</name>
    <message>
        <source>Import the province&apos;s trust file</source>
        <translation>导入省民政厅的可信机关名单</translation>
    </message>
    <message>
        <source>Trust file (*.swdtrust)</source>
        <translation>可信机关名单 (*.swdtrust)</translation>
    </message>
    <message>
        <source>The trust file was not imported</source>
        <translation>可信机关名单未导入</translation>
    </message>
    <message>
        <source>Trust file imported</source>
        <translation>可信机关名单已导入</translation>
    </message>
    <message>
        <source>This trust list is already in force; nothing changed.</source>
        <translation>该可信机关名单已在使用中，未作更改。</translation>
    </message>
    <message>
        <source>This trust list was signed with a NEW province key. Trust it only if the province has told you, by phone or in its official notice, that its key changed and that the new fingerprint is:

%1

The fingerprint in force until now:
%2

Offices on the new list:
%3</source>
        <translation>该可信机关名单由一个新的省级密钥签署。只有在省民政厅通过电话或正式通知告知您其密钥已更换、且新指纹为：

%1

时才可信任。

目前使用的指纹：
%2

新名单中的机关：
%3</translation>
    </message>
    <message>
        <source>Compare this fingerprint of %1 with the one the province gives you by phone or in its official notice:

%2

Offices on the list:
%3

Trust these offices only if the fingerprint matches.</source>
        <translation>请将%1的以下指纹与省民政厅通过电话或正式通知提供的指纹进行核对：

%2

名单中的机关：
%3

仅在指纹一致时才信任这些机关。</translation>
    </message>
    <message>
        <source>Confirm the province&apos;s trust list</source>
        <translation>确认省级可信机关名单</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message numerus="yes">
        <source>%n review office(s) are now trusted (province key %1).</source>
        <translation>
            <numerusform>现已信任 %n 个审核机关（省级密钥 %1）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The trust list was not removed</source>
        <translation>可信机关名单未移除</translation>
    </message>
    <message>
        <source>Remove the trust list</source>
        <translation>移除可信机关名单</translation>
    </message>
    <message>
        <source>No trust list is in force.</source>
        <translation>当前没有在用的可信机关名单。</translation>
    </message>
    <message>
        <source>Remove the trust list of %1 (province key %2)? Decisions already applied stay; new decisions are refused until a trust list is imported again.</source>
        <translation>移除%1的可信机关名单（省级密钥 %2）吗？已导入的审核决定保持不变；在重新导入可信机关名单之前，新的审核决定将被拒绝。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>The trust list was removed.</source>
        <translation>可信机关名单已移除。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import a review decision</source>
        <translation>导入审核决定</translation>
    </message>
    <message>
        <source>Decision file (*.swddec)</source>
        <translation>决定文件 (*.swddec)</translation>
    </message>
    <message>
        <source>The decision was not applied</source>
        <translation>审核决定未导入</translation>
    </message>
    <message>
        <source>Registration renewed</source>
        <translation>登记申请已通过</translation>
    </message>
    <message>
        <source>%1 approved the application. The registration is valid from %2 to %3; the electronic registration certificate is under Records → Open the registration certificate.</source>
        <translation>%1 已审核通过该申请。登记有效期为 %2 至 %3；电子登记证书可通过“记录 → 打开电子登记证书”查看。</translation>
    </message>
    <message>
        <source>First review passed</source>
        <translation>初审通过</translation>
    </message>
    <message>
        <source>The application passed the first review at %1; it now goes on to the final review.</source>
        <translation>申请已通过 %1 的初审，将进入终审。</translation>
    </message>
    <message>
        <source>Application not approved</source>
        <translation>申请未通过</translation>
    </message>
    <message>
        <source>%1 did not approve the application:
%2

The application wizard opens with these points marked, so you can fix them and apply again.</source>
        <translation>%1 未通过该申请，理由如下：
%2

申请向导将打开并标出这些问题，请修改后重新申请。</translation>
    </message>
    <message>
        <source>The certificate could not be opened</source>
        <translation>无法打开电子登记证书</translation>
    </message>
    <message>
        <source>No certificate yet</source>
        <translation>尚无电子登记证书</translation>
    </message>
    <message>
        <source>The electronic registration certificate arrives with the final approval: import the decision file first.</source>
        <translation>电子登记证书随终审通过的决定一并下发：请先导入决定文件。</translation>
    </message>
    <message>
        <source>Save the registration certificate</source>
        <translation>另存电子登记证书</translation>
    </message>
    <message>
        <source>registration certificate</source>
        <translation>电子登记证书</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>The certificate was not saved</source>
        <translation>电子登记证书未保存</translation>
    </message>
    <message>
        <source>Certificate saved to %1</source>
        <translation>电子登记证书已保存到 %1</translation>
    </message>
</context>
<context>
    <name>DecisionFlow</name>
    <message>
        <source>The application could not be opened</source>
        <translation>无法打开申请</translation>
    </message>
    <message>
        <source>Nothing was decided</source>
        <translation>未作出任何决定</translation>
    </message>
    <message>
        <source>Take over?</source>
        <translation>接手审核？</translation>
    </message>
    <message numerus="yes">
        <source>Colleagues are working on %n application(s):</source>
        <translation>
            <numerusform>同事正在审核 %n 份申请：</numerusform>
        </translation>
    </message>
    <message>
        <source>Take them over and decide them anyway? The audit log records that you took them over.</source>
        <translation>是否接手并作出决定？审计日志将记录由您接手。</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) signed and recorded.</source>
        <translation>
            <numerusform>已签名并记录 %n 项决定。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) recorded, awaiting the office head&apos;s signature.</source>
        <translation>
            <numerusform>已记录 %n 项决定，等待负责人签发。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>two sentences in a row</comment>
        <translation>%1%2</translation>
    </message>
    <message numerus="yes">
        <source>%n application(s) not decided.</source>
        <translation>
            <numerusform>%n 份申请未作出决定。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Not decided</source>
        <translation>未作出决定</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) signed and recorded. These applications were not decided:</source>
        <translation>
            <numerusform>已签名并记录 %n 项决定。以下申请未作出决定：</numerusform>
        </translation>
    </message>
    <message>
        <source>An application no longer in the queue</source>
        <translation>一份已不在队列中的申请</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>DeclarationPage</name>
    <message>
        <source>Declaration (承诺声明)</source>
        <translation>承诺声明</translation>
    </message>
    <message>
        <source>I have read the declaration and accept it; I will sign the printed form.</source>
        <translation>本人已阅读并接受上述承诺声明，并将在打印出的申请表上签字。</translation>
    </message>
</context>
<context>
    <name>DraftDiscard</name>
    <message>
        <source>An exported application cannot be discarded: the office may already have it. Tell the office to withdraw it, or change it and export a new version.</source>
        <translation>已导出的申请不能放弃：审核机关可能已经收到。如需撤回，请告知审核机关；如需修改，请修改后导出新版本。</translation>
    </message>
    <message>
        <source>ID photo</source>
        <translation>证件照</translation>
    </message>
    <message>
        <source>proof of identity change</source>
        <translation>身份信息变更证明</translation>
    </message>
    <message>
        <source>late explanation (scan)</source>
        <translation>逾期情况说明（扫描件）</translation>
    </message>
    <message>
        <source>other material</source>
        <translation>其他材料</translation>
    </message>
    <message>
        <source>signed form (scan)</source>
        <translation>签字申请表（扫描件）</translation>
    </message>
    <message>
        <source>the personal data entered in this application (phone, employer, credit code, post)</source>
        <translation>在本申请中填写的个人信息（联系电话、工作单位、统一社会信用代码、岗位）</translation>
    </message>
    <message>
        <source>the note that your identity data changed</source>
        <translation>“身份信息有变更”的勾选</translation>
    </message>
    <message>
        <source>the written explanation of the late application</source>
        <translation>逾期申请的书面情况说明</translation>
    </message>
    <message>
        <source>the accepted declaration</source>
        <translation>已接受的承诺声明</translation>
    </message>
    <message>
        <source>the attached file &quot;%1&quot; (%2)</source>
        <translation>已添加的文件“%1”（%2）</translation>
    </message>
    <message>
        <source>Discard this draft application (version %1)? This is deleted:</source>
        <translation>放弃这份申请草稿（第 %1 版）吗？以下内容将被删除：</translation>
    </message>
    <message>
        <source>Discard the draft?</source>
        <translation>放弃草稿？</translation>
    </message>
    <message>
        <source>Your profile, your training records and their evidence stay as they are.</source>
        <translation>您的个人档案、继续教育记录及其证明材料保持不变。</translation>
    </message>
    <message>
        <source>The exported version %1 stays as it is.</source>
        <translation>已导出的第 %1 版保持不变。</translation>
    </message>
    <message>
        <source>&amp;Discard draft</source>
        <translation>放弃草稿(&amp;D)</translation>
    </message>
    <message>
        <source>The draft was not discarded</source>
        <translation>草稿未放弃</translation>
    </message>
</context>
<context>
    <name>EvidenceFilesBox</name>
    <message>
        <source>Evidence files</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>Add &amp;file…</source>
        <translation>添加文件(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Remove file</source>
        <translation>移除文件(&amp;R)</translation>
    </message>
    <message>
        <source>Certificates or proof as PDF, JPEG or PNG. They are copied into swdesk&apos;s data folder.</source>
        <translation>结业证书或其他证明，格式为 PDF、JPEG 或 PNG。文件将复制到 swdesk 的数据文件夹中。</translation>
    </message>
    <message>
        <source>%1  (new)</source>
        <translation>%1（新添加）</translation>
    </message>
    <message>
        <source>Choose evidence files</source>
        <translation>选择证明材料</translation>
    </message>
    <message>
        <source>Evidence (*.pdf *.jpg *.jpeg *.png);;All files (*)</source>
        <translation>证明材料 (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>EvidenceTab</name>
    <message>
        <source>Evidence by activity</source>
        <translation>按学习活动列出的证明材料</translation>
    </message>
    <message>
        <source>Activity / file</source>
        <translation>学习活动 / 文件</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>JPEG image</source>
        <translation>JPEG 图片</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>Stored in the bundle as %1</source>
        <translation>在申请包中的存储名：%1</translation>
    </message>
    <message>
        <source>%1. %2
%3 – %4 · %5 hours</source>
        <translation>%1. %2
%3 至 %4 · %5 学时</translation>
    </message>
    <message>
        <source>Proof %1 of %2</source>
        <translation>第 %1 份证明材料（共 %2 份）</translation>
    </message>
    <message>
        <source>No proof attached</source>
        <translation>未附证明材料</translation>
    </message>
    <message>
        <source>Other materials</source>
        <translation>其他材料</translation>
    </message>
    <message>
        <source>Signed application form</source>
        <translation>申请人签字的申请表</translation>
    </message>
    <message>
        <source>Proof not linked to an activity</source>
        <translation>未对应任何学习活动的证明材料</translation>
    </message>
    <message>
        <source>The file could not be shown</source>
        <translation>无法显示该文件</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Export decisions to</source>
        <translation>将决定文件导出到</translation>
    </message>
    <message>
        <source>The decisions were not exported</source>
        <translation>决定文件未导出</translation>
    </message>
    <message>
        <source>Decisions exported</source>
        <translation>决定文件已导出</translation>
    </message>
    <message>
        <source>There were no decisions waiting to be exported; nothing was written.</source>
        <translation>没有待导出的决定，未写入任何文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) written to %1.</source>
        <translation>
            <numerusform>已将 %n 个文件写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the roster</source>
        <translation>导出花名册</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Roster written to %1</source>
        <translation>花名册已写入 %1</translation>
    </message>
    <message>
        <source>The roster was not written</source>
        <translation>花名册未写入</translation>
    </message>
    <message>
        <source>The bundle was not written</source>
        <translation>申请包未写入</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>Export the application bundle</source>
        <translation>导出申请包</translation>
    </message>
    <message>
        <source>E&amp;xport bundle…</source>
        <translation>导出申请包(&amp;X)…</translation>
    </message>
    <message>
        <source>Open the &amp;folder</source>
        <translation>打开所在文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Version %1 was exported on %2 (check code %3). Export again to write another copy of the same version, e.g. onto a new USB stick.</source>
        <translation>第 %1 版已于 %2 导出（核对码 %3）。再次导出可为同一版本另写一份，例如写入另一个 U 盘。</translation>
    </message>
    <message numerus="yes">
        <source>Export is possible once the fix list is empty (%n open).</source>
        <translation>
            <numerusform>补正清单清空后即可导出（尚有 %n 项未处理）。</numerusform>
        </translation>
    </message>
    <message>
        <source>All checks passed. The bundle holds the application data, the form, the photo, the evidence of this cycle and your materials.</source>
        <translation>全部检查均已通过。申请包包含申请数据、申请表、照片、本登记周期的证明材料以及您添加的材料。</translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation>正在写入申请包…</translation>
    </message>
    <message>
        <source>Exported, not yet submitted.
File: %1
Folder: %2
Check code: %3 (the office&apos;s import report shows the bundle identifier starting with these characters)</source>
        <translation>已导出，尚未提交。
文件：%1
位置：%2
核对码：%3（审核机关导入报告中的申请包编号以这些字符开头）</translation>
    </message>
    <message>
        <source>Next step: hand the USB stick with &quot;%1&quot; and the printed form, signed by you, to %2. The application is submitted when the office has them; swdesk shows it as under review once a decision file from the office is imported.</source>
        <translation>下一步：请将存有“%1”的 U 盘和您本人签字的纸质申请表交给%2。审核机关收到后即为提交；导入该机关的审核决定文件后，swdesk 才会显示“审核中”。</translation>
    </message>
    <message>
        <source>The bundle holds no scan of the signed form. You may attach the scan in step 6 and export again; the printed form stays valid.</source>
        <translation>申请包中没有签字申请表的扫描件。您可以在第 6 步附上扫描件后重新导出；已打印的申请表仍然有效。</translation>
    </message>
    <message>
        <source>swdesk application bundle (*.swdapp)</source>
        <translation>swdesk 申请包 (*.swdapp)</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Citizen ID number</source>
        <translation>公民身份号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Years in social work</source>
        <translation>从事社会工作年限</translation>
    </message>
    <message>
        <source>County or district</source>
        <translation>所在县（区）</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Certificate level</source>
        <translation>证书级别</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Written explanation of the late application</source>
        <translation>逾期申请的书面情况说明</translation>
    </message>
    <message>
        <source>Date obtained</source>
        <translation>取得证书日期</translation>
    </message>
    <message>
        <source>Registered from</source>
        <translation>登记有效期起</translation>
    </message>
    <message>
        <source>Registered until</source>
        <translation>登记有效期至</translation>
    </message>
    <message>
        <source>Registration certificate number</source>
        <translation>登记证书编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Content area</source>
        <translation>内容类别</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>What I learnt</source>
        <translation>学习收获</translation>
    </message>
    <message>
        <source>What it changes in my practice</source>
        <translation>对实务工作的改进</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码(PIN)</translation>
    </message>
    <message>
        <source>Office name</source>
        <translation>机关名称</translation>
    </message>
    <message>
        <source>Region code</source>
        <translation>行政区划代码</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
</context>
<context>
    <name>FormActions</name>
    <message>
        <source>The form could not be generated</source>
        <translation>无法生成申请表</translation>
    </message>
    <message>
        <source>The form was not printed</source>
        <translation>申请表未打印</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>The form was not saved</source>
        <translation>申请表未保存</translation>
    </message>
</context>
<context>
    <name>FormFields</name>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Discard changes</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>继续编辑(&amp;K)</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>The application form</source>
        <translation>申请表</translation>
    </message>
    <message>
        <source>&amp;Generate preview</source>
        <translation>生成预览(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Generating the form; it is printed when ready…</source>
        <translation>正在生成申请表，生成后即开始打印…</translation>
    </message>
    <message>
        <source>Generating the form…</source>
        <translation>正在生成申请表…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s). Print it at 100% (no &quot;fit to page&quot;), sign it, then attach the scan.</source>
        <translation>
            <numerusform>共 %n 页。请按 100% 比例打印（不要选择“适合页面大小”），签字后再添加扫描件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The fix list has %n open item(s), so every page is marked &quot;预审未通过，草稿&quot; (pre-check not passed, draft). Fix the items, then print the copy you sign.</source>
        <translation>
            <numerusform>补正清单尚有 %n 项未完成，因此每页都标有“预审未通过，草稿”。请先完成补正，再打印需要签字的正式申请表。</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the form</source>
        <translation>保存申请表</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <source>Diagnostics copied to the clipboard.</source>
        <translation>诊断信息已复制到剪贴板。</translation>
    </message>
</context>
<context>
    <name>IdNumberRow</name>
    <message>
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the ID number</source>
        <translation>显示公民身份号码</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <source>This bundle was imported before and is already in the queue; nothing was changed.</source>
        <translation>此申请包此前已导入，已在审核队列中；未作任何更改。</translation>
    </message>
    <message>
        <source>Not imported: the import was cancelled before this file.</source>
        <translation>未导入：处理到此文件之前导入已取消。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be imported: swdesk does not accept this file. Ask the sender to export the application again.</source>
        <translation>“%1”无法导入：swdesk 不接受此文件。请发送方重新导出申请。</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>Imported: %1 · already imported: %2 · refused: %3</source>
        <translation>已导入：%1 · 此前已导入：%2 · 已拒绝：%3</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>保存报告(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation>保存导入报告</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>报告未保存</translation>
    </message>
</context>
<context>
    <name>ImportRun</name>
    <message>
        <source>Verifying and importing bundles…</source>
        <translation>正在校验并导入申请包…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>The import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>ItemProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation>%1 / %2：%3</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Assistant Social Worker</source>
        <translation>助理社会工作师</translation>
    </message>
    <message>
        <source>Social Worker</source>
        <translation>社会工作师</translation>
    </message>
    <message>
        <source>Senior Social Worker</source>
        <translation>高级社会工作师</translation>
    </message>
    <message>
        <source>First registration</source>
        <translation>首次登记</translation>
    </message>
    <message>
        <source>Re-registration</source>
        <translation>再登记</translation>
    </message>
    <message>
        <source>Training course</source>
        <translation>培训班</translation>
    </message>
    <message>
        <source>Lecture</source>
        <translation>讲座</translation>
    </message>
    <message>
        <source>Seminar or exchange</source>
        <translation>研讨交流</translation>
    </message>
    <message>
        <source>Social-work degree education</source>
        <translation>社会工作学历教育</translation>
    </message>
    <message>
        <source>Research, book or paper</source>
        <translation>课题研究、著作或论文</translation>
    </message>
    <message>
        <source>Association continuing education</source>
        <translation>行业协会继续教育</translation>
    </message>
    <message>
        <source>Designated online platform</source>
        <translation>指定网络学习平台</translation>
    </message>
    <message>
        <source>Professional values and ethics</source>
        <translation>专业价值观与伦理</translation>
    </message>
    <message>
        <source>Laws, regulations and policies</source>
        <translation>相关法律法规政策</translation>
    </message>
    <message>
        <source>Social-work theory and practice</source>
        <translation>社会工作理论与实务</translation>
    </message>
    <message>
        <source>Related knowledge and skills</source>
        <translation>相关领域知识与技能</translation>
    </message>
    <message>
        <source>Not registered</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Valid · re-registration window not yet open</source>
        <translation>有效（再登记申请期未到）</translation>
    </message>
    <message>
        <source>Re-registration window open</source>
        <translation>再登记申请期内</translation>
    </message>
    <message>
        <source>Expired · not re-registered</source>
        <translation>已逾期（未再登记）</translation>
    </message>
    <message>
        <source>Exported, not yet submitted</source>
        <translation>已导出，尚未提交</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Start preparing (reminder)</source>
        <translation>开始准备（提醒）</translation>
    </message>
    <message>
        <source>Re-registration window opens</source>
        <translation>再登记申请期开始</translation>
    </message>
    <message>
        <source>Registration expires</source>
        <translation>登记有效期届满</translation>
    </message>
    <message>
        <source>First registration due</source>
        <translation>首次登记截止日</translation>
    </message>
    <message>
        <source>Basis: no published rule found; swdesk assumes this, and the office may decide otherwise.</source>
        <translation>依据：未找到公开的规定；此为 swdesk 的假定，以登记机关的决定为准。</translation>
    </message>
    <message>
        <source>Basis: a setting of swdesk, not an official rule.</source>
        <translation>依据：swdesk 的设置，并非官方规定。</translation>
    </message>
    <message>
        <source>article number as a secondary source gives it</source>
        <translation>条款序号据二手资料</translation>
    </message>
    <message>
        <source>not checked against the official publication</source>
        <translation>未与官方发布文本核对</translation>
    </message>
    <message>
        <source>Basis: %(basis)s</source>
        <translation>依据：%(basis)s</translation>
    </message>
    <message>
        <source>Self-reported</source>
        <translation>自报</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>未核验</translation>
    </message>
    <message>
        <source>Entered by you; the office checks it against your evidence files.</source>
        <translation>由您本人填写；审核机关将对照您上传的证明材料审核。</translation>
    </message>
    <message>
        <source>Verified: the course details come from the attendance record signed by %1, a training provider on the province&apos;s trust list, and cannot be changed. Your reflections and evidence files can.</source>
        <translation>已核验：课程信息来自省级信任名单中的培训机构%1签名的学时记录，不可修改；学习收获和证明材料仍可编辑。</translation>
    </message>
    <message>
        <source>The course details come from the attendance record signed by %1, which the trust list in force no longer names: its hours count as self-reported. The course details cannot be changed.</source>
        <translation>课程信息来自%1签名的学时记录，但现行信任名单已不再列出该机构，其学时按自报计。课程信息不可修改。</translation>
    </message>
</context>
<context>
    <name>LiveQueue</name>
    <message>
        <source>Not reaching the office database; trying again…</source>
        <translation>暂时连不上单位数据库，正在重试…</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>&amp;Profile</source>
        <translation>档案(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Switch profile…</source>
        <translation>切换档案(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation>新建档案(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit profile…</source>
        <translation>编辑档案(&amp;E)…</translation>
    </message>
    <message>
        <source>Set or change &amp;PIN…</source>
        <translation>设置或修改密码(PIN)(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Delete profile…</source>
        <translation>删除档案(&amp;D)…</translation>
    </message>
    <message>
        <source>E&amp;xport reminders to calendar (.ics)…</source>
        <translation>导出提醒到日历（.ics）(&amp;X)…</translation>
    </message>
    <message>
        <source>Add the demo pr&amp;actitioners</source>
        <translation>添加演示用社会工作者(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;viewer mode…</source>
        <translation>审核模式(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Back up to…</source>
        <translation>备份到(&amp;B)…</translation>
    </message>
    <message>
        <source>Restore from a bac&amp;kup…</source>
        <translation>从备份恢复(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add training…</source>
        <translation>添加培训记录(&amp;A)…</translation>
    </message>
    <message>
        <source>A&amp;pply for registration…</source>
        <translation>申请登记(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Import signed attendance records…</source>
        <translation>导入培训机构签发的学时记录(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a review &amp;decision…</source>
        <translation>导入审核决定(&amp;D)…</translation>
    </message>
    <message>
        <source>Open the registration &amp;certificate</source>
        <translation>打开电子登记证书(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save the registration certificate as…</source>
        <translation>另存电子登记证书(&amp;S)…</translation>
    </message>
    <message>
        <source>Import the &amp;trust file of the province…</source>
        <translation>导入省民政厅的可信机关名单(&amp;T)…</translation>
    </message>
    <message>
        <source>Remove the trusted offices list…</source>
        <translation>移除可信机关名单…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>概览(&amp;D)</translation>
    </message>
    <message>
        <source>Continuing &amp;education log</source>
        <translation>继续教育记录(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation>复制诊断信息(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;About swdesk</source>
        <translation>关于 swdesk(&amp;A)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Read-only: the database failed its integrity check and was left untouched. Nothing can be saved. Restore a backup (Profile → Restore from a backup) to work again.</source>
        <translation>只读模式：数据库未通过完整性检查，已保持原样。当前不能保存任何内容。请通过“档案 → 从备份恢复”恢复备份后再继续使用。</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Social-work registration</source>
        <translation>社会工作者登记</translation>
    </message>
    <message>
        <source>There is no profile number %1.</source>
        <translation>没有编号为 %1 的档案。</translation>
    </message>
    <message>
        <source>The dashboard could not be updated</source>
        <translation>无法更新概览</translation>
    </message>
    <message>
        <source>Open your profile to import the decision %1.</source>
        <translation>请打开您的档案，以导入审核决定 %1。</translation>
    </message>
</context>
<context>
    <name>MaterialsActions</name>
    <message>
        <source>The file was not added</source>
        <translation>文件未添加</translation>
    </message>
</context>
<context>
    <name>MaterialsPage</name>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>未添加照片</translation>
    </message>
    <message>
        <source>Choose a recent ID &amp;photo…</source>
        <translation>选择近期免冠证件照(&amp;P)…</translation>
    </message>
    <message>
        <source>JPEG or PNG, plain background, at least %1×%2 pixels, at most %3 MB. Large photos are scaled down; swdesk re-encodes the photo and removes hidden data such as location.</source>
        <translation>JPEG 或 PNG 格式，纯色背景，至少 %1×%2 像素，不超过 %3 MB。较大的照片会自动缩小；swdesk 会对照片重新编码，并清除其中的位置等隐藏信息。</translation>
    </message>
    <message>
        <source>Attached materials</source>
        <translation>已添加的材料</translation>
    </message>
    <message>
        <source>Other materials:</source>
        <translation>其他材料：</translation>
    </message>
    <message>
        <source>Add proof of &amp;identity change…</source>
        <translation>添加身份信息变更证明(&amp;I)…</translation>
    </message>
    <message>
        <source>Add &amp;other material…</source>
        <translation>添加其他材料(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Written explanation of the late application (情况说明):</source>
        <translation>逾期再登记情况说明(&amp;W)：</translation>
    </message>
    <message>
        <source>Written explanation</source>
        <translation>情况说明</translation>
    </message>
    <message>
        <source>Proof of identity change</source>
        <translation>身份信息变更证明</translation>
    </message>
    <message>
        <source>Late explanation (scan)</source>
        <translation>逾期情况说明（扫描件）</translation>
    </message>
    <message>
        <source>Other material</source>
        <translation>其他材料</translation>
    </message>
    <message>
        <source>Checking and scaling &quot;%1&quot;…</source>
        <translation>正在检查并缩放“%1”…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>PDF or image (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>PDF 或图片 (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Choose a recent ID photo</source>
        <translation>选择近期免冠证件照</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>This field is required.</source>
        <translation>此项为必填项。</translation>
    </message>
    <message>
        <source>Too long: at most %(max)s characters.</source>
        <translation>内容过长：最多 %(max)s 个字符。</translation>
    </message>
    <message>
        <source>Too short: at least %(min)s characters.</source>
        <translation>内容过短：至少 %(min)s 个字符。</translation>
    </message>
    <message>
        <source>Use Chinese characters or letters only (a middle dot · is allowed).</source>
        <translation>只能使用汉字或字母（可使用间隔号“·”）。</translation>
    </message>
    <message>
        <source>A name has 2 to 30 characters.</source>
        <translation>姓名应为 2 至 30 个字符。</translation>
    </message>
    <message>
        <source>An ID number has 18 characters: 17 digits, then a digit or X.</source>
        <translation>公民身份号码为 18 位：前 17 位为数字，最后一位为数字或 X。</translation>
    </message>
    <message>
        <source>The check digit does not match: please check every digit again.</source>
        <translation>校验码不符，请逐位核对。</translation>
    </message>
    <message>
        <source>The date of birth inside the ID number is not a real date.</source>
        <translation>公民身份号码中的出生日期不是有效日期。</translation>
    </message>
    <message>
        <source>The ID number says a different date of birth than the one entered.</source>
        <translation>公民身份号码中的出生日期与填写的出生日期不一致。</translation>
    </message>
    <message>
        <source>The ID number says a different gender than the one entered.</source>
        <translation>公民身份号码反映的性别与填写的性别不一致。</translation>
    </message>
    <message>
        <source>The date of birth inside the ID number lies in the future.</source>
        <translation>公民身份号码中的出生日期晚于今天。</translation>
    </message>
    <message>
        <source>A unified social credit code has 18 characters (digits and capital letters except I, O, S, V, Z).</source>
        <translation>统一社会信用代码为 18 位（数字或大写字母，不含 I、O、S、V、Z）。</translation>
    </message>
    <message>
        <source>The last character of the credit code does not match: check it again.</source>
        <translation>统一社会信用代码的最后一位（校验码）不符，请再次核对。</translation>
    </message>
    <message>
        <source>Enter a mobile number (11 digits starting with 1) or a landline with area code, e.g. 0933-8212345.</source>
        <translation>请输入手机号码（以 1 开头的 11 位数字）或带区号的固定电话，如 0933-8212345。</translation>
    </message>
    <message>
        <source>The date of birth gives an age outside 16 to 100.</source>
        <translation>按此出生日期计算，年龄不在 16 至 100 岁之间。</translation>
    </message>
    <message>
        <source>The date of birth lies in the future.</source>
        <translation>出生日期晚于今天。</translation>
    </message>
    <message>
        <source>Years in social work must be between 0 and %(max)s.</source>
        <translation>从事社会工作年限应在 0 至 %(max)s 年之间。</translation>
    </message>
    <message>
        <source>Enter the county&apos;s 6-digit area code, e.g. 620802.</source>
        <translation>请输入所在县（区）的 6 位行政区划代码，如 620802。</translation>
    </message>
    <message>
        <source>Evidence must be a PDF, JPEG or PNG file.</source>
        <translation>证明材料须为 PDF、JPEG 或 PNG 文件。</translation>
    </message>
    <message>
        <source>An evidence file is larger than the rules of your province allow.</source>
        <translation>有证明材料文件超出了本省规定允许的大小。</translation>
    </message>
    <message>
        <source>Choose a county or district of the province whose rules apply to you.</source>
        <translation>请选择适用规定所属省份内的县（区）。</translation>
    </message>
    <message>
        <source>Enter the number as printed on the registration certificate, at most %(max)s characters: it contains a character that cannot be printed.</source>
        <translation>请按登记证书上印的编号填写，最多 %(max)s 个字符：其中有无法打印的字符。</translation>
    </message>
    <message>
        <source>This date is not plausible: use a year from %(min_year)s to %(max_year)s.</source>
        <translation>此日期不合理：请使用 %(min_year)s 年至 %(max_year)s 年之间的年份。</translation>
    </message>
    <message>
        <source>This comes from the attendance record signed by %(provider)s and cannot be changed.</source>
        <translation>此项来自%(provider)s签名的学时记录，不可修改。</translation>
    </message>
    <message>
        <source>%(hours)s hours in one day is more than the %(max_hours)s hours the rules allow for one day.</source>
        <translation>1 天内计 %(hours)s 学时，超过了规定允许的每天上限 %(max_hours)s 学时。</translation>
    </message>
    <message>
        <source>%(hours)s hours in %(days)s days is more than the %(max_hours)s hours the rules allow for these dates.</source>
        <translation>%(days)s 天内计 %(hours)s 学时，超过了规定对该时间段允许的上限 %(max_hours)s 学时。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is not a JPEG or PNG photo that can be opened.</source>
        <translation>“%(file)s”不是可以打开的 JPEG 或 PNG 照片。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is not a JPEG or PNG photo that can be opened (it may be damaged or in another format). Save the photo as JPEG and choose it again.</source>
        <translation>“%(file)s”不是可以打开的 JPEG 或 PNG 照片（文件可能已损坏或为其他格式）。请将照片另存为 JPEG 后重新选择。</translation>
    </message>
    <message>
        <source>The photo &quot;%(file)s&quot; has %(width)s×%(height)s pixels; a photo needs at least %(min_width)s×%(min_height)s. Choose a larger photo.</source>
        <translation>照片“%(file)s”只有 %(width)s×%(height)s 像素，至少需要 %(min_width)s×%(min_height)s 像素。请选择更大的照片。</translation>
    </message>
    <message>
        <source>The photo &quot;%(file)s&quot; is larger than %(max_mb)s MB, the most swdesk reads. Choose a smaller copy of it.</source>
        <translation>照片“%(file)s”超过 %(max_mb)s MB，超出 swdesk 可读取的上限。请选择较小的副本。</translation>
    </message>
    <message>
        <source>The photo &quot;%(file)s&quot; has %(width)s×%(height)s pixels; swdesk opens a photo of this kind up to %(max_megapixels)s megapixels. Save a smaller copy (e.g. 3000×4000 pixels) and choose it.</source>
        <translation>照片“%(file)s”有 %(width)s×%(height)s 像素，swdesk 最多可打开 %(max_megapixels)s 百万像素的此类照片。请另存一份较小的副本（例如 3000×4000 像素）后再选择。</translation>
    </message>
    <message>
        <source>This value cannot be used. Check it and try again.</source>
        <translation>此项内容无法使用，请检查后重试。</translation>
    </message>
    <message>
        <source>The file &quot;%(file)s&quot; cannot be read. Check that it exists and that you may open it, then try again.</source>
        <translation>无法读取文件“%(file)s”。请确认该文件存在且您有权打开，然后重试。</translation>
    </message>
    <message>
        <source>The file &quot;%(file)s&quot; is larger than %(max_mb)s MB. Scan it at a lower resolution or split it, then add it again.</source>
        <translation>文件“%(file)s”超过 %(max_mb)s MB。请降低分辨率重新扫描或拆分文件，然后重新添加。</translation>
    </message>
    <message>
        <source>The file &quot;%(file)s&quot; is empty.</source>
        <translation>文件“%(file)s”为空。</translation>
    </message>
    <message>
        <source>The file &quot;%(file)s&quot; is not a PDF, JPEG or PNG file. Save or scan the proof in one of these formats.</source>
        <translation>文件“%(file)s”不是 PDF、JPEG 或 PNG 文件。请将证明材料保存或扫描为上述格式之一。</translation>
    </message>
    <message>
        <source>swdesk cannot write to &quot;%(path)s&quot;. Choose a folder you may write to.</source>
        <translation>swdesk 无法写入“%(path)s”。请选择您有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Too many wrong PINs in a row. Try again in %(seconds)s seconds.</source>
        <translation>PIN 连续错误次数过多，请 %(seconds)s 秒后再试。</translation>
    </message>
    <message>
        <source>The encrypted file &quot;%(file)s&quot; could not be opened: it was changed or damaged. Restore a backup.</source>
        <translation>加密文件“%(file)s”无法打开：文件已被改动或损坏。请恢复备份。</translation>
    </message>
    <message>
        <source>The database &quot;%(path)s&quot; is damaged and was left untouched. Restore a backup or ask your IT support for help.</source>
        <translation>数据库“%(path)s”已损坏，swdesk 未对其做任何改动。请从备份中恢复，或向信息技术人员求助。</translation>
    </message>
    <message>
        <source>The database &quot;%(path)s&quot; was written by a newer version of swdesk. Install the newer version; the file was left untouched.</source>
        <translation>数据库“%(path)s”由更高版本的 swdesk 写入。请安装更高版本；该文件未做任何改动。</translation>
    </message>
    <message>
        <source>The database &quot;%(path)s&quot; is locked by another program. Close it and start swdesk again.</source>
        <translation>数据库“%(path)s”已被其他程序锁定。请关闭该程序，然后重新启动 swdesk。</translation>
    </message>
    <message>
        <source>&quot;%(url)s&quot; is not the address of a database server. Write it as postgresql://server/database, for example postgresql://192.168.1.20/review.</source>
        <translation>“%(url)s”不是数据库服务器的地址。请写成 postgresql://服务器/数据库，例如 postgresql://192.168.1.20/review。</translation>
    </message>
    <message>
        <source>The database server %(server)s cannot be reached. Check that the server is running and this computer is on the office network, then try again.</source>
        <translation>无法连接数据库服务器 %(server)s。请确认服务器已开启、本机已接入单位内网，然后重试。</translation>
    </message>
    <message>
        <source>The database server %(server)s refused the user name or password. Check them with the office&apos;s administrator.</source>
        <translation>数据库服务器 %(server)s 拒绝了该用户名或密码。请向本单位的管理员核对。</translation>
    </message>
    <message>
        <source>The database server %(server)s asks for a password, and none was given.</source>
        <translation>数据库服务器 %(server)s 需要密码，但未提供密码。</translation>
    </message>
    <message>
        <source>The database server has no database %(server)s. Check the address, or ask the administrator to create the database.</source>
        <translation>数据库服务器上没有数据库 %(server)s。请核对地址，或请管理员先建立该数据库。</translation>
    </message>
    <message>
        <source>The disk of the database server %(server)s is full. Nothing was saved; ask the administrator to free space.</source>
        <translation>数据库服务器 %(server)s 的磁盘已满，本次未保存任何内容。请管理员腾出空间。</translation>
    </message>
    <message>
        <source>The database %(server)s can only be read (a standby server). Connect to the main server to make changes.</source>
        <translation>数据库 %(server)s 只能读取（备用服务器）。如需修改，请连接主服务器。</translation>
    </message>
    <message>
        <source>The database user may not change the database %(server)s. Ask the administrator for the rights swdesk needs.</source>
        <translation>该数据库用户无权修改数据库 %(server)s。请管理员授予 swdesk 所需的权限。</translation>
    </message>
    <message>
        <source>This swdesk cannot reach database servers (its PostgreSQL support is not installed), so it cannot open %(server)s.</source>
        <translation>此版本的 swdesk 无法连接数据库服务器（未安装 PostgreSQL 支持），因此无法打开 %(server)s。</translation>
    </message>
    <message>
        <source>No review office is set up in the database %(server)s yet. Set the office up there first, or check the address.</source>
        <translation>数据库 %(server)s 中尚未设立审核机构。请先在该数据库中设立机构，或检查地址。</translation>
    </message>
    <message>
        <source>A review office is already set up in the database %(server)s. Open it instead.</source>
        <translation>数据库 %(server)s 中已设立审核机构，请直接打开它。</translation>
    </message>
    <message>
        <source>The office cannot be moved to %(target)s: it already holds data. Move it to a new, empty database or folder.</source>
        <translation>无法把本单位的数据迁移到 %(target)s：那里已有数据。请迁移到一个新的空数据库或空文件夹。</translation>
    </message>
    <message>
        <source>The office in %(source)s is not ready to be moved. Open it once in this swdesk, close it, then move it again.</source>
        <translation>%(source)s 中的单位数据尚不能迁移。请先用本版 swdesk 打开一次并关闭，然后再迁移。</translation>
    </message>
    <message>
        <source>The copy of the office did not pass its check (%(reason)s), so nothing was kept at %(target)s. Check the office with &quot;swdesk review verify&quot;, then try again.</source>
        <translation>迁移后的副本未通过核验（%(reason)s），%(target)s 中没有保留任何数据。请用“swdesk review verify”检查本单位数据后重试。</translation>
    </message>
    <message>
        <source>swdesk is already open on this data folder (&quot;%(path)s&quot;). Switch to that window, or close it first.</source>
        <translation>swdesk 已在使用此数据文件夹（“%(path)s”）。请切换到该窗口，或先将其关闭。</translation>
    </message>
    <message>
        <source>The file with the registration rules of your province (&quot;%(file)s&quot;) is damaged, so swdesk cannot check your hours. Install swdesk again.</source>
        <translation>本省注册规定文件（“%(file)s”）已损坏，swdesk 无法核对您的学时。请重新安装 swdesk。</translation>
    </message>
    <message>
        <source>This version of swdesk has no registration rules for &quot;%(pack)s&quot;. Choose the rules that apply to you in your profile, or install the newest swdesk.</source>
        <translation>此版本的 swdesk 没有“%(pack)s”的注册规定。请在档案中选择适用于您的规定，或安装最新版 swdesk。</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; cannot be read. Check the USB stick or copy the file again.</source>
        <translation>无法读取申请包“%(file)s”。请检查U盘，或重新复制该文件。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is not a swdesk application bundle.</source>
        <translation>“%(file)s”不是 swdesk 申请包。</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; has a damaged list of contents (manifest.json): %(reason)s</source>
        <translation>申请包“%(file)s”的内容清单（manifest.json）已损坏：%(reason)s</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; was made by a newer swdesk. Install the newer version to open it.</source>
        <translation>申请包“%(file)s”由更高版本的 swdesk 生成。请安装更高版本后再打开。</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; is incomplete: &quot;%(member)s&quot; is missing.</source>
        <translation>申请包“%(file)s”不完整：缺少“%(member)s”。</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; contains &quot;%(member)s&quot;, which its list of contents does not mention: it was changed after export.</source>
        <translation>申请包“%(file)s”中含有内容清单未列出的“%(member)s”：申请包在导出后被改动过。</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; contains &quot;%(member)s&quot; twice.</source>
        <translation>申请包“%(file)s”中“%(member)s”出现了两次。</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; contains a file with an unsafe name (&quot;%(member)s&quot;) and was refused.</source>
        <translation>申请包“%(file)s”中含有名称不安全的文件（“%(member)s”），已拒绝打开。</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; was repacked by another program (&quot;%(member)s&quot; is compressed, encrypted or a link).</source>
        <translation>申请包“%(file)s”已被其他程序重新打包（“%(member)s”经过压缩、加密或是链接）。</translation>
    </message>
    <message>
        <source>In the bundle &quot;%(file)s&quot;, &quot;%(member)s&quot; has the wrong size: the file was changed or damaged.</source>
        <translation>申请包“%(file)s”中“%(member)s”的大小不符：该文件已被改动或损坏。</translation>
    </message>
    <message>
        <source>In the bundle &quot;%(file)s&quot;, &quot;%(member)s&quot; was changed or damaged (its SHA-256 does not match).</source>
        <translation>申请包“%(file)s”中的“%(member)s”已被改动或损坏（SHA-256 校验值不符）。</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; is larger than swdesk accepts.</source>
        <translation>申请包“%(file)s”超出 swdesk 允许的大小。</translation>
    </message>
    <message>
        <source>In the bundle &quot;%(file)s&quot;, &quot;%(member)s&quot; is not what its name says (its content is not a %(expected)s file); the bundle was refused.</source>
        <translation>申请包“%(file)s”中的“%(member)s”与其名称不符（内容不是 %(expected)s 文件），已拒收该申请包。</translation>
    </message>
    <message>
        <source>In the bundle &quot;%(file)s&quot;, the PDF &quot;%(member)s&quot; would take far too much memory or time to read (%(reason)s); it was not opened.</source>
        <translation>申请包“%(file)s”中的 PDF“%(member)s”读取时会占用过多内存或时间（%(reason)s），未打开。</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; contains too many files and was refused.</source>
        <translation>申请包“%(file)s”包含的文件过多，已拒绝打开。</translation>
    </message>
    <message>
        <source>The application data in &quot;%(file)s&quot; is not valid: %(reason)s</source>
        <translation>“%(file)s”中的申请数据无效：%(reason)s</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; does not match its content digest: it was changed after export.</source>
        <translation>申请包“%(file)s”与其内容摘要不符：申请包在导出后被改动过。</translation>
    </message>
    <message>
        <source>The bundle &quot;%(file)s&quot; was changed after export (its bytes differ from what swdesk wrote).</source>
        <translation>申请包“%(file)s”在导出后被改动过（其字节内容与 swdesk 写入时不同）。</translation>
    </message>
    <message>
        <source>The application cannot be exported yet: one item of the fix list is open.</source>
        <translation>申请暂时无法导出：补正清单中还有 1 项未完成。</translation>
    </message>
    <message>
        <source>The application cannot be exported yet: %(count)s items of the fix list are open.</source>
        <translation>申请暂时无法导出：补正清单中还有 %(count)s 项未完成。</translation>
    </message>
    <message>
        <source>The file &quot;%(file)s&quot; changed while the bundle was written. Try again.</source>
        <translation>写入申请包期间，文件“%(file)s”发生了变化。请重试。</translation>
    </message>
    <message>
        <source>This application was exported and the office may already have it, so it cannot be discarded. To withdraw it, tell the office; to change it, edit it and export the new version.</source>
        <translation>此申请已导出，审核机关可能已经收到，因此不能放弃。如需撤回，请告知审核机关；如需修改，请修改后导出新版本。</translation>
    </message>
    <message>
        <source>The photo &quot;%(file)s&quot; is too small (%(width)s×%(height)s pixels); it needs at least %(min_width)s×%(min_height)s.</source>
        <translation>照片“%(file)s”尺寸过小（%(width)s×%(height)s 像素），至少需要 %(min_width)s×%(min_height)s 像素。</translation>
    </message>
    <message>
        <source>The photo &quot;%(file)s&quot; is larger than %(max_mb)s MB.</source>
        <translation>照片“%(file)s”超过 %(max_mb)s MB。</translation>
    </message>
    <message>
        <source>The photo &quot;%(file)s&quot; has far too many pixels to be a photo; it was not opened.</source>
        <translation>照片“%(file)s”的像素数量远超正常照片，未予打开。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; was issued by %(provider)s, a training provider the province&apos;s trust list in force does not name, so its signature cannot be checked. Import the province&apos;s newer trust list (Records menu), then import the record again.</source>
        <translation>“%(file)s”由%(provider)s签发，该培训机构不在现行的省级信任名单中，无法核验其签名。请先导入省民政厅的最新名单（“记录”菜单），再重新导入此记录。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; was issued to another person (%(name)s), not to the holder of this profile&apos;s ID number. It was not added.</source>
        <translation>“%(file)s”签发给了其他人（%(name)s），而不是本档案身份证号码的持有人，未予添加。</translation>
    </message>
    <message>
        <source>The attendance record &quot;%(file)s&quot; (%(title)s) is already in the training log; it was not added again.</source>
        <translation>学时记录“%(file)s”（%(title)s）已在继续教育记录中，未重复添加。</translation>
    </message>
    <message>
        <source>The folder &quot;%(file)s&quot; holds %(count)s files; choose at most %(max)s at a time.</source>
        <translation>文件夹“%(file)s”中有 %(count)s 个文件，每次最多选择 %(max)s 个。</translation>
    </message>
    <message>
        <source>The account &quot;%(user)s&quot; is disabled. Ask the office head to enable a new account for you.</source>
        <translation>账户“%(user)s”已停用。请负责人为您开设新账户。</translation>
    </message>
    <message>
        <source>Only the office head may do this (signing and exporting decisions, trust lists, retention and staff). You are signed in as %(user)s, a reviewer.</source>
        <translation>只有负责人可以执行此操作（签发和导出决定、信任列表、保存期限和人员管理）。您以审核员 %(user)s 的身份登录。</translation>
    </message>
    <message>
        <source>Your sign-in does not hold the office key, which signing needs. Sign in with the office password, or ask a head with the key to give you a copy.</source>
        <translation>您的登录不持有签发所需的机构密钥。请使用机构密码登录，或请持有密钥的负责人为您提供副本。</translation>
    </message>
    <message>
        <source>A decision by %(decided_by)s already awaits the head&apos;s signature for this application. The head signs it or sends it back first.</source>
        <translation>此申请已有 %(decided_by)s 作出的决定等待负责人签发。请负责人先签发或退回。</translation>
    </message>
    <message>
        <source>No decision awaits a signature for this application.</source>
        <translation>此申请没有等待签发的决定。</translation>
    </message>
    <message>
        <source>User name &quot;%(username)s&quot; is not allowed: use 2 to %(max)s lower-case letters, digits, dots, dashes or underscores, starting with a letter.</source>
        <translation>用户名“%(username)s”不可用：请使用 2 至 %(max)s 个小写字母、数字、点、连字符或下划线，并以字母开头。</translation>
    </message>
    <message>
        <source>The user name &quot;%(username)s&quot; is already taken: choose another.</source>
        <translation>用户名“%(username)s”已被占用，请另选一个。</translation>
    </message>
    <message>
        <source>There is no account &quot;%(username)s&quot;.</source>
        <translation>没有账户“%(username)s”。</translation>
    </message>
    <message>
        <source>Name: use at most %(max)s characters, without control characters.</source>
        <translation>姓名：最多 %(max)s 个字符，不得含控制字符。</translation>
    </message>
    <message>
        <source>Unknown role &quot;%(role)s&quot;: use head or reviewer.</source>
        <translation>未知角色“%(role)s”：请使用负责人或审核员。</translation>
    </message>
    <message>
        <source>&quot;%(username)s&quot; is the last active office head and cannot be disabled: add another head first.</source>
        <translation>“%(username)s”是最后一位在用的负责人，不能停用：请先添加另一位负责人。</translation>
    </message>
    <message>
        <source>This office has no active head. Restore a backup of the reviewer folder.</source>
        <translation>本机构没有在用的负责人。请恢复审核文件夹的备份。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is not a valid office key file: %(reason)s</source>
        <translation>“%(file)s”不是有效的审核机关公钥文件：%(reason)s</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is not a valid trust file: %(reason)s</source>
        <translation>“%(file)s”不是有效的可信机关名单：%(reason)s</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is not a valid training provider key file: %(reason)s</source>
        <translation>“%(file)s”不是有效的培训机构密钥文件：%(reason)s</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is not a valid attendance record: %(reason)s. Ask the training provider for the file again.</source>
        <translation>“%(file)s”不是有效的学时记录：%(reason)s。请向培训机构重新索取该文件。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is far larger than an attendance record can be, so it was not read.</source>
        <translation>“%(file)s”远大于学时记录应有的大小，未予读取。</translation>
    </message>
    <message>
        <source>This data folder already has a training provider with its signing key. Records it signed stay valid only with that key, so it is not replaced.</source>
        <translation>此数据文件夹已有培训机构及其签名密钥。该机构签发的记录只能用这把密钥验证，因此不予替换。</translation>
    </message>
    <message>
        <source>This data folder has no training provider yet. Set one up first.</source>
        <translation>此数据文件夹尚未设置培训机构，请先设置。</translation>
    </message>
    <message>
        <source>The provider&apos;s name is empty, longer than %(max)s characters or holds invisible characters.</source>
        <translation>机构名称为空、超过 %(max)s 个字符，或含有不可见字符。</translation>
    </message>
    <message>
        <source>The unified social credit code is not valid (%(reason)s). Copy it from the organisation&apos;s business licence.</source>
        <translation>统一社会信用代码无效（%(reason)s）。请按营业执照或登记证书抄写。</translation>
    </message>
    <message>
        <source>The course details are not valid (%(field)s: %(reason)s).</source>
        <translation>课程信息无效（%(field)s：%(reason)s）。</translation>
    </message>
    <message>
        <source>Row %(row)s of the roster &quot;%(file)s&quot; is not valid (%(field)s: %(reason)s). No record was issued; correct the row and issue again.</source>
        <translation>花名册“%(file)s”第 %(row)s 行无效（%(field)s：%(reason)s）。未签发任何记录；请更正该行后重新签发。</translation>
    </message>
    <message>
        <source>The roster &quot;%(file)s&quot; cannot be read as an Excel workbook (.xlsx): %(reason)s.</source>
        <translation>花名册“%(file)s”无法作为 Excel 工作簿（.xlsx）读取：%(reason)s。</translation>
    </message>
    <message>
        <source>The folder &quot;%(path)s&quot; already holds files. Choose a new or empty folder for the records.</source>
        <translation>文件夹“%(path)s”中已有文件。请为学时记录选择一个新的或空的文件夹。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; was not signed by the training provider it names. It was not used.</source>
        <translation>“%(file)s”并非由其所写的培训机构签名，未予采用。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is not a valid decision file: %(reason)s</source>
        <translation>“%(file)s”不是有效的决定文件：%(reason)s</translation>
    </message>
    <message>
        <source>The signature of &quot;%(file)s&quot; does not match: the file was altered and was not used.</source>
        <translation>“%(file)s”的签名不符：该文件已被改动，未予采用。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; was signed by an office that is not in the trusted list. Import the province&apos;s current trust file first.</source>
        <translation>“%(file)s”的签名机关不在可信机关名单中。请先导入省民政厅发布的最新可信机关名单。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; was signed by an office that may not decide at this review stage.</source>
        <translation>“%(file)s”的签名机关无权在此审核阶段作出决定。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is older than the trust list already imported.</source>
        <translation>“%(file)s”的版本早于已导入的可信机关名单。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; was issued with a different province key. Check the new fingerprint with the province by phone before importing it.</source>
        <translation>“%(file)s”是用另一个省民政厅密钥签发的。导入前，请先致电省民政厅核对新的指纹。</translation>
    </message>
    <message>
        <source>The fingerprint given does not match the one of &quot;%(file)s&quot; (%(fingerprint)s). Nothing was imported.</source>
        <translation>输入的指纹与“%(file)s”的指纹（%(fingerprint)s）不一致，未导入任何内容。</translation>
    </message>
    <message>
        <source>The trust list was not confirmed (fingerprint %(fingerprint)s). Nothing was changed.</source>
        <translation>可信机关名单未经确认（指纹 %(fingerprint)s），未作任何更改。</translation>
    </message>
    <message>
        <source>There is no profile with the number %(profile)s in this data folder.</source>
        <translation>此数据文件夹中没有编号为 %(profile)s 的档案。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; does not end in %(expected)s: choose a file name with that extension.</source>
        <translation>“%(file)s”的扩展名不是 %(expected)s：请选择以该扩展名结尾的文件名。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; decides on an application that was not exported from this computer.</source>
        <translation>“%(file)s”所针对的申请不是从本机导出的。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; judged a different bundle than the one you exported for this application.</source>
        <translation>“%(file)s”审核的申请包与您为此申请导出的申请包不同。</translation>
    </message>
    <message>
        <source>The decision &quot;%(file)s&quot; has already been imported.</source>
        <translation>决定文件“%(file)s”此前已导入。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is older than a decision already imported for this application.</source>
        <translation>“%(file)s”早于此申请已导入的决定。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; does not fit the office&apos;s sequence of decisions; it may be forged. Contact the review office.</source>
        <translation>“%(file)s”与该审核机关的决定顺序不符，可能系伪造。请联系审核机关。</translation>
    </message>
    <message>
        <source>%(claimed_by)s is working on this application. Take it over to decide it anyway.</source>
        <translation>%(claimed_by)s 正在审核此申请。如仍要作出决定，请先接手。</translation>
    </message>
    <message>
        <source>This application changed since you opened it: reopen it to see what changed.</source>
        <translation>打开此申请后它已被他人更改：请重新打开，查看更改内容。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; carries a decision that was already used (replayed).</source>
        <translation>“%(file)s”所含的决定此前已被使用过（重放）。</translation>
    </message>
    <message>
        <source>In &quot;%(file)s&quot;, the first-level decision does not judge the bundle it came with.</source>
        <translation>“%(file)s”中的初审决定与随附的申请包不对应。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is not a forward package written by swdesk: %(reason)s</source>
        <translation>“%(file)s”不是 swdesk 生成的转报包：%(reason)s</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is a forward package for the province; this office does the first review and imports application bundles (.swdapp).</source>
        <translation>“%(file)s”是报送省民政厅的转报包；本机关负责初审，应导入申请包（.swdapp）。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; has no first-level decision: the province imports forward packages (.swdfwd) from the city or county offices.</source>
        <translation>“%(file)s”不含初审决定：省民政厅应导入市、县（区）民政局报送的转报包（.swdfwd）。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; does not list this office; ask the province for the current trust file.</source>
        <translation>“%(file)s”中未列入本机关；请向省民政厅索取最新的可信机关名单。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is older than the trust list already in force.</source>
        <translation>“%(file)s”的版本早于当前生效的可信机关名单。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; is not a swdesk backup that can be restored (%(reason)s). Nothing was changed.</source>
        <translation>“%(file)s”不是可以恢复的 swdesk 备份（%(reason)s）。未作任何改动。</translation>
    </message>
    <message>
        <source>The backup &quot;%(file)s&quot; is damaged (%(member)s). If it was just written, the USB stick may be faulty: try another one.</source>
        <translation>备份“%(file)s”已损坏（%(member)s）。如果刚刚写入，可能是 U 盘有故障，请换一个再试。</translation>
    </message>
    <message>
        <source>A file called &quot;%(file)s&quot; is already there. Choose another name or folder.</source>
        <translation>已存在名为“%(file)s”的文件。请换一个文件名或文件夹。</translation>
    </message>
    <message>
        <source>The folder &quot;%(path)s&quot; no longer exists (was the USB stick removed?). Choose a folder that exists, then try again.</source>
        <translation>文件夹“%(path)s”已不存在（U 盘是否已拔出？）。请选择一个存在的文件夹，然后重试。</translation>
    </message>
    <message>
        <source>swdesk cannot write to the reviewer folder &quot;%(folder)s&quot; (it is read-only). Nothing was changed.</source>
        <translation>swdesk 无法写入审核文件夹“%(folder)s”（只读）。未做任何更改。</translation>
    </message>
    <message>
        <source>&quot;%(file)s&quot; could not be imported: swdesk met a problem it did not expect while checking it (written to the log). The other files were imported or refused on their own.</source>
        <translation>“%(file)s”未能导入：swdesk 在检查该文件时遇到意外问题（已写入日志）。其他文件各自已导入或被拒绝。</translation>
    </message>
    <message>
        <source>The disk of the reviewer folder &quot;%(folder)s&quot; reported an error. Check the disk; nothing was changed.</source>
        <translation>审核文件夹“%(folder)s”所在磁盘报告了错误。请检查磁盘；未做任何更改。</translation>
    </message>
    <message>
        <source>The reviewer database in &quot;%(folder)s&quot; is damaged and was left untouched. Restore a backup of the reviewer folder.</source>
        <translation>“%(folder)s”中的审核数据库已损坏，未做任何改动。请恢复审核文件夹的备份。</translation>
    </message>
    <message>
        <source>The reviewer database in &quot;%(path)s&quot; is missing, although the folder holds stored applications or backups. Restore a backup of the reviewer folder; nothing was changed.</source>
        <translation>“%(path)s”中的审核数据库缺失，但该文件夹中仍有已存储的申请或备份。请恢复审核文件夹的备份；未做任何更改。</translation>
    </message>
    <message>
        <source>&quot;%(path)s&quot; holds stored applications or backups of an earlier review office, but no usable database. Restore that database first, or move the old files aside to set up a new office.</source>
        <translation>“%(path)s”中有以前审核机构存储的申请或备份，但没有可用的数据库。请先恢复该数据库，或将旧文件移到别处后再设置新的审核机构。</translation>
    </message>
    <message>
        <source>This could not be done. Nothing was changed; please try again, and report it if it happens again.</source>
        <translation>操作未能完成，未做任何更改。请重试；如再次出现，请报告此问题。</translation>
    </message>
    <message>
        <source>First registration is due by %1: today is the last day.</source>
        <translation>首次登记须在 %1 前办理：今天是最后一天。</translation>
    </message>
    <message>
        <source>Apply for first registration by %(deadline)s, then record it in your profile.</source>
        <translation>请在 %(deadline)s 前申请首次登记，登记后在个人资料中记录。</translation>
    </message>
    <message>
        <source>Apply for first registration now: the one-year period ended on %(deadline)s. Then record it in your profile.</source>
        <translation>请立即申请首次登记：一年的受理期限已于 %(deadline)s 届满。登记后在个人资料中记录。</translation>
    </message>
    <message>
        <source>Note: %(counted)s of %(required)s hours; the office may ask for %(needed)s more. The %(required)s hours are an assumption, not a published rule, so this does not hold back the export.</source>
        <translation>提示：已有 %(counted)s 学时，要求 %(required)s 学时；登记机关可能要求再补 %(needed)s 学时。%(required)s 学时是假定，并非公开规定，因此不影响导出。</translation>
    </message>
    <message>
        <source>&quot;%(title)s&quot; has no evidence file.</source>
        <translation>“%(title)s”没有证明材料。</translation>
    </message>
    <message>
        <source>The evidence file &quot;%(file)s&quot; of &quot;%(title)s&quot; is no longer in the data folder; attach it again.</source>
        <translation>“%(title)s”的证明材料“%(file)s”已不在数据文件夹中，请重新添加。</translation>
    </message>
    <message>
        <source>Note: the registration has expired; offices usually ask for a written explanation (情况说明). This does not hold back the export.</source>
        <translation>提示：登记已过期；登记机关通常要求提交书面情况说明。此项不影响导出。</translation>
    </message>
    <message>
        <source>The material &quot;%(file)s&quot; is no longer in the data folder; attach it again.</source>
        <translation>材料“%(file)s”已不在数据文件夹中，请重新添加。</translation>
    </message>
    <message>
        <source>The number of the registration certificate ending on %(valid_to)s (登记证书编号) is not recorded: enter it from the certificate, or the office looks it up.</source>
        <translation>有效期至 %(valid_to)s 的登记证书的编号（登记证书编号）尚未填写：请按证书填写，也可留待登记机关查询。</translation>
    </message>
    <message>
        <source>%(field)s: no font swdesk ships can draw %(chars)s, so the printed form shows an empty box there. Write it in by hand on the printed form.</source>
        <translation>%(field)s：swdesk 附带的字体中没有 %(chars)s，打印出的申请表在该处只显示一个空框，请在纸质表上手写补齐。</translation>
    </message>
    <message>
        <source>&quot;%(activity)s&quot;, %(field)s: no font swdesk ships can draw %(chars)s, so the printed form shows an empty box there. Write it in by hand on the printed form.</source>
        <translation>“%(activity)s”的%(field)s：swdesk 附带的字体中没有 %(chars)s，打印出的申请表在该处只显示一个空框，请在纸质表上手写补齐。</translation>
    </message>
    <message>
        <source>Something in the application still needs fixing.</source>
        <translation>申请中还有需要补正的内容。</translation>
    </message>
    <message>
        <source>Use letters, digits and hyphens only, at most 40 characters.</source>
        <translation>只能使用字母、数字和连字符，最多 40 个字符。</translation>
    </message>
    <message>
        <source>This date lies in the future.</source>
        <translation>该日期晚于今天。</translation>
    </message>
    <message>
        <source>This date is before the holder&apos;s 18th birthday.</source>
        <translation>该日期早于持证人年满 18 周岁之日。</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The end of the registration is before its start.</source>
        <translation>登记有效期截止日期早于起始日期。</translation>
    </message>
    <message>
        <source>Enter hours as a number, e.g. 8 or 7.5.</source>
        <translation>学时请填写数字，如 8 或 7.5。</translation>
    </message>
    <message>
        <source>Hours must be more than zero.</source>
        <translation>学时必须大于零。</translation>
    </message>
    <message>
        <source>Use at most one decimal place, e.g. 7.5.</source>
        <translation>最多保留一位小数，如 7.5。</translation>
    </message>
    <message>
        <source>%(hours)s hours in one day is more than the %(max_hours)s hours swdesk assumes for a day. No published rule limits the hours of a day, so the record is saved; keep the certificate showing the hours, the office may ask about it.</source>
        <translation>一天 %(hours)s 学时，超过 swdesk 假定的每天 %(max_hours)s 学时。没有公开规定限制每天的学时，因此记录照常保存；请保留注明学时的证明，登记机关可能会询问。</translation>
    </message>
    <message>
        <source>%(hours)s hours in %(days)s days is more than the %(max_hours)s hours swdesk assumes for these dates. No published rule limits the hours of a day, so the record is saved; keep the certificate showing the hours, the office may ask about it.</source>
        <translation>%(days)s 天共 %(hours)s 学时，超过 swdesk 对这些日期假定的 %(max_hours)s 学时。没有公开规定限制每天的学时，因此记录照常保存；请保留注明学时的证明，登记机关可能会询问。</translation>
    </message>
    <message>
        <source>A PIN has %(min)s to %(max)s digits.</source>
        <translation>密码(PIN)应为 %(min)s 至 %(max)s 位数字。</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的密码(PIN)不一致。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Add a recent ID photo.</source>
        <translation>请添加近期免冠证件照。</translation>
    </message>
    <message>
        <source>%(field)s: %(problem)s</source>
        <translation>%(field)s：%(problem)s</translation>
    </message>
    <message>
        <source>The disk is full. Free some space or choose another place, then try again. Nothing you entered was lost.</source>
        <translation>磁盘已满。请释放部分空间或选择其他位置，然后重试。您填写的内容没有丢失。</translation>
    </message>
    <message>
        <source>The PIN of profile %(profile)s is missing or wrong.</source>
        <translation>档案 %(profile)s 的 PIN 未提供或不正确。</translation>
    </message>
    <message>
        <source>This profile is protected by a PIN. Open it from the profile list with its PIN first.</source>
        <translation>此档案受 PIN 保护。请先在档案列表中输入 PIN 打开它。</translation>
    </message>
    <message>
        <source>The database &quot;%(path)s&quot; is missing or empty, but this data folder still holds your saved files. swdesk did not create a new, empty database over them.</source>
        <translation>数据库“%(path)s”缺失或为空，但此数据文件夹中仍保存着您的文件。swdesk 没有在其上新建空数据库。</translation>
    </message>
    <message>
        <source>The database &quot;%(path)s&quot; cannot be written (the file or its folder is read-only). Nothing was changed.</source>
        <translation>数据库“%(path)s”无法写入（文件或其所在文件夹为只读）。未作任何更改。</translation>
    </message>
    <message>
        <source>The database &quot;%(path)s&quot; cannot be read (no permission, or the disk reports an error). Nothing was changed.</source>
        <translation>无法读取数据库“%(path)s”（没有权限，或磁盘报告错误）。未作任何更改。</translation>
    </message>
    <message>
        <source>&quot;%(field_label)s&quot; contains characters an application bundle cannot hold (such as a tab or a line break). Open it where it was entered (the profile, the training record or the application&apos;s personal data), save it again, and export again. Nothing was written.</source>
        <translation>“%(field_label)s”中含有申请包不能包含的字符（如制表符或换行）。请在填写它的地方（个人档案、继续教育记录或申请的个人信息）重新保存，然后再次导出。未写入任何文件。</translation>
    </message>
    <message>
        <source>Some fields need fixing; see the form.</source>
        <translation>部分内容需要修改，请查看表单。</translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>密码(PIN)错误，请重试。</translation>
    </message>
    <message>
        <source>Wrong password. Try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <source>No list of trusted review offices has been imported yet. Import the province&apos;s trust file (.swdtrust) first.</source>
        <translation>尚未导入可信机关名单。请先导入省民政厅发布的可信机关名单（.swdtrust）。</translation>
    </message>
    <message>
        <source>This decision has no electronic registration certificate.</source>
        <translation>此决定未附电子登记证书。</translation>
    </message>
    <message>
        <source>The certificate does not match the decision file.</source>
        <translation>电子登记证书与决定文件不符。</translation>
    </message>
    <message>
        <source>This application is not in the queue.</source>
        <translation>此申请不在审核队列中。</translation>
    </message>
    <message>
        <source>This application was already approved at this level and is locked.</source>
        <translation>此申请已在本级审核通过，已被锁定。</translation>
    </message>
    <message>
        <source>A newer version of this application has arrived; decide on that one.</source>
        <translation>已收到此申请的新版本，请对新版本作出决定。</translation>
    </message>
    <message>
        <source>This application is not at the stage this office decides.</source>
        <translation>此申请不处于本机关负责审核的阶段。</translation>
    </message>
    <message>
        <source>The application is late: write why it is accepted.</source>
        <translation>此申请已逾期：请填写接受该逾期申请的理由。</translation>
    </message>
    <message>
        <source>The stored copy of this bundle is missing from the reviewer folder.</source>
        <translation>审核数据文件夹中缺少此申请包的存档副本。</translation>
    </message>
    <message>
        <source>A comment is too long.</source>
        <translation>有一项说明内容过长。</translation>
    </message>
    <message>
        <source>The office key does not match this office.</source>
        <translation>该审核机关密钥与本机关不符。</translation>
    </message>
    <message>
        <source>Only the province office publishes trust files.</source>
        <translation>只有省民政厅才能发布可信机关名单。</translation>
    </message>
    <message>
        <source>The office name or region is not valid: %(reason)s</source>
        <translation>机关名称或行政区划代码无效：%(reason)s</translation>
    </message>
    <message>
        <source>Choose approve or reject.</source>
        <translation>请选择通过或不予通过。</translation>
    </message>
    <message>
        <source>No password given: use --password-file or SWDESK_REVIEW_PASSWORD.</source>
        <translation>未提供密码：请使用 --password-file 参数或 SWDESK_REVIEW_PASSWORD 环境变量。</translation>
    </message>
    <message>
        <source>The password is too short: use at least %(min)s characters.</source>
        <translation>密码过短：至少需要 %(min)s 个字符。</translation>
    </message>
    <message>
        <source>A rejection needs at least one reason.</source>
        <translation>不予通过时至少需要一项理由。</translation>
    </message>
    <message>
        <source>Unknown reason code: %(reason)s</source>
        <translation>未知的理由代码：%(reason)s</translation>
    </message>
    <message>
        <source>Reviewer mode is already set up in this data folder.</source>
        <translation>此数据文件夹中已设置过审核模式。</translation>
    </message>
    <message>
        <source>No trust file has been published or imported by this office yet.</source>
        <translation>本机关尚未发布或导入可信机关名单。</translation>
    </message>
    <message>
        <source>Reviewer mode is not set up in this data folder yet.</source>
        <translation>此数据文件夹中尚未设置审核模式。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; it has been written to the log. Your saved data is safe. Please try again, and report it if it happens again.</source>
        <translation>发生意外错误，详情已写入日志。您已保存的数据是安全的。请重试；如再次出现，请报告此问题。</translation>
    </message>
    <message>
        <source>First registration is due by %1: %n days left.</source>
        <translation>首次登记须在 %1 前办理：还剩 %n 天。</translation>
    </message>
    <message>
        <source>First registration is due by %1: 1 day left.</source>
        <translation>首次登记须在 %1 前办理：还剩 1 天。</translation>
    </message>
    <message>
        <source>The first-registration period ended yesterday, on %1. Apply now and ask the office whether it still accepts a late first registration.</source>
        <translation>首次登记期限已于昨天（%1）届满。请尽快申请，并向登记机关询问是否仍受理逾期的首次登记。</translation>
    </message>
    <message>
        <source>The first-registration period ended on %1, %n days ago. Apply now and ask the office whether it still accepts a late first registration.</source>
        <translation>首次登记期限已于 %1 届满（已过 %n 天）。请尽快申请，并向登记机关询问是否仍受理逾期的首次登记。</translation>
    </message>
    <message>
        <source>The computer&apos;s date (%(today)s, China time) is earlier than %(latest_seen)s, a day swdesk has already seen (its last start or a recorded activity). Check the computer&apos;s date and time: every deadline here is judged by it.</source>
        <translation>电脑日期（%(today)s，北京时间）早于 swdesk 已经见过的日期 %(latest_seen)s（上次启动或已记录的活动）。请检查电脑的日期和时间：这里的所有期限都以它为准。</translation>
    </message>
    <message>
        <source>the civil-affairs office of your county or city</source>
        <translation>您所在县（区）或市的民政部门</translation>
    </message>
    <message>
        <source>Apply for first registration, then record it in your profile.</source>
        <translation>请申请首次登记，然后在档案中记录登记信息。</translation>
    </message>
    <message>
        <source>Keep recording your training: %(needed)s more hours are needed by %(expires)s (about %(per_month)s hours a month).</source>
        <translation>请继续记录培训学习：需在 %(expires)s 前再完成 %(needed)s 学时（约每月 %(per_month)s 学时）。</translation>
    </message>
    <message>
        <source>Your hours are complete. Apply for re-registration when the window opens on %(opens)s.</source>
        <translation>学时已完成。再登记申请期于 %(opens)s 开始，届时请申请再登记。</translation>
    </message>
    <message>
        <source>The window opens on %(opens)s: finish the %(needed)s hours still needed and get your photo and documents ready.</source>
        <translation>再登记申请期将于 %(opens)s 开始：请完成尚需的 %(needed)s 学时，并准备好照片和相关材料。</translation>
    </message>
    <message>
        <source>Apply for re-registration now: the window closes on %(expires)s.</source>
        <translation>请立即申请再登记：再登记申请期于 %(expires)s 截止。</translation>
    </message>
    <message>
        <source>Complete the %(needed)s hours still needed before %(expires)s, then apply for re-registration.</source>
        <translation>请在 %(expires)s 前完成尚需的 %(needed)s 学时，然后申请再登记。</translation>
    </message>
    <message>
        <source>Your registration expired on %(expires)s. Late re-registration needs %(required)s hours (%(needed)s still missing) and a written explanation.</source>
        <translation>您的登记已于 %(expires)s 到期。逾期再登记需完成 %(required)s 学时（尚缺 %(needed)s 学时），并提交情况说明。</translation>
    </message>
    <message>
        <source>Record your certificate (level, number, date obtained) in your profile.</source>
        <translation>请在档案中填写证书信息（证书级别、证书编号、取得证书日期）。</translation>
    </message>
    <message>
        <source>Your registration expired on %(expires)s. Complete %(needed)s more hours (%(required)s in all), then apply for late re-registration.</source>
        <translation>您的登记已于 %(expires)s 到期。请再完成 %(needed)s 学时（共需 %(required)s 学时），然后申请逾期再登记。</translation>
    </message>
    <message>
        <source>Your application is being reviewed; wait for the decision.</source>
        <translation>您的申请正在审核中，请等待审核结果。</translation>
    </message>
    <message>
        <source>Your application is exported but not yet submitted. Hand the USB stick with the bundle and the printed form, signed, to %(office)s. swdesk shows it as under review once a decision file from the office is imported.</source>
        <translation>申请已导出，尚未提交。请将存有申请包的 U 盘和本人签字的纸质申请表交给%(office)s。导入该机关的审核决定文件后，swdesk 才会显示“审核中”。</translation>
    </message>
    <message>
        <source>Check your profile and your training records.</source>
        <translation>请检查您的档案和继续教育记录。</translation>
    </message>
    <message>
        <source>Profile — %(field)s: %(problem)s</source>
        <translation>档案——%(field)s：%(problem)s</translation>
    </message>
    <message>
        <source>Personal data — %(field)s: %(problem)s</source>
        <translation>个人信息——%(field)s：%(problem)s</translation>
    </message>
    <message>
        <source>Your certificate (level, number, date obtained) is not recorded.</source>
        <translation>尚未填写证书信息（证书级别、证书编号、取得证书日期）。</translation>
    </message>
    <message>
        <source>No registration is recorded: re-registration needs a current one.</source>
        <translation>尚无登记记录：申请再登记须有当前的登记。</translation>
    </message>
    <message>
        <source>The re-registration window is not open yet; it opens on %(opens)s.</source>
        <translation>再登记申请期尚未开始，将于 %(opens)s 开始。</translation>
    </message>
    <message>
        <source>%(counted)s of %(required)s hours in this cycle: %(needed)s hours are still missing.</source>
        <translation>本登记周期已完成 %(counted)s / %(required)s 学时，尚缺 %(needed)s 学时。</translation>
    </message>
    <message>
        <source>You are already registered until %(expires)s: a first registration is not needed.</source>
        <translation>您的登记有效期至 %(expires)s，无需申请首次登记。</translation>
    </message>
    <message>
        <source>A recent ID photo is missing.</source>
        <translation>缺少近期免冠证件照。</translation>
    </message>
    <message>
        <source>Your identity data changed: attach the proof of the change.</source>
        <translation>您的身份信息已变更：请添加身份信息变更证明。</translation>
    </message>
    <message>
        <source>The registration has expired: write the explanation (情况说明), at least %(min)s characters.</source>
        <translation>登记有效期已届满：请填写情况说明，至少 %(min)s 个字符。</translation>
    </message>
    <message>
        <source>The declaration has not been accepted.</source>
        <translation>尚未接受承诺声明。</translation>
    </message>
</context>
<context>
    <name>OfficeActions</name>
    <message>
        <source>Export the public key</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <source>Office key (*.swdkey)</source>
        <translation>审核机关公钥 (*.swdkey)</translation>
    </message>
    <message>
        <source>The key was not exported</source>
        <translation>公钥未导出</translation>
    </message>
    <message>
        <source>Public key exported</source>
        <translation>公钥已导出</translation>
    </message>
    <message>
        <source>Give this file to the province. When they call to check it, read this fingerprint aloud:

%1</source>
        <translation>请将此文件交给省民政厅。对方来电核对时，请念出以下指纹：

%1</translation>
    </message>
    <message>
        <source>Import a trust file</source>
        <translation>导入可信机关名单</translation>
    </message>
    <message>
        <source>Trust file (*.swdtrust)</source>
        <translation>可信机关名单 (*.swdtrust)</translation>
    </message>
    <message>
        <source>The trust file was not imported</source>
        <translation>可信机关名单未导入</translation>
    </message>
    <message>
        <source>This trust file was signed with a NEW province key. Put it in force only if the province has confirmed, by phone or in its official notice, that its key changed and that the new fingerprint is:

%1

The fingerprint in force until now (%2):
%3

Offices on the new list:
%4</source>
        <translation>此可信机关名单由一把新的省级密钥签名。只有在省民政厅通过电话或正式通知确认其密钥已更换、且新指纹为以下内容时，才可启用：

%1

此前使用的指纹（%2）：
%3

新名单中的机关：
%4</translation>
    </message>
    <message>
        <source>Compare this fingerprint of %1 with the one the province reads to you by phone or gives in its official notice:

%2

Offices on the list:
%3

Put the list in force only if the fingerprint matches.</source>
        <translation>请将%1的以下指纹与省民政厅电话告知或正式通知中的指纹逐一核对：

%2

名单中的机关：
%3

只有指纹一致时才可启用此名单。</translation>
    </message>
    <message>
        <source>Confirm the trust file</source>
        <translation>确认可信机关名单</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Trust file imported.</source>
        <translation>可信机关名单已导入。</translation>
    </message>
    <message>
        <source>Public keys of the offices</source>
        <translation>各审核机关的公钥</translation>
    </message>
    <message>
        <source>Save the trust file</source>
        <translation>保存可信机关名单</translation>
    </message>
    <message>
        <source>The trust file was not written</source>
        <translation>可信机关名单未写入</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact (%n entries).</source>
        <translation>
            <numerusform>审计日志完整（共 %n 条记录）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log was changed: entry %1 is the first broken one.</source>
        <translation>审计日志已被改动：从第 %1 条记录起校验不通过。</translation>
    </message>
</context>
<context>
    <name>OfficePlace</name>
    <message>
        <source>Connecting to the office server %1 ...</source>
        <translation>正在连接单位服务器 %1 ……</translation>
    </message>
    <message>
        <source>The office on %1 could not be opened; see the log.</source>
        <translation>无法打开 %1 上的审核机构，详情请查看日志。</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>数据库密码</translation>
    </message>
    <message>
        <source>The database server %1 asks for the password of its user. It is kept only while the office is open.</source>
        <translation>数据库服务器 %1 要求输入其用户的密码。密码仅在审核机构打开期间保存在内存中。</translation>
    </message>
</context>
<context>
    <name>OfficePlaceChooser</name>
    <message>
        <source>This &amp;computer (folder)</source>
        <translation>本机（文件夹）(&amp;C)</translation>
    </message>
    <message>
        <source>Office &amp;server (address)</source>
        <translation>单位服务器（地址）(&amp;S)</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
</context>
<context>
    <name>OfficeSetupDialog</name>
    <message>
        <source>Set up the review office</source>
        <translation>设置审核机关</translation>
    </message>
    <message>
        <source>This computer becomes a review office. swdesk creates the office&apos;s signing key here; its private part is encrypted with the password. Without the password the key cannot be used, and it cannot be recovered.</source>
        <translation>本机将作为审核机关使用。swdesk 会在本机生成本机关的签名密钥，其私钥部分用密码加密。没有密码就无法使用该密钥，且无法恢复。</translation>
    </message>
    <message>
        <source>The old files of this reviewer folder are moved to &quot;%1&quot; first. Nothing is deleted.</source>
        <translation>本审核文件夹的旧文件会先被移到“%1”。不会删除任何文件。</translation>
    </message>
    <message>
        <source>&amp;Office name</source>
        <translation>机关名称(&amp;O)</translation>
    </message>
    <message>
        <source>Office name</source>
        <translation>机关名称</translation>
    </message>
    <message>
        <source>Re&amp;gion code</source>
        <translation>行政区划代码(&amp;G)</translation>
    </message>
    <message>
        <source>Region code</source>
        <translation>行政区划代码</translation>
    </message>
    <message>
        <source>Review &amp;level</source>
        <translation>审核层级(&amp;L)</translation>
    </message>
    <message>
        <source>Review level</source>
        <translation>审核层级</translation>
    </message>
    <message>
        <source>Applicable r&amp;ules</source>
        <translation>适用规定(&amp;U)</translation>
    </message>
    <message>
        <source>Applicable rules</source>
        <translation>适用规定</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Repeat password</source>
        <translation>再次输入密码(&amp;R)</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>&amp;Head&apos;s user name</source>
        <translation>负责人用户名(&amp;H)</translation>
    </message>
    <message>
        <source>Head&apos;s user name</source>
        <translation>负责人用户名</translation>
    </message>
    <message>
        <source>Head&apos;s &amp;name</source>
        <translation>负责人姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Head&apos;s name</source>
        <translation>负责人姓名</translation>
    </message>
    <message>
        <source>e.g. 平凉市民政局</source>
        <translation>如：平凉市民政局</translation>
    </message>
    <message>
        <source>e.g. 620800</source>
        <translation>如 620800</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Preview of the application form</source>
        <translation>申请表预览</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <source>office head</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>reviewer</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>Awaiting signature (decided by %1)</source>
        <translation>待签发（%1 审核）</translation>
    </message>
    <message>
        <source>decided by %1</source>
        <translation>%1 审核</translation>
    </message>
    <message>
        <source>decided by %1, signed by %2</source>
        <translation>%1 审核，%2 签发</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>已登录：%1（%2）</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>PeopleActions</name>
    <message>
        <source>Signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <source>Only the office head may do this; you are signed in as a reviewer.</source>
        <translation>只有负责人可以执行此操作；您以审核员身份登录。</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>PersonalPage</name>
    <message>
        <source>Check and update your personal data</source>
        <translation>核对并更新个人信息</translation>
    </message>
    <message>
        <source>Changes are applied to your profile when the application is exported, and kept in the registration history.</source>
        <translation>所做的修改将在导出申请时更新到您的档案中，并保留在登记历史记录中。</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>联系电话(&amp;P)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>&amp;Employer</source>
        <translation>工作单位(&amp;E)</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Unified social credit co&amp;de</source>
        <translation>统一社会信用代码(&amp;D)</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>P&amp;ost</source>
        <translation>岗位(&amp;O)</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>My identity data (name, ID number) changed since the last registration</source>
        <translation>自上次登记以来，我的身份信息（姓名、公民身份号码）有变更</translation>
    </message>
</context>
<context>
    <name>PersonalSection</name>
    <message>
        <source>Personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Citizen ID number</source>
        <translation>公民身份号码</translation>
    </message>
    <message>
        <source>Citizen &amp;ID number</source>
        <translation>公民身份号码(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Gender</source>
        <translation>性别(&amp;G)</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of &amp;birth</source>
        <translation>出生日期(&amp;B)</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Gender and date of birth are read from the ID number.</source>
        <translation>性别和出生日期已根据公民身份号码填写。</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>联系电话(&amp;P)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>&amp;Employer</source>
        <translation>工作单位(&amp;E)</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>Unified social &amp;credit code</source>
        <translation>统一社会信用代码(&amp;C)</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>P&amp;ost</source>
        <translation>岗位(&amp;O)</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>&amp;Years in social work</source>
        <translation>从事社会工作年限(&amp;Y)</translation>
    </message>
    <message>
        <source>Years in social work</source>
        <translation>从事社会工作年限</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
</context>
<context>
    <name>PhotoPicker</name>
    <message>
        <source>No photo</source>
        <translation>未添加照片</translation>
    </message>
    <message>
        <source>Choose p&amp;hoto…</source>
        <translation>选择照片(&amp;H)…</translation>
    </message>
    <message>
        <source>Choose a recent ID photo</source>
        <translation>选择近期免冠证件照</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>PIN for this profile</source>
        <translation>此档案的密码(PIN)</translation>
    </message>
    <message>
        <source>The PIN is asked for when this profile is opened. Leave both fields empty to remove it (the data is then stored unencrypted again).</source>
        <translation>打开此档案时需要输入 PIN。两栏都留空即取消 PIN（数据随后不再加密保存）。</translation>
    </message>
    <message>
        <source>The PIN is asked for when this profile is opened.</source>
        <translation>打开此档案时需要输入密码(PIN)。</translation>
    </message>
    <message>
        <source>With a PIN, this profile&apos;s ID number, birth date, photo and evidence files are encrypted on this computer, and only the PIN opens them. A forgotten PIN cannot be reset: the data is then lost, unless you have a backup made without the PIN. Back up first (Profile → Back up to…) and choose a PIN others cannot guess; longer is safer.</source>
        <translation>设置 PIN 后，此档案的身份证号、出生日期、照片和证明材料在本机加密保存，只有 PIN 能打开。忘记 PIN 无法重置：数据将无法找回，除非有设置 PIN 之前做的备份。请先备份（档案 → 备份到…），并选择别人猜不到的 PIN；越长越安全。</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新密码(PIN)</translation>
    </message>
    <message>
        <source>Repeat PIN</source>
        <translation>再次输入密码(PIN)</translation>
    </message>
    <message>
        <source>&amp;New PIN (4–12 digits)</source>
        <translation>新密码(PIN)（4–12 位数字）(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Repeat PIN</source>
        <translation>再次输入密码(PIN)(&amp;R)</translation>
    </message>
    <message>
        <source>The PIN you typed has not been set. Discard it?</source>
        <translation>您输入的 PIN 尚未设置。放弃更改？</translation>
    </message>
</context>
<context>
    <name>PinSection</name>
    <message>
        <source>PIN for this profile (optional)</source>
        <translation>此档案的密码(PIN)（选填）</translation>
    </message>
    <message>
        <source>Repeat PIN</source>
        <translation>再次输入密码(PIN)</translation>
    </message>
    <message>
        <source>PIN (4–12 digit&amp;s)</source>
        <translation>密码(PIN)（4–12 位数字）(&amp;S)</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码(PIN)</translation>
    </message>
    <message>
        <source>On a shared PC, a PIN keeps others out of this profile.</source>
        <translation>在多人共用的电脑上，设置密码(PIN)可防止他人打开此档案。</translation>
    </message>
</context>
<context>
    <name>PrecheckPage</name>
    <message>
        <source>Pre-check: what a reviewer would check</source>
        <translation>预审：审核人员将检查的内容</translation>
    </message>
    <message>
        <source>The reviewers sent the last application back. Their reasons (double-click to go where each is fixed):</source>
        <translation>上一次申请已被审核机关退回，退回理由如下（双击可转到相应的修改位置）：</translation>
    </message>
    <message>
        <source>Reasons for the rejection</source>
        <translation>不予通过的理由</translation>
    </message>
    <message>
        <source>Fix list</source>
        <translation>补正清单</translation>
    </message>
    <message>
        <source>Double-click an item (or press Enter) to go where it is fixed.</source>
        <translation>双击某一项（或按回车键）可转到相应的修改位置。</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>重新检查(&amp;A)</translation>
    </message>
    <message>
        <source>A registration was recorded in your profile since this draft was saved, so it is now a re-registration application. Your entries and files were kept; accept the declaration again for it.</source>
        <translation>保存此草稿后，您的个人档案中记录了一次登记，因此它现在是再登记申请。您填写的内容和添加的文件均已保留；请为此申请重新接受承诺声明。</translation>
    </message>
    <message>
        <source>Your profile no longer records a registration, so this draft is now a first registration application. Your entries and files were kept; the explanation of a late application was removed, and the declaration needs accepting again.</source>
        <translation>您的个人档案中已没有登记记录，因此此草稿现在是首次登记申请。您填写的内容和添加的文件均已保留；逾期申请的情况说明已删除，承诺声明需要重新接受。</translation>
    </message>
    <message>
        <source>%1 · %2 of %3 hours in this cycle</source>
        <translation>%1 · 本登记周期学时 %2 / %3</translation>
    </message>
    <message>
        <source>registered until %1</source>
        <translation>登记有效期至 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) to fix before export:</source>
        <translation>
            <numerusform>导出前需补正 %n 项：</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything a reviewer checks first is in order.</source>
        <translation>审核人员首先检查的各项均已符合要求。</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) that do not hold back the export:</source>
        <translation>
            <numerusform>%n 条提示，不影响导出：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileActions</name>
    <message>
        <source>PIN saved: this profile&apos;s personal data is encrypted.</source>
        <translation>PIN 已保存：此档案的个人信息已加密。</translation>
    </message>
    <message>
        <source>PIN removed: this profile&apos;s data is no longer encrypted.</source>
        <translation>PIN 已取消：此档案的数据不再加密。</translation>
    </message>
    <message>
        <source>The PIN was not changed</source>
        <translation>密码(PIN)未更改</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>删除档案</translation>
    </message>
    <message>
        <source>Delete the profile of %1 with all training records and evidence files? This cannot be undone.</source>
        <translation>删除 %1 的档案及其全部培训记录和证明材料？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Nothing was deleted</source>
        <translation>未删除任何内容</translation>
    </message>
    <message>
        <source>Creating the demo practitioners…</source>
        <translation>正在创建演示用社会工作者…</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>The demo could not be created</source>
        <translation>无法创建演示数据</translation>
    </message>
</context>
<context>
    <name>ProfileChooserPage</name>
    <message>
        <source>Who is using swdesk?</source>
        <translation>谁在使用 swdesk？</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>密码(PIN)(&amp;P)：</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码(PIN)</translation>
    </message>
    <message>
        <source>&amp;Forgot the PIN?</source>
        <translation>忘记 PIN？(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation>新建档案(&amp;N)…</translation>
    </message>
    <message>
        <source>  (PIN protected)</source>
        <translation>  （已设密码(PIN)）</translation>
    </message>
    <message>
        <source>ID number encrypted</source>
        <translation>身份证号已加密</translation>
    </message>
    <message>
        <source>Forgot the PIN?</source>
        <translation>忘记 PIN？</translation>
    </message>
    <message>
        <source>The PIN cannot be reset or recovered. This profile&apos;s ID number, birth date, photo and evidence files are encrypted with a key that only the PIN opens; nobody, not even swdesk&apos;s makers, can open them without it.

What you can do: if you made a backup before the PIN was set (Profile → Restore from a backup…), restoring it brings the data back as it was then. Otherwise delete this profile after opening another one, create it again and enter your training records again.</source>
        <translation>PIN 无法重置或找回。此档案的身份证号、出生日期、照片和证明材料用只有 PIN 才能打开的密钥加密；没有 PIN，任何人（包括 swdesk 的开发者）都无法打开。

可以怎么做：如果在设置 PIN 之前做过备份（档案 → 从备份恢复…），恢复它即可找回当时的数据。否则，请打开其他档案后删除此档案，重新创建并重新录入培训记录。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in one second.</source>
        <translation>PIN 错误次数过多，请 1 秒后再试。</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n seconds.</source>
        <translation>
            <numerusform>PIN 错误次数过多，请 %n 秒后再试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the PIN…</source>
        <translation>正在核对 PIN…</translation>
    </message>
    <message>
        <source>The profile could not be opened</source>
        <translation>无法打开档案</translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>密码(PIN)错误，请重试。</translation>
    </message>
</context>
<context>
    <name>ProfileEditorDialog</name>
    <message>
        <source>New profile</source>
        <translation>新建档案</translation>
    </message>
    <message>
        <source>Edit profile</source>
        <translation>编辑档案</translation>
    </message>
    <message>
        <source>One field needs fixing.</source>
        <translation>有 1 项需要修改。</translation>
    </message>
    <message numerus="yes">
        <source>%n fields need fixing.</source>
        <translation>
            <numerusform>有 %n 项需要修改。</numerusform>
        </translation>
    </message>
    <message>
        <source>This new profile has not been saved. Save it before closing?</source>
        <translation>新建档案尚未保存。关闭前要保存吗？</translation>
    </message>
    <message>
        <source>Your changes to this profile have not been saved. Save them before closing?</source>
        <translation>对档案的修改尚未保存。关闭前要保存吗？</translation>
    </message>
    <message>
        <source>The profile was not saved</source>
        <translation>档案未保存</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>&amp;Switch profile</source>
        <translation>切换档案(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>概览(&amp;D)</translation>
    </message>
    <message>
        <source>Continuing &amp;education log</source>
        <translation>继续教育记录(&amp;E)</translation>
    </message>
</context>
<context>
    <name>ProviderDialog</name>
    <message>
        <source>Training provider</source>
        <translation>培训机构</translation>
    </message>
    <message>
        <source>Set up this computer to issue signed attendance records: the organisation&apos;s name and unified social credit code, and a password that protects its signing key.</source>
        <translation>在本机设置培训机构，以签发带签名的学时记录：填写机构名称、统一社会信用代码，以及保护其签名密钥的密码。</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构名称</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>机构名称(&amp;O)</translation>
    </message>
    <message>
        <source>Unified social &amp;credit code</source>
        <translation>统一社会信用代码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Repeat password</source>
        <translation>再次输入密码(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Set up</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>The provider is set up. Send its public key file to the province, which lists it in its trust file: %1</source>
        <translation>培训机构已设置。请将其公钥文件发送给省级民政部门，由其列入可信名单：%1</translation>
    </message>
    <message>
        <source>Records are signed by %1 (%2), key fingerprint:
%3</source>
        <translation>记录由 %1（%2）签名，密钥指纹：
%3</translation>
    </message>
    <message>
        <source>The provider&apos;s public key file is missing or damaged.</source>
        <translation>培训机构的公钥文件缺失或已损坏。</translation>
    </message>
    <message>
        <source>Attendance roster (.xlsx)</source>
        <translation>学员名册（.xlsx）</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Attendance r&amp;oster</source>
        <translation>学员名册(&amp;O)</translation>
    </message>
    <message>
        <source>Course title</source>
        <translation>课程名称</translation>
    </message>
    <message>
        <source>Course &amp;title</source>
        <translation>课程名称(&amp;T)</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>&amp;First day</source>
        <translation>开始日期(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Last day</source>
        <translation>结束日期(&amp;L)</translation>
    </message>
    <message>
        <source>Activity type</source>
        <translation>活动类型</translation>
    </message>
    <message>
        <source>Content area</source>
        <translation>内容类别</translation>
    </message>
    <message>
        <source>Activity t&amp;ype</source>
        <translation>活动类型(&amp;Y)</translation>
    </message>
    <message>
        <source>Content &amp;area</source>
        <translation>内容类别(&amp;A)</translation>
    </message>
    <message>
        <source>Folder for the records</source>
        <translation>记录保存文件夹</translation>
    </message>
    <message>
        <source>Choose fol&amp;der…</source>
        <translation>选择文件夹(&amp;D)…</translation>
    </message>
    <message>
        <source>Records &amp;go to</source>
        <translation>记录保存到(&amp;G)</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>密码(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Issue records</source>
        <translation>签发记录(&amp;I)</translation>
    </message>
    <message>
        <source>Attendance roster</source>
        <translation>学员名册</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose the roster and the folder for the records.</source>
        <translation>请选择学员名册和记录保存文件夹。</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) and certificate(s) issued, %1 hours in all, into %2.</source>
        <translation>
            <numerusform>已签发 %n 份记录及证明，共 %1 学时，保存在 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Nothing was issued</source>
        <translation>未签发任何记录</translation>
    </message>
</context>
<context>
    <name>QueueFilters</name>
    <message>
        <source>Search by name, ID number or a certificate&apos;s QR code</source>
        <translation>按姓名、公民身份号码或证书二维码搜索</translation>
    </message>
    <message>
        <source>name, ID number or certificate QR code</source>
        <translation>姓名、公民身份号码或证书二维码</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>S&amp;tate</source>
        <translation>状态(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Certificate</source>
        <translation>证书级别(&amp;C)</translation>
    </message>
    <message>
        <source>Co&amp;unty</source>
        <translation>所在县（区）(&amp;U)</translation>
    </message>
    <message>
        <source>Late only</source>
        <translation>仅逾期</translation>
    </message>
    <message>
        <source>On time only</source>
        <translation>仅按期</translation>
    </message>
    <message>
        <source>&amp;Late</source>
        <translation>逾期(&amp;L)</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我认领的</translation>
    </message>
    <message>
        <source>Unclaimed</source>
        <translation>无人认领</translation>
    </message>
    <message>
        <source>Claimed b&amp;y</source>
        <translation>认领人(&amp;Y)</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>接收日期起</translation>
    </message>
    <message>
        <source>Received until</source>
        <translation>接收日期至</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Review deadline: %1</source>
        <translation>审核期限：%1</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>公民身份号码</translation>
    </message>
    <message>
        <source>County</source>
        <translation>所在县（区）</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书级别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <source>Waited / allowed (working days)</source>
        <translation>等待/期限（工作日）</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>认领人</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Another application awaiting review has the same ID number</source>
        <translation>另有一份待审核的申请使用相同的公民身份号码</translation>
    </message>
    <message>
        <source>Past the review deadline</source>
        <translation>已超过审核时限</translation>
    </message>
</context>
<context>
    <name>RecordImportActions</name>
    <message>
        <source>Import signed attendance records</source>
        <translation>导入培训机构签发的学时记录</translation>
    </message>
    <message>
        <source>Attendance records (*.swdce)</source>
        <translation>学时记录 (*.swdce)</translation>
    </message>
    <message>
        <source>Checking the records&apos; signatures…</source>
        <translation>正在核验学时记录的签名…</translation>
    </message>
    <message>
        <source>Import attendance records</source>
        <translation>导入学时记录</translation>
    </message>
    <message>
        <source>No attendance record was imported</source>
        <translation>未导入任何学时记录</translation>
    </message>
</context>
<context>
    <name>RecordImportReport</name>
    <message>
        <source>Attendance records imported</source>
        <translation>学时记录导入结果</translation>
    </message>
    <message>
        <source>Added to the training log: %1 · not imported: %2</source>
        <translation>已加入继续教育记录：%1 · 未导入：%2</translation>
    </message>
    <message>
        <source>No attendance record (.swdce) was found in what you chose.</source>
        <translation>所选内容中没有学时记录（.swdce）。</translation>
    </message>
    <message>
        <source>Imported attendance records</source>
        <translation>导入的学时记录</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Added, verified</source>
        <translation>已添加，已核验</translation>
    </message>
    <message>
        <source>%1 · %2 hours · signed by %3</source>
        <translation>%1 · %2 学时 · %3 签发</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
</context>
<context>
    <name>RegistrationNumberActions</name>
    <message>
        <source>The registration number was not saved</source>
        <translation>登记证书编号未能保存</translation>
    </message>
</context>
<context>
    <name>RegistrationNumberRow</name>
    <message>
        <source>As printed on the registration certificate</source>
        <translation>按登记证书上印的填写</translation>
    </message>
    <message>
        <source>Registration certificate number</source>
        <translation>登记证书编号</translation>
    </message>
    <message>
        <source>Registration certificate n&amp;umber</source>
        <translation>登记证书编号(&amp;U)</translation>
    </message>
    <message>
        <source>The registration valid until %1. Saved in your profile when you leave the field, and printed on the form.</source>
        <translation>有效期至 %1 的登记。离开此栏时即保存到您的档案，并打印在申请表上。</translation>
    </message>
    <message>
        <source>The registration valid until %1 has no number recorded. Enter it from the certificate; if you cannot, leave it empty: the office looks it up by your ID number.</source>
        <translation>有效期至 %1 的登记尚未填写证书编号。请按登记证书填写；如无法填写，可留空，登记机关会按您的身份证号查询。</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Awaiting review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Superseded by a newer version</source>
        <translation>已被新版本取代</translation>
    </message>
    <message>
        <source>First review passed</source>
        <translation>初审通过</translation>
    </message>
    <message>
        <source>First review failed</source>
        <translation>初审未通过</translation>
    </message>
    <message>
        <source>Final review passed</source>
        <translation>终审通过</translation>
    </message>
    <message>
        <source>Final review failed</source>
        <translation>终审未通过</translation>
    </message>
    <message>
        <source>First review</source>
        <translation>初审</translation>
    </message>
    <message>
        <source>Final review</source>
        <translation>终审</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Hours short</source>
        <translation>学时不足</translation>
    </message>
    <message>
        <source>Data wrong</source>
        <translation>信息有误</translation>
    </message>
    <message>
        <source>Material unclear</source>
        <translation>材料不清晰</translation>
    </message>
    <message>
        <source>Photo unfit</source>
        <translation>照片不合格</translation>
    </message>
    <message>
        <source>Not in the application window</source>
        <translation>不在申请期</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>ID number check digit</source>
        <translation>身份证号校验位</translation>
    </message>
    <message>
        <source>Hours against the requirement</source>
        <translation>学时是否达标</translation>
    </message>
    <message>
        <source>Activities inside the cycle</source>
        <translation>学习活动是否在登记周期内</translation>
    </message>
    <message>
        <source>Application window and late rules</source>
        <translation>申请期与逾期规则</translation>
    </message>
    <message>
        <source>Declaration date against the date received</source>
        <translation>申报日期与收件日期核对</translation>
    </message>
    <message>
        <source>Required materials present</source>
        <translation>必需材料是否齐全</translation>
    </message>
    <message>
        <source>Photo acceptable</source>
        <translation>照片是否合格</translation>
    </message>
    <message>
        <source>Form PDF matches the application data</source>
        <translation>申请表与申请数据是否一致</translation>
    </message>
    <message>
        <source>Attendance records signed by providers</source>
        <translation>培训机构签发的培训记录</translation>
    </message>
    <message>
        <source>The holidays of %(years)s are not known: working days in that year are counted Monday to Friday.</source>
        <translation>%(years)s年的节假日安排未知，按周一至周五计算工作日。</translation>
    </message>
    <message>
        <source>%(counted)s of %(required)s hours counted in the cycle (%(claimed)s claimed)</source>
        <translation>周期内计入 %(counted)s 学时，要求 %(required)s 学时（申报 %(claimed)s 学时）</translation>
    </message>
    <message>
        <source>; %(assumed_required)s hours may be asked of a late application (an assumption, not a published rule)</source>
        <translation>；逾期申请可能被要求 %(assumed_required)s 学时（此为假定，并非公开规定）</translation>
    </message>
    <message>
        <source>%(count)s activities, cycle %(period_start)s – %(period_end)s</source>
        <translation>共 %(count)s 项活动，登记周期 %(period_start)s 至 %(period_end)s</translation>
    </message>
    <message>
        <source>; outside the cycle: no. %(numbers)s</source>
        <translation>；不在周期内：第 %(numbers)s 项</translation>
    </message>
    <message>
        <source>; ending after the date received (%(received_on)s), not counted: no. %(numbers)s</source>
        <translation>；在收件日期（%(received_on)s）之后才结束，不计入：第 %(numbers)s 项</translation>
    </message>
    <message>
        <source>missing: %(materials)s</source>
        <translation>缺少：%(materials)s</translation>
    </message>
    <message>
        <source>%(width)s×%(height)s pixels</source>
        <translation>%(width)s×%(height)s 像素</translation>
    </message>
    <message>
        <source>not found in the form PDF: %(items)s</source>
        <translation>申请表 PDF 中未找到：%(items)s</translation>
    </message>
    <message>
        <source>%(verified_hours)s of %(total_hours)s hours verified by provider signature</source>
        <translation>共 %(total_hours)s 学时，其中 %(verified_hours)s 学时经培训机构签名核验</translation>
    </message>
    <message>
        <source>; %(not_verified)s record(s) of providers the trust list does not name (counted as self-reported)</source>
        <translation>；%(not_verified)s 条记录的培训机构不在可信机关名单中（按自报计）</translation>
    </message>
    <message>
        <source>; activity no. %(number)s: %(reason)s</source>
        <translation>；第 %(number)s 项学习活动：%(reason)s</translation>
    </message>
    <message>
        <source>does not match the activity (%(field)s)</source>
        <translation>与所填学习活动不符（%(field)s）</translation>
    </message>
    <message>
        <source>the record inside is not the one its file name gives</source>
        <translation>记录内容与文件名所示的记录编号不符</translation>
    </message>
    <message>
        <source>already used in application %(uid)s</source>
        <translation>已用于申请 %(uid)s</translation>
    </message>
    <message>
        <source>the record file is damaged or not a record</source>
        <translation>记录文件已损坏或不是培训记录</translation>
    </message>
    <message>
        <source>its signature does not verify</source>
        <translation>签名核验未通过</translation>
    </message>
    <message>
        <source>not signed with the trusted key of the provider it names</source>
        <translation>并非由所称培训机构的可信密钥签发</translation>
    </message>
    <message>
        <source>issued to another person</source>
        <translation>签发给他人</translation>
    </message>
    <message>
        <source>Self-reported</source>
        <translation>自报</translation>
    </message>
    <message>
        <source>Verified (%(provider)s)</source>
        <translation>已核验（%(provider)s）</translation>
    </message>
    <message>
        <source>Self-reported (%(provider)s is not in the trust list)</source>
        <translation>自报（%(provider)s 不在可信机关名单中）</translation>
    </message>
    <message>
        <source>Verification failed: %(reason)s</source>
        <translation>核验失败：%(reason)s</translation>
    </message>
    <message>
        <source>This certificate does not match the record it names: an application here carries record %(record_id)s, but not the file the certificate was printed from.</source>
        <translation>此证书与其所指的培训记录不符：本机关有申请包含记录 %(record_id)s，但不是打印此证书所用的记录文件。</translation>
    </message>
    <message>
        <source>No application here carries the record of this certificate.</source>
        <translation>本机关没有包含此证书所指培训记录的申请。</translation>
    </message>
    <message>
        <source>title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>activity type</source>
        <translation>活动类型</translation>
    </message>
    <message>
        <source>content area</source>
        <translation>内容类别</translation>
    </message>
    <message>
        <source>start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>end date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>record number</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>received %(applied_on)s; window %(window_opens)s – %(window_closes)s</source>
        <translation>收到日期 %(applied_on)s；申请期 %(window_opens)s 至 %(window_closes)s</translation>
    </message>
    <message>
        <source>declared %(applied_on)s (received by the first level no later than its decision); window %(window_opens)s – %(window_closes)s</source>
        <translation>申报日期 %(applied_on)s（初审机关收件不晚于其初审决定）；申请期 %(window_opens)s 至 %(window_closes)s</translation>
    </message>
    <message>
        <source>the declaration has no date; received %(received_on)s</source>
        <translation>申报声明没有日期；收件日期 %(received_on)s</translation>
    </message>
    <message>
        <source>declared %(declared_on)s, received %(received_on)s (%(days_apart)s days apart)</source>
        <translation>申报日期 %(declared_on)s，收件日期 %(received_on)s（相差 %(days_apart)s 天）</translation>
    </message>
    <message>
        <source>declared %(declared_on)s, first-level decision %(received_on)s (%(days_apart)s days apart)</source>
        <translation>申报日期 %(declared_on)s，初审决定日期 %(received_on)s（相差 %(days_apart)s 天）</translation>
    </message>
    <message>
        <source>; more than %(max_days)s days before the date received: check the applicant&apos;s computer clock and why the application came late</source>
        <translation>；早于收件日期超过 %(max_days)s 天：请核实申请人电脑的时钟以及申请为何迟交</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>此前已导入</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Not imported (cancelled)</source>
        <translation>未导入（已取消）</translation>
    </message>
    <message>
        <source>County (first review)</source>
        <translation>县（区）民政局（初审）</translation>
    </message>
    <message>
        <source>City (first review)</source>
        <translation>市民政局（初审）</translation>
    </message>
    <message>
        <source>Province (final review)</source>
        <translation>省民政厅（终审）</translation>
    </message>
    <message>
        <source>the check digit is right</source>
        <translation>校验位正确</translation>
    </message>
    <message>
        <source>; late: the late requirement applies</source>
        <translation>；逾期，适用逾期学时要求</translation>
    </message>
    <message>
        <source>first registration: no window applies</source>
        <translation>首次登记，不适用申请期</translation>
    </message>
    <message>
        <source>before the window opens</source>
        <translation>早于申请期</translation>
    </message>
    <message>
        <source>after expiry but not declared late</source>
        <translation>已过有效期但未按逾期申报</translation>
    </message>
    <message>
        <source>declared late although in time</source>
        <translation>未逾期却按逾期申报</translation>
    </message>
    <message>
        <source>late without an explanation</source>
        <translation>逾期但无情况说明</translation>
    </message>
    <message>
        <source>no registration end date</source>
        <translation>缺少登记有效期截止日期</translation>
    </message>
    <message>
        <source>form, photo and evidence present</source>
        <translation>申请表、照片和证明材料齐全</translation>
    </message>
    <message>
        <source>the form PDF is too large to be checked</source>
        <translation>申请表 PDF 过大，无法核对</translation>
    </message>
    <message>
        <source>the form PDF cannot be read</source>
        <translation>无法读取申请表 PDF</translation>
    </message>
    <message>
        <source>name, ID number, hours and application number agree</source>
        <translation>姓名、公民身份号码、学时和申请编号一致</translation>
    </message>
    <message>
        <source>; dated after the date received: the applicant&apos;s computer clock was wrong</source>
        <translation>；申报日期晚于收件日期：申请人电脑的时钟有误</translation>
    </message>
    <message>
        <source>the application form</source>
        <translation>申请表</translation>
    </message>
    <message>
        <source>the photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>evidence of some activities</source>
        <translation>部分活动的证明材料</translation>
    </message>
    <message>
        <source>the explanation of the late application</source>
        <translation>逾期申请的情况说明</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>公民身份号码</translation>
    </message>
    <message>
        <source>application number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>total hours</source>
        <translation>合计学时</translation>
    </message>
</context>
<context>
    <name>ReviewDetailDialog</name>
    <message>
        <source>Application of %1</source>
        <translation>%1 的申请</translation>
    </message>
    <message>
        <source>Show full &amp;ID number</source>
        <translation>显示完整公民身份号码(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>申请数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Checks</source>
        <translation>自动检查(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Form</source>
        <translation>申请表(&amp;F)</translation>
    </message>
    <message>
        <source>P&amp;hoto</source>
        <translation>照片(&amp;H)</translation>
    </message>
    <message>
        <source>E&amp;vidence</source>
        <translation>证明材料(&amp;V)</translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation>历史记录(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>通过(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation>不予通过(&amp;R)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The application could not be opened</source>
        <translation>无法打开申请</translation>
    </message>
    <message>
        <source>No decision can be taken on it here: %1.</source>
        <translation>本机关不能再对此申请作出决定：%1。</translation>
    </message>
    <message>
        <source>Another application awaiting review carries the same ID number: check whether the same person applied twice before deciding.</source>
        <translation>另有一份待审核的申请使用相同的公民身份号码：作出决定前请核实是否为同一人重复申请。</translation>
    </message>
    <message>
        <source> · late</source>
        <translation> · 逾期</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · version %4 · %5%6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · 第 %4 版 · %5%6</translation>
    </message>
    <message>
        <source>The ID number could not be found on this form to mask it, so the form is not shown. Use &quot;Show full ID number&quot; to see it (that is recorded in the audit log).</source>
        <translation>未能在申请表中找到公民身份号码以作遮盖，因此不显示申请表。如需查看，请点击“显示完整公民身份号码”（此操作会记入审计日志）。</translation>
    </message>
    <message>
        <source>The ID number could not be shown</source>
        <translation>无法显示公民身份号码</translation>
    </message>
    <message>
        <source>Automatic checks</source>
        <translation>自动检查</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>No earlier submissions or decisions.</source>
        <translation>没有更早的提交或决定记录。</translation>
    </message>
    <message>
        <source>this application</source>
        <translation>本申请</translation>
    </message>
    <message>
        <source>other version</source>
        <translation>其他版本</translation>
    </message>
    <message>
        <source>linked resubmission</source>
        <translation>关联的重新申请</translation>
    </message>
    <message>
        <source>Version %1 (%2), received %3: %4</source>
        <translation>第 %1 版（%2），%3 接收：%4</translation>
    </message>
    <message>
        <source>late accepted: %1</source>
        <translation>接受逾期：%1</translation>
    </message>
    <message>
        <source>The file could not be shown</source>
        <translation>无法显示该文件</translation>
    </message>
</context>
<context>
    <name>ReviewLauncher</name>
    <message>
        <source>Reviewer mode</source>
        <translation>审核模式</translation>
    </message>
    <message>
        <source>Old files set aside</source>
        <translation>旧文件已移到一旁</translation>
    </message>
    <message>
        <source>Files moved aside</source>
        <translation>文件已移到一旁</translation>
    </message>
    <message>
        <source>The old files of the reviewer folder were moved to &quot;%1&quot;. Nothing was deleted: keep that folder until you are sure you no longer need them.</source>
        <translation>审核文件夹中的旧文件已移到“%1”。没有删除任何文件：请保留该文件夹，直到确定不再需要这些文件。</translation>
    </message>
    <message>
        <source>%n stored application file(s) that the reviewer database does not list were moved to &quot;%1&quot;. Nothing was deleted.

This happens when the database was replaced by an older copy or by another office&apos;s. If these applications belong here, close reviewer mode and restore the reviewer database from the backup that lists them.</source>
        <translation>审核数据库中没有记录的 %n 个已保存申请文件已移到“%1”。没有删除任何文件。

数据库被较旧的副本或其他审核机关的数据库替换时会出现这种情况。如果这些申请属于本机关，请关闭审核模式，并用记录了这些申请的备份恢复审核数据库。</translation>
    </message>
    <message>
        <source>Reviewer database missing</source>
        <translation>审核数据库缺失</translation>
    </message>
    <message>
        <source>The reviewer folder &quot;%1&quot; holds stored applications or database backups of an earlier review office, but its database is missing or empty. swdesk has not changed anything.</source>
        <translation>审核文件夹“%1”中有以前的审核机关保存的申请或数据库备份，但其数据库缺失或为空。swdesk 没有做任何改动。</translation>
    </message>
    <message>
        <source>Reviewer database damaged</source>
        <translation>审核数据库已损坏</translation>
    </message>
    <message>
        <source>Stored application files: %n.</source>
        <translation>已保存的申请文件：%n 个。</translation>
    </message>
    <message>
        <source>Database backups: %n.</source>
        <translation>数据库备份：%n 个。</translation>
    </message>
    <message>
        <source>To go on with these applications, cancel and restore the reviewer database: copy the newest backup from &quot;%1&quot; to &quot;%2&quot;, then open reviewer mode again.

To start a new office instead, set the old files aside: they are moved to &quot;%3&quot;, never deleted.</source>
        <translation>如要继续处理这些申请，请取消并恢复审核数据库：把“%1”中最新的备份复制为“%2”，然后重新打开审核模式。

如要改为设立新的审核机关，请把旧文件移到一旁：它们会被移到“%3”，不会被删除。</translation>
    </message>
    <message>
        <source>Set the old files aside and set up a new office</source>
        <translation>将旧文件移到一旁并设立新机关</translation>
    </message>
</context>
<context>
    <name>ReviewMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import bundles…</source>
        <translation>导入申请包(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a &amp;folder…</source>
        <translation>导入文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Export decisions…</source>
        <translation>导出决定文件(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the decisions of the &amp;selected…</source>
        <translation>导出所选申请的决定(&amp;S)…</translation>
    </message>
    <message>
        <source>Export the &amp;roster (.xlsx)…</source>
        <translation>导出花名册（.xlsx）(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Open application</source>
        <translation>打开申请(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Approve selected…</source>
        <translation>通过所选申请(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Reject selected…</source>
        <translation>不予通过所选申请(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Claim selected</source>
        <translation>认领所选(&amp;C)</translation>
    </message>
    <message>
        <source>Re&amp;lease my claim on the selected</source>
        <translation>放弃对所选的认领(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Sign decisions…</source>
        <translation>签发决定(&amp;S)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Office</source>
        <translation>本机关(&amp;O)</translation>
    </message>
    <message>
        <source>Export the office&apos;s public &amp;key…</source>
        <translation>导出本机关公钥(&amp;K)…</translation>
    </message>
    <message>
        <source>Import a &amp;trust file…</source>
        <translation>导入可信机关名单(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Publish a trust file…</source>
        <translation>发布可信机关名单(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Verify the audit log</source>
        <translation>校验审计日志(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Staff…</source>
        <translation>人员(&amp;S)…</translation>
    </message>
    <message>
        <source>Change my pass&amp;word…</source>
        <translation>修改我的密码(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About swdesk</source>
        <translation>关于 swdesk(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ReviewPasswordDialog</name>
    <message>
        <source>Reviewer mode</source>
        <translation>审核模式</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>empty: sign in with the office password</source>
        <translation>留空：使用机构密码登录</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>Enter your own password to sign in.</source>
        <translation>请输入您本人的密码登录。</translation>
    </message>
    <message>
        <source>Enter the office password to open reviewer mode.</source>
        <translation>请输入本机关密码以进入审核模式。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>swdesk reviewer · %1 (%2)</source>
        <translation>swdesk 审核 · %1（%2）</translation>
    </message>
    <message>
        <source>%1 · server %2</source>
        <translation>%1 · 服务器 %2</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>申请列表</translation>
    </message>
    <message>
        <source>Drop bundles (.swdapp, .swdfwd) or folders here to import them.</source>
        <translation>将申请包（.swdapp）、转报包（.swdfwd）或文件夹拖放到此处即可导入。</translation>
    </message>
    <message>
        <source>Office fingerprint: %1</source>
        <translation>本机关指纹：%1</translation>
    </message>
    <message>
        <source>The queue could not be loaded</source>
        <translation>无法加载审核队列</translation>
    </message>
    <message>
        <source>%n application(s)</source>
        <translation>%n 份申请</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>导入申请包</translation>
    </message>
    <message>
        <source>swdesk bundles (*.swdapp *.swdfwd);;All files (*)</source>
        <translation>swdesk 申请包和转报包 (*.swdapp *.swdfwd);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import every bundle in a folder or USB stick</source>
        <translation>导入文件夹或U盘中的全部申请包</translation>
    </message>
</context>
<context>
    <name>RulesAndCounty</name>
    <message>
        <source>Applicable rules</source>
        <translation>适用规定</translation>
    </message>
    <message>
        <source>Whose rules on registration and continuing education apply to you: those of your province, or the national ones.</source>
        <translation>注册和继续教育适用哪里的规定：本省的规定，或全国的规定。</translation>
    </message>
    <message>
        <source>Applicable &amp;rules</source>
        <translation>适用规定(&amp;R)</translation>
    </message>
    <message>
        <source>Co&amp;unty or district</source>
        <translation>所在县（区）(&amp;U)</translation>
    </message>
    <message>
        <source>County or district</source>
        <translation>所在县（区）</translation>
    </message>
</context>
<context>
    <name>SaveOnClose</name>
    <message>
        <source>swdesk could not write it.</source>
        <translation>swdesk 无法写入。</translation>
    </message>
    <message>
        <source>The draft was not saved</source>
        <translation>草稿未保存</translation>
    </message>
    <message>
        <source>Your latest changes to the application could not be saved: %1

Close anyway and lose them?</source>
        <translation>您对申请的最新修改未能保存：%1

仍要关闭并放弃这些修改吗？</translation>
    </message>
</context>
<context>
    <name>SharedIdBanner</name>
    <message>
        <source>Show the&amp;m</source>
        <translation>只显示这些申请(&amp;M)</translation>
    </message>
    <message numerus="yes">
        <source>%n application(s) awaiting review share an ID number with another one (marked ※ in the queue): check whether the same person applied twice.</source>
        <translation>
            <numerusform>有 %n 份待审核的申请与其他申请使用相同的公民身份号码（在队列中以 ※ 标出）：请核实是否为同一人重复申请。</numerusform>
        </translation>
    </message>
    <message>
        <source>Show &amp;all</source>
        <translation>显示全部申请(&amp;A)</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Sign decisions</source>
        <translation>签发决定</translation>
    </message>
    <message>
        <source>Decisions awaiting signature</source>
        <translation>待签发的决定</translation>
    </message>
    <message>
        <source>&amp;Sign the ticked</source>
        <translation>签发已勾选的(&amp;S)</translation>
    </message>
    <message>
        <source>Sign &amp;all</source>
        <translation>全部签发(&amp;A)</translation>
    </message>
    <message>
        <source>Send &amp;back</source>
        <translation>退回(&amp;B)</translation>
    </message>
    <message>
        <source>Return the highlighted decision to the queue undecided</source>
        <translation>将选中的决定退回队列，视为未决定</translation>
    </message>
    <message>
        <source>The decisions could not be read</source>
        <translation>无法读取待签发的决定</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) await your signature.</source>
        <translation>
            <numerusform>%n 项决定等待您签发。</numerusform>
        </translation>
    </message>
    <message>
        <source>No decision awaits a signature.</source>
        <translation>没有等待签发的决定。</translation>
    </message>
    <message>
        <source>%1 · %2 · decided by %3 on %4%5</source>
        <translation>%1 · %2 · %3 于 %4 审核%5</translation>
    </message>
    <message>
        <source>Tick the decisions to sign first.</source>
        <translation>请先勾选要签发的决定。</translation>
    </message>
    <message>
        <source>Nothing was signed</source>
        <translation>未签发任何决定</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) signed and recorded.</source>
        <translation>
            <numerusform>已签发并记录 %n 项决定。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未签发</translation>
    </message>
    <message>
        <source>These decisions were not signed:</source>
        <translation>以下决定未签发：</translation>
    </message>
    <message>
        <source>Highlight the decision to send back first.</source>
        <translation>请先选中要退回的决定。</translation>
    </message>
    <message>
        <source>Nothing was changed</source>
        <translation>未作任何更改</translation>
    </message>
</context>
<context>
    <name>SignedPage</name>
    <message>
        <source>Scan of the signed form</source>
        <translation>已签字申请表的扫描件</translation>
    </message>
    <message>
        <source>After printing and signing the form, scan it and attach the scan here. You can do this later: the bundle records whether the signed scan is included.</source>
        <translation>打印申请表并签字后，请将其扫描，并在此处添加扫描件。也可以稍后再添加：申请包会记录是否包含签字扫描件。</translation>
    </message>
    <message>
        <source>&amp;Attach the signed scan…</source>
        <translation>添加签字扫描件(&amp;A)…</translation>
    </message>
    <message>
        <source>Attached: %1</source>
        <translation>已添加：%1</translation>
    </message>
    <message>
        <source>No signed scan attached yet.</source>
        <translation>尚未添加签字扫描件。</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>PDF or image (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>PDF 或图片 (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>Splash</name>
    <message>
        <source>Social workers&apos; continuing education and re-registration</source>
        <translation>社会工作者继续教育与再登记</translation>
    </message>
    <message>
        <source>Opening your data…</source>
        <translation>正在打开您的数据…</translation>
    </message>
    <message>
        <source>swdesk is starting</source>
        <translation>swdesk 正在启动</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Office key</source>
        <translation>机构密钥</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;New password…</source>
        <translation>新密码(&amp;N)…</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>disabled %1</source>
        <translation>已于 %1 停用</translation>
    </message>
    <message>
        <source>holds a copy</source>
        <translation>持有副本</translation>
    </message>
    <message>
        <source>Select a person first.</source>
        <translation>请先选择一个人。</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <source>Disable the account %1? They can no longer sign in. The account is kept, so the audit log keeps naming them.</source>
        <translation>停用账户 %1？停用后此人不能再登录。账户会保留，审计日志仍会记录其姓名。</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password for %1:</source>
        <translation>%1 的新密码：</translation>
    </message>
    <message>
        <source>Nothing was changed</source>
        <translation>未作任何更改</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Welcome to swdesk</source>
        <translation>欢迎使用 swdesk</translation>
    </message>
    <message>
        <source>Keep your social-work registration valid: record your continuing education, see when to re-register and what is still missing. Everything stays on this computer.</source>
        <translation>保持社会工作者登记有效：记录继续教育学时，了解何时申请再登记以及还缺少什么。所有数据只保存在本机。</translation>
    </message>
    <message>
        <source>&amp;Create my profile</source>
        <translation>创建我的档案(&amp;C)</translation>
    </message>
    <message>
        <source>Open the &amp;demo</source>
        <translation>打开演示(&amp;D)</translation>
    </message>
    <message>
        <source>Reviewer &amp;mode (civil-affairs offices)</source>
        <translation>审核模式（民政部门）(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Training provider (issue attendance records)</source>
        <translation>培训机构（签发学时记录）(&amp;T)</translation>
    </message>
    <message>
        <source>The demo adds invented practitioners from Pingliang so you can look around; you can delete them later.</source>
        <translation>演示会添加几位虚构的平凉市社会工作者，方便您浏览体验；之后可以删除。</translation>
    </message>
</context>
<context>
    <name>StepList</name>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>1. Pre-check</source>
        <translation>1. 预审</translation>
    </message>
    <message>
        <source>2. Personal data</source>
        <translation>2. 个人信息</translation>
    </message>
    <message>
        <source>3. Materials</source>
        <translation>3. 材料</translation>
    </message>
    <message>
        <source>4. Declaration</source>
        <translation>4. 承诺声明</translation>
    </message>
    <message>
        <source>5. The form</source>
        <translation>5. 申请表</translation>
    </message>
    <message>
        <source>6. Signed scan</source>
        <translation>6. 签字扫描件</translation>
    </message>
    <message>
        <source>7. Export</source>
        <translation>7. 导出</translation>
    </message>
</context>
<context>
    <name>TrustListing</name>
    <message>
        <source>Training providers on the list:</source>
        <translation>名单所列的培训机构：</translation>
    </message>
</context>
<context>
    <name>UserGuideDialog</name>
    <message>
        <source>swdesk user guide</source>
        <translation>swdesk 使用指南</translation>
    </message>
    <message>
        <source>The user guide could not be read. Reinstall swdesk to restore it.</source>
        <translation>无法读取使用指南。请重新安装 swdesk 以恢复它。</translation>
    </message>
</context>
</TS>
