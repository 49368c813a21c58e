import DaiyunCore
import Foundation
import Vapor

/// Per-session CSRF tokens: every form carries one, every unsafe page request must return it.
enum CSRF {
    static let sessionKey = "csrf"
    static let formField = "_csrf"
    /// A route's `userInfo` key for the largest body it takes (file uploads), in bytes.
    static let uploadLimitKey = "daiyun.uploadLimit"

    /// The session's token, created on first use.
    static func token(for request: Request) -> String {
        if let token = request.session.data[sessionKey] { return token }
        let token = Hex.random(bytes: 32)
        request.session.data[sessionKey] = token
        return token
    }

    /// Whether the request carries the session's token (form field or `X-CSRF-Token` header).
    static func isValid(_ request: Request) -> Bool {
        guard let expected = request.session.data[sessionKey] else { return false }
        struct Field: Decodable { var _csrf: String }
        // Multipart bodies (file uploads) cannot be read one field at a time: decode the field.
        let given = request.headers.first(name: "X-CSRF-Token")
            ?? (try? request.content.get(String.self, at: formField))
            ?? (try? request.content.decode(Field.self))?._csrf
        guard let given else { return false }
        // Constant-time comparison: the time taken tells nothing about how much matched.
        let a = Array(expected.utf8), b = Array(given.utf8)
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
