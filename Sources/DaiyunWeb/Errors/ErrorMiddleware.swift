import Vapor

/// Renders every error once: JSON `{ "error": code, "message": text }` under `/api`, an HTML page
/// elsewhere. Server faults are logged with the request id; bad input never becomes a 500.
struct AppErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let appError = AppError.from(error)
            if appError.status.code >= 500 {
                request.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            if request.url.path.hasPrefix("/api/") {
                return try jsonResponse(appError)
            }
            return try await ErrorPage.render(appError, for: request)
        }
    }

    private func jsonResponse(_ error: AppError) throws -> Response {
        struct Body: Encodable {
            var error: String
            var message: String
            var field: String?
        }
        let response = Response(status: error.status)
        try response.content.encode(Body(error: error.code, message: error.message, field: error.field), as: .json)
        if error.status == .unauthorized {
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
        }
        return response
    }
}
