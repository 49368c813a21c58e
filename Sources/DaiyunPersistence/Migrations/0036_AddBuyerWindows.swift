import Fluent
import SQLKit

/// A week's or a month's distinct paying buyers are not sums of days, and counting them from
/// `store_day_buyers` for every store of the overview took a second on a year of orders. The
/// day rollup now keeps, per store and day, the buyers of the 7 and of the 30 days ending on it
/// and the buyers whose first paid day of the month it is (`BuyerCounters`). The buyer days kept
/// before are counted in by migration 0041, which rebuilds every store's rollups.
struct M0036_AddBuyerWindows: AsyncMigration {
    var name: String { "0036_add_buyer_windows" }

    static let columns = ["buyers_7d", "buyers_30d", "month_first_buyers"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in Self.columns {
            try await sql.raw("ALTER TABLE store_day_sales ADD COLUMN \(unsafeRaw: column) BIGINT NOT NULL DEFAULT 0").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in Self.columns.reversed() {
            try await sql.raw("ALTER TABLE store_day_sales DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
