import DaiyunChannels
import DaiyunCore
import Foundation
import Vapor

/// The sandbox as an HTTP server: `/router/rest` for the API, a flash-sale trigger for demos,
/// and a clock that keeps the shops living.
public enum SandboxServer {
    /// Registers the routes on `app` (its own application, not Daiyun's).
    public static func routes(_ app: Application, gateway: SandboxGateway, shops: [SandboxShop]) {
        app.routes.defaultMaxBodySize = "1mb"
        app.post("router", "rest") { request async throws -> Response in
            let body = request.body.string ?? ""
            guard let form = FormEncoding.decode(body) else {
                throw Abort(.badRequest, reason: "the body is not form-encoded")
            }
            // The platform also reads parameters from the query string.
            var parameters = (try? request.query.decode([String: String].self)) ?? [:]
            parameters.merge(form) { _, fromBody in fromBody }
            return json(await gateway.handle(parameters))
        }
        app.get("sandbox", "shops") { _ async -> Response in
            var listing: [[String: Any]] = []
            for shop in shops {
                listing.append(["nick": shop.nick, "session": shop.session, "trades": await shop.tradeCount])
            }
            return json(SandboxGateway.json(["shops": listing]))
        }
        // The shop's 生意参谋 daily export, as a seller downloads it: `from` and `until`, both days, inclusive.
        app.get("sandbox", "shops", ":nick", "traffic.csv") {
            try await export($0, shops) { await $0.trafficExport(from: $1, through: $2) }
        }
        // The shop's 直通车 / 万相台 report, as the ad console downloads it.
        app.get("sandbox", "shops", ":nick", "ads.csv") { try await export($0, shops) { await $0.adExport(from: $1, through: $2) } }
        // Replays a flash sale: `count` one-unit orders on one SKU at once.
        app.post("sandbox", "flash-sale") { request async throws -> Response in
            let session = try request.query.get(String.self, at: "session")
            let outerID = try request.query.get(String.self, at: "outer_id")
            let count = try request.query.get(Int.self, at: "count")
            guard (1...100_000).contains(count) else { throw Abort(.badRequest, reason: "count must be from 1 to 100000") }
            guard let shop = shops.first(where: { $0.session == session }) else {
                throw Abort(.notFound, reason: "no shop with that session")
            }
            let paid = await shop.flashSale(outerID: outerID, count: count)
            return json(SandboxGateway.json(["attempts": count, "paid": paid]))
        }
    }

    /// Moves every shop on once a `interval` until the task is cancelled.
    public static func live(_ shops: [SandboxShop], every interval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            for shop in shops { await shop.tick() }
            try? await Task.sleep(for: interval)
        }
    }

    /// A shop's export file of the days `from` through `until` (at most 400 apart), as `make` writes it.
    static func export(
        _ request: Request, _ shops: [SandboxShop], _ make: (SandboxShop, BusinessDay, BusinessDay) async -> String
    ) async throws -> Response {
        guard let shop = shops.first(where: { $0.nick == request.parameters.get("nick") }) else {
            throw Abort(.notFound, reason: "no shop with that nick")
        }
        guard let first = BusinessDay(try request.query.get(String.self, at: "from")),
            let last = BusinessDay(try request.query.get(String.self, at: "until")), first <= last, first.days(until: last).count < 400
        else { throw Abort(.badRequest, reason: "from and until must be days YYYY-MM-DD, at most 400 apart") }
        return Response(
            status: .ok, headers: ["Content-Type": "text/csv;charset=UTF-8"], body: .init(string: await make(shop, first, last)))
    }

    static func json(_ data: Data) -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/json;charset=UTF-8"], body: .init(data: data))
    }
}
