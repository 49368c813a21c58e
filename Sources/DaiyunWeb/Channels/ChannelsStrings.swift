extension StringTable {
    /// The strings of channel connections and sync.
    static let channels = StringTable(
        "channels",
        [
            // What a job did, or why it failed (`Message` keys of the job kinds).
            "job_result_sync": (
                "订单读取 %@ 单（新增 %@，变更 %@）；退款 %@ 笔（新增 %@，变更 %@）；评价 %@ 条（新增 %@，变更 %@）；推广报表 %@ 行（新增 %@，变更 %@）",
                "orders %@ read (%@ new, %@ changed); refunds %@ read (%@ new, %@ changed); reviews %@ read (%@ new, %@ changed); ad report rows %@ read (%@ new, %@ changed)"
            ),
            "job_result_push": ("已推送 %@ 个商品的库存", "%@ listings pushed"),
            "job_result_shipped": ("%@ %@ 已回传，%@ 个子订单，订单 %@", "%@ %@ sent for %@ line(s) of %@"),
            "job_result_already_sent": ("已回传过", "already sent"),
            "job_superseded": ("已并入排队中的同一任务", "superseded by a queued job"),
            "job_retried_as_queued": ("已作为排队中的任务重试", "retried as the queued job"),
            "job_abandoned": ("执行它的进程已停止，已接管", "abandoned by its worker"),
            "job_error_unexpected": ("意外错误：%@", "unexpected error: %@"),
            "job_error_no_handler": ("没有处理 %@ 任务的程序", "no handler for %@"),
            "job_error_no_store": ("店铺已不存在", "the store no longer exists"),
            "job_error_secrets": ("无法解开店铺的渠道密钥：%@", "the store's channel secrets cannot be opened: %@"),
            "job_error_no_connection": ("店铺没有连接渠道", "the store has no channel connection"),
            "job_error_channel_unsupported": ("%@ 店铺还不能通过开放平台同步", "%@ stores do not sync through the open platform yet"),
            "job_error_channel_said": ("渠道拒绝：%@（错误码 %@）", "the channel refused: %@ (code %@)"),
            "job_error_channel_family_platform": (
                "渠道服务暂时出错（错误码 %@），将自动重试", "the channel's service failed (code %@); retried automatically"
            ),
            "job_error_channel_family_rateLimited": ("调用渠道过于频繁（错误码 %@），稍后自动重试", "called the channel too often (code %@); retried shortly"),
            "job_error_channel_family_signature": (
                "渠道拒绝了应用签名或 AppKey（错误码 %@）：请检查应用密钥", "the channel refused the app's signature or key (code %@): check the app secret"
            ),
            "job_error_channel_family_session": (
                "店铺授权已失效（错误码 %@）：请商家重新授权", "the store's authorisation has lapsed (code %@): the seller must authorise again"
            ),
            "job_error_channel_family_parameter": ("渠道认为请求参数有误（错误码 %@）", "the channel found a parameter wrong (code %@)"),
            "job_error_channel_family_business": ("渠道按业务规则拒绝了请求（错误码 %@）", "the channel refused the request by its rules (code %@)"),
            "job_error_push": ("%@ / %@ 个商品的库存未推送：%@", "%@ of %@ listings not pushed: %@"),
            "job_error_no_shipment": ("任务没有指明发货记录", "the job names no shipment"),
            "job_error_no_order": ("订单 %@ 不在代运系统中", "order %@ is not in Daiyun"),
            // Channel sync
            "sync_title": ("渠道同步", "Channel sync"),
            "sync_link": ("渠道同步", "Channel sync"),
            "sync_connection": ("开放平台连接", "Open platform connection"),
            "sync_not_connected": (
                "尚未连接开放平台，订单只能通过导出文件导入。", "Not connected to the open platform yet: orders come in by export files only."
            ),
            "sync_now": ("立即同步", "Sync now"),
            "sync_channel_not_yet": (
                "该渠道的接口同步尚未开放（签名与订单映射已就绪），订单请通过导出文件导入。",
                "This channel's API sync is not open yet (its signing and order mapping are ready): import its export files."
            ),
            "sync_requested": ("已加入同步队列，几秒内开始。", "Sync queued; it starts within seconds."),
            "sync_cursors": ("同步进度", "Sync progress"),
            "sync_no_cursors": ("还没有同步过。", "Nothing synced yet."),
            "sync_kind_orders": ("订单", "Orders"),
            "sync_kind_refunds": ("退款", "Refunds"),
            "sync_kind_reviews": ("评价", "Reviews"),
            "sync_kind_ads": ("推广报表（按天）", "Ad reports (daily)"),
            "sync_synced_until": ("已同步至", "Synced until"),
            "sync_lag": ("延迟", "Lag"),
            "sync_last_success": ("上次成功", "Last success"),
            "sync_last_error": ("最近错误", "Last error"),
            "sync_jobs": ("后台任务", "Background jobs"),
            "sync_no_jobs": ("暂无任务。", "No jobs yet."),
            "sync_every": ("同步间隔（秒）", "Sync every (seconds)"),
            "sync_connect": ("保存连接", "Save connection"),
            "sync_secret_note": (
                "App Secret 与 Session 只保存，不再显示，也不写入审计日志。",
                "The app secret and session are stored, never shown again, and kept out of the audit log."
            ),
            "job_kind_sync": ("订单同步", "Order sync"),
            "job_kind_stock_push": ("库存推送", "Stock push"),
            "job_kind_ship": ("发货回传", "Shipment"),
            "job_kind_alerts": ("告警评估", "Alert evaluation"),
            "job_kind_robots": ("群机器人推送", "Robot messages"),
            "robots_dispatched": ("已推送群机器人消息", "robot messages sent"),
            "alerts_evaluated": ("新开告警 %@ 条", "%@ alerts opened"),
            "job_no_store": ("店铺已不存在", "the store is gone"),
            "job_status_queued": ("排队中", "Queued"),
            "job_status_running": ("运行中", "Running"),
            "job_status_done": ("完成", "Done"),
            "job_status_dead": ("失败待处理", "Failed, needs a person"),
            "job_retry": ("重试", "Retry"),
            "kind_label": ("类型", "Kind"),
            "job_retried": ("任务已重新排队。", "The job is queued again."),
            "job_created": ("创建时间", "Created"),
            "job_run_at": ("计划时间", "Runs at"),
            "job_attempts": ("尝试", "Attempts"),
            "job_note": ("结果 / 错误", "Result / error"),
            "duration_seconds": ("%d 秒", "%d s"),
            "duration_minutes": ("%d 分钟", "%d min"),
            "duration_hours": ("%d 小时", "%d h"),
            "duration_days": ("%d 天", "%d days"),
        ])
}
