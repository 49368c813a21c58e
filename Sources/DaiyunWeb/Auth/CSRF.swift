import DaiyunCore
import DaiyunCrypto
import Foundation
import Vapor

/// CSRF tokens: every form carries one, every unsafe page request must return it. A signed-in
/// user's token lives in their session; before sign-in it lives in a cookie of its own (the form
/// returns what the cookie holds), so an anonymous visit stores nothing on the server.
enum CSRF {
    static let sessionKey = "csrf"
    static let formField = "_csrf"
    /// A route's `userInfo` key for the largest body it takes (file uploads), in bytes.
    static let uploadLimitKey = "daiyun.uploadLimit"

    /// The session's token, or the anonymous cookie's; created on first use.
    static func token(for request: Request) -> String {
        if request.hasSession {
            if let token = request.session.data[sessionKey] { return token }
            let token = Hex.random(bytes: 32)
            request.session.data[sessionKey] = token
            return token
        }
        if let token = anonymousToken(request) { return token }
        let token = request.storage[PendingCookie.self] ?? Hex.random(bytes: 32)
        request.storage[PendingCookie.self] = token
        return token
    }

    /// Sets the anonymous token's cookie when this request made one.
    static func setPendingCookie(on response: Response, for request: Request) {
        guard let token = request.storage[PendingCookie.self] else { return }
        response.cookies[AnonymousCookies.csrf] = AnonymousCookies.value(token, secure: request.application.services.config.secureCookies)
    }

    private static func anonymousToken(_ request: Request) -> String? {
        guard let token = request.cookies[AnonymousCookies.csrf]?.string, token.count == 64, token.allSatisfy(\.isHexDigit) else {
            return nil
        }
        return token
    }

    private struct PendingCookie: StorageKey { typealias Value = String }

    /// Whether the request carries its token (form field or `X-CSRF-Token` header).
    static func isValid(_ request: Request) -> Bool {
        let stored = request.hasSession ? request.session.data[sessionKey] : nil
        guard let expected = stored ?? anonymousToken(request) else { return false }
        struct Field: Decodable { var _csrf: String }
        // Multipart bodies (file uploads) cannot be read one field at a time: decode the field.
        let given =
            request.headers.first(name: "X-CSRF-Token")
            ?? (try? request.content.get(String.self, at: formField))
            ?? (try? request.content.decode(Field.self))?._csrf
        guard let given else { return false }
        // Constant-time comparison: the time taken tells nothing about how much matched.
        let a = Array(expected.utf8)
        let b = Array(given.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Refuses unsafe page requests (POST, PUT, PATCH, DELETE) that lack the session's CSRF token.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            // Vapor collects a body inside the route, after middleware; a large one (a file
            // upload) may not have arrived yet. Collect it here, within the route's own limit.
            if request.body.data == nil {
                let max = request.route?.userInfo[CSRF.uploadLimitKey] as? Int ?? request.application.routes.defaultMaxBodySize.value
                _ = try await request.body.collect(max: max).get()
            }
            guard CSRF.isValid(request) else { throw Abort(.forbidden, reason: "csrf") }
        }
        return try await next.respond(to: request)
    }
}

/// The cookies a visitor has before signing in: the form token and the chosen language. Kept in
/// the browser, so that anonymous requests create no session on the server.
enum AnonymousCookies {
    static let csrf = "daiyun_csrf"
    static let language = "daiyun_lang"

    /// A strict same-site, script-proof cookie for the sign-in's lifetime.
    static func value(_ text: String, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: text, maxAge: Int(SessionExpiry.lifetime), path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }
}
