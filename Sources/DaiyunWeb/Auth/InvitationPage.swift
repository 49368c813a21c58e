/// The page an invitation link opens: the account's login and the form that sets its password.
struct InvitationPage: PageContent {
    static let template = "auth/invitation"
    static let strings: [StringTable] = [.auth]
    var title: String
    var intro: String
    var path: String
    var error: String?

    init(login: String, path: String, error: String? = nil, _ l10n: Localizer) {
        title = l10n["invitation_title"]
        intro = l10n.format("invitation_intro", login)
        self.path = path
        self.error = error
    }
}
