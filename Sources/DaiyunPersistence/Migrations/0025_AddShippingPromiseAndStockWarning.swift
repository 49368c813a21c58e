import Fluent
import SQLKit

/// Each store promises to ship within a number of hours of payment (48 unless set), against
/// which the workbench counts overdue orders; each SKU's pool has a warning level (预警库存) at or
/// below which its stock is low (0 until set: low only when nothing is left).
struct M0025_AddShippingPromiseAndStockWarning: AsyncMigration {
    var name: String { "0025_add_shipping_promise_and_stock_warning" }

    func prepare(on database: any Database) async throws {
        try await database.schema("stores").field("ship_within_hours", .int64, .required, .sql(.default(48))).update()
        try await database.schema("sku_stock").field("warn_at", .int64, .required, .sql(.default(0))).update()
        // The workbench counts a store's paid orders by status and payment time.
        try await (database as! any SQLDatabase).raw("CREATE INDEX orders_store_status_paid ON orders (store_id, status, counted_paid_at)")
            .run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX orders_store_status_paid").run()
        // Fluent's schema builder drops no column on SQLite; both databases take this.
        try await sql.raw("ALTER TABLE sku_stock DROP COLUMN warn_at").run()
        try await sql.raw("ALTER TABLE stores DROP COLUMN ship_within_hours").run()
    }
}
