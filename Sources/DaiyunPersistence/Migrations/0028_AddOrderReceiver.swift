import Fluent
import SQLKit

/// Orders keep their receiver (收货人, phones, province and address) as the channel or export
/// reports it, so that the warehouse ships from the order page; empty for orders read before.
struct M0028_AddOrderReceiver: AsyncMigration {
    var name: String { "0028_add_order_receiver" }

    static let columns = ["receiver_name", "receiver_mobile", "receiver_phone", "receiver_state", "receiver_address"]

    func prepare(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema("orders").field(.string(column), .string, .required, .sql(.default(""))).update()
        }
    }

    func revert(on database: any Database) async throws {
        // Fluent's schema builder drops no column on SQLite; both databases take this.
        let sql = database as! any SQLDatabase
        for column in Self.columns.reversed() {
            try await sql.raw("ALTER TABLE orders DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
