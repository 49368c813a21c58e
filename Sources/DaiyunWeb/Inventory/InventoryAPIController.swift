import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import Foundation
import Vapor

/// `/api/v1` a client's stock pool: levels, changes by hand and the movement log, under the same
/// access rules as the pages.
struct InventoryAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("clients", ":clientID", "stock", use: stock)
        routes.post("clients", ":clientID", "stock", "changes", use: changeStock)
        routes.get("clients", ":clientID", "stock", "movements", use: movements)
    }

    func stock(req: Request) async throws -> Response {
        struct Item: Encodable {
            var skuID: UUID
            var outerID, title, properties: String
            var onHand, reserved: Int
            var available: [String: Int]
            var countedAt: Date?
        }
        let overview = try await StockOverview(client: try await req.client(), on: req)
        let items = overview.lines.map { line in
            Item(
                skuID: line.skuID, outerID: line.outerID, title: line.title, properties: line.properties, onHand: line.onHand,
                reserved: line.reserved,
                available: Dictionary(uniqueKeysWithValues: overview.channels.map { ($0.rawValue, overview.available(line, on: $0)) }),
                countedAt: line.countedAt)
        }
        return try APIResponse.json(APIResponse.Items(items: items))
    }

    func changeStock(req: Request) async throws -> Response {
        struct Input: Decodable {
            var skuID: UUID
            var warehouseID: UUID
            var kind: String
            var quantity: Int
            var reason: String
            enum CodingKeys: String, CodingKey {
                case kind, quantity, reason
                case skuID = "sku_id"
                case warehouseID = "warehouse_id"
            }
        }
        struct Body: Encodable { var onHand: Int }
        let client = try await req.client(for: .manageStock)
        let input = try req.content.decode(Input.self)
        let kind = try TextRules.choice(input.kind, field: "kind", as: StockChangeKind.self)
        let level = try await InventoryRepository(database: req.db).change(
            kind, sku: input.skuID, warehouse: input.warehouseID, quantity: input.quantity,
            reason: input.reason, client: client, by: try req.writeContext())
        return try APIResponse.json(Body(onHand: level), status: .created)
    }

    func movements(req: Request) async throws -> Response {
        let client = try await req.client()
        let principal = try req.principal()
        var sku: UUID?
        if let text = req.query[String.self, at: "sku_id"], !text.isEmpty {
            guard let id = UUID(uuidString: text) else { throw ValidationError(field: "sku_id", rule: .unknownReference) }
            sku = id
        }
        let limit = try req.queryInt("limit", in: 1...1000, default: 100)
        let movements = try await InventoryRepository(database: req.db).movements(of: client.id, sku: sku, limit: limit)
        return try APIResponse.json(APIResponse.Items(items: movements.map { $0.visible(to: principal, client: client) }))
    }
}
