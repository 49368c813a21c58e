import DaiyunCore
import Foundation
import Testing

@Suite("Order, refund and stock rules")
struct OrderRulesTests {
    static let store = ID<Store>(UUID())
    static let t0 = Date(timeIntervalSince1970: 1_794_326_400)

    static func order(
        _ status: OrderStatus, modified: TimeInterval? = nil, payment: Int64 = 10_000, step: StepStatus? = nil, lines: [OrderLine] = []
    ) -> Order {
        Order(
            storeID: store, tid: "4012345678901234567", status: status, type: step == nil ? "fixed" : "step", stepStatus: step,
            buyerNick: "b***1", payment: Money(fen: payment), totalFee: Money(fen: payment), createdAt: t0,
            paidAt: status.isPaid ? t0.addingTimeInterval(60) : nil, modifiedAt: modified.map { t0.addingTimeInterval($0) }, lines: lines)
    }

    @Test("a status never moves backwards and a terminal one never moves", arguments: OrderStatus.allCases)
    func neverBackwards(_ kept: OrderStatus) {
        for reported in OrderStatus.allCases {
            let merged = kept.merged(with: reported)
            #expect(merged.rank >= kept.rank)
            if kept.isTerminal { #expect(merged == kept) }
            if !kept.isTerminal && reported.rank > kept.rank { #expect(merged == reported) }
        }
    }

    @Test("a late report does not undo a shipment; a repeated one changes nothing")
    func lateReports() {
        let shipped = Self.order(.waitBuyerConfirmGoods, modified: 100)
        let late = Self.order(.waitSellerSendGoods, modified: 50, payment: 9_000)
        let merged = shipped.applying(late)
        #expect(merged.status == .waitBuyerConfirmGoods && merged.payment == Money(fen: 10_000))
        #expect(shipped.applying(shipped) == shipped)
        let finished = shipped.applying(Self.order(.finished, modified: 200))
        #expect(finished.status == .finished && finished.modifiedAt == Self.t0.addingTimeInterval(200))
        #expect(finished.applying(Self.order(.closed, modified: 300)).status == .finished)
    }

    @Test("a receiver is masked the way the channels' back offices mask it")
    func masking() {
        let full = Receiver(name: "张晓明", mobile: "13812345678", phone: "0571-88886666", parts: ["浙江省", "杭州市", "西湖区", "", "文三路 90 号"])
        #expect(full.state == "浙江省" && full.address == "浙江省 杭州市 西湖区 文三路 90 号")
        let masked = full.masked()
        #expect(masked.name == "张**" && masked.mobile == "138****5678" && masked.phone == "*********6666")
        #expect(masked.address == "浙江省 杭州市 西湖区 ****" && masked.state == "浙江省")
        #expect(
            Receiver(name: "李", mobile: "110", phone: "", address: "上海市浦东新区张江路1号").masked()
                == Receiver(name: "李*", mobile: "***", phone: "", state: "上海市浦东新区张江路1号", address: "上海市浦东新 ****"))
        #expect(Receiver.none.masked() == .none, "nothing to mask stays nothing")
    }

    @Test("a report without the receiver keeps the one known; a later one with it replaces it")
    func receiverMerge() {
        var synced = Self.order(.waitSellerSendGoods, modified: 100)
        synced.receiver = Receiver(name: "张三", mobile: "13800000000", phone: "", address: "浙江省 杭州市 西湖区 文三路 1 号")
        let export = Self.order(.waitBuyerConfirmGoods, modified: 200)
        #expect(synced.applying(export).receiver == synced.receiver)
        var moved = export
        moved.receiver = Receiver(name: "张三", mobile: "13800000000", phone: "", address: "上海 上海市 徐汇区 漕溪路 2 号")
        #expect(synced.applying(moved).receiver == moved.receiver)
        #expect(moved.applying(synced).receiver == moved.receiver, "an older report does not move it back")
    }

    @Test("pre-sale orders count as paid at their final payment only")
    func preSale() {
        let deposit = Self.order(.waitBuyerPay, step: .depositPaid)
        #expect(!deposit.countsAsPaid && deposit.countedPaidAt == nil)
        let final = Self.order(.waitSellerSendGoods, step: .fullyPaid)
        #expect(final.countsAsPaid && final.countedPaidAt != nil)
        let forfeited = Self.order(.closedByTaobao, step: .depositForfeited)
        #expect(!forfeited.countsAsPaid)
        #expect(final.applying(Self.order(.waitSellerSendGoods, step: .depositPaid)).stepStatus == .fullyPaid, "the stage never moves back")
        #expect(Self.order(.waitSellerSendGoods).countsAsPaid)
    }

    @Test("lines merge by oid and move forward with their order")
    func lines() {
        let a = OrderLine(
            oid: "1", outerSkuID: "SKU-A", title: "A", price: Money(fen: 500), quantity: 2, payment: Money(fen: 1000),
            status: .waitBuyerConfirmGoods)
        var stale = a
        stale.status = .waitSellerSendGoods
        let b = OrderLine(
            oid: "2", outerSkuID: "SKU-B", title: "B", price: Money(fen: 300), quantity: 1, payment: Money(fen: 300),
            status: .waitSellerSendGoods)
        let merged = Self.order(.waitBuyerConfirmGoods, modified: 10, lines: [a]).applying(
            Self.order(.waitBuyerConfirmGoods, modified: 20, lines: [stale, b]))
        #expect(merged.lines.map(\.oid) == ["1", "2"])
        #expect(merged.lines[0].status == .waitBuyerConfirmGoods)
        #expect(a.totalFee == Money(fen: 1000))
    }

    @Test(
        "export statuses in Chinese map onto the channel's codes",
        arguments: [
            ("等待买家付款", false, OrderStatus.waitBuyerPay), ("买家已付款，等待卖家发货", true, .waitSellerSendGoods),
            ("卖家已发货，等待买家确认", true, .waitBuyerConfirmGoods), ("交易成功", true, .finished),
            ("交易关闭", true, .closed), ("交易关闭", false, .closedByTaobao), ("TRADE_FINISHED", true, .finished),
            ("已关闭", false, .closedByTaobao), (" 买家已付款,等待卖家发货\t", true, .waitSellerSendGoods),
            ("\u{3000}交易成功\u{3000}", true, .finished), ("TRADE_CLOSED", false, .closed), ("TRADE_CLOSED_BY_TAOBAO", true, .closedByTaobao),
        ])
    func chineseStatuses(_ text: String, _ paid: Bool, _ status: OrderStatus) {
        #expect(OrderStatus(channelText: text, paid: paid) == status)
    }

    @Test("unknown status texts are refused", arguments: ["交易", "交易成功了", "trade_finished", "", "退款成功"])
    func unknownStatuses(_ text: String) {
        #expect(OrderStatus(channelText: text, paid: true) == nil)
    }

    @Test(
        "refund statuses in Chinese or as codes",
        arguments: [
            ("买家已经申请退款，等待卖家同意", RefundStatus.waitSellerAgree), ("卖家拒绝", .sellerRefused), (" 退款成功 ", .success),
            ("退款关闭", .closed), ("WAIT_BUYER_RETURN_GOODS", .waitBuyerReturnGoods), ("\u{3000}等待卖家确认收货", .waitSellerConfirmGoods),
        ])
    func refundStatuses(_ text: String, _ status: RefundStatus) {
        #expect(RefundStatus(channelText: text) == status)
        #expect(RefundStatus(channelText: "交易成功") == nil)
    }

    @Test("an open refund follows the newer report; a finished one never changes")
    func refunds() {
        func refund(_ status: RefundStatus, _ modified: TimeInterval) -> Refund {
            Refund(
                storeID: Self.store, refundID: "r1", tid: "t", oid: "o", status: status, phase: .aftersale,
                refundFee: Money(fen: 500), createdAt: Self.t0, modifiedAt: Self.t0.addingTimeInterval(modified))
        }
        let refused = refund(.waitSellerAgree, 10).applying(refund(.sellerRefused, 20))
        #expect(refused.status == .sellerRefused)
        #expect(refused.applying(refund(.waitSellerAgree, 15)).status == .sellerRefused, "an older report is ignored")
        #expect(refused.applying(refund(.waitSellerAgree, 30)).status == .waitSellerAgree, "asked again")
        let done = refused.applying(refund(.success, 40))
        #expect(done.applying(refund(.closed, 50)).status == .success)
    }

    @Test(
        "order lines move stock once per step",
        arguments: [
            (LineStockState.untouched, OrderStatus.waitBuyerPay, false, false, StockAction.none),
            (.untouched, .waitBuyerPay, false, true, .none),
            (.untouched, .waitSellerSendGoods, true, false, .reserve),
            (.untouched, .waitSellerSendGoods, true, true, .reserve),
            (.untouched, .waitBuyerConfirmGoods, true, false, .none),
            (.untouched, .waitBuyerConfirmGoods, true, true, .deductUnreserved),
            (.untouched, .finished, true, true, .deductUnreserved),
            (.untouched, .closed, true, false, .none),
            (.untouched, .closed, true, true, .none),
            (.reserved, .waitSellerSendGoods, true, false, .none),
            (.reserved, .sellerConsignedPart, true, false, .deduct),
            (.reserved, .finished, true, true, .deduct),
            (.reserved, .closed, true, false, .release),
            (.shortage, .waitSellerSendGoods, true, false, .reserve),
            (.shortage, .waitBuyerConfirmGoods, true, false, .deductUnreserved),
            (.shortage, .closed, true, false, .clearShortage),
            (.deducted, .closed, true, false, .none),
            (.deducted, .finished, true, true, .none),
            (.released, .waitSellerSendGoods, true, false, .none),
        ])
    func stock(_ state: LineStockState, _ status: OrderStatus, _ paid: Bool, _ leftAfterCount: Bool, _ action: StockAction) {
        #expect(StockRules.action(for: state, status: status, paid: paid, leftAfterCount: leftAfterCount) == action)
    }

    @Test("goods left after the count when shipped after it, or, with no shipping time, paid after it")
    func leftAfterCount() {
        let count = Self.t0.addingTimeInterval(3_600)
        var order = Self.order(.waitBuyerConfirmGoods)
        order.paidAt = Self.t0
        order.consignedAt = count.addingTimeInterval(60)
        #expect(StockRules.leftAfterCount(order, countedAt: count), "shipped after the count")
        #expect(!StockRules.leftAfterCount(order, countedAt: nil), "no stock kept")
        order.consignedAt = count.addingTimeInterval(-60)
        #expect(!StockRules.leftAfterCount(order, countedAt: count), "shipped before the count")
        order.consignedAt = nil
        #expect(!StockRules.leftAfterCount(order, countedAt: count), "no shipping time, paid before the count: it may have left before")
        order.paidAt = count.addingTimeInterval(1)
        #expect(StockRules.leftAfterCount(order, countedAt: count), "paid after the count: it left after")
    }

    @Test("a deposit-only pre-sale line reserves nothing until the final payment")
    func preSaleStock() {
        let deposit = Self.order(.waitBuyerPay, step: .depositPaid)
        #expect(StockRules.action(for: .untouched, status: deposit.status, paid: deposit.countsAsPaid, leftAfterCount: true) == .none)
    }

    @Test("available stock never goes below zero")
    func available() {
        #expect(StockRules.available(onHand: 10, reserved: 3, safetyStock: 2) == 5)
        #expect(StockRules.available(onHand: 3, reserved: 3, safetyStock: 2) == 0)
    }
}

@Suite("Sales rollup rules")
struct SalesRollupRulesTests {
    @Test("an order counts on the Shanghai day it counts as paid; a change moves its contribution")
    func dayEdge() {
        let store = ID<Store>(UUID())
        let midnight = ShanghaiTime.parse("2026-11-01 00:00:00")!
        var order = Order(
            storeID: store, tid: "1", status: .waitSellerSendGoods, buyerNick: "b", payment: Money(fen: 1_000), totalFee: Money(fen: 1_000),
            createdAt: midnight.addingTimeInterval(-60), paidAt: midnight.addingTimeInterval(-1),
            lines: [
                OrderLine(
                    oid: "1-1", outerSkuID: "A", title: "t", price: Money(fen: 1_000), quantity: 2, payment: Money(fen: 1_000),
                    status: .waitSellerSendGoods)
            ])
        var delta = SalesRollupDelta()
        delta.add(order)
        #expect(delta.days.keys.map(\.description) == ["2026-10-31"] && delta.buyerDays.keys.map(\.day.description) == ["2026-10-31"])
        var moved = order
        moved.paidAt = midnight
        delta.change(from: order, to: moved)
        let pruned = delta.pruned()
        #expect(pruned.days.keys.map(\.description) == ["2026-11-01"] && pruned.days.values.first?.fen == 1_000)
        #expect(pruned.skuDays.values.first?.quantity == 2 && pruned.buyerDays.keys.map(\.day.description) == ["2026-11-01"])
        order.type = "step"
        order.stepStatus = .depositPaid
        var deposit = SalesRollupDelta()
        deposit.add(order)
        #expect(deposit.isEmpty, "a pre-sale order counts at its final payment only")
    }

