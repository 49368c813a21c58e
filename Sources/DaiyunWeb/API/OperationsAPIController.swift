import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// `/api/v1` orders, stock, catalog, imports and source records, under the same access rules as
/// the pages. Money is integer fen throughout.
struct OperationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stores", ":storeID", "orders", use: orders)
        routes.get("stores", ":storeID", "orders", ":tid", use: order)
        routes.get("clients", ":clientID", "stock", use: stock)
        routes.post("clients", ":clientID", "stock", "changes", use: changeStock)
        routes.get("clients", ":clientID", "stock", "movements", use: movements)
        routes.get("clients", ":clientID", "products", use: products)
        routes.get("imports", use: imports)
        routes.on(.POST, "imports", body: .collect(maxSize: ImportsController.maxUpload), use: runImport)
        routes.get("imports", ":batchID", use: importBatch)
        routes.get("source-records", ":recordID", use: source)
    }

    func orders(req: Request) async throws -> Response {
        struct Page: Encodable { var items: [OrderSummary]; var next: String? }
        let store = try await req.store()
        let query = OrderListQuery(req)
        let limit = try req.queryInt("limit", in: 1...500, default: 100)
        if (try? req.query.get(String.self, at: "after")) != nil, query.cursor == nil {
            throw ValidationError(field: "after", rule: .unknownReference)
        }
        let page = try await OrderRepository(database: req.db).list(store: store.id, filter: query.filter, after: query.cursor, limit: limit)
        return try APIResponse.json(Page(items: page.orders, next: page.next?.description))
    }

    func order(req: Request) async throws -> Response {
        let store = try await req.store()
        guard let tid = req.parameters.get("tid"),
              let detail = try await OrderRepository(database: req.db).detail(store: store.id, tid: tid) else { throw AccessDenied.notFound }
        return try APIResponse.json(detail)
    }

    func stock(req: Request) async throws -> Response {
        struct Item: Encodable { var skuID: UUID; var outerID, title, properties: String; var onHand, reserved: Int; var available: [String: Int]; var countedAt: Date? }
        let overview = try await StockOverview(client: try await req.client(), on: req)
        let items = overview.lines.map { line in
            Item(skuID: line.skuID, outerID: line.outerID, title: line.title, properties: line.properties, onHand: line.onHand, reserved: line.reserved,
                 available: Dictionary(uniqueKeysWithValues: overview.channels.map { ($0.rawValue, overview.available(line, on: $0)) }), countedAt: line.countedAt)
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
        let level = try await InventoryRepository(database: req.db).change(kind, sku: input.skuID, warehouse: input.warehouseID, quantity: input.quantity,
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

    func products(req: Request) async throws -> Response {
        struct Item: Encodable { var product: Product; var sku: SKU }
        let client = try await req.client()
        let entries = try await CatalogRepository(database: req.db).entries(of: client.id, search: try? req.query.get(String.self, at: "q"))
        return try APIResponse.json(APIResponse.Items(items: entries.map { Item(product: $0.product, sku: $0.sku) }))
    }

    func imports(req: Request) async throws -> Response {
        let scope = try await ImportScope(req)
        let batches = try await ImportBatchRepository(database: req.db).batches(stores: scope.stores.map(\.id.rawValue), clients: scope.clients.map(\.id.rawValue))
        return try APIResponse.json(APIResponse.Items(items: batches))
    }

    /// The file is the request body; `kind`, `target` (`store:<id>` or `client:<id>`), `mode` and
    /// `name` come in the query string.
    func runImport(req: Request) async throws -> Response {
        let kind = try TextRules.choice((try? req.query.get(String.self, at: "kind")) ?? "", field: "kind", as: ImportKind.self)
        let mode = try TextRules.choice((try? req.query.get(String.self, at: "mode")) ?? ImportMode.skipBadRows.rawValue, field: "mode", as: ImportMode.self)
        let target = try await ImportScope.resolve((try? req.query.get(String.self, at: "target")) ?? "", kind: kind, on: req)
        guard let body = req.body.data, body.readableBytes > 0 else { throw ValidationError(field: "body", rule: .required) }
        let name = (try? req.query.get(String.self, at: "name")) ?? "api-upload.csv"
        let result = try await ImportService(database: req.db).run(Data(buffer: body), name: name, kind: kind, mode: mode, target: target, by: try req.writeContext())
        return try APIResponse.json(result, status: result.batch.outcome == "rejected" ? .unprocessableEntity : .created)
    }

    func importBatch(req: Request) async throws -> Response {
        guard let id = req.parameters.get("batchID").flatMap(UUID.init(uuidString:)),
              let batch = try await ImportBatchRepository(database: req.db).batch(id) else { throw AccessDenied.notFound }
        guard try await ImportScope(req).canSee(batch) else { throw AccessDenied.notFound }
        return try APIResponse.json(batch)
    }

    func source(req: Request) async throws -> Response { try await Download.sourceRecord(req) }
}
