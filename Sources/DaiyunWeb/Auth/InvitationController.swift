import DaiyunCore
import DaiyunCrypto
import DaiyunPersistence
import Vapor

/// Invitations: an admin invites a brand's viewer (the staff page, or the API), and the link
/// lets them set their password once, within a week, without signing in.
struct InvitationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("invitations", ":secret", use: show)
        routes.post("invitations", ":secret", use: accept)
    }

    func show(req: Request) async throws -> Response {
        let (_, user) = try await req.openInvitation()
        return try await Page.render(InvitationPage(login: user.login, path: req.url.path, Page.localizer(for: req)), for: req)
    }

    func accept(req: Request) async throws -> Response {
        let (invitation, user) = try await req.openInvitation()
        let l10n = Page.localizer(for: req)
        do {
            let password = req.formField("password")
            try PasswordRules.check(password)
            guard password == req.formField("confirm_password") else { throw ValidationError(field: "confirm_password", rule: .mismatch) }
            let hash = try await req.password.async.hash(password)
            let context = WriteContext(actor: "user:\(user.login)", now: req.now, ids: req.ids)
            guard try await InvitationRepository(database: req.db).accept(invitation, of: user, passwordHash: hash, by: context) else {
                throw AccessDenied.notFound
            }
            return Page.redirect(req, to: .login(), flash: l10n.format("invitation_accepted", user.login))
        } catch let error as ValidationError {
            let page = InvitationPage(
                login: user.login, path: req.url.path, error: l10n.message(for: AppError.from(error)), l10n)
            return try await Page.render(page, status: .unprocessableEntity, for: req)
        }
    }
}

extension Request {
    /// The open invitation the path's secret names, with its account; a secret that names none,
    /// a used or an expired link, and a disabled account all answer 404, alike.
    func openInvitation() async throws -> (Invitation, User) {
        guard let secret = parameters.get("secret"), secret.count == 64,
            let invitation = try await InvitationRepository(database: db).invitation(secret: secret), invitation.isOpen(at: now),
            let user = try await users.user(invitation.userID), !user.isDisabled
        else {
            throw AppError(
                status: .notFound, code: "invitation_closed", message: "This invitation does not work: it was used, or it expired.")
        }
        return (invitation, user)
    }

    /// Invites a brand's viewer into the admin's agency: creates the account (with a password
    /// nobody knows) and its one-time link, whose address is returned, shown once.
    func invite(login: String, displayName: String, clientID: String, language: String?) async throws -> (User, Invitation, url: String) {
        let unusable = Hex.random(bytes: 24) + "a1"
        let draft = try UserDraft(
            login: login, displayName: displayName, kind: UserKind.brandViewer.rawValue, clientID: clientID, password: unusable,
            language: language)
        let user = try await StaffService.createUser(draft, on: self)
        let (invitation, secret) = try await InvitationRepository(database: db).invite(user, by: try writeContext())
        let base = application.services.config.publicURL ?? headers.first(name: .host).map { "http://\($0)" } ?? ""
        return (user, invitation, base + SiteURL.invitation(secret).path)
    }
}
