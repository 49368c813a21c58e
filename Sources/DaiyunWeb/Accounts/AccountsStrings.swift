extension StringTable {
    /// The strings of staff, assignments, the account page and API tokens.
    static let accounts = StringTable(
        "accounts",
        [
            // Staff
            "staff_title": ("员工与分配", "Staff and assignments"),
            "users": ("账号", "Accounts"),
            "assignments": ("店铺分配", "Store assignments"),
            "new_user": ("新建账号", "New account"),
            "assign_title": ("分配员工到店铺", "Assign staff to a store"),
            "assign_button": ("分配", "Assign"),

            // Account and tokens
            "account_title": ("我的账户", "My account"),
            "api_tokens": ("API 令牌", "API tokens"),
            "api_tokens_intro": (
                "令牌用于调用 /api/v1 接口，请求头写 Authorization: Bearer <令牌>。令牌只显示一次。",
                "Tokens call the /api/v1 API with the header Authorization: Bearer <token>. A token is shown once."
            ),
            "new_token": ("新建令牌", "New token"),
            "token_created": ("新令牌（只显示这一次，请立即复制）：", "Your new token (shown this once, copy it now):"),
            "token_prefix": ("前缀", "Prefix"),
            "token_created_at": ("创建时间", "Created"),
            "token_last_used": ("最近使用", "Last used"),
            "token_revoked": ("已吊销", "Revoked"),
            "token_revoke": ("吊销", "Revoke"),
            "token_expires": ("有效期至", "Expires"),
            "token_lifetime": ("有效期", "Valid for"),
            "token_never": ("长期（直到吊销）", "Until revoked"),
            "token_days": ("%d 天", "%d days"),
            "token_expired": ("已过期", "Expired"),
            "no_tokens": ("还没有令牌。", "No tokens yet."),
        ])
}
