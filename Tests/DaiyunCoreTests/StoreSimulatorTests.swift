import DaiyunCore
import DaiyunSimulation
import Foundation
import Testing

@Suite("Store simulator")
struct StoreSimulatorTests {
    static let skus = [
        SimulatedSKU(outerID: "A", title: "面霜", properties: "规格:50ml", price: Money(fen: 19_900)),
        SimulatedSKU(outerID: "B", title: "精华", properties: "规格:30ml", price: Money(fen: 9_900)),
        SimulatedSKU(outerID: "C", title: "面膜", properties: "片数:5", price: Money(fen: 5_900)),
    ]
    static let simulator = StoreSimulator(
        store: ID(UUID()), skus: skus, baseOrdersPerDay: 60, firstOrderNumber: 3_000_000_000_000_000_000, seed: 7)
    static let year = simulator.generate(
        from: BusinessDay("2025-11-22")!, until: BusinessDay("2026-11-22")!, now: BusinessDay("2026-11-22")!.start)

    @Test("the same seed gives the same orders")
    func deterministic() {
        let again = Self.simulator.generate(
            from: BusinessDay("2025-11-22")!, until: BusinessDay("2026-11-22")!, now: BusinessDay("2026-11-22")!.start)
        #expect(again.orders == Self.year.orders && again.refunds == Self.year.refunds)
    }

    @Test("times are whole seconds, as the channels report them")
    func wholeSeconds() {
        let times =
            Self.year.orders.flatMap { [$0.createdAt, $0.paidAt, $0.consignedAt, $0.finishedAt, $0.modifiedAt].compactMap { $0 } }
            + Self.year.refunds.flatMap { [$0.createdAt, $0.modifiedAt].compactMap { $0 } }
        #expect(times.count > 50_000)
        #expect(times.allSatisfy { $0.timeIntervalSince1970 == $0.timeIntervalSince1970.rounded(.down) })
    }

    @Test("an order keeps its number and fate whenever it is generated: later, it has only moved on")
    func stableAcrossNow() {
        let earlier = Self.simulator.generate(
            from: BusinessDay("2025-11-22")!, until: BusinessDay("2026-11-22")!, now: BusinessDay("2026-10-01")!.start)
        let later = Dictionary(uniqueKeysWithValues: Self.year.orders.map { ($0.tid, $0) })
        #expect(earlier.orders.count > 10_000)
        for order in earlier.orders {
            guard let same = later[order.tid] else {
                Issue.record("order \(order.tid) vanished")
                return
            }
            #expect(
                same.createdAt == order.createdAt && same.payment == order.payment
                    && same.lines.map(\.outerSkuID) == order.lines.map(\.outerSkuID))
            #expect(same.status.rank >= order.status.rank, "\(order.tid) moved back from \(order.status) to \(same.status)")
        }
    }

    @Test("a year looks like a store: weekly rhythm, 618 and 双11 spikes, about 6 % refunded, pre-sale paid at the final payment")
    func shape() {
        let byDay = Dictionary(grouping: Self.year.orders, by: { BusinessDay(containing: $0.createdAt) }).mapValues(\.count)
        let singles = byDay[BusinessDay("2026-11-11")!] ?? 0
        let ordinary = byDay[BusinessDay("2026-09-09")!] ?? 0
        #expect(singles > 5 * ordinary && ordinary > 20)
        #expect((byDay[BusinessDay("2026-06-18")!] ?? 0) > 3 * ordinary)
        let paid = Self.year.orders.filter(\.countsAsPaid)
        let refunded = Double(Set(Self.year.refunds.map(\.tid)).count) / Double(paid.count)
        #expect((0.04...0.08).contains(refunded), "refund rate \(refunded)")
        let preSale = Self.year.orders.filter(\.isPreSale)
        #expect(preSale.count > 100)
        for order in preSale where order.countsAsPaid {
            let final = BusinessDay(containing: order.countedPaidAt!)
            #expect(final == BusinessDay("2026-11-11")! || final == BusinessDay("2026-06-18")!)
        }
        #expect(Self.year.orders.allSatisfy { $0.createdAt < BusinessDay("2026-11-22")!.start })
    }

    @Test("amounts add up: lines carry the order's payment less the post fee")
    func amounts() {
        for order in Self.year.orders.prefix(2000) {
            #expect(order.lines.reduce(Money.zero) { $0 + $1.payment } + order.postFee == order.payment)
            #expect(order.payment.fen > 0)
        }
        #expect(Set(Self.year.orders.map(\.tid)).count == Self.year.orders.count)
    }
}
