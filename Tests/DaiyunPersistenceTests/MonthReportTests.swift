import DaiyunCore
import DaiyunTestSupport
import Foundation
import SQLKit
import Testing

@testable import DaiyunPersistence

@Suite("Month report")
struct MonthReportTests {
    static let month = BusinessMonth("2025-11")!

    /// A year of orders paid all over 2025 (often within a second of a Shanghai midnight), from
    /// three hundred buyers, on twenty-five merchant codes whose payments tie now and then.
    static func orders(_ draws: inout SalesRollupTests.Draws, store: ID<Store>, version: Int) -> [Order] {
        let start = ShanghaiTime.parse("2025-01-01 00:00:00")!
        let statuses: [OrderStatus] = [.waitBuyerPay, .waitSellerSendGoods, .waitBuyerConfirmGoods, .finished, .closed]
        return (0..<500).map { n in
            let day = Double(draws.next(365))
            let paid = start.addingTimeInterval(day * 86_400 + [-1, 0, 1, 43_200, 86_399][draws.next(5)])
            let status = version == 0 ? statuses[draws.next(statuses.count)] : .finished
            let lines = (0..<(1 + draws.next(3))).map { k in
                OrderLine(
                    oid: "\(n)-\(k)", outerSkuID: String(format: "SKU%02d", draws.next(25)), title: "t", price: Money(fen: 1_000),
                    quantity: 1 + draws.next(2), payment: Money(fen: [1_000, 2_500, 9_900][draws.next(3)]), status: status)
            }
            return Order(
                storeID: store, tid: "M\(n)", status: status, type: n % 9 == 0 ? "step" : "fixed",
                stepStatus: n % 9 == 0 ? (draws.next(2) == 0 ? .depositPaid : .fullyPaid) : nil, buyerNick: "buyer\(draws.next(300))",
                payment: Money(fen: lines.reduce(0) { $0 + $1.payment.fen } + 800), totalFee: Money(fen: 50_000),
                createdAt: paid.addingTimeInterval(-600), paidAt: status == .waitBuyerPay ? nil : paid,
                finishedAt: status == .finished ? paid.addingTimeInterval(Double(3 + n % 12) * 86_400) : nil,
                modifiedAt: paid.addingTimeInterval(Double(version)), lines: lines)
        }
    }

