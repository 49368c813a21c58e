import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Each order keeps the Asia/Shanghai day it counts on (`Order.countedDay`) and each refund the
/// day it completed (`Refund.completedDay`), written by their writers from the Core definitions,
/// so that a rollup rebuild groups the rows in the database instead of reading every order. The
/// rollups of every store are rebuilt here once, which also counts in the SKU refunds of the
/// stores migrated through 0037.
struct M0041_AddCountedDays: AsyncMigration {
    var name: String { "0041_add_counted_days" }

    static let columns = [("orders", "counted_day"), ("refunds", "completed_day")]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column) in Self.columns {
            try await sql.raw("ALTER TABLE \(unsafeRaw: table) ADD COLUMN \(unsafeRaw: column) TEXT").run()
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
        for (table, column) in Self.columns.reversed() {
            try await sql.raw("ALTER TABLE \(unsafeRaw: table) DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
