import Fluent

struct M0007_CreateSignInThrottles: AsyncMigration {
    var name: String { "0007_create_sign_in_throttles" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_throttles")
            .id()
            .field("login", .string, .required)
            .field("failures", .int, .required)
            .field("locked_until", .datetime)
            .unique(on: "login")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_throttles").delete()
    }
}
