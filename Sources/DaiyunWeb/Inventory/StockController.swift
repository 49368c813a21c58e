import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// A client's stock: the shared pool per SKU, what each channel may sell, the movement log, and
/// receipts, adjustments, stock-takes, warehouses and safety stock for those who manage stock.
struct StockController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let stock = routes.grouped("clients", ":clientID")
        stock.get("stock", use: show)
        stock.post("stock", "changes", use: change)
        stock.post("warehouses", use: createWarehouse)
        stock.post("safety-stock", use: setSafetyStock)
    }

    func show(req: Request) async throws -> Response {
        let client = try await req.client()
        let principal = try req.principal()
        let l10n = Page.localizer(for: req)
        let inventory = InventoryRepository(database: req.db)
        let overview = try await StockOverview(client: client, on: req)
        let lines = overview.lines
        let channels = overview.channels
        let codes = Dictionary(uniqueKeysWithValues: lines.map { ($0.skuID, $0.outerID) })
        let content = StockPage(
            title: "\(l10n["stock_title"]) · \(client.name)",
            client: client.name, clientID: client.id.description,
            channels: channels.map(l10n.channel), safety: channels.map { overview.safety[$0] ?? 0 },
            rows: lines.map { line in
                .init(
                    skuID: line.skuID.uuidString.lowercased(), outerID: line.outerID, title: line.title, properties: line.properties,
                    onHand: line.onHand, reserved: line.reserved,
                    available: channels.map { overview.available(line, on: $0) }, counted: line.countedAt.map(ShanghaiTime.format) ?? "—")
            },
            movements: try await inventory.movements(of: client.id, limit: 50).map { $0.visible(to: principal, client: client) }.map {
                .init(
                    at: ShanghaiTime.format($0.at), sku: codes[$0.skuID] ?? "", kind: l10n["stock_kind_\($0.kind)"],
                    onHand: Self.signed($0.onHandChange), reserved: Self.signed($0.reservedChange),
                    reason: $0.reason + ($0.oid.map { " \($0)" } ?? ""), actor: $0.actor)
            },
            canManage: AccessPolicy.decide(principal, .manageStock, in: .client(client.agencyID, client.id)) == .allow,
            skus: lines.map {
                Choice(value: $0.skuID.uuidString.lowercased(), label: "\($0.outerID) · \($0.title) \($0.properties)", selected: false)
            },
            warehouses: try await CatalogRepository(database: req.db).warehouses(of: client.id).map {
                Choice(value: $0.id.uuidString.lowercased(), label: "\($0.code) · \($0.name)", selected: false)
            },
            kinds: StockChangeKind.allCases.map { Choice(value: $0.rawValue, label: l10n["stock_kind_\($0.rawValue)"], selected: false) },
            channelChoices: l10n.channelChoices(),
            clientPath: SiteURL.client(client.id).path, warehousesPath: SiteURL.warehouses(client.id).path,
            changesPath: SiteURL.stockChanges(client.id).path, safetyPath: SiteURL.safetyStock(client.id).path
        )
        return try await Page.render(content, for: req)
    }

    func change(req: Request) async throws -> Response {
        let client = try await req.client(for: .manageStock)
        let path = SiteURL.stock(client.id)
        return try await Page.formAction(req, failurePath: path) {
            let kind = try TextRules.choice(req.formField("kind"), field: "kind", as: StockChangeKind.self)
            let quantity = try InputBounds.parse(req.formField("quantity"), in: InputBounds.stockChange, field: "quantity")
            guard let sku = UUID(uuidString: req.formField("sku_id")) else {
                throw ValidationError(field: "sku_id", rule: .unknownReference)
            }
            guard let warehouse = UUID(uuidString: req.formField("warehouse_id")) else {
                throw ValidationError(field: "warehouse_id", rule: .unknownReference)
            }
            _ = try await InventoryRepository(database: req.db).change(
                kind, sku: sku, warehouse: warehouse, quantity: quantity,
                reason: req.formField("reason"), client: client, by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }

    func createWarehouse(req: Request) async throws -> Response {
        let client = try await req.client(for: .manageStock)
        let path = SiteURL.stock(client.id)
        return try await Page.formAction(req, failurePath: path) {
            _ = try await CatalogRepository(database: req.db).createWarehouse(
                code: req.formField("code"), name: req.formField("name"), for: client, by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }

    func setSafetyStock(req: Request) async throws -> Response {
        let client = try await req.client(for: .manageStock)
        let path = SiteURL.stock(client.id)
        return try await Page.formAction(req, failurePath: path) {
            let channel = try TextRules.choice(req.formField("channel"), field: "channel", as: Channel.self)
            let quantity = try InputBounds.parse(req.formField("quantity"), in: InputBounds.stockChange, field: "quantity")
            try await InventoryRepository(database: req.db).setSafetyStock(
                quantity, for: channel, client: client, by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }

    static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : value == 0 ? "" : "\(value)" }
}
