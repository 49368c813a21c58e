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
        stock.post("stock", "warnings", use: setWarning)
    }

    func show(req: Request) async throws -> Response {
        let client = try await req.client()
        let principal = try req.principal()
        let l10n = Page.localizer(for: req)
        let inventory = InventoryRepository(database: req.db)
        let overview = try await StockOverview(client: client, on: req)
        let page = try req.queryInt("movements_page", in: InputBounds.page, default: 0)
        let fetched = try await inventory.movements(
            of: client.id, limit: StockPage.movementsPerPage + 1, offset: page * StockPage.movementsPerPage)
        let content = StockPage(
            client: client, overview: overview,
            movements: fetched.prefix(StockPage.movementsPerPage).map { $0.visible(to: principal, client: client) },
            movementsPage: page, olderMovements: fetched.count > StockPage.movementsPerPage,
            warehouses: try await CatalogRepository(database: req.db).warehouses(of: client.id),
            canManage: AccessPolicy.decide(principal, .manageStock, in: .client(client.agencyID, client.id)) == .allow, l10n)
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

    func setWarning(req: Request) async throws -> Response {
        let client = try await req.client(for: .manageStock)
        let path = SiteURL.stock(client.id)
        return try await Page.formAction(req, failurePath: path) {
            let level = try InputBounds.parse(req.formField("warn_at"), in: InputBounds.stockLevel, field: "warn_at")
            guard let sku = UUID(uuidString: req.formField("sku_id")) else {
                throw ValidationError(field: "sku_id", rule: .unknownReference)
            }
            try await InventoryRepository(database: req.db).setWarning(at: level, sku: sku, client: client, by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }
}
