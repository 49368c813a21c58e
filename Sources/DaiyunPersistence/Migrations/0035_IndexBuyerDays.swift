import Fluent
import SQLKit

/// A period's distinct paying buyers are counted from `store_day_buyers` by store and day. The
/// index by store and day found the rows but read each one from the table for its buyer and
/// orders; this one holds them too (covering), so the count reads the index alone.
struct M0035_IndexBuyerDays: AsyncMigration {
    var name: String { "0035_index_buyer_days" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX store_day_buyers_by_day").run()
        try await sql.raw("CREATE INDEX store_day_buyers_by_day ON store_day_buyers (store_id, day, buyer, orders)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX store_day_buyers_by_day").run()
        try await sql.raw("CREATE INDEX store_day_buyers_by_day ON store_day_buyers (store_id, day)").run()
    }
}