    @Test("a refund counts on the day it succeeded, and only then, under its line's merchant code when the line is known")
    func refundDay() {
        let midnight = ShanghaiTime.parse("2026-11-01 00:00:00")!
        var refund = Refund(
            storeID: ID<Store>(UUID()), refundID: "F1", tid: "1", oid: "1-1", status: .waitSellerAgree, phase: .aftersale,
            refundFee: Money(fen: 500), createdAt: midnight.addingTimeInterval(-86_400), modifiedAt: midnight.addingTimeInterval(-1))
        var delta = SalesRollupDelta()
        delta.add(refund, outerSKUID: "A", confirmedDay: nil)
        #expect(delta.isEmpty, "an open refund is not a refund yet")
        let open = refund
        refund.status = .success
        delta.change(from: open, to: refund, outerSKUID: "A", confirmedDay: nil)
        let day = BusinessDay("2026-10-31")!
        #expect(delta.pruned().refundDays == [day: .init(count: 1, fen: 500)])
        #expect(delta.pruned().skuDays == [.init(day: day, outerSKUID: "A"): .init(refunds: 1, refundFen: 500)])
        // Its line's merchant code changing moves the refund to the new code; the store's day stays.
        delta.moveLine(of: refund, from: "A", to: "B")
        #expect(delta.pruned().skuDays == [.init(day: day, outerSKUID: "B"): .init(refunds: 1, refundFen: 500)])
        #expect(delta.pruned().refundDays == [day: .init(count: 1, fen: 500)])
        // Without its line known, the refund counts for the store only.
        var unknown = SalesRollupDelta()
        unknown.add(refund, outerSKUID: nil, confirmedDay: nil)
        #expect(unknown.pruned().skuDays.isEmpty && unknown.pruned().refundDays[day]?.count == 1)
        #expect(unknown.pruned().receiptDays.isEmpty, "no receipt without its order finished")
    }

