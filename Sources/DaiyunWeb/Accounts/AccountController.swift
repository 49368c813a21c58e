import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// The user's own account: language and API tokens.
struct AccountController: RouteCollection {
    /// The lifetimes the form offers, in days; empty: until revoked.
    static let lifetimes = ["90", "30", "365", ""]

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
        return try await Page.formAction(req, failurePath: .account) {
            let lifetime = req.formField("expires_in_days")
            let days =
                lifetime.isEmpty
                ? nil : try InputBounds.parse(lifetime, in: 1...APITokenRepository.maxLifetimeDays, field: "expires_in_days")
            let (_, secret) = try await req.tokens.create(
                named: req.formField("name"), for: user, expiresInDays: days, by: try req.writeContext())
            return try await render(req, newSecret: secret)
        }
    }

    func revokeToken(req: Request) async throws -> Response {
        let user = try req.currentUser().user
        guard let id = req.parameters.get("tokenID").flatMap(UUID.init(uuidString:)),
            try await req.tokens.revoke(id, of: user, by: try req.writeContext())
        else { throw AccessDenied.notFound }
        return Page.saved(req, to: .account)
    }

    private func render(_ req: Request, newSecret: String?) async throws -> Response {
        let user = try req.currentUser().user
        let l10n = Page.localizer(for: req)
        let tokens = try await req.tokens.tokens(of: user.id)
        let time = AuditController.timeFormatter
        let content = AccountPage(
            title: l10n["account_title"],
            login: user.login, name: user.displayName, kind: l10n.kind(user.kind),
            languages: Language.allCases.map {
                Choice(value: $0.rawValue, label: l10n[$0 == .zhCN ? "lang_zh" : "lang_en"], selected: $0 == user.language)
            },
            tokens: tokens.map {
                .init(
                    id: $0.id.uuidString.lowercased(), name: $0.name, prefix: $0.prefix, createdAt: time.string(from: $0.createdAt),
                    lastUsedAt: $0.lastUsedAt.map(time.string(from:)) ?? "—",
                    expiresAt: $0.expiresAt.map(time.string(from:)) ?? l10n["token_never"],
                    revoked: $0.revokedAt != nil, expired: $0.expiresAt.map { $0 <= req.now } ?? false,
                    revokePath: SiteURL.revokeToken($0.id).path)
            },
            lifetimes: Self.lifetimes.map {
                Choice(value: $0, label: $0.isEmpty ? l10n["token_never"] : l10n.format("token_days", Int($0)!), selected: $0 == "90")
            },
            newSecret: newSecret
        )
        return try await Page.render(content, for: req)
    }
}
