import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import Fluent
import Foundation
import Testing

@Suite("Workbench figures and queues")
struct WorkQueueTests {
    /// 2026-12-02 10:00 in Shanghai.
    static let now = ShanghaiTime.parse("2026-12-02 10:00:00")!

    static func order(
        _ tid: String, _ status: OrderStatus, store: Store, paid: Date?, fen: Int64 = 10_000, buyer: String = "b", quantity: Int = 1
    ) -> Order {
        let line = OrderLine(
            oid: tid + "1", outerSkuID: "HY-CREAM-50", title: "保湿面霜", price: Money(fen: fen), quantity: quantity, payment: Money(fen: fen),
            status: status)
        return Order(
            storeID: store.id, tid: tid, status: status, buyerNick: buyer, payment: Money(fen: fen), totalFee: Money(fen: fen),
            createdAt: (paid ?? now).addingTimeInterval(-60), paidAt: paid, modifiedAt: paid ?? now, lines: [line])
    }

    @Test("today's and yesterday's figures count the orders paid in each Shanghai day, buyers once", arguments: TestDatabase.available)
    func sales(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await OrderWriterTests.setUp(app, onHand: 100)
            let store = s.t.storeA1
            let midnight = ShanghaiTime.parse("2026-12-02 00:00:00")!
            let orders = [
                Self.order("t1", .waitSellerSendGoods, store: store, paid: midnight, fen: 10_000, buyer: "a"),  // today, at midnight
                Self.order("t2", .finished, store: store, paid: midnight.addingTimeInterval(3600), fen: 20_001, buyer: "a"),
                // Paid, then closed: it counts.
                Self.order("t3", .closed, store: store, paid: midnight.addingTimeInterval(7200), fen: 5_000, buyer: "b"),
                Self.order("t4", .waitBuyerPay, store: store, paid: nil, fen: 99_900, buyer: "c"),  // not paid
                // Yesterday's last second.
                Self.order("y1", .finished, store: store, paid: midnight.addingTimeInterval(-1), fen: 7_000, buyer: "d"),
            ]
            try await app.db.transaction { tx in
                _ = try await OrderWriter(database: tx).apply(
                    orders, store: store, source: s.source, by: WriteContext(actor: "job:test", now: Self.now))
            }
            let figures = SalesFigureRepository(database: app.db)
            let today = try await figures.sales(of: [store.id, s.t.storeA2.id], in: .today(Self.now))
            #expect(today[store.id] == SalesFigures(paidOrders: 3, gmv: Money(fen: 35_001), payingBuyers: 2))
            #expect(today[store.id]?.aov == Money(fen: 17_501))
            #expect(today[s.t.storeA2.id] == .zero)
            let yesterday = try await figures.sales(of: [store.id], in: .yesterday(Self.now))
            #expect(yesterday[store.id] == SalesFigures(paidOrders: 1, gmv: Money(fen: 7_000), payingBuyers: 1))
        }
    }

    @Test("orders to ship and overdue against the store's promise, at the edge; the list filter agrees", arguments: TestDatabase.available)
    func shipping(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await OrderWriterTests.setUp(app, onHand: 100)
            let store = s.t.storeA1
            let hours = { (h: Double) in Self.now.addingTimeInterval(-h * 3600) }
            let orders = [
                Self.order("s1", .waitSellerSendGoods, store: store, paid: hours(48)),  // due exactly now: not overdue
                Self.order("s2", .waitSellerSendGoods, store: store, paid: hours(48).addingTimeInterval(-1)),  // a second late
                Self.order("s3", .sellerConsignedPart, store: store, paid: hours(72)),  // part shipped, still to ship, late
                Self.order("s4", .waitSellerSendGoods, store: store, paid: hours(1)),
                Self.order("s5", .waitBuyerConfirmGoods, store: store, paid: hours(90)),  // shipped
            ]
            try await app.db.transaction { tx in
                _ = try await OrderWriter(database: tx).apply(
                    orders, store: store, source: s.source, by: WriteContext(actor: "job:test", now: Self.now))
            }
            let queues = WorkQueueRepository(database: app.db)
            var counts = try await queues.shippingCounts(of: [store], at: Self.now)
            #expect(counts[store.id]?.toShip == 4 && counts[store.id]?.overdue == 2)
            let queue = try await queues.ordersToShip(in: [store], limit: 10)
            #expect(queue.map(\.tid) == ["s3", "s2", "s1", "s4"], "longest waiting first")
            #expect(queue.filter { $0.due < Self.now }.map(\.tid) == ["s3", "s2"])

            let overdue = OrderFilter(toShip: true, paidBefore: store.shippingPromise.overdueIfPaidBefore(Self.now))
            let listed = try await OrderRepository(database: app.db).list(store: store.id, filter: overdue, after: nil, limit: 50)
            #expect(Set(listed.orders.map(\.tid)) == ["s2", "s3"], "the overdue list holds what the count counts")

            // A store that promises 24 hours has more overdue.
            let strict = try await TenancyRepository(database: app.db).updateStore(
                store, with: try StorePatch(name: nil, status: nil, shipWithinHours: "24"),
                by: WriteContext(actor: "job:test", now: Self.now))
            counts = try await queues.shippingCounts(of: [strict], at: Self.now)
            #expect(counts[store.id]?.overdue == 3)
            #expect(try await TenancyRepository(database: app.db).store(store.id)?.shippingPromise.hours == 24)
        }
    }

    @Test("refunds waiting for the seller and bad reviews still open to a reply are counted and listed", arguments: TestDatabase.available)
    func refundsAndReviews(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await OrderWriterTests.setUp(app, onHand: 100)
            let store = s.t.storeA1
            func refund(_ id: String, _ status: RefundStatus) -> Refund {
                Refund(
                    storeID: store.id, refundID: id, tid: "r" + id, oid: "r\(id)1", status: status, phase: .aftersale,
                    refundFee: Money(fen: 1_000), createdAt: Self.now.addingTimeInterval(-3600),
                    modifiedAt: Self.now.addingTimeInterval(-3600))
            }
            func review(_ oid: String, _ result: ReviewResult, reply: String = "", daysAgo: Double) -> Review {
                Review(
                    storeID: store.id, tid: "v" + oid, oid: oid, result: result, content: "差", reply: reply, buyerNick: "b",
                    itemTitle: "面霜",
                    createdAt: Self.now.addingTimeInterval(-daysAgo * 86_400))
            }
            let context = WriteContext(actor: "job:test", now: Self.now)
            let refunds = [
                refund("1", .waitSellerAgree), refund("2", .waitSellerConfirmGoods), refund("3", .success),
                refund("4", .waitBuyerReturnGoods),
            ]
            let reviews = [
                review("o1", .bad, daysAgo: 1), review("o2", .bad, reply: "抱歉", daysAgo: 1), review("o3", .good, daysAgo: 1),
                review("o4", .bad, daysAgo: 31),
            ]
            try await app.db.transaction { tx in
                _ = try await RefundWriter(database: tx).apply(refunds, store: store, source: s.source, by: context)
                _ = try await ReviewRepository(database: tx).apply(reviews, store: store, source: s.source, by: context)
            }
            let queues = WorkQueueRepository(database: app.db)
            #expect(try await queues.refundCounts(of: [store.id])[store.id] == 2)
            #expect(try await queues.refundsToHandle(in: [store.id], limit: 10).map(\.refundID).sorted() == ["1", "2"])
            #expect(try await queues.reviewCounts(of: [store.id], at: Self.now)[store.id] == 1)
            #expect(try await queues.reviewsToAnswer(in: [store.id], at: Self.now, limit: 10).map(\.tid) == ["vo1"])
        }
    }

    @Test("low stock: at the warning level, or under a week of cover at the last 14 days' paid pace", arguments: TestDatabase.available)
    func lowStock(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            // 30 on hand; 28 units paid in the 14 days before today (2 a day): 15 days of cover.
            let s = try await OrderWriterTests.setUp(app, onHand: 30)
            let store = s.t.storeA1
            let context = WriteContext(actor: "job:test", now: Self.now)
            let days = (1...14).map {
                Self.order("p\($0)", .finished, store: store, paid: Self.now.addingTimeInterval(-Double($0) * 86_400), quantity: 2)
            }
            let old = Self.order("old", .finished, store: store, paid: Self.now.addingTimeInterval(-40 * 86_400), quantity: 50)
            try await app.db.transaction { tx in
                _ = try await OrderWriter(database: tx).apply(days + [old], store: store, source: s.source, by: context)
            }
            let queues = WorkQueueRepository(database: app.db)
            // Whatever the finished orders took, a stock-take sets the count.
            let warehouse = try #require(try await CatalogRepository(database: app.db).warehouses(of: s.t.clientA1.id).first)
            _ = try await InventoryRepository(database: app.db).change(
                .stocktake, sku: s.sku.id, warehouse: warehouse.id, quantity: 30, reason: "盘点", client: s.t.clientA1, by: context)
            #expect(try await queues.lowStock(of: s.t.clientA1.id, at: Self.now).isEmpty, "15 days of cover")
            _ = try await InventoryRepository(database: app.db).change(
                .stocktake, sku: s.sku.id, warehouse: warehouse.id, quantity: 13, reason: "盘点", client: s.t.clientA1, by: context)
            let low = try await queues.lowStock(of: s.t.clientA1.id, at: Self.now)
            #expect(low.map(\.outerID) == ["HY-CREAM-50"] && low.first?.cover.soldInPace == 28 && low.first?.cover.daysOfCoverTenths == 65)
        }
    }
}
