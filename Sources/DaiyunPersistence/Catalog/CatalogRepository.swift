import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// A warehouse of a client.
public struct Warehouse: Sendable, Equatable, Codable {
    public var id: UUID
    public var clientID: ID<Client>
    public var code: String
    public var name: String
}

/// Products, SKUs and warehouses of a client. Every SKU gets its stock pool row when created.
public struct CatalogRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Creates a product with its SKUs, audited in the client's chain.
    public func createProduct(_ draft: ProductDraft, skus: [SKUDraft], for client: Client, by context: WriteContext) async throws -> (
        Product, [SKU]
    ) {
        let product = Product(
            id: context.ids.random(), clientID: client.id, title: draft.title, category: draft.category,
            mainImageURL: draft.mainImageURL, sellingPoints: draft.sellingPoints, detail: draft.detail)
        let created = skus.map {
            SKU(
                id: context.ids.random(), productID: product.id, clientID: client.id, outerID: $0.outerID, barcode: $0.barcode,
                properties: $0.properties, listPrice: $0.listPrice, floorPrice: $0.floorPrice, cost: $0.cost)
        }
        try await database.translatingConflicts(field: "outer_id") {
            try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
                try await CatalogRepository(database: tx).insert(product, at: context.now)
                for sku in created { try await CatalogRepository(database: tx).insert(sku, ids: context.ids) }
                let records =
                    [
                        AuditRecord(
                            action: "product.create", entityType: "product", entityID: product.id.uuidString.lowercased(),
                            before: Product?.none, after: product)
                    ]
                    + created.map {
                        AuditRecord(
                            action: "sku.create", entityType: "sku", entityID: $0.id.uuidString.lowercased(), before: SKU?.none, after: $0)
                    }
                return ((), records)
            }
        }
        return (product, created)
    }

    func insert(_ product: Product, at now: Date) async throws {
        try await database.sql().insert(into: "products")
            .columns("id", "client_id", "title", "category", "main_image_url", "selling_points", "detail", "created_at")
            .values(
                SQLBind(product.id), SQLBind(product.clientID.rawValue), SQLBind(product.title), SQLBind(product.category),
                SQLBind(product.mainImageURL), SQLBind(product.sellingPoints), SQLBind(product.detail), SQLBind(now)
            )
            .run()
    }

    func insert(_ sku: SKU, ids: any IDGenerator) async throws {
        let sql = try database.sql()
        try await sql.insert(into: "skus")
            .columns("id", "client_id", "product_id", "outer_id", "barcode", "properties", "list_price_fen", "floor_price_fen", "cost_fen")
            .values(
                SQLBind(sku.id), SQLBind(sku.clientID.rawValue), SQLBind(sku.productID), SQLBind(sku.outerID), SQLBind(sku.barcode),
                SQLBind(sku.properties), SQLBind(sku.listPrice.fen), SQLBind(sku.floorPrice.fen), SQLBind(sku.cost.fen)
            )
            .run()
        try await sql.insert(into: "sku_stock").columns("id", "sku_id", "client_id", "on_hand", "reserved")
            .values(SQLBind(ids.random()), SQLBind(sku.id), SQLBind(sku.clientID.rawValue), SQLBind(0), SQLBind(0))
            .run()
    }

    /// The SKU with this merchant code in the client's catalog.
    public func sku(outerID: String, client: ID<Client>) async throws -> SKU? {
        try await database.sql().select().column("*").from("skus")
            .where("client_id", .equal, SQLBind(client.rawValue)).where("outer_id", .equal, SQLBind(outerID)).first()
            .map(Self.sku(from:))
    }

    static func sku(from row: any SQLRow) throws -> SKU {
        SKU(
            id: try row.decode(column: "id", as: UUID.self), productID: try row.decode(column: "product_id", as: UUID.self),
            clientID: ID(try row.decode(column: "client_id", as: UUID.self)), outerID: try row.decode(column: "outer_id", as: String.self),
            barcode: try row.decode(column: "barcode", as: String.self), properties: try row.decode(column: "properties", as: String.self),
            listPrice: Money(fen: try row.decode(column: "list_price_fen", as: Int64.self)),
            floorPrice: Money(fen: try row.decode(column: "floor_price_fen", as: Int64.self)),
            cost: Money(fen: try row.decode(column: "cost_fen", as: Int64.self)))
    }

    // MARK: Warehouses

    public func createWarehouse(code: String, name: String, for client: Client, by context: WriteContext) async throws -> Warehouse {
        let warehouse = Warehouse(
            id: context.ids.random(), clientID: client.id, code: try TextRules.required(code, field: "code", maxLength: 32),
            name: try TextRules.required(name, field: "name"))
        return try await database.translatingConflicts(field: "code") {
            try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
                try await tx.sql().insert(into: "warehouses").columns("id", "client_id", "code", "name")
                    .values(SQLBind(warehouse.id), SQLBind(client.id.rawValue), SQLBind(warehouse.code), SQLBind(warehouse.name)).run()
                return (
                    warehouse,
                    [
                        AuditRecord(
                            action: "warehouse.create", entityType: "warehouse", entityID: warehouse.id.uuidString.lowercased(),
                            before: Warehouse?.none, after: warehouse)
                    ]
                )
            }
        }
    }

    public func warehouses(of client: ID<Client>) async throws -> [Warehouse] {
        try await database.sql().select().column("*").from("warehouses").where("client_id", .equal, SQLBind(client.rawValue)).orderBy(
            "code"
        ).all().map {
            Warehouse(
                id: try $0.decode(column: "id", as: UUID.self), clientID: ID(try $0.decode(column: "client_id", as: UUID.self)),
                code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self))
        }
    }
}

/// A SKU with its product, as the catalog page and export list it.
public struct CatalogEntry: Sendable, Equatable {
    public var product: Product
    public var sku: SKU
}

extension CatalogRepository {
    /// The client's SKUs with their products, by title then merchant code; `search` matches either.
    public func entries(of client: ID<Client>, search: String? = nil, limit: Int = 500) async throws -> [CatalogEntry] {
        var query = SQLQueryString(
            """
            SELECT p.id AS p_id, p.title, p.category, p.main_image_url, p.selling_points, p.detail, s.*
            FROM skus s JOIN products p ON p.id = s.product_id WHERE s.client_id = \(bind: client.rawValue)
            """)
        if let search, !search.isEmpty {
            let pattern = "%" + search.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            query.appendInterpolation(unsafeRaw: " AND (p.title LIKE ")
            query.appendInterpolation(bind: pattern)
            query.appendInterpolation(unsafeRaw: " OR s.outer_id LIKE ")
            query.appendInterpolation(bind: pattern)
            query.appendInterpolation(unsafeRaw: ")")
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY p.title, s.outer_id LIMIT \(limit)")
        return try await database.sql().raw(query).all().map { row in
            CatalogEntry(
                product: Product(
                    id: try row.decode(column: "p_id", as: UUID.self), clientID: client,
                    title: try row.decode(column: "title", as: String.self),
                    category: try row.decode(column: "category", as: String.self),
                    mainImageURL: try row.decode(column: "main_image_url", as: String.self),
                    sellingPoints: try row.decode(column: "selling_points", as: String.self),
                    detail: try row.decode(column: "detail", as: String.self)),
                sku: try Self.sku(from: row))
        }
    }
}
