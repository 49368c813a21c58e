extension StringTable {
    /// The strings of the audit log.
    static let audit = StringTable(
        "audit",
        [
            // Audit
            "audit_title": ("审计日志", "Audit log"),
            "audit_intro": (
                "每一次写操作都记入按客户分开的哈希链。品牌方可下载本品牌的链，用 daiyun audit verify 独立验证。",
                "Every write is recorded in a hash chain per client. A brand can download its chain and verify it on its own with daiyun audit verify."
            ),
            "audit_chain": ("审计链", "Chain"),
            "audit_agency_chain": ("代运营公司自身", "Agency's own"),
            "audit_head": ("链头", "Chain head"),
            "audit_entries_count": ("条目数", "Entries"),
            "audit_head_hash": ("最新哈希", "Latest hash"),
            "audit_head_hint": (
                "请记下链头（条目数:哈希）；日后用 verify --head 可以确认链未被截断或改写。",
                "Note the head (count:hash); verify --head later proves the chain was neither cut nor rewritten."
            ),
            "audit_verify": ("立即验证", "Verify now"),
            "audit_verified": ("验证通过：%d 条目，哈希链完整。", "Verified: %d entries, the hash chain is intact."),
            "audit_broken": ("验证失败：", "Verification failed: "),
            "audit_export": ("下载审计链（JSON）", "Download the chain (JSON)"),
            "audit_seq": ("序号", "#"),
            "audit_time": ("时间（北京时间）", "Time (Asia/Shanghai)"),
            "audit_actor": ("操作人", "Actor"),
            "audit_action": ("操作", "Action"),
            "audit_entity": ("对象", "Entity"),
            "audit_change": ("变更", "Change"),
            "audit_from": ("起始日", "From day"),
            "audit_until": ("截止日（含）", "Until day (inclusive)"),
            "audit_no_entries": ("没有符合条件的条目。", "No entries match."),
            "audit_hash": ("哈希", "Hash"),
        ])
}
