import DaiyunCore
import DaiyunTestSupport
import Fluent
import Foundation
import SQLKit
import Testing

@testable import DaiyunPersistence

@Suite("Sales rollups")
struct SalesRollupTests {
    /// A small, seeded generator: the same sequence on every run and both databases.
    struct Draws {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Shanghai midnight between October and November 2026, where a day and a month change.
    static let edge = ShanghaiTime.parse("2026-11-01 00:00:00")!

    static func report(_ tid: Int, step: Int, _ draws: inout Draws, store: ID<Store>) -> Order {
        let statuses: [OrderStatus] = [.waitBuyerPay, .waitSellerSendGoods, .waitBuyerConfirmGoods, .finished, .closed, .closedByTaobao]
        let status = statuses[draws.next(statuses.count)]
        // Paid a few seconds either side of midnight, or a day away.
        let paid = edge.addingTimeInterval([-86_400, -1, 0, 1, 3_600, 86_400 * 30][draws.next(6)])
        let lines = (0..<(1 + draws.next(2))).map { n in
            OrderLine(
                oid: "R\(tid)-\(n)", outerSkuID: ["A", "B", "C"][draws.next(3)], title: "t", price: Money(fen: 1_000),
                quantity: 1 + draws.next(3),
                payment: Money(fen: Int64(500 + draws.next(2_000))), status: status)
        }
        let preSale = tid % 5 == 0
        return Order(
            storeID: store, tid: "R\(tid)", status: status, type: preSale ? "step" : "fixed",
            stepStatus: preSale ? (draws.next(2) == 0 ? .depositPaid : .fullyPaid) : nil, buyerNick: "buyer\(draws.next(6))",
            payment: Money(fen: Int64(1_000 + draws.next(50_000))), totalFee: Money(fen: 60_000),
            createdAt: edge.addingTimeInterval(-90_000),
            paidAt: status == .waitBuyerPay || status == .closedByTaobao ? nil : paid,
            // Finished within a few hours of midnight: received on either day.
            finishedAt: status == .finished ? edge.addingTimeInterval(tid % 2 == 0 ? -1_800 : 1_800) : nil,
            modifiedAt: edge.addingTimeInterval(Double(step)), lines: lines)
    }

    static func refund(_ n: Int, step: Int, _ draws: inout Draws, store: ID<Store>) -> Refund {
        let statuses: [RefundStatus] = [.waitSellerAgree, .sellerRefused, .success, .closed]
        return Refund(
            storeID: store, refundID: "F\(n)", tid: "R\(n)", oid: "R\(n)-0", status: statuses[draws.next(statuses.count)],
            phase: .aftersale, refundFee: Money(fen: Int64(100 + draws.next(3_000))), createdAt: edge.addingTimeInterval(-7_200),
            modifiedAt: edge.addingTimeInterval([-3_600, -1, 0, 1, 86_400][draws.next(5)] + Double(step)))
    }

