import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWeb
import Fluent
import SQLKit
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

    @Test("a new SQLite database has 8 KiB pages and the write-ahead log")
    func sqliteFileSettings() async throws {
        try await withTestApp(.sqlite) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            #expect(try await sql.raw("PRAGMA page_size").first()?.decode(column: "page_size", as: Int.self) == 8192)
            #expect(try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self) == "wal")
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