    @Test("the month's figures from the rollups equal plain SQL over the order and refund rows", arguments: TestDatabase.available)
    func equalsPlainSQL(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let store = t.storeA1
            let context = WriteContext(actor: "job:test", now: Date())
            let source = try await SourceRecordRepository(database: app.db).keep(
                Data("month".utf8), name: "m", kind: "upload", agency: t.agencyA.id, store: store.id, by: context
            ).record.id
            var draws = SalesRollupTests.Draws(state: 2025_11)
            let first = Self.orders(&draws, store: store.id, version: 0)
            // Later reports: some orders paid or finished since, others unchanged.
            let later = Array(Self.orders(&draws, store: store.id, version: 1).prefix(200))
            for batch in [first, later] {
                _ = try await app.db.transaction {
                    try await OrderWriter(database: $0).apply(batch, store: store, source: source, by: context)
                }
            }
            let refunds = (0..<120).map { n in
                Refund(
                    storeID: store.id, refundID: "F\(n)", tid: "M\(n)", oid: "\(n)-0",
                    status: [.success, .closed, .waitSellerAgree][draws.next(3)],
                    phase: .aftersale, refundFee: Money(fen: Int64(100 + draws.next(5_000))),
                    createdAt: ShanghaiTime.parse("2025-10-31 23:59:59")!,
                    modifiedAt: draws.next(4) == 0
                        ? nil : ShanghaiTime.parse("2025-11-01 00:00:00")!.addingTimeInterval(Double(draws.next(60) - 30) * 86_400))
            }
            _ = try await app.db.transaction {
                try await RefundWriter(database: $0).apply(refunds, store: store, source: source, by: context)
            }

            let report = try await MonthReportRepository(database: app.db).report(store: store.id, month: Self.month)
            let expected = try await Self.plainSQL(app.db as! any SQLDatabase, store: store.id, month: Self.month)
            #expect(report.monthly == expected.monthly)
            #expect(report.daily == expected.daily)
            #expect(report.topSKUs == expected.topSKUs)
            #expect(report.refunds == expected.refunds)
            #expect(report.repurchase == expected.repurchase)
            #expect(report.repurchase.repeatBuyers > 0 && report.repurchase.repeatBuyers < report.repurchase.buyers)
            #expect(report.topSKUs.count == 20 && report.refunds.contains { $0.refunds > 0 })
            // A rebuild reads the same.
            try await SalesRollupRepository(database: app.db).rebuild(store: store)
            #expect(try await MonthReportRepository(database: app.db).report(store: store.id, month: Self.month) == report)
        }
    }

    /// The same figures straight from the rows, with the database's own Shanghai day arithmetic.
    static func plainSQL(_ sql: any SQLDatabase, store: ID<Store>, month: BusinessMonth) async throws -> MonthReport {
        let postgres = sql.dialect.name == "postgresql"
        func shanghai(_ column: String, _ format: String) -> String {
            postgres
                ? "to_char(\(column) AT TIME ZONE 'Asia/Shanghai', '\(format == "month" ? "YYYY-MM" : "YYYY-MM-DD")')"
                : "strftime('\(format == "month" ? "%Y-%m" : "%Y-%m-%d")', \(column) + 28800, 'unixepoch')"
        }
        let id = store.rawValue
        let storeFilter = SQLBind(id)
        let paidOrders = SQLRaw(
            "(SELECT tid, buyer_nick, payment_fen, \(shanghai("counted_paid_at", "month")) AS m, \(shanghai("counted_paid_at", "day")) AS d FROM orders WHERE counted_paid_at IS NOT NULL AND store_id = "
        )
        var monthly: [String: MonthReport.Month] = [:]
        for row in try await sql.raw(
            "SELECT m, COUNT(*) AS n, COUNT(DISTINCT buyer_nick) AS b, CAST(SUM(payment_fen) AS BIGINT) AS g FROM \(paidOrders)\(storeFilter)) p GROUP BY m"
        ).all() {
            let m = try row.decode(column: "m", as: String.self)
            monthly[m] = MonthReport.Month(
                month: BusinessMonth(m)!, orders: try row.decode(column: "n", as: Int.self),
                buyers: try row.decode(column: "b", as: Int.self),
                gmvFen: try row.decode(column: "g", as: Int64.self))
        }
        var daily: [String: MonthReport.Day] = [:]
        for row in try await sql.raw(
            "SELECT d, COUNT(*) AS n, COUNT(DISTINCT buyer_nick) AS b, CAST(SUM(payment_fen) AS BIGINT) AS g FROM \(paidOrders)\(storeFilter)) p WHERE m = \(bind: month.description) GROUP BY d"
        ).all() {
            let d = try row.decode(column: "d", as: String.self)
            daily[d] = MonthReport.Day(
                day: BusinessDay(d)!, orders: try row.decode(column: "n", as: Int.self), buyers: try row.decode(column: "b", as: Int.self),
                gmvFen: try row.decode(column: "g", as: Int64.self))
        }
        let top = try await sql.raw(
            """
            SELECT l.outer_sku_id AS sku, CAST(SUM(l.payment_fen) AS BIGINT) AS s, CAST(SUM(l.quantity) AS BIGINT) AS q
            FROM order_lines l JOIN \(paidOrders)\(storeFilter)) p ON p.tid = l.tid
            WHERE l.store_id = \(bind: id) AND p.m = \(bind: month.description)
            GROUP BY l.outer_sku_id ORDER BY s DESC, l.outer_sku_id LIMIT 20
            """
        ).all().enumerated().map {
            MonthReport.TopSKU(
                rank: $0.offset + 1, sku: try $0.element.decode(column: "sku", as: String.self),
                salesFen: try $0.element.decode(column: "s", as: Int64.self), qty: try $0.element.decode(column: "q", as: Int.self))
        }
        var refunds: [String: MonthReport.MonthRefunds] = [:]
        for row in try await sql.raw(
            """
            SELECT \(unsafeRaw: shanghai("COALESCE(modified_at, created_at)", "month")) AS m, COUNT(*) AS n, CAST(SUM(refund_fee_fen) AS BIGINT) AS a
            FROM refunds WHERE store_id = \(bind: id) AND status = 'SUCCESS' GROUP BY 1
            """
        ).all() {
            let m = try row.decode(column: "m", as: String.self)
            refunds[m] = MonthReport.MonthRefunds(
                month: BusinessMonth(m)!, refunds: try row.decode(column: "n", as: Int.self),
                amountFen: try row.decode(column: "a", as: Int64.self))
        }
        let repeatRow = try await sql.raw(
            """
            SELECT COUNT(DISTINCT p.buyer_nick) AS b, COUNT(DISTINCT CASE WHEN EXISTS (
                SELECT 1 FROM orders e WHERE e.store_id = \(bind: id) AND e.buyer_nick = p.buyer_nick AND e.counted_paid_at IS NOT NULL
                    AND \(unsafeRaw: shanghai("e.counted_paid_at", "month")) < p.m) THEN p.buyer_nick END) AS r
            FROM \(paidOrders)\(storeFilter)) p WHERE p.m = \(bind: month.description)
            """
        ).first()!
        let year = BusinessMonth.year(month.year)
        return MonthReport(
            monthly: year.map { monthly[$0.description] ?? MonthReport.Month(month: $0, orders: 0, buyers: 0, gmvFen: 0) },
            topSKUs: top,
            daily: month.days.map { daily[$0.description] ?? MonthReport.Day(day: $0, orders: 0, buyers: 0, gmvFen: 0) },
            refunds: year.map { refunds[$0.description] ?? MonthReport.MonthRefunds(month: $0, refunds: 0, amountFen: 0) },
            repurchase: MonthReport.Repurchase(
                buyers: try repeatRow.decode(column: "b", as: Int.self), repeatBuyers: try repeatRow.decode(column: "r", as: Int.self)))
    }
}
