extension StringTable {
    /// The strings of sign-in.
    static let auth = StringTable(
        "auth",
        [
            // Sign-in
            "sign_in_title": ("登录", "Sign in"),
            "invitation_title": ("设置密码", "Set your password"),
            "invitation_intro": (
                "您受邀以 %@ 登录 Daiyun，查看贵品牌店铺的经营数据与结算单。请设置密码（链接只能使用一次）。",
                "You are invited to sign in to Daiyun as %@ and see your brand's stores and statements. Set your password (the link works once)."
            ),
            "invitation_password": ("新密码", "New password"),
            "invitation_password_rules": ("至少 10 位，须同时包含字母和数字。", "At least 10 characters, with letters and digits."),
            "invitation_confirm": ("再次输入新密码", "New password again"),
            "invitation_submit": ("设置密码", "Set the password"),
            "invitation_accepted": ("密码已设置，请以 %@ 登录。", "Your password is set: sign in as %@."),
            "sign_in_intro": ("使用代运营公司或品牌方账号登录。", "Sign in with your agency or brand account."),
            "sign_in_button": ("登录", "Sign in"),
            "sign_in_disabled": ("该账号已停用，请联系代运营管理员。", "This account is disabled; ask your agency admin."),
            "sign_in_failed": ("登录名或密码错误。", "The sign-in name or password is wrong."),
            "sign_in_locked": ("此登录名连续失败次数过多，已锁定。请 %d 分钟后再试。", "Too many failed sign-ins for this name. Try again in %d minutes."),
        ])
}
