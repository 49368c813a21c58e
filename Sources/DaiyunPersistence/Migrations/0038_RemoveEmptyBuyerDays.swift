import Fluent
import SQLKit

/// The rollup writers now keep a buyer day only while it has a paid order, so that their lookup
/// of a buyer's days reads the unique key alone; this removes the days kept at zero before.
struct M0038_RemoveEmptyBuyerDays: AsyncMigration {
    var name: String { "0038_remove_empty_buyer_days" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).delete(from: "store_day_buyers").where("orders", .equal, SQLBind(0)).run()
    }

    /// The removed days held nothing: every count reads them as absent.
    func revert(on database: any Database) async throws {}
}
