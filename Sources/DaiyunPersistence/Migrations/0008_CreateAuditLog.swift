import Fluent

struct M0008_CreateAuditLog: AsyncMigration {
    var name: String { "0008_create_audit_log" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_chains")
            .id()
            .field("chain_key", .string, .required)
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            // No foreign key to clients: a client's chain row is written before the client itself
            // (the row is the lock every append takes first), and the log outlives what it records.
            .field("client_id", .uuid)
            .field("entry_count", .int64, .required)
            .field("head_hash", .string, .required)
            .unique(on: "chain_key")
            .create()
        try await database.schema("audit_entries")
            .id()
            .field("chain_key", .string, .required)
            .field("seq", .int64, .required)
            .field("at_ms", .int64, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("before_json", .string)
            .field("after_json", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "chain_key", "seq")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").delete()
        try await database.schema("audit_chains").delete()
    }
}
