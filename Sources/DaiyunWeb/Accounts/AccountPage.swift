import DaiyunCore
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
    var newSecret: String?
}
