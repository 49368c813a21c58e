import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// The dashboard's SKU ranking shows each merchant code's refunds beside its sales. A refund
/// names its sub-order, not its merchant code: the SKU day rollup now keeps the refunds completed
/// on each code's lines, counted here once from the refunds already kept.
struct M0037_AddSKURefunds: AsyncMigration {
    var name: String { "0037_add_sku_refunds" }

    static let columns = ["refunds", "refund_fen"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in Self.columns {
            try await sql.raw("ALTER TABLE sku_day_sales ADD COLUMN \(unsafeRaw: column) BIGINT NOT NULL DEFAULT 0").run()
        }
        let stores = try await sql.select().distinct().column("store_id").from("refunds").all()
        for row in stores {
            try await SalesRollupRepository(database: database).recountSKURefunds(
                store: ID(try row.decode(column: "store_id", as: UUID.self)))
        }
    }

    /// The SKU days the refunds added stay, at zero, as rows that fall back to zero do.
    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in Self.columns.reversed() {
            try await sql.raw("ALTER TABLE sku_day_sales DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
