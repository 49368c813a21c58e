import Fluent
import SQLKit

/// A store's traffic per Asia/Shanghai day (`YYYY-MM-DD`, which sorts as days do), one row per
/// store and day, from the 生意参谋 export or the channel: the later report of a day replaces it.
struct M0029_CreateStoreTrafficDays: AsyncMigration {
    var name: String { "0029_create_store_traffic_days" }

    static let counts = [
        "page_views", "paying_buyers", "order_buyers", "cart_buyers", "favorite_buyers", "bounce_rate_bp", "average_stay_seconds",
        "new_visitors", "returning_visitors", "dsr_description", "dsr_service", "dsr_logistics", "reported_payment_fen",
    ]

    func prepare(on database: any Database) async throws {
        var schema = database.schema("store_traffic_days")
            .id()
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("day", .string, .required)
            .field("visitors", .int64, .required)
        for column in Self.counts { schema = schema.field(.string(column), .int64) }
        try await schema
            .field("source_record_id", .uuid, .required, .references("source_records", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "store_id", "day")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("store_traffic_days").delete()
    }
}