    @Test(
        "after random inserts, status changes, pre-sale payments, refunds and late or repeated reports, the rollups equal a rebuild",
        arguments: TestDatabase.available)
    func equalsRebuild(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let context = WriteContext(actor: "job:test", now: Date())
            let source = try await SourceRecordRepository(database: app.db).keep(
                Data("rollups".utf8), name: "r", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
            ).record.id
            var draws = Draws(state: 20_261_101)
            var step = 0
            for _ in 0..<40 {
                var batch: [Order] = []
                for _ in 0..<(1 + draws.next(8)) {
                    step += draws.next(4) == 0 ? -5 : 1  // now and then a report older than the last
                    batch.append(Self.report(1 + draws.next(30), step: step, &draws, store: t.storeA1.id))
                }
                let reports = batch
                _ = try await app.db.transaction { tx in
                    try await OrderWriter(database: tx).apply(reports, store: t.storeA1, source: source, by: context)
                }
                let refunds = (0..<draws.next(3)).map { _ in Self.refund(1 + draws.next(12), step: step, &draws, store: t.storeA1.id) }
                _ = try await app.db.transaction { tx in
                    try await RefundWriter(database: tx).apply(refunds, store: t.storeA1, source: source, by: context)
                }
            }
            let rollups = SalesRollupRepository(database: app.db)
            let kept = try await rollups.snapshot(store: t.storeA1.id)
            // Orders moved to another day or buyer leave no buyer day behind without a paid order.
            let emptyDays = try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("store_day_buyers").where("orders", .lessThanOrEqual, SQLBind(0)).first()?.decode(column: "n", as: Int.self)
            #expect(emptyDays == 0)
            #expect(kept.contains { $0.hasPrefix("day 2026-10-31") } && kept.contains { $0.hasPrefix("day 2026-11-01") })
            #expect(kept.contains { $0.hasPrefix("month 2026-10") } && kept.contains { $0.hasPrefix("sku 2026-11-01") })
            let read = try await rollups.rebuild(store: t.storeA1)
            #expect(read == 30 || read > 20)
            let rebuilt = try await rollups.snapshot(store: t.storeA1.id)
            #expect(kept == rebuilt, "kept as they went: \(kept.count) rows, rebuilt: \(rebuilt.count)")

            // And both equal the order and refund rows counted directly.
            let orders = try await OrderRepository(database: app.db).orders((1...30).map { "R\($0)" }, store: t.storeA1.id).values
            let paid = orders.compactMap { order in order.countedPaidAt.map { (order, BusinessDay(containing: $0)) } }
            let firstDays = Dictionary(paid.map { ($0.0.buyerNick, $0.1) }, uniquingKeysWith: min)
            var days: [BusinessDay: [Int64]] = [:]
            func buyers(from first: BusinessDay, through last: BusinessDay) -> Int64 {
                Int64(Set(paid.filter { $0.1 >= first && $0.1 <= last }.map(\.0.buyerNick)).count)
            }
            let firstInMonth = Dictionary(paid.map { ("\($0.0.buyerNick) \(BusinessMonth(of: $0.1))", $0.1) }, uniquingKeysWith: min)
            let received = orders.compactMap { order in order.confirmedDay.map { (order, $0) } }
            let allDays = paid.map(\.1) + received.map(\.1)
            for day in allDays.min()!.days(until: allDays.max()!.advanced(by: 30)) {
                let sold = paid.filter { $0.1 == day }
                let finished = received.filter { $0.1 == day }
                days[day] = [
                    Int64(sold.count), sold.reduce(0) { $0 + $1.0.payment.fen }, buyers(from: day, through: day),
                    Int64(firstDays.values.filter { $0 == day }.count), 0, 0, buyers(from: day.advanced(by: -6), through: day),
                    buyers(from: day.advanced(by: -29), through: day), Int64(firstInMonth.values.filter { $0 == day }.count),
                    Int64(finished.count), finished.reduce(0) { $0 + $1.0.payment.fen }, 0,
                ]
            }
            #expect(received.count > 1 && Set(received.map(\.1)).count == 2, "orders received on both sides of midnight")
            let confirmedDays = Dictionary(received.map { ($0.0.tid, $0.1) }, uniquingKeysWith: { a, _ in a })
            let refunds = try await (app.db as! any SQLDatabase).select().column("refund_id").from("refunds").all()
                .map { try $0.decode(column: "refund_id", as: String.self) }
            var skus: [String: [Int64]] = [:]
            for (order, day) in paid {
                for line in order.lines {
                    skus["\(day) \(line.outerSkuID)", default: [0, 0, 0, 0]][0] += Int64(line.quantity)
                    skus["\(day) \(line.outerSkuID)", default: [0, 0, 0, 0]][1] += line.payment.fen
                }
            }
            let lineSKUs = Dictionary(orders.flatMap { $0.lines.map { ($0.oid, $0.outerSkuID) } }, uniquingKeysWith: { a, _ in a })
            for row in try await app.db.select(
                RefundRow.self, from: "refunds", store: t.storeA1.id.rawValue, where: "refund_id", in: refunds)
            {
                let refund = try row.domain()
                guard let completed = refund.completedAt else { continue }
                let day = BusinessDay(containing: completed)
                days[day, default: Array(repeating: 0, count: 12)][4] += 1
                days[day, default: Array(repeating: 0, count: 12)][5] += refund.refundFee.fen
                if let confirmed = confirmedDays[refund.tid] {
                    days[confirmed, default: Array(repeating: 0, count: 12)][11] += refund.refundFee.fen
                }
                guard let code = lineSKUs[refund.oid] else { continue }
                skus["\(day) \(code)", default: [0, 0, 0, 0]][2] += 1
                skus["\(day) \(code)", default: [0, 0, 0, 0]][3] += refund.refundFee.fen
            }
            #expect(skus.values.contains { $0[2] > 0 }, "some refunds completed on known lines")
            #expect(
                Set(
                    skus.filter { $0.value.contains { $0 != 0 } }.map {
                        "sku \($0.key) " + $0.value.map(String.init).joined(separator: " ")
                    })
                    == Set(kept.filter { $0.hasPrefix("sku ") }))
            #expect(days.values.contains { $0[4] > 0 }, "some refunds completed")
            #expect(
                Set(
                    days.filter { $0.value.contains { $0 != 0 } }.map {
                        "day \($0.key) " + $0.value.map(String.init).joined(separator: " ")
                    })
                    == Set(kept.filter { $0.hasPrefix("day ") }))
            let months = Dictionary(grouping: paid, by: { BusinessMonth(of: $0.1) }).mapValues { Set($0.map(\.0.buyerNick)).count }
            #expect(Set(months.map { "month \($0.key) \($0.value)" }) == Set(kept.filter { $0.hasPrefix("month ") }))

