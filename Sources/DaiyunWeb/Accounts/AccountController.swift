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
        account.post("password", use: changePassword)
    }

    /// The user chooses a new password, giving the current one; the other sessions keep working.
    func changePassword(req: Request) async throws -> Response {
        let user = try req.currentUser().user
        return try await Page.formAction(req, failurePath: .account) {
            let new = req.formField("new_password")
            guard new == req.formField("confirm_password") else { throw ValidationError(field: "confirm_password", rule: .mismatch) }
            guard let stored = try await req.users.credentials(login: user.login),
                try await req.password.async.verify(req.formField("current_password"), created: stored.passwordHash)
            else { throw ValidationError(field: "current_password", rule: .wrongPassword) }
            try PasswordRules.check(new)
            guard new != req.formField("current_password") else { throw ValidationError(field: "new_password", rule: .samePassword) }
            let hash = try await req.password.async.hash(new)
            _ = try await req.users.setPassword(hash: hash, of: user, reset: false, by: try req.writeContext())
            return Page.redirect(req, to: .account, flash: Page.localizer(for: req)["password_changed"])
        }
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
