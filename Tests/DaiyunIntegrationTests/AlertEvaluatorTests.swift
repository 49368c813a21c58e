import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import DaiyunTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@Suite("Alert evaluation")
struct AlertEvaluatorTests {
    /// Tuesday 1 December 2026, 09:00 in Shanghai: yesterday is Monday the 30th.
    static let now = ShanghaiTime.parse("2026-12-01 09:00:00")!

    static func order(_ tid: String, paid: Date, fen: Int64, store: ID<Store>) -> Order {
        Order(
            storeID: store, tid: tid, status: .waitSellerSendGoods, buyerNick: "b\(tid)", payment: Money(fen: fen),
            totalFee: Money(fen: fen),
            createdAt: paid, paidAt: paid, modifiedAt: paid,
            lines: [
                OrderLine(
                    oid: tid + "1", outerSkuID: "X", title: "x", price: Money(fen: fen), quantity: 1, payment: Money(fen: fen),
                    status: .waitSellerSendGoods)
            ])
    }

    /// ¥1,000.00 on each of the four Mondays before, and `yesterday` fen on Monday the 30th.
    static func seed(_ app: Application, _ t: TestTenancy, yesterday: Int64, tid: String = "Y") async throws {
        let context = WriteContext(actor: "job:test", now: now)
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("alerts\(tid)".utf8), name: "a", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
        ).record.id
        let monday = BusinessDay("2026-11-30")!
        var orders = (1...4).map {
            Self.order("W\($0)", paid: monday.advanced(by: -7 * $0).start.addingTimeInterval(36_000), fen: 100_000, store: t.storeA1.id)
        }
        if yesterday > 0 {
            orders.append(Self.order(tid, paid: monday.start.addingTimeInterval(36_000), fen: yesterday, store: t.storeA1.id))
        }
        let batch = orders
        try await app.db.transaction { tx in
            _ = try await OrderWriter(database: tx).apply(batch, store: t.storeA1, source: source, by: context)
        }
    }

    @Test(
        "a fall opens one alert, refreshed while it lasts and resolved when it clears; a new fall opens a new one",
        arguments: TestDatabase.available)
    func lifecycle(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await Self.seed(app, t, yesterday: 50_000)
            let evaluator = AlertEvaluator(database: app.db)
            let repository = AlertRepository(database: app.db)
            let opened = try await evaluator.evaluate(t.storeA1, at: Self.now)
            #expect(opened.map(\.kind) == [.gmvDrop])
            #expect(opened.first?.message.arguments == ["2026-11-30", "¥500.00", "¥1000.00", "50.0%"])
            // Every rule of the store was made with its defaults.
            #expect(try await repository.rules(of: t.storeA1.id, ids: .kernel, now: Self.now).count == AlertKind.allCases.count)

            #expect(try await evaluator.evaluate(t.storeA1, at: Self.now.addingTimeInterval(3_600)).isEmpty, "no second alert")
            var unresolved = try await repository.alerts(of: [t.storeA1.id])
            #expect(unresolved.count == 1 && unresolved[0].lastSeenAt == Self.now.addingTimeInterval(3_600))

            let acknowledged = try await repository.move(
                unresolved[0], to: .acknowledged, store: t.storeA1, by: WriteContext(actor: "user:manager", now: Self.now))
            #expect(acknowledged.status == .acknowledged)
            #expect(try await evaluator.evaluate(t.storeA1, at: Self.now.addingTimeInterval(7_200)).isEmpty, "acknowledged still counts")

            // A late order lifts Monday back over the threshold: the alert resolves itself.
            try await Self.seed(app, t, yesterday: 40_000, tid: "Y2")
            #expect(try await evaluator.evaluate(t.storeA1, at: Self.now.addingTimeInterval(10_800)).isEmpty)
            unresolved = try await repository.alerts(of: [t.storeA1.id])
            #expect(unresolved.isEmpty)
            let resolved = try await repository.alerts(of: [t.storeA1.id], resolved: true)
            #expect(resolved.count == 1 && resolved[0].resolvedBy == "job:alerts")

            // Lowered again (a stricter rule): a new alert, the old one stays resolved.
            let rules = try await repository.rules(of: t.storeA1.id, ids: .kernel, now: Self.now)
            let gmv = try #require(rules.first { $0.kind == .gmvDrop })
            var stricter = gmv
            stricter.threshold = 500
            _ = try await repository.update(gmv, to: stricter, store: t.storeA1, by: WriteContext(actor: "user:admin", now: Self.now))
            #expect(try await evaluator.evaluate(t.storeA1, at: Self.now.addingTimeInterval(14_400)).count == 1)
            #expect(try await repository.openCounts(of: [t.storeA1.id, t.storeA2.id]) == [t.storeA1.id: 1, t.storeA2.id: 0])
        }
    }

    @Test(
        "a store one mutes cannot crowd the alerts one receives out of the list's 200, however many it has",
        arguments: TestDatabase.available)
    func mutedStoreBeyondTheLimit(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let repository = AlertRepository(database: app.db)
            func lowCover(_ store: Store, _ codes: [String]) async throws {
                let rules = try await repository.rules(of: store.id, ids: .kernel, now: Self.now)
                var rule = try #require(rules.first { $0.kind == .lowCover })
                rule.severity = store.id == t.storeA1.id ? .critical : .info
                let firings = codes.map { code in
                    AlertFiring(
                        rule: rule, subject: code, message: Message("alert_low_cover", [code, "1", "0.5"], english: "\(code) low"),
                        link: .sku(code))
                }
                _ = try await repository.record(firings, store: store, ids: .kernel, now: Self.now)
            }
            try await lowCover(t.storeA1, (1...250).map { "LOUD-\($0)" })
            try await lowCover(t.storeA1b, ["QUIET-1", "QUIET-2"])
            let stores = [t.storeA1.id, t.storeA1b.id]

            // Without a choice, the 250 critical ones come first and fill the list.
            let everything = try await repository.alerts(of: stores)
            #expect(everything.count == 200 && everything.allSatisfy { $0.storeID == t.storeA1.id })
            // Muted, the loud store leaves the list to the quiet one.
            let received = try await repository.alerts(of: stores, receiving: [t.storeA1.id: .none])
            #expect(received.map(\.subject).sorted() == ["QUIET-1", "QUIET-2"])
            let criticalOnly = try await repository.alerts(of: stores, receiving: [t.storeA1b.id: .critical])
            #expect(criticalOnly.count == 200 && !criticalOnly.contains { $0.storeID == t.storeA1b.id })
        }
    }

    @Test("an import into a store queues its alert evaluation", arguments: TestDatabase.available)
    func importQueues(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let csv = "统计日期,访客数\r\n2026-11-30,120\r\n"
            _ = try await ImportService(database: app.db).run(
                Data(csv.utf8), name: "t.csv", kind: .traffic, mode: .skipBadRows,
                target: ImportTarget(client: t.clientA1, store: t.storeA1),
                by: WriteContext(actor: "user:admin", now: Self.now))
            let jobs = try await (app.db as! any SQLDatabase).raw("SELECT kind, store_id, run_at FROM jobs WHERE kind = 'alerts'").all()
            #expect(jobs.count == 1)
            #expect(try jobs.first?.decode(column: "store_id", as: UUID.self) == t.storeA1.id.rawValue)
        }
    }
}
