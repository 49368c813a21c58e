import DaiyunCore
import DaiyunTestSupport
import Foundation
import Testing
import Vapor

@testable import DaiyunPersistence

@Suite("Dashboard figures")
struct StoreFiguresTests {
    static func at(_ text: String) -> Date { ShanghaiTime.parse(text)! }

    static func order(_ tid: String, buyer: String, paid: String?, fen: Int64, sku: String, units: Int, store: ID<Store>) -> Order {
        let status: OrderStatus = paid == nil ? .waitBuyerPay : .waitSellerSendGoods
        return Order(
            storeID: store, tid: tid, status: status, buyerNick: buyer, payment: Money(fen: fen), totalFee: Money(fen: fen),
            createdAt: at("2026-11-01 08:00:00"), paidAt: paid.map(at), modifiedAt: at("2026-11-05 08:00:00"),
            lines: [
                OrderLine(
                    oid: tid + "-1", outerSkuID: sku, title: sku, price: Money(fen: fen), quantity: units, payment: Money(fen: fen),
                    status: status)
            ])
    }

    /// Three days of a store: buyer `a` on two of them, an unpaid order, a refund on the second
    /// day, traffic on the first two (DSR on the first only), and a 支付金额 one yuan above the
    /// orders on the second.
    static func seed(_ app: Application) async throws -> TestTenancy {
        let t = try await TestTenancy.create(on: app)
        let store = t.storeA1
        let context = WriteContext(actor: "job:test", now: at("2026-11-05 08:00:00"))
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("figures".utf8), name: "f.csv", kind: "upload", agency: t.agencyA.id, store: store.id, by: context
        ).record.id
        let orders = [
            order("R1", buyer: "a", paid: "2026-11-01 10:00:00", fen: 10_000, sku: "A", units: 2, store: store.id),
            order("R2", buyer: "b", paid: "2026-11-01 23:59:59", fen: 5_000, sku: "B", units: 1, store: store.id),
            order("R3", buyer: "a", paid: "2026-11-02 00:00:00", fen: 3_000, sku: "A", units: 1, store: store.id),
            order("R4", buyer: "c", paid: "2026-11-03 12:00:00", fen: 2_000, sku: "C", units: 4, store: store.id),
            order("R5", buyer: "d", paid: nil, fen: 9_900, sku: "A", units: 9, store: store.id),
        ]
        let refund = Refund(
            storeID: store.id, refundID: "F1", tid: "R1", oid: "R1-1", status: .success, phase: .aftersale, refundFee: Money(fen: 1_000),
            createdAt: at("2026-11-02 09:00:00"), modifiedAt: at("2026-11-02 12:00:00"))
        let traffic = [
            TrafficDay(
                storeID: store.id, day: BusinessDay("2026-11-01")!, visitors: 100, dsrDescription: 48_000, dsrService: 47_000,
                dsrLogistics: 49_000, reportedPayment: Money(fen: 15_000)),
            TrafficDay(storeID: store.id, day: BusinessDay("2026-11-02")!, visitors: 50, reportedPayment: Money(fen: 3_100)),
        ]
        try await app.db.transaction { tx in
            _ = try await OrderWriter(database: tx).apply(orders, store: store, source: source, by: context)
            _ = try await RefundWriter(database: tx).apply([refund], store: store, source: source, by: context)
            _ = try await TrafficRepository(database: tx).apply(traffic, store: store, source: source, by: context)
        }
        return t
    }

    @Test("a store's days are every day of the period, with its sales, refunds and traffic", arguments: TestDatabase.available)
    func days(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await Self.seed(app)
            let days = try await StoreFiguresRepository(database: app.db).days(
                store: t.storeA1.id, from: BusinessDay("2026-10-31")!, through: BusinessDay("2026-11-03")!)
            #expect(days.map(\.day.description) == ["2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03"])
            #expect(days.map(\.sales.paidOrders) == [0, 2, 1, 1])
            #expect(days.map(\.sales.gmv.fen) == [0, 15_000, 3_000, 2_000])
            #expect(days.map(\.sales.payingBuyers) == [0, 2, 1, 1])
            #expect(days.map(\.refundAmount.fen) == [0, 0, 1_000, 0])
            #expect(days.map(\.traffic?.visitors) == [nil, 100, 50, nil])
            #expect(days.map(\.conversionBP) == [nil, 200, 200, nil])
            #expect(days.map(\.paymentDifference?.fen) == [nil, 0, 100, nil])
        }
    }

    @Test(
        "a period counts its buyers once, its conversion over the days with traffic, and its latest DSR",
        arguments: TestDatabase.available)
    func periods(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await Self.seed(app)
            let repository = StoreFiguresRepository(database: app.db)
            let range = DayRange(from: Self.at("2026-11-01 00:00:00"), until: Self.at("2026-11-04 00:00:00"))
            let figures = try await repository.periods(of: [t.storeA1.id, t.storeA2.id], in: range)
            let p = try #require(figures[t.storeA1.id])
            #expect(p.sales == SalesFigures(paidOrders: 4, gmv: Money(fen: 20_000), payingBuyers: 3))
            #expect(p.refunds == 1 && p.refundAmount.fen == 1_000 && p.netSales.fen == 19_000)
            #expect(p.visitors == 150 && p.buyersOnTrafficDays == 3 && p.conversionBP == 200)
            #expect(p.dsr?.day == BusinessDay("2026-11-01") && p.dsr?.dsrService == 47_000)
            // A store without rows has no figures, not an error.
            #expect(figures[t.storeA2.id] == .zero)
            let days = try await repository.days(store: t.storeA1.id, from: range.firstDay, through: range.lastDay)
            #expect(PeriodFigures(days: days, payingBuyers: 3) == p)
            let skus = try await repository.skuSales(store: t.storeA1.id, from: range.firstDay, through: range.lastDay, limit: 2)
            #expect(
                skus == [
                    SKUSales(outerSKUID: "A", units: 3, sales: Money(fen: 13_000), refunds: 1, refundAmount: Money(fen: 1_000)),
                    SKUSales(outerSKUID: "B", units: 1, sales: Money(fen: 5_000)),
                ])
            let byUnits = try await repository.skuSales(
                store: t.storeA1.id, from: range.firstDay, through: range.lastDay, by: .units, limit: 3)
            #expect(byUnits.map(\.outerSKUID) == ["C", "A", "B"])
            let byRefunds = try await repository.skuSales(
                store: t.storeA1.id, from: range.firstDay, through: range.lastDay, by: .refundAmount, limit: 3)
            #expect(byRefunds.map(\.outerSKUID) == ["A", "B", "C"])
        }
    }
}
