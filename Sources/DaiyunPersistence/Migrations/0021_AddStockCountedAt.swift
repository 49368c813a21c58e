import Fluent
import SQLKit

/// Each SKU's pool remembers when its stock was last counted: its last stock-take, or its first
/// receipt or adjustment when it was never counted. An order first seen already shipped deducts
/// its goods only when they left after that time; before it, the count no longer held them.
/// Existing pools take the time from their movements.
struct M0021_AddStockCountedAt: AsyncMigration {
    var name: String { "0021_add_stock_counted_at" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sku_stock").field("counted_at", .datetime).update()
        let sql = database as! any SQLDatabase
        try await sql.raw(
            """
            UPDATE sku_stock SET counted_at = counts.at
            FROM (SELECT sku_id, MAX(at) AS at FROM stock_movements WHERE kind = 'stocktake' GROUP BY sku_id) AS counts
            WHERE counts.sku_id = sku_stock.sku_id
            """
        ).run()
        try await sql.raw(
            """
            UPDATE sku_stock SET counted_at = firsts.at
            FROM (SELECT sku_id, MIN(at) AS at FROM stock_movements WHERE kind IN ('receipt', 'adjustment') GROUP BY sku_id) AS firsts
            WHERE firsts.sku_id = sku_stock.sku_id AND sku_stock.counted_at IS NULL
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        // Fluent's schema builder drops no column on SQLite; both databases take this.
        try await (database as! any SQLDatabase).raw("ALTER TABLE sku_stock DROP COLUMN counted_at").run()
    }
}
