import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Each order keeps the Asia/Shanghai days it counts on as paid and as received (`Order.countedDay`,
/// `Order.confirmedDay`) and each refund the day it completed (`Refund.completedDay`), written
/// by their writers from the Core definitions, so that a rollup rebuild groups the rows in the
/// database instead of reading every order; the store's days keep the confirmed receipts (the
/// orders finished on the day, their payment, and their completed refunds' fee), a commission
/// base. The rollups of every store are rebuilt here once, which also counts in the SKU refunds
/// of the stores migrated through 0037.
struct M0041_AddCountedDaysAndReceipts: AsyncMigration {
    var name: String { "0041_add_counted_days_and_receipts" }

    static let columns = [
        ("orders", "counted_day", "TEXT"), ("orders", "confirmed_day", "TEXT"), ("refunds", "completed_day", "TEXT"),
        ("store_day_sales", "receipts", "BIGINT NOT NULL DEFAULT 0"), ("store_day_sales", "receipt_fen", "BIGINT NOT NULL DEFAULT 0"),
        ("store_day_sales", "receipt_refund_fen", "BIGINT NOT NULL DEFAULT 0"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column, type) in Self.columns {
            try await sql.raw("ALTER TABLE \(unsafeRaw: table) ADD COLUMN \(unsafeRaw: column) \(unsafeRaw: type)").run()
        }
        var stores = Set<UUID>()
        for table in ["orders", "refunds"] {
            for row in try await sql.select().distinct().column("store_id").from(table).all() {
                stores.insert(try row.decode(column: "store_id", as: UUID.self))
            }
        }
        let rollups = SalesRollupRepository(database: database)
        for store in stores {
            try await rollups.writeCountedDays(store: ID(store))
            try await rollups.rebuild(store: ID(store))
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column, _) in Self.columns.reversed() {
            try await sql.raw("ALTER TABLE \(unsafeRaw: table) DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
