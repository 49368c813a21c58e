import Fluent
import SQLKit

struct M0011_CreateCatalog: AsyncMigration {
    var name: String { "0011_create_catalog" }

    func prepare(on database: any Database) async throws {
        try await database.schema("products")
            .id()
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("title", .string, .required)
            .field("category", .string, .required)
            .field("main_image_url", .string, .required)
            .field("selling_points", .string, .required)
            .field("detail", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("skus")
            .id()
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("product_id", .uuid, .required, .references("products", "id"))
            .field("outer_id", .string, .required)
            .field("barcode", .string, .required)
            .field("properties", .string, .required)
            .field("list_price_fen", .int64, .required)
            .field("floor_price_fen", .int64, .required)
            .field("cost_fen", .int64, .required)
            .unique(on: "client_id", "outer_id")
            .create()
        try await database.schema("listings")
            .id()
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("sku_id", .uuid, .required, .references("skus", "id"))
            .field("channel_item_id", .string, .required)
            .field("channel_sku_id", .string, .required)
            .unique(on: "store_id", "channel_item_id", "channel_sku_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "products_client_title").on("products").column("client_id").column("title").run()
        try await sql.create(index: "skus_product").on("skus").column("product_id").run()
        try await sql.create(index: "listings_sku").on("listings").column("sku_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("listings").delete()
        try await database.schema("skus").delete()
        try await database.schema("products").delete()
    }
}
