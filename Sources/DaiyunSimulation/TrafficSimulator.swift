import DaiyunCore
import Foundation

/// A store's 生意参谋-style daily export (the store-level 核心指标 CSV) for simulated days,
/// consistent with the orders the store sold: visitors from the day's paying buyers at a
/// plausible conversion (higher on big promotion days, lower on weekends), what the visitors did,
/// DSR scores walking slowly with a dip after 双11's rush, and the export's own 支付金额, which
/// now and then differs from the orders (a late-paid order the platform counted on another day).
/// Seeded: the same days give the same file.
public enum TrafficSimulator {
    /// What the store sold on a day, as its orders tell.
    public struct Sold: Sendable, Equatable {
        public var day: BusinessDay
        public var payingBuyers: Int
        public var gmv: Money

        public init(day: BusinessDay, payingBuyers: Int, gmv: Money) {
            self.day = day
            self.payingBuyers = payingBuyers
            self.gmv = gmv
        }
    }

    /// The export's header, as 生意参谋 names its columns.
    static let header = [
        "统计日期", "访客数", "浏览量", "支付买家数", "下单买家数", "加购人数", "商品收藏人数", "跳失率", "平均停留时长", "新访客数", "老访客数", "描述相符",
        "服务态度", "物流服务", "支付金额",
    ]

    /// Each of the days' paying buyers and GMV from the orders, as the rollups count them.
    public static func sold(_ orders: [Order], on days: [BusinessDay]) -> [Sold] {
        var delta = SalesRollupDelta()
        for order in orders { delta.add(order) }
        var buyers: [BusinessDay: Int] = [:]
        for (key, sales) in delta.buyerDays where sales.count > 0 { buyers[key.day, default: 0] += 1 }
        return days.map { Sold(day: $0, payingBuyers: buyers[$0] ?? 0, gmv: Money(fen: delta.days[$0]?.fen ?? 0)) }
    }

    /// The export of the days, in order, as UTF-8 CSV. Each day's row depends on that day alone
    /// (its sales, its date and the seed), so overlapping exports agree on the days they share.
    public static func csv(_ days: [Sold], seed: UInt64) -> String {
        var lines = [header.joined(separator: ",")]
        for sold in days.sorted(by: { $0.day < $1.day }) {
            lines.append(row(sold, seed: seed).map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func row(_ sold: Sold, seed: UInt64) -> [String] {
        let number = Int(sold.day.start.timeIntervalSince1970 / 86_400)
        var random = SeededRandom(seed: seed &* 1_000_003 &+ UInt64(number))
        let weekday = BusinessDay.calendar.component(.weekday, from: sold.day.start)
        var conversion = 0.032 * (0.85 + 0.3 * random.unit())
        if StoreSimulator.demandFactor(sold.day) > 2.5 { conversion *= 1.8 }
        if weekday == 1 || weekday == 7 { conversion *= 0.95 }
        let visitors = max(sold.payingBuyers + 1, Int(Double(sold.payingBuyers) / conversion) + Int(random.unit() * 20))
        let newVisitors = Int(Double(visitors) * (0.6 + 0.1 * random.unit()))
        // DSR drifts over weeks; logistics dips in the fortnight after 双11, when parcels are late.
        let dsr = (0..<3).map { i in
            48_000 + Int(350 * sin(Double(number) / Double(41 + 17 * i) + Double(i))) + Int(random.unit() * 40) - 20
        }
        let afterDouble11 = sold.day.month == 11 && (13...27).contains(sold.day.day)
        // About one day in twenty-five the platform counts a late-paid order the orders put on another day.
        let reported = random.chance(0.04) ? sold.gmv + Money(fen: Int64(random.unit() * 30_000) + 100) : sold.gmv
        return [
            sold.day.description, grouped(visitors), grouped(Int(Double(visitors) * (2.2 + 1.2 * random.unit()))),
            grouped(sold.payingBuyers), grouped(sold.payingBuyers + Int(Double(sold.payingBuyers) * 0.08 * random.unit())),
            grouped(Int(Double(visitors) * (0.08 + 0.04 * random.unit()))), grouped(Int(Double(visitors) * (0.03 + 0.02 * random.unit()))),
            percent(4_500 + Int(random.unit() * 1_500)), String(30 + Int(random.unit() * 50)), grouped(newVisitors),
            grouped(visitors - newVisitors), score(dsr[0]), score(dsr[1]), score(dsr[2] - (afterDouble11 ? 900 : 0)), reported.yuanString,
        ]
    }

    /// `12,345`, as the export writes counts.
    static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    static func percent(_ basisPoints: Int) -> String { String(format: "%d.%02d%%", basisPoints / 100, basisPoints % 100) }

    static func score(_ tenThousandths: Int) -> String { String(format: "%d.%04d", tenThousandths / 10_000, tenThousandths % 10_000) }
}
