import DaiyunCore
import DaiyunTestSupport
import Fluent
import Foundation
import SQLKit
import Testing

@testable import DaiyunPersistence

@Suite("Migrations")
struct MigrationTests {
    @Test("migrations apply, revert and apply again", arguments: TestDatabase.available)
    func upDownUp(_ database: TestDatabase) async throws {
        try await withTestDatabase(database, migrate: false) { app in
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

    @Test("existing stock pools take when they were counted from their movements", arguments: TestDatabase.available)
    func stockCountedAtBackFill(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let catalog = CatalogRepository(database: app.db)
            let inventory = InventoryRepository(database: app.db)
            let drafts = try ["A", "B", "C"].map {
                try SKUDraft(outerID: "SKU-\($0)", listPrice: Money(fen: 100), floorPrice: Money(fen: 100), cost: Money(fen: 50))
            }
            let (_, skus) = try await catalog.createProduct(
                try ProductDraft(title: "测试", category: "测试"), skus: drafts, for: t.clientA1,
                by: WriteContext(actor: "user:test", now: Date()))
            let warehouse = try await catalog.createWarehouse(
                code: "HZ01", name: "杭州仓", for: t.clientA1, by: WriteContext(actor: "user:test", now: Date()))
            let t1 = Date(timeIntervalSince1970: 1_790_000_000)
            let t2 = t1.addingTimeInterval(86_400)
            let t3 = t2.addingTimeInterval(86_400)
            func change(_ kind: StockChangeKind, _ sku: SKU, _ quantity: Int, at: Date) async throws {
                _ = try await inventory.change(
                    kind, sku: sku.id, warehouse: warehouse.id, quantity: quantity, reason: "测试", client: t.clientA1,
                    by: WriteContext(actor: "user:test", now: at))
            }
            try await change(.receipt, skus[0], 10, at: t1)
            try await change(.stocktake, skus[0], 8, at: t2)
            try await change(.receipt, skus[1], 10, at: t1)
            try await change(.adjustment, skus[1], -1, at: t3)

            let migration = M0021_AddStockCountedAt()
            // On one connection: SQLite checks a new column's name against the connection's schema
            // before it notices another connection changed it.
            try await app.db.transaction { tx in
                try await migration.revert(on: tx)
                try await migration.prepare(on: tx)
            }
            let sql = try #require(app.db as? any SQLDatabase)
            var counted: [String: Date?] = [:]
            for row in try await sql.raw("SELECT s.outer_id, k.counted_at FROM sku_stock k JOIN skus s ON s.id = k.sku_id").all() {
                counted[try row.decode(column: "outer_id", as: String.self)] = try row.decode(column: "counted_at", as: Date?.self)
            }
            let expected: [String: Date?] = ["SKU-A": t2, "SKU-B": t1, "SKU-C": nil]
            #expect(counted == expected, "the last stock-take, else the first stock; none without stock")
        }
    }

    @Test("the store jobs of before the general job system are kept, each with its client", arguments: TestDatabase.available)
    func jobsKeptByTheirRebuild(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let queue = JobQueue(database: app.db)
            let now = Date(timeIntervalSince1970: 1_790_000_000)
            try await queue.enqueue(.sync, store: t.storeA1, runAt: now, now: now)
            try await queue.enqueue(.ship, store: t.storeA2, payload: #"{"shipment_id":"x"}"#, key: "ship:1", runAt: now, now: now)
            let dead = try #require(try await queue.claim(worker: "w", now: now).first { $0.kind == .sync })
            try await queue.fail(dead, error: .test("TOP error 25"), final: true, now: now)
            let before = try await queue.jobs(store: t.storeA1.id) + queue.jobs(store: t.storeA2.id)

            // M0027 adds columns to the table M0024 rebuilds: it is undone first and done again after.
            let migration = M0024_GeneralizeJobs()
            let messages = M0027_AddJobMessages()
            try await app.db.transaction { tx in
                try await messages.revert(on: tx)
                try await migration.revert(on: tx)
                try await migration.prepare(on: tx)
                try await messages.prepare(on: tx)
            }
            let after = try await queue.jobs(store: t.storeA1.id) + queue.jobs(store: t.storeA2.id)
            // The messages are M0027's, which the round trip dropped and added back empty.
            let withoutMessages = before.map { job in
                var kept = job
                (kept.resultMessage, kept.errorMessage) = (nil, nil)
                return kept
            }
            #expect(after == withoutMessages && after.count == 2)
            #expect(after.map(\.scope) == [.of(t.storeA1), .of(t.storeA2)], "each with its store's client and agency")
            #expect(try await queue.retry(dead.id, store: t.storeA1.id, now: now), "a dead job can still be retried")
        }
    }

    @Test("a new SQLite database has 8 KiB pages and the write-ahead log")
    func sqliteFileSettings() async throws {
        try await withTestDatabase(.sqlite) { app in
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
