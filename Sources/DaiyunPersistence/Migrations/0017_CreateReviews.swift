import Fluent
import SQLKit

/// Buyers' reviews of order lines, one per line.
struct M0017_CreateReviews: AsyncMigration {
    var name: String { "0017_create_reviews" }

    func prepare(on database: any Database) async throws {
        try await database.schema("reviews")
            .id()
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("tid", .string, .required)
            .field("oid", .string, .required)
            .field("result", .string, .required)
            .field("content", .string, .required)
            .field("reply", .string, .required)
            .field("buyer_nick", .string, .required)
            .field("item_title", .string, .required)
            .field("created_at", .datetime, .required)
            .field("source_record_id", .uuid, .required, .references("source_records", "id"))
            .unique(on: "store_id", "oid")
            .create()
        try await (database as! any SQLDatabase).create(index: "reviews_order").on("reviews").column("store_id").column("tid").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reviews").delete()
    }
}
