import Fluent
import SQLKit

/// A robot delivery's failure is kept as a message too (its key and arguments), so the robot's
/// page says it in the reader's language; `last_error` keeps the English.
struct M0039_AddRobotDeliveryMessages: AsyncMigration {
    var name: String { "0039_add_robot_delivery_messages" }

    func prepare(on database: any Database) async throws {
        try await database.schema("robot_deliveries").field("error_message", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE robot_deliveries DROP COLUMN error_message").run()
    }
}
