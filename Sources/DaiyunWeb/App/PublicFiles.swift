import Vapor

/// Serves `Public/` (styles, the favicon). A path no file could have is passed straight to the
/// routes, which answer 404, instead of being looked up: a segment longer than a file name may be
/// made the file system refuse, and that refusal was a 500.
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let path = request.url.path.removingPercentEncoding, Self.couldNameAFile(path) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }

    /// At most 1,024 bytes, no segment over 255 (NAME_MAX), no NUL.
    static func couldNameAFile(_ path: String) -> Bool {
        path.utf8.count <= 1024 && !path.utf8.contains(0) && path.split(separator: "/").allSatisfy { $0.utf8.count <= 255 }
    }
}

/// Refuses a request whose address is longer than any page or API call needs, with 414, before
/// anything reads it. (Past the HTTP parser's own limit of 80 KiB for the request head, the
/// connection is closed by the server library without an answer.)
struct AddressLimit: AsyncMiddleware {
    static let maxBytes = 16 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.string.utf8.count <= Self.maxBytes else { throw Abort(.uriTooLong) }
        return try await next.respond(to: request)
    }
}

/// Answers 405 to methods no route of the app takes (TRACE, CONNECT, …), where the router would
/// say 404 as if the path did not exist.
struct KnownMethods: AsyncMiddleware {
    static let allowed: [HTTPMethod] = [.GET, .HEAD, .POST, .PUT, .PATCH, .DELETE, .OPTIONS]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard Self.allowed.contains(request.method) else {
            throw Abort(.methodNotAllowed, headers: ["Allow": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"])
        }
        return try await next.respond(to: request)
    }
}

/// The headers every answer carries: no framing by other sites, no content sniffing, no referrer
/// sent elsewhere, and a content policy that allows only this site's styles and forms (the pages
/// have no scripts).
struct SecurityHeaders: AsyncMiddleware {
    static let contentPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentPolicy)
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        return response
    }
}
