import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// The user's own account: language and API tokens.
struct AccountController: RouteCollection {

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
        let content = AccountPage(user: user, tokens: try await req.tokens.tokens(of: user.id), newSecret: newSecret, now: req.now, l10n)
        return try await Page.render(content, for: req)
    }
}
