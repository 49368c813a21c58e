import DaiyunPersistence
import Fluent
import SQLKit
import Vapor

/// `/healthz` for load balancers and `/metrics` for Prometheus. Neither needs sign-in; neither
/// shows business data.
struct OperationsController: RouteCollection {
    let metrics: AppMetrics
    let poolSize: Int

    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health)
        routes.get("metrics", use: scrape)
    }

    func health(req: Request) async throws -> Response {
        let (up, _) = await ping(req)
        let response = Response(status: up ? .ok : .serviceUnavailable)
        try response.content.encode(["status": up ? "ok" : "database unavailable"], as: .json)
        return response
    }

    func scrape(req: Request) async throws -> Response {
        let (up, seconds) = await ping(req)
        metrics.recordDatabase(up: up, pingSeconds: seconds, maxConnections: poolSize)
        let response = Response(status: .ok, body: .init(string: metrics.registry.emitToString()))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }

    private func ping(_ req: Request) async -> (Bool, Double) {
        let start = ContinuousClock.now
        do {
            guard let sql = req.db as? any SQLDatabase else { return (false, 0) }
            try await sql.raw("SELECT 1").run()
            let elapsed = ContinuousClock.now - start
            return (true, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        } catch {
            req.logger.warning("database ping failed", metadata: ["error": "\(error)"])
            return (false, 0)
        }
    }
}
