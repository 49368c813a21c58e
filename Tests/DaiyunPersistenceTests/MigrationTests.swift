import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWeb
import Fluent
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("migrations apply, revert and apply again", arguments: TestDatabase.available)
    func upDownUp(_ database: TestDatabase) async throws {
        try await withTestApp(database, migrate: false) { app in
            let first = try await MigrationRunner.migrate(app)
            #expect(first == Migrations.all.map(\.name))
            #expect(try await MigrationRunner.migrate(app).isEmpty, "a second run applies nothing")
            _ = try await TestTenancy.create(on: app)

            try await MigrationRunner.revertAll(app)
            #expect(try await MigrationRunner.appliedNames(app.db).isEmpty)

            let again = try await MigrationRunner.migrate(app)
            #expect(again == Migrations.all.map(\.name))
            _ = try await TestTenancy.create(on: app)
        }
    }

    @Test("every migration has a pinned, numbered, unique name")
    func names() {
        let names = Migrations.all.map(\.name)
        #expect(Set(names).count == names.count)
        for (index, name) in names.enumerated() {
            #expect(name.hasPrefix(String(format: "%04d_", index + 1)), "\(name) is out of order")
        }
    }
}
