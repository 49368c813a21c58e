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

    @Test(
        "the demo settles each contract's year: every month final but the last, a draft; 花漾's ninth disputed and revised; a missed KPI refunds its fee",
        arguments: [TestDatabase.sqlite])
    func statements(_ database: TestDatabase) async throws {
        let now = Date()
        try await withTestApp(database) { app in
            _ = try await DemoData.ensure(on: app, now: now)
            try await DemoContracts.settle(now: now, on: app)
            let clients =
                try await TenancyRepository(database: app.db).clients(named: DemoData.clients[0].name)
                + TenancyRepository(database: app.db).clients(named: DemoData.clients[1].name)
                + TenancyRepository(database: app.db).clients(named: DemoData.clients[2].name)
            let contracts = try await ContractRepository(database: app.db).contracts(of: clients.map(\.id))
            #expect(contracts.count == 3)
            let repository = StatementRepository(database: app.db)
            var refunds = 0
            for contract in contracts {
                let kept = try await repository.statements(of: contract.id)
                let latest = Dictionary(grouping: kept, by: \.month).compactMapValues(\.first)
                let months = contract.settleableMonths(today: BusinessDay(containing: now))
                #expect(latest.count == months.count && months.count >= 12, "\(contract.name)")
                #expect(latest[months.last!]?.state == .draft && months.dropLast().allSatisfy { latest[$0]?.state == .final })
                for statement in latest.values where statement.state == .final {
                    #expect(try await repository.verify(statement, contract: contract).intact)
                }
                refunds += latest.values.filter { $0.figures.lines.contains { $0.kind == .kpiRefund } }.count
                if contract.name.hasPrefix("花漾") {
                    let disputed = kept.filter { $0.revision == 1 && $0.events.contains { $0.action == .dispute } }
                    #expect(disputed.count == 1 && latest[disputed[0].month]?.revision == 2)
                }
            }
            #expect(refunds >= 1, "a KPI missed refunds part of a month's fee")
        }
    }
}
