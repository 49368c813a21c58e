extension StringTable {
    /// The strings of channel connections and sync.
    static let channels = StringTable(
        "channels",
        [
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
