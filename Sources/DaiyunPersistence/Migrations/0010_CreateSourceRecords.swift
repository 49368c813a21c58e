import Fluent

/// Every raw input (an uploaded file, a fetched API page), kept once with its SHA-256, so that a
/// figure can be traced back to the bytes it came from.
struct M0010_CreateSourceRecords: AsyncMigration {
    var name: String { "0010_create_source_records" }

    func prepare(on database: any Database) async throws {
        try await database.schema("source_records")
            .id()
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("store_id", .uuid, .references("stores", "id"))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("sha256", .string, .required)
            .field("size_bytes", .int64, .required)
            .field("content", .data, .required)
            .field("received_at", .datetime, .required)
            .field("received_by", .string, .required)
            .unique(on: "agency_id", "sha256")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("source_records").delete()
    }
}
