import DaiyunCore
import DaiyunPersistence
import Foundation

/// The account page: name, language and API tokens.
struct AccountPage: PageContent {
    static let template = "accounts/account"
    static let strings: [StringTable] = [.accounts, .auth, .tenancy]
    var title: String
    struct TokenRow: Encodable {
        var id: String
        var name: String
        var prefix: String
        var createdAt: String
        var lastUsedAt: String
        var expiresAt: String
        var revoked: Bool
        var expired: Bool
        var revokePath: String
    }
    var login: String
    var name: String
    var kind: String
    var languages: [Choice]
    var tokens: [TokenRow]
    var lifetimes: [Choice]
    var languagePath = SiteURL.language.path
    var tokensPath = SiteURL.accountTokens.path
    var passwordPath = SiteURL.accountPassword.path
    var mustChangePassword: Bool
    var newSecret: String?

    /// The lifetimes the token form offers, in days; empty: until revoked.
    static let lifetimeChoices = ["90", "30", "365", ""]

    /// `newSecret`: a token just made, shown this once.
    init(user: User, tokens: [APITokenSummary], newSecret: String?, now: Date, _ l10n: Localizer) {
        let time = AuditPage.timeFormatter
        title = l10n["account_title"]
        login = user.login
        mustChangePassword = user.mustChangePassword
        name = user.displayName
        kind = l10n.kind(user.kind)
        languages = Language.allCases.map {
            Choice(value: $0.rawValue, label: l10n[$0 == .zhCN ? "lang_zh" : "lang_en"], selected: $0 == user.language)
        }
        self.tokens = tokens.map {
            TokenRow(
                id: $0.id.uuidString.lowercased(), name: $0.name, prefix: $0.prefix, createdAt: time.string(from: $0.createdAt),
                lastUsedAt: $0.lastUsedAt.map(time.string(from:)) ?? "—",
                expiresAt: $0.expiresAt.map(time.string(from:)) ?? l10n["token_never"],
                revoked: $0.revokedAt != nil, expired: $0.expiresAt.map { $0 <= now } ?? false, revokePath: SiteURL.revokeToken($0.id).path)
        }
        lifetimes = Self.lifetimeChoices.map {
            Choice(value: $0, label: $0.isEmpty ? l10n["token_never"] : l10n.format("token_days", Int($0)!), selected: $0 == "90")
        }
        self.newSecret = newSecret
    }
}
