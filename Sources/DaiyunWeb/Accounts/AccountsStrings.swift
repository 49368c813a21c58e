extension StringTable {
    /// The strings of staff, assignments, the account page and API tokens.
    static let accounts = StringTable(
        "accounts",
        [
            // Staff
            "staff_title": ("员工与分配", "Staff and assignments"),
            "account_state": ("账号状态", "Account"),
            "account_active": ("正常", "Active"),
            "account_disabled": ("已停用", "Disabled"),
            "account_locked": ("登录已锁定", "Sign-in locked"),
            "account_must_change": ("待改密码", "Must change password"),
            "account_unlock": ("解锁", "Unlock"),
            "account_enable": ("启用", "Enable"),
            "account_disable": ("停用", "Disable"),
            "account_reset_password": ("重置密码", "Reset password"),
            "field_temporary_password": ("临时密码", "Temporary password"),
            "password_reset_done": (
                "已为 %@ 设置临时密码；对方下次登录时须改为自己的密码。", "%@ has a temporary password and must choose their own at the next sign-in."
            ),
            "unlocked_done": ("已解锁 %@ 的登录。", "Sign-in for %@ is unlocked."),
            "disabled_done": ("已停用 %@：其会话和 API 令牌立即失效。", "%@ is disabled: their sessions and API tokens stop working at once."),
            "enabled_done": ("已启用 %@。", "%@ is enabled."),
            "choose_kind": ("请选择账号类型", "Choose the kind of account"),
            "change_password": ("修改密码", "Change password"),
            "password_changed": ("密码已修改。", "Your password is changed."),
            "must_change_notice": (
                "管理员重置了你的密码。请先设置你自己的新密码，然后才能使用其他页面。",
                "An admin reset your password. Choose your own new password before using the other pages."
            ),
            "users": ("账号", "Accounts"),
            "assignments": ("店铺分配", "Store assignments"),
            "new_user": ("新建账号", "New account"),
            "workload_title": ("团队工作量", "Team workload"),
            "workload_link": ("团队工作量与服务指标", "Team workload and service figures"),
            "workload_period": (
                "待办为此刻各人所负责店铺的合计；服务指标为近 %@ 天：告警在 %@ 小时内确认的比例，发货在店铺承诺时效内的比例。",
                "What waits is the total of each person's stores now; service figures cover the last %@ days: alerts acknowledged within %@ hours, shipments within the store's promised time."
            ),
            "workload_col_person": ("成员", "Person"),
            "workload_col_roles": ("店铺角色与合同团队", "Store roles and contract teams"),
            "workload_col_stores": ("店铺", "Stores"),
            "workload_col_to_ship": ("待发货（超时）", "To ship (late)"),
            "workload_to_ship_overdue": ("%@（%@ 超时）", "%@ (%@ late)"),
            "workload_col_refunds": ("待处理退款", "Refunds waiting"),
            "workload_col_reviews": ("待回复差评", "Bad reviews"),
            "workload_col_alerts": ("未关闭告警", "Open alerts"),
            "workload_col_acknowledged": ("告警及时确认", "Alerts acknowledged in time"),
            "workload_col_shipped": ("按时发货", "Shipped in time"),
            "workload_share": ("%@ / %@（%@）", "%@ / %@ (%@)"),
            "workload_stores": ("各店铺人员", "People by store"),
            "workload_col_store": ("店铺", "Store"),
            "workload_col_people": ("人员", "People"),
            "invite_brand": ("邀请品牌方查看", "Invite a brand viewer"),
            "invite_brand_intro": (
                "为品牌方建一个只读账号，并生成一次性链接（7 天内有效），由对方自己设置密码。",
                "Creates a read-only account for the brand and a one-time link (valid 7 days) with which they set their own password."
            ),
            "invite_submit": ("生成邀请链接", "Create the invitation link"),
            "invitation_sent": (
                "已邀请 %@。把这个链接发给对方（只显示这一次，7 天内有效、只能使用一次）：%@",
                "%@ is invited. Send them this link (shown this once; it works once, within 7 days): %@"
            ),
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
