import Vapor

/// Logs each request once it is answered (method, route, status, duration, with the request id
/// Vapor puts in the logger's metadata) and records it in the metrics.
struct RequestObserver: AsyncMiddleware {
    let metrics: AppMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await next.respond(to: request)
        let elapsed = clock.now - start
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: response.status.code, duration: elapsed)
        let millis = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        request.logger.info(
            "\(request.method) \(request.url.path)",
            metadata: [
                "status": "\(response.status.code)",
                "route": "\(route)",
                "ms": "\(String(format: "%.1f", millis))",
            ])
        return response
    }
}
