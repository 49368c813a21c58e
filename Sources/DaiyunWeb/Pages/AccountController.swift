import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// The user's own account: language and API tokens.
struct AccountController: RouteCollection {
    struct Content: Encodable {
        struct TokenRow: Encodable {
            var id: String
            var name: String
            var prefix: String
            var createdAt: String
            var lastUsedAt: String
            var revoked: Bool
        }
        var login: String
        var name: String
        var kind: String
        var languages: [Choice]
        var tokens: [TokenRow]
        var newSecret: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let account = routes.grouped("account")
        account.get(use: show)
        account.post("tokens", use: createToken)
        account.post("tokens", ":tokenID", "revoke", use: revokeToken)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, newSecret: nil)
    }

    /// Shows the new token in the response itself: it is never stored or put in the session.
    func createToken(req: Request) async throws -> Response {
        let user = try req.currentUser().user
        return try await Page.formAction(req, failurePath: "/account") {
            let (_, secret) = try await req.tokens.create(named: req.formField("name"), for: user, by: try req.writeContext())
            return try await render(req, newSecret: secret)
        }
    }

    func revokeToken(req: Request) async throws -> Response {
        let user = try req.currentUser().user
        guard let id = req.parameters.get("tokenID").flatMap(UUID.init(uuidString:)),
              try await req.tokens.revoke(id, of: user, by: try req.writeContext()) else { throw AccessDenied.notFound }
        return Page.saved(req, to: "/account")
    }

    private func render(_ req: Request, newSecret: String?) async throws -> Response {
        let user = try req.currentUser().user
        let l10n = Page.localizer(for: req)
        let tokens = try await req.tokens.tokens(of: user.id)
        let time = AuditController.timeFormatter
        let content = Content(
            login: user.login, name: user.displayName, kind: l10n.kind(user.kind),
            languages: Language.allCases.map { Choice(value: $0.rawValue, label: l10n[$0 == .zhCN ? "lang_zh" : "lang_en"], selected: $0 == user.language) },
            tokens: tokens.map {
                .init(id: $0.id.uuidString.lowercased(), name: $0.name, prefix: $0.prefix, createdAt: time.string(from: $0.createdAt),
                      lastUsedAt: $0.lastUsedAt.map(time.string(from:)) ?? "—", revoked: $0.revokedAt != nil)
            },
            newSecret: newSecret
        )
        return try await Page.render("account", titleKey: "account_title", page: content, for: req)
    }
}