    @Test("a finished order's payment counts as received on the day it finished, less its completed refunds, whenever they complete")
    func receiptDays() {
        let paid = ShanghaiTime.parse("2026-10-20 10:00:00")!
        let finished = ShanghaiTime.parse("2026-10-31 23:30:00")!
        var order = Order(
            storeID: ID<Store>(UUID()), tid: "1", status: .waitBuyerConfirmGoods, buyerNick: "b", payment: Money(fen: 10_000),
            totalFee: Money(fen: 10_000), createdAt: paid, paidAt: paid, modifiedAt: paid, lines: [])
        var delta = SalesRollupDelta()
        delta.add(order)
        #expect(delta.pruned().receiptDays.isEmpty, "not received before it is finished")
        let shipped = order
        order.status = .finished
        order.finishedAt = finished
        delta.change(from: shipped, to: order)
        let day = BusinessDay("2026-10-31")!
        #expect(order.confirmedDay == day && delta.pruned().receiptDays == [day: .init(count: 1, fen: 10_000)])
        // A refund completed in December counts against October's receipts, and in December's refunds.
        let refund = Refund(
            storeID: order.storeID, refundID: "F1", tid: "1", oid: "1-1", status: .success, phase: .aftersale, refundFee: Money(fen: 3_000),
            createdAt: ShanghaiTime.parse("2026-12-02 09:00:00")!, modifiedAt: ShanghaiTime.parse("2026-12-03 09:00:00")!)
        delta.add(refund, outerSKUID: nil, confirmedDay: order.confirmedDay)
        #expect(delta.pruned().receiptDays == [day: .init(count: 1, fen: 10_000, refundFen: 3_000)])
        #expect(delta.pruned().refundDays == [BusinessDay("2026-12-03")!: .init(count: 1, fen: 3_000)])
        // An order finished without its finish time is not received yet; a refund kept before moves with its order.
        var moved = SalesRollupDelta()
        moved.moveReceipt(of: refund, from: nil, to: day)
        #expect(moved.pruned().receiptDays == [day: .init(refundFen: 3_000)])
        order.finishedAt = nil
        #expect(order.confirmedDay == nil)
    }

