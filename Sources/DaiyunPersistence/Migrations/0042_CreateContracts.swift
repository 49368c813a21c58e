import Fluent

/// Contracts of an agency with its clients, and their versions: each version's terms (stores,
/// scope, team, fee model, KPIs) kept as the canonical JSON of `ContractTerms`, from the day it
/// takes effect. A version is never changed; an amendment adds the next one.
struct M0042_CreateContracts: AsyncMigration {
    var name: String { "0042_create_contracts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("contracts")
            .id()
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("name", .string, .required)
            .field("start_day", .string, .required)
            .field("end_day", .string)
            .field("notice_days", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("contract_versions")
            .field("contract_id", .uuid, .required, .references("contracts", "id"))
            .field("number", .int, .required)
            .field("effective_from", .string, .required)
            .field("terms", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .string, .required)
            .unique(on: "contract_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contract_versions").delete()
        try await database.schema("contracts").delete()
    }
}
