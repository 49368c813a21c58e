import Fluent
import SQLKit

/// The dashboard's SKU ranking shows each merchant code's refunds beside its sales. A refund
/// names its sub-order, not its merchant code: the SKU day rollup now keeps the refunds completed
/// on each code's lines. The refunds kept before are counted in by migration 0041, which rebuilds
/// every store's rollups.
struct M0037_AddSKURefunds: AsyncMigration {
    var name: String { "0037_add_sku_refunds" }

    static let columns = ["refunds", "refund_fen"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in Self.columns {
            try await sql.raw("ALTER TABLE sku_day_sales ADD COLUMN \(unsafeRaw: column) BIGINT NOT NULL DEFAULT 0").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in Self.columns.reversed() {
            try await sql.raw("ALTER TABLE sku_day_sales DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
