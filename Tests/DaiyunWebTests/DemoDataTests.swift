import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import SQLKit
import Testing
import Vapor

@testable import DaiyunWeb

@Suite("Demo data")
struct DemoDataTests {
    struct Interrupted: Error {}

    /// What the demo holds, table by table, and each store's orders.
    static func fingerprint(_ app: Application) async throws -> [String: Int] {
        let sql = try #require(app.db as? any SQLDatabase)
        var counts: [String: Int] = [:]
        for table in [
            "agencies", "clients", "stores", "users", "store_assignments", "products", "skus", "warehouses", "safety_stocks", "orders",
            "refunds",
        ] {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self)
        }
        counts["stocktakes"] = try await sql.raw("SELECT COUNT(*) AS n FROM stock_movements WHERE kind = 'stocktake'").first()?.decode(
            column: "n", as: Int.self)
        for row in try await sql.raw(
            "SELECT s.shop_id, COUNT(o.id) AS n FROM stores s LEFT JOIN orders o ON o.store_id = s.id GROUP BY s.shop_id"
        ).all() {
            counts["orders " + (try row.decode(column: "shop_id", as: String.self))] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    // SQLite only: the demo is made through the repositories that every other test runs on both
    // databases, and four demo creations on PostgreSQL beside the parallel suite starved the
    // concurrent-writer tests of CPU.
    @Test(
        "a demo creation interrupted at any step is finished by the next start, as if it had never stopped",
        arguments: [TestDatabase.sqlite])
    func resumes(_ database: TestDatabase) async throws {
        // One clock for every run: a year that ends at a later moment holds the orders placed meanwhile.
        let now = Date()
        let reference = try await withTestApp(database) { app in
            _ = try await DemoData.ensure(on: app, now: now)
            return try await Self.fingerprint(app)
        }
        #expect((reference["orders"] ?? 0) > 10_000 && reference["clients"] == 3 && reference["stocktakes"] == reference["skus"])
        try await withTestApp(database) { app in
            for step in ["client 织锦服饰 Zhijin Apparel", "product 花漾 烟酰胺精华液", "orders tm-zhijin-001"] {
                await #expect(throws: Interrupted.self) {
                    _ = try await DemoData.ensure(on: app, now: now) { if $0 == step { throw Interrupted() } }
                }
            }
            _ = try await DemoData.ensure(on: app, now: now)
            let resumed = try await Self.fingerprint(app)
            #expect(resumed == reference, "resumed three times, the demo is the one made in one go")
            let audit = try await AuditLogRepository(database: app.db).verifyAll()
            let entries = audit.compactMap { try? $0.result.get().count }.reduce(0, +)
            _ = try await DemoData.ensure(on: app, now: now)
            let again = try await Self.fingerprint(app)
            #expect(again == reference)
            let after = try await AuditLogRepository(database: app.db).verifyAll().compactMap { try? $0.result.get().count }.reduce(0, +)
            #expect(after == entries, "a finished demo started again writes nothing")
        }
    }
}
