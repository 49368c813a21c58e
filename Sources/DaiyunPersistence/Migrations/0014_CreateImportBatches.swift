import Fluent

/// One import of one file: what it held, what it did, and each rejected row's line and reason.
struct M0014_CreateImportBatches: AsyncMigration {
    var name: String { "0014_create_import_batches" }

    func prepare(on database: any Database) async throws {
        try await database.schema("import_batches")
            .id()
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("store_id", .uuid, .references("stores", "id"))
            .field("client_id", .uuid, .references("clients", "id"))
            .field("source_record_id", .uuid, .references("source_records", "id"))
            .field("kind", .string, .required)
            .field("mode", .string, .required)
            .field("outcome", .string, .required)
            .field("rows_read", .int, .required)
            .field("inserted", .int, .required)
            .field("updated", .int, .required)
            .field("unchanged", .int, .required)
            .field("rejected", .int, .required)
            .field("errors_json", .string, .required)
            .field("actor", .string, .required)
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("import_batches").delete()
    }
}
