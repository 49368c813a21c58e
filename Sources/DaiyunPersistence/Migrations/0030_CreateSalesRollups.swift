import Fluent
import SQLKit

/// The daily rollups the order and refund writers keep in the same transaction as their rows
/// (`SalesRollupDelta`, `BuyerCounters`): per store and day (orders, GMV, buyers, new buyers,
/// refunds), per store, day and merchant code, each buyer's paid days per store, and each
/// month's distinct buyers per store. Rows that fall back to zero are kept.
struct M0030_CreateSalesRollups: AsyncMigration {
    var name: String { "0030_create_sales_rollups" }

    func prepare(on database: any Database) async throws {
        try await database.schema("store_day_sales")
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("day", .string, .required)
            .field("orders", .int64, .required)
            .field("gmv_fen", .int64, .required)
            .field("buyers", .int64, .required)
            .field("new_buyers", .int64, .required)
            .field("refunds", .int64, .required)
            .field("refund_fen", .int64, .required)
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
        try await database.schema("store_day_buyers")
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("buyer", .string, .required)
            .field("day", .string, .required)
            .field("orders", .int64, .required)
            .field("gmv_fen", .int64, .required)
            .unique(on: "store_id", "buyer", "day")
            .create()
        try await (database as! any SQLDatabase).create(index: "store_day_buyers_by_day").on("store_day_buyers")
            .column("store_id").column("day").run()
        try await database.schema("store_month_sales")
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("month", .string, .required)
            .field("buyers", .int64, .required)
            .unique(on: "store_id", "month")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["store_month_sales", "store_day_buyers", "sku_day_sales", "store_day_sales"] {
            try await database.schema(table).delete()
        }
    }
}
