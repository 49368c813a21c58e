import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@Suite("The order list's filters")
struct OrderListTests {
    /// 2,600 orders, two sharing each minute (so pages break ties by id). Every order has a line of
    /// COMMON (more lines than the list's threshold for a few-lines SKU); every 50th a line of
    /// RARE, the first of them two; every 13th is the buyer "regular"'s, every 10th closed, every
    /// 100th needs attention. Another store of the agency holds the first 100 of these orders under
    /// the same order numbers: none of them may appear in the first store's list.
    struct Seeded: Sendable {
        var store: Store
        var orders: [Order]
        var attention: Set<String>
    }

    static func seed(_ app: Application, _ t: TestTenancy) async throws -> Seeded {
        let context = WriteContext(actor: "job:test", now: Date())
        let start = ShanghaiTime.parse("2026-06-01 00:00:00")!
        func orders(_ store: Store, count: Int) -> [Order] {
            (0..<count).map { i in
                let created = start.addingTimeInterval(Double(i / 2) * 60)
                let amount = Money(fen: 990)
                var lines = [
                    OrderLine(
                        oid: "\(store.shopID)-\(i)-1", outerSkuID: "COMMON", title: "t", price: amount, quantity: 1, payment: amount,
                        status: .finished)
                ]
                if i.isMultiple(of: 50) {
                    lines.append(
                        OrderLine(
                            oid: "\(store.shopID)-\(i)-2", outerSkuID: "RARE", title: "t", price: amount, quantity: 1, payment: amount,
                            status: .finished))
                    if i == 0 {
                        lines.append(
                            OrderLine(
                                oid: "\(store.shopID)-\(i)-3", outerSkuID: "RARE", title: "t", price: amount, quantity: 1, payment: amount,
                                status: .finished))
                    }
                }
                return Order(
                    storeID: store.id, tid: String(7_000_000_000_000_000 + i), status: i.isMultiple(of: 10) ? .closed : .finished,
                    buyerNick: i.isMultiple(of: 13) ? "regular" : "buyer\(i)", payment: amount, totalFee: amount,
                    createdAt: created, paidAt: created, lines: lines)
            }
        }
        var written: [Order] = []
        for (store, count) in [(t.storeA1, 2_600), (t.storeA1b, 100)] {
            let source = try await SourceRecordRepository(database: app.db).keep(
                Data("seed \(store.shopID)".utf8), name: "seed", kind: "upload", agency: t.agencyA.id, store: store.id, by: context
            ).record.id
            let batch = orders(store, count: count)
            _ = try await app.db.transaction {
                try await OrderWriter(database: $0).apply(
                    batch, store: store, source: source, by: WriteContext(actor: "job:test", now: Date()))
            }
            if store.id == t.storeA1.id { written = batch }
        }
        let attention = Set(written.indices.filter { $0.isMultiple(of: 100) }.map { written[$0].tid })
        let sql = app.db as! any SQLDatabase
        try await sql.update("orders").set("needs_attention", to: true).where("store_id", .equal, t.storeA1.id.rawValue).where(
            "tid", .in, Array(attention)
        ).run()
        return Seeded(store: t.storeA1, orders: written, attention: attention)
    }

    @Test("each filter, alone and combined, pages through exactly its orders, newest first", arguments: TestDatabase.available)
    func filters(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let seeded = try await Self.seed(app, t)
            let repository = OrderRepository(database: app.db)
            let june1 = BusinessDay("2026-06-01")!
            let cases: [(String, OrderFilter, (Order) -> Bool)] = [
                ("all", OrderFilter(), { _ in true }),
                ("closed", OrderFilter(status: .closed), { $0.status == .closed }),
                ("regular", OrderFilter(buyer: "regular"), { $0.buyerNick == "regular" }),
                ("nobody", OrderFilter(buyer: "nobody"), { _ in false }),
                ("regular, closed", OrderFilter(status: .closed, buyer: "regular"), { $0.buyerNick == "regular" && $0.status == .closed }),
                ("COMMON", OrderFilter(outerSkuID: "COMMON"), { _ in true }),
                ("RARE", OrderFilter(outerSkuID: "RARE"), { $0.lines.contains { $0.outerSkuID == "RARE" } }),
                (
                    "RARE, closed", OrderFilter(status: .closed, outerSkuID: "RARE"),
                    { $0.status == .closed && $0.lines.contains { $0.outerSkuID == "RARE" } }
                ),
                ("COMMON, regular", OrderFilter(buyer: "regular", outerSkuID: "COMMON"), { $0.buyerNick == "regular" }),
                ("no such SKU", OrderFilter(outerSkuID: "NOPE"), { _ in false }),
                ("attention", OrderFilter(needsAttention: true), { seeded.attention.contains($0.tid) }),
                (
                    "attention, closed", OrderFilter(status: .closed, needsAttention: true),
                    { $0.status == .closed && seeded.attention.contains($0.tid) }
                ),
                (
                    "no attention, RARE", OrderFilter(outerSkuID: "RARE", needsAttention: false),
                    { !seeded.attention.contains($0.tid) && $0.lines.contains { $0.outerSkuID == "RARE" } }
                ),
                (
                    "June 1st, regular", OrderFilter(from: june1.start, until: june1.start.addingTimeInterval(3_600), buyer: "regular"),
                    { $0.buyerNick == "regular" && $0.createdAt < june1.start.addingTimeInterval(3_600) }
                ),
            ]
            for (name, filter, matches) in cases {
                var listed: [OrderSummary] = []
                var cursor: OrderCursor?
                repeat {
                    let page = try await repository.list(store: seeded.store.id, filter: filter, after: cursor, limit: 50)
                    listed += page.orders
                    cursor = page.next
                } while cursor != nil
                let expected = seeded.orders.filter(matches).map(\.tid)
                #expect(listed.count == expected.count, "\(name)")
                #expect(Set(listed.map(\.tid)) == Set(expected), "\(name)")
                let newestFirst = zip(listed, listed.dropFirst()).allSatisfy {
                    ($0.createdAt, $0.id.uuidString) > ($1.createdAt, $1.id.uuidString)
                }
                #expect(newestFirst, "\(name)")
            }
        }
    }
}
