/// The sign-in form, with the name typed so far and the reason the last attempt failed.
struct SignInPage: PageContent {
    static let template = "auth/login"
    static let strings: [StringTable] = [.auth]
    var title: String
    var login: String
    var next: String
    var error: String?
    var action = SiteURL.login().path

    init(login: String = "", next: String, error: String? = nil, _ l10n: Localizer) {
        title = l10n["sign_in_title"]
        self.login = login
        self.next = next
        self.error = error
    }
}