    @Test(
        "buyer counters follow a buyer's paid days: day and month buyers once each, new on the first day only",
        arguments: [
            // before, after (day → orders), then the moves of day buyers, new buyers, month buyers
            ([:], ["2026-11-02": 1], ["2026-11-02": 1], ["2026-11-02": 1], ["2026-11": 1]),
            (["2026-11-02": 1], ["2026-11-02": 2], [:], [:], [:]),
            (
                ["2026-11-02": 1], ["2026-11-02": 1, "2026-10-20": 1], ["2026-10-20": 1], ["2026-11-02": -1, "2026-10-20": 1],
                ["2026-10": 1]
            ),
            (
                ["2026-11-02": 1, "2026-11-05": 1], ["2026-11-02": 0, "2026-11-05": 1], ["2026-11-02": -1],
                ["2026-11-02": -1, "2026-11-05": 1], [:]
            ),
            (["2026-11-05": 1], ["2026-11-05": 0], ["2026-11-05": -1], ["2026-11-05": -1], ["2026-11": -1]),
        ] as [([String: Int], [String: Int], [String: Int], [String: Int], [String: Int])])
    func buyerCounters(
        before: [String: Int], after: [String: Int], dayBuyers: [String: Int], newBuyers: [String: Int], monthBuyers: [String: Int]
    ) {
        func days(_ text: [String: Int]) -> [BusinessDay: Int] {
            Dictionary(uniqueKeysWithValues: text.map { (BusinessDay($0.key)!, $0.value) })
        }
        var counters = BuyerCounters()
        counters.move(before: days(before), after: days(after))
        #expect(counters.dayBuyers == days(dayBuyers))
        #expect(counters.dayNewBuyers == days(newBuyers))
        #expect(counters.monthBuyers == Dictionary(uniqueKeysWithValues: monthBuyers.map { (BusinessMonth($0.key)!, $0.value) }))
    }

