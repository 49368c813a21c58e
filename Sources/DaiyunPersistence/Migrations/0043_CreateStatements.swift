import Fluent

/// Monthly settlement statements: each revision of a contract's month with its state, its
/// figures (the canonical JSON of `StatementFigures`), its total and the SHA-256 of the figures;
/// and what was done to each (sent, disputed on a line with a comment, revised, confirmed, made
/// final), in order, by whom and when.
struct M0043_CreateStatements: AsyncMigration {
    var name: String { "0043_create_statements" }

    func prepare(on database: any Database) async throws {
        try await database.schema("statements")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id"))
            .field("month", .string, .required)
            .field("revision", .int, .required)
            .field("state", .string, .required)
            .field("figures", .string, .required)
            .field("total_fen", .int64, .required)
            .field("content_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "contract_id", "month", "revision")
            .create()
        try await database.schema("statement_events")
            .id()
            .field("statement_id", .uuid, .required, .references("statements", "id"))
            .field("position", .int, .required)
            .field("action", .string, .required)
            .field("actor", .string, .required)
            .field("at", .datetime, .required)
            .field("line", .int)
            .field("comment", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("statement_events").delete()
        try await database.schema("statements").delete()
    }
}