            // Every period shape reads the distinct buyers the rows give: a day, the kept 7- and
            // 30-day windows, a month's first days, and any other range counted from buyer days.
            let figures = SalesFigureRepository(database: app.db)
            for (first, last) in [
                ("2026-11-01", "2026-11-01"), ("2026-10-26", "2026-11-01"), ("2026-10-27", "2026-11-02"), ("2026-11-01", "2026-11-30"),
                ("2026-11-02", "2026-12-01"), ("2026-10-01", "2026-10-31"), ("2026-11-01", "2026-11-02"), ("2026-12-01", "2026-12-05"),
                ("2026-10-30", "2026-11-01"), ("2026-10-31", "2026-12-01"),
            ] {
                let (from, through) = (BusinessDay(first)!, BusinessDay(last)!)
                let range = DayRange(from: from.start, until: through.advanced(by: 1).start)
                let read = try await figures.sales(of: [t.storeA1.id], in: range)[t.storeA1.id]
                #expect(read.map { Int64($0.payingBuyers) } == buyers(from: from, through: through), "\(first)…\(last)")
            }

            // The migrations that added the buyer windows, the SKU refunds and the rows' counted
            // days count them alike: the days written from the kept times are the writers', and
            // the rebuild the last one ends with gives the kept rollups.
            let sql = try #require(app.db as? any SQLDatabase)
            func countedDays() async throws -> [String] {
                let orders = try await sql.raw("SELECT tid, counted_day FROM orders").all().map {
                    "\(try $0.decode(column: "tid", as: String.self)) \(try $0.decode(column: "counted_day", as: String?.self) ?? "-")"
                }
                let refunds = try await sql.raw("SELECT refund_id, completed_day FROM refunds").all().map {
                    "\(try $0.decode(column: "refund_id", as: String.self)) \(try $0.decode(column: "completed_day", as: String?.self) ?? "-")"
                }
                return (orders + refunds).sorted()
            }
            let written = try await countedDays()
            #expect(written.contains { $0.hasSuffix(" -") } && written.contains { $0.hasSuffix(" 2026-11-01") })
            try await app.db.transaction { tx in
                let migrations: [any AsyncMigration] = [M0036_AddBuyerWindows(), M0037_AddSKURefunds(), M0041_AddCountedDaysAndReceipts()]
                for migration in migrations.reversed() { try await migration.revert(on: tx) }
                for migration in migrations { try await migration.prepare(on: tx) }
            }
            #expect(try await countedDays() == written)
            #expect(try await rollups.snapshot(store: t.storeA1.id) == kept)
        }
    }

    @Test(
        "an order reported again under another buyer leaves no empty buyer day, and the buyer's next order is new again",
        arguments: TestDatabase.available)
    func movedOrderLeavesNoEmptyDay(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let context = WriteContext(actor: "job:test", now: Date())
            let source = try await SourceRecordRepository(database: app.db).keep(
                Data("moved".utf8), name: "m", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
            ).record.id
            func order(_ tid: String, buyer: String, paid: Date, modified: Double) -> Order {
                Order(
                    storeID: t.storeA1.id, tid: tid, status: .waitSellerSendGoods, buyerNick: buyer, payment: Money(fen: 5_000),
                    totalFee: Money(fen: 5_000), createdAt: paid, paidAt: paid, modifiedAt: paid.addingTimeInterval(modified),
                    lines: [
                        OrderLine(
                            oid: "\(tid)-0", outerSkuID: "A", title: "t", price: Money(fen: 5_000), quantity: 1, payment: Money(fen: 5_000),
                            status: .waitSellerSendGoods)
                    ])
            }
            let before = Self.edge.addingTimeInterval(-3_600)
            // Bought by buyerA on 31 October, then reported again as buyerB's; buyerA buys on 1 November.
            for batch in [
                [order("M1", buyer: "buyerA", paid: before, modified: 0)], [order("M1", buyer: "buyerB", paid: before, modified: 60)],
                [order("M2", buyer: "buyerA", paid: Self.edge, modified: 0)],
            ] {
                _ = try await app.db.transaction { tx in
                    try await OrderWriter(database: tx).apply(batch, store: t.storeA1, source: source, by: context)
                }
            }
            let rollups = SalesRollupRepository(database: app.db)
            let kept = try await rollups.snapshot(store: t.storeA1.id)
            #expect(!kept.contains { $0.hasPrefix("buyer buyerA 2026-10-31") })
            #expect(kept.contains("day 2026-11-01 1 5000 1 1 0 0 2 2 1 0 0 0"), "buyerA is new on 1 November: \(kept.prefix(3))")
            try await rollups.rebuild(store: t.storeA1)
            #expect(try await rollups.snapshot(store: t.storeA1.id) == kept)
        }
    }
}

extension SalesRollupRepository {
    /// Every non-zero rollup row of the store as text, sorted: what a rebuild must reproduce.
    func snapshot(store: ID<Store>) async throws -> [String] {
        let tables = [
            ("day", "store_day_sales", ["day"], SalesRollupRepository.daySums),
            ("sku", "sku_day_sales", ["day", "outer_sku_id"], SalesRollupRepository.skuSums),
            ("buyer", "store_day_buyers", ["buyer", "day"], ["orders", "gmv_fen"]),
            ("month", "store_month_sales", ["month"], ["buyers"]),
        ]
        var lines: [String] = []
        for (label, table, keys, sums) in tables {
            for row in try await database.sql().select().columns(keys + sums).from(table)
                .where("store_id", .equal, SQLBind(store.rawValue)).all()
            {
                let figures = try sums.map { try row.decode(column: $0, as: Int64.self) }
                guard figures.contains(where: { $0 != 0 }) else { continue }
                let names = try keys.map { try row.decode(column: $0, as: String.self) }
                lines.append(([label] + names + figures.map(String.init)).joined(separator: " "))
            }
        }
        return lines.sorted()
    }
}
