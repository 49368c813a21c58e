import Fluent
import SQLKit

/// The daily sales rollups the order writer keeps in the same transaction as the orders
/// (`SalesRollupDelta`): per store and day, per store, day and merchant code, and each month's
/// buyers per store (a buyer with no counted order left keeps a row of zeros).
struct M0030_CreateSalesRollups: AsyncMigration {
    var name: String { "0030_create_sales_rollups" }

    func prepare(on database: any Database) async throws {
        try await database.schema("store_day_sales")
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("day", .string, .required)
            .field("orders", .int64, .required)
            .field("gmv_fen", .int64, .required)
            .unique(on: "store_id", "day")
            .create()
        try await database.schema("sku_day_sales")
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("day", .string, .required)
            .field("outer_sku_id", .string, .required)
            .field("quantity", .int64, .required)
            .field("sales_fen", .int64, .required)
            .unique(on: "store_id", "day", "outer_sku_id")
            .create()
        try await database.schema("store_month_buyers")
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("month", .string, .required)
            .field("buyer", .string, .required)
            .field("orders", .int64, .required)
            .field("gmv_fen", .int64, .required)
            .unique(on: "store_id", "month", "buyer")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["store_month_buyers", "sku_day_sales", "store_day_sales"] { try await database.schema(table).delete() }
    }
}
