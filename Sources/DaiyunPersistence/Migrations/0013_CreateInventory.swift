import Fluent
import SQLKit

struct M0013_CreateInventory: AsyncMigration {
    var name: String { "0013_create_inventory" }

    func prepare(on database: any Database) async throws {
        try await database.schema("warehouses")
            .id()
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .unique(on: "client_id", "code")
            .create()
        try await database.schema("stock_levels")
            .id()
            .field("warehouse_id", .uuid, .required, .references("warehouses", "id"))
            .field("sku_id", .uuid, .required, .references("skus", "id"))
            .field("on_hand", .int, .required)
            .unique(on: "warehouse_id", "sku_id")
            .create()
        // One row per SKU: the client's pool across warehouses and channels. Reserving is one
        // conditional UPDATE of this row, atomic on SQLite and PostgreSQL alike.
        try await database.schema("sku_stock")
            .id()
            .field("sku_id", .uuid, .required, .references("skus", "id"))
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("on_hand", .int, .required)
            .field("reserved", .int, .required)
            .unique(on: "sku_id")
            .create()
        try await database.schema("safety_stocks")
            .id()
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("channel", .string, .required)
            .field("quantity", .int, .required)
            .unique(on: "client_id", "channel")
            .create()
        try await database.schema("stock_movements")
            .id()
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("sku_id", .uuid, .required, .references("skus", "id"))
            .field("warehouse_id", .uuid)
            .field("kind", .string, .required)
            .field("on_hand_change", .int, .required)
            .field("reserved_change", .int, .required)
            .field("reason", .string, .required)
            .field("store_id", .uuid)
            .field("oid", .string)
            .field("actor", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "stock_movements_sku_at").on("stock_movements").column("sku_id").column("at").run()
        try await sql.create(index: "stock_levels_sku").on("stock_levels").column("sku_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["stock_movements", "safety_stocks", "sku_stock", "stock_levels", "warehouses"] {
            try await database.schema(table).delete()
        }
    }
}
