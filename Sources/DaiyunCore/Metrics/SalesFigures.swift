import Foundation

/// A period's sales as DESIGN §3 defines them, from the orders: the orders paid in the period,
/// GMV (the buyers' payment of those orders), the distinct paying buyers, and AOV.
public struct SalesFigures: Sendable, Equatable, Codable {
    public var paidOrders: Int
    public var gmv: Money
    public var payingBuyers: Int

    public init(paidOrders: Int = 0, gmv: Money = .zero, payingBuyers: Int = 0) {
        self.paidOrders = paidOrders
        self.gmv = gmv
        self.payingBuyers = payingBuyers
    }

    public static let zero = SalesFigures()

    /// 客单价: GMV / paying buyers, to the fen (half up); nil without buyers.
    public var aov: Money? {
        guard payingBuyers > 0 else { return nil }
        let buyers = Int64(payingBuyers)
        return Money(fen: (gmv.fen * 2 + buyers) / (buyers * 2))
    }

    /// Several stores' figures together. A buyer is counted once per store: the channels give
    /// each store its own buyer ids, so the same person in two stores cannot be told apart.
    public static func + (lhs: SalesFigures, rhs: SalesFigures) -> SalesFigures {
        SalesFigures(paidOrders: lhs.paidOrders + rhs.paidOrders, gmv: lhs.gmv + rhs.gmv, payingBuyers: lhs.payingBuyers + rhs.payingBuyers)
    }
}

/// A period of whole Asia/Shanghai days, `from` included, `until` excluded.
public struct DayRange: Sendable, Equatable, Hashable {
    public var from: Date
    public var until: Date

    public init(from: Date, until: Date) {
        self.from = from
        self.until = until
    }

    /// The first day of the period.
    public var firstDay: BusinessDay { BusinessDay(containing: from) }

    /// The last day the period touches (today for a period ending now).
    public var lastDay: BusinessDay { BusinessDay(containing: max(from, until.addingTimeInterval(-0.001))) }

    /// Today so far: from today's midnight to `now`.
    public static func today(_ now: Date) -> DayRange {
        DayRange(from: BusinessDay(containing: now).start, until: now)
    }

    /// Yesterday, whole.
    public static func yesterday(_ now: Date) -> DayRange {
        let today = BusinessDay(containing: now).start
        return DayRange(from: BusinessDay(containing: today.addingTimeInterval(-1)).start, until: today)
    }

    /// The month so far: from the first of the month to `now`.
    public static func monthToDate(_ now: Date) -> DayRange {
        let day = BusinessDay(containing: now)
        return DayRange(from: BusinessDay(year: day.year, month: day.month, day: 1)!.start, until: now)
    }

    /// The `days` whole days before today.
    public static func last(_ days: Int, before now: Date) -> DayRange {
        let today = BusinessDay(containing: now).start
        var from = today
        for _ in 0..<days { from = BusinessDay(containing: from.addingTimeInterval(-1)).start }
        return DayRange(from: from, until: today)
    }
}
