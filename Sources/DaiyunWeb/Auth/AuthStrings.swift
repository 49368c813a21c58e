extension StringTable {
    /// The strings of sign-in.
    static let auth = StringTable(
        "auth",
        [
            // Sign-in
            "sign_in_title": ("登录", "Sign in"),
            "sign_in_intro": ("使用代运营公司或品牌方账号登录。", "Sign in with your agency or brand account."),
            "sign_in_button": ("登录", "Sign in"),
            "sign_in_disabled": ("该账号已停用，请联系代运营管理员。", "This account is disabled; ask your agency admin."),
            "sign_in_failed": ("登录名或密码错误。", "The sign-in name or password is wrong."),
            "sign_in_locked": ("此登录名连续失败次数过多，已锁定。请 %d 分钟后再试。", "Too many failed sign-ins for this name. Try again in %d minutes."),
        ])
}