    @Test("buyer counters moved one change at a time equal the distinct buyers counted over each day, window and month prefix")
    func buyerWindows() {
        var state: UInt64 = 20_261_202
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let first = BusinessDay("2026-10-20")!
        var kept: [String: [BusinessDay: Int]] = [:]
        var counters = BuyerCounters()
        for _ in 0..<400 {
            let buyer = "b\(next(12))"
            let before = kept[buyer] ?? [:]
            var after = before
            after[first.advanced(by: next(45)), default: 0] += next(3) == 0 ? -1 : 1
            after = after.mapValues { max($0, 0) }
            counters.move(before: before, after: after)
            kept[buyer] = after
        }
        let paid = kept.mapValues { days in Set(days.filter { $0.value > 0 }.keys) }
        func buyers(from start: BusinessDay, through end: BusinessDay) -> Int {
            paid.values.filter { days in days.contains { $0 >= start && $0 <= end } }.count
        }
        for end in first.days(until: first.advanced(by: 80)) {
            #expect(counters.dayBuyers[end, default: 0] == buyers(from: end, through: end), "\(end)")
            for length in BuyerCounters.windows {
                #expect(counters.windowBuyers[length]?[end, default: 0] ?? 0 == buyers(from: end.advanced(by: 1 - length), through: end))
            }
            let month = BusinessMonth(of: end)
            let prefix = month.firstDay.days(until: end.advanced(by: 1)).reduce(0) { $0 + counters.monthFirstBuyers[$1, default: 0] }
            #expect(prefix == buyers(from: month.firstDay, through: end), "\(end)")
        }
        #expect(counters.windowBuyers[30]?.values.contains { $0 > 3 } == true)

        // A rebuild counts each buyer once with all their days: the same counts, zeros aside.
        var builder = BuyerCounterBuilder()
        for days in paid.values { builder.add(buyerDays: days.map(\.ordinal).sorted()) }
        func nonZero<Key>(_ counts: [Key: Int]) -> [Key: Int] { counts.filter { $0.value != 0 } }
        let built = builder.counters()
        #expect(built.dayBuyers == nonZero(counters.dayBuyers) && built.dayNewBuyers == nonZero(counters.dayNewBuyers))
        #expect(built.monthBuyers == nonZero(counters.monthBuyers) && built.monthFirstBuyers == nonZero(counters.monthFirstBuyers))
        for length in BuyerCounters.windows {
            #expect(built.windowBuyers[length] == nonZero(counters.windowBuyers[length] ?? [:]), "\(length) days")
        }
    }

