import DaiyunCore
import DaiyunPersistence
import Vapor

/// The signed-in user of a request and the principal the access rules judge.
struct CurrentUser: Authenticatable {
    var user: User
    var principal: Principal
}

extension Request {
    /// The signed-in user; 401 when there is none.
    func currentUser() throws -> CurrentUser {
        guard let current = auth.get(CurrentUser.self) else {
            throw Abort(.unauthorized, reason: "Sign in first.")
        }
        return current
    }

    func principal() throws -> Principal { try currentUser().principal }

    /// Loads the user and their principal, the same way for sessions and tokens. A disabled
    /// account signs nobody in, whatever the session or token says.
    func signIn(userID: ID<User>) async throws {
        guard let user = try await users.user(userID), !user.isDisabled else { return }
        auth.login(CurrentUser(user: user, principal: try await users.principal(for: user)))
    }

    /// The client's address, as sign-in locks count it: the first `X-Forwarded-For` entry behind a
    /// trusted proxy (`DAIYUN_TRUST_PROXY`), else the connection's peer.
    var clientAddress: String {
        if application.services.config.trustForwardedFor,
            let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces),
            !forwarded.isEmpty
        {
            return String(forwarded.prefix(64))
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Keeps a user whose password an admin reset on their account page until they choose a new one.
struct RequirePasswordChange: AsyncMiddleware {
    /// What such a user may still open: the account page, the password form, signing out.
    static let allowed: Set<String> = [SiteURL.account.path, SiteURL.accountPassword.path, SiteURL.logout.path, SiteURL.language.path]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let current = request.auth.get(CurrentUser.self), current.user.mustChangePassword, !Self.allowed.contains(request.url.path) {
            return request.redirect(to: SiteURL.account.path)
        }
        return try await next.respond(to: request)
    }
}

/// Signs in the user whose id the session holds, unless the session has ended (it is then
/// destroyed: the page asks for a sign-in).
struct SessionUserAuthenticator: AsyncMiddleware {
    static let sessionKey = "user_id"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Only a session the cookie brought is read: touching `request.session` would create and
        // store an empty one for every anonymous request.
        if request.hasSession, let text = request.session.data[Self.sessionKey], let id = ID<User>(text) {
            if SessionExpiry.hasEnded(request.session.data, at: request.now) {
                request.session.destroy()
            } else {
                try await request.signIn(userID: id)
            }
        }
        return try await next.respond(to: request)
    }
}

/// Signs in the user whose API token the `Authorization: Bearer` header carries.
struct BearerUserAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            guard let use = try await request.tokens.use(secret: bearer.token, at: request.now) else {
                throw Abort(.unauthorized, reason: "The API token is unknown, revoked or expired.")
            }
            request.storage[TokenInUse.self] = use
            try await request.signIn(userID: use.userID)
        }
        return try await next.respond(to: request)
    }
}

/// Turns away requests without a signed-in user: pages redirect to sign-in, the API answers 401.
struct RequireSignIn: AsyncMiddleware {
    var redirect: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(CurrentUser.self) else {
            if redirect {
                let target = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
                return request.redirect(to: SiteURL.login(next: target).path)
            }
            throw Abort(.unauthorized, reason: "Send an API token as 'Authorization: Bearer <token>'.")
        }
        return try await next.respond(to: request)
    }
}

/// The API token the request signed in with, if it came with one.
enum TokenInUse: StorageKey {
    typealias Value = APITokenUse
}