    @Test("a day's ordinal counts days from 1970-01-01 and reads back, across month, leap and century ends")
    func dayOrdinals() {
        #expect(BusinessDay("1970-01-01")!.ordinal == 0)
        #expect(BusinessDay("2000-03-01")!.ordinal - BusinessDay("2000-02-28")!.ordinal == 2)
        #expect(BusinessDay("2100-03-01")!.ordinal - BusinessDay("2100-02-28")!.ordinal == 1)
        var day = BusinessDay("1899-12-25")!
        for _ in 0..<800 {
            let next = BusinessDay(containing: BusinessDay.calendar.date(byAdding: .day, value: 97, to: day.start)!)
            #expect(BusinessDay(ordinal: day.ordinal + 97) == next)
            #expect(next.advanced(by: -97) == day)
            day = next
        }
    }

    @Test("a day is checked and written without the calendar, and agrees with it on every day from 1896 to 2104")
    func dayTextAgreesWithCalendar() {
        for text in ["2024-02-29", "2000-02-29", "2026-04-30", "0001-01-01", "9999-12-31"] {
            #expect(BusinessDay(text)?.description == text)
        }
        for text in ["2023-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-00-10", "2026-01-00", "2026-1-01", "20260101"] {
            #expect(BusinessDay(text) == nil, "\(text)")
        }
        var date = BusinessDay("1896-01-01")!.start
        var day = BusinessDay("1896-01-01")!
        while day.year < 2105 {
            #expect(day == BusinessDay(containing: date) && BusinessDay(day.description) == day)
            #expect(day.advanced(by: 1).ordinal == day.ordinal + 1)
            date = BusinessDay.calendar.date(byAdding: .day, value: 1, to: date)!
            day = day.advanced(by: 1)
        }
        #expect(BusinessDay(year: 2026, month: 2, day: 29) == nil && BusinessDay(year: 2028, month: 2, day: 29) != nil)
    }

    @Test("the day containing an instant agrees with the zone's calendar, at and beside every midnight from 1985 to 2210")
    func dayContainingAgreesWithCalendar() {
        func calendarDay(_ instant: Date) -> BusinessDay {
            let parts = BusinessDay.calendar.dateComponents([.year, .month, .day], from: instant)
            return BusinessDay(year: parts.year!, month: parts.month!, day: parts.day!)!
        }
        var midnight = BusinessDay("1985-01-01")!.start
        while midnight.timeIntervalSince1970 < 7_600_000_000 {
            for offset in [-1.0, -0.001, 0, 0.5, 43_200, 86_399.999] {
                let instant = midnight.addingTimeInterval(offset)
                #expect(BusinessDay(containing: instant) == calendarDay(instant), "\(instant)")
            }
            midnight = BusinessDay.calendar.date(byAdding: .day, value: 1, to: midnight)!
        }
    }
}
