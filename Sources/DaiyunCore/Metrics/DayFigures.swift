/// A store's figures on one Asia/Shanghai day: the sales and refunds of its rollups and, when
/// the analytics export was imported, its traffic.
public struct DayFigures: Sendable, Equatable {
    public var day: BusinessDay
    public var sales: SalesFigures
    public var newBuyers: Int
    /// Refunds that succeeded on the day, and their amount.
    public var refunds: Int
    public var refundAmount: Money
    public var traffic: TrafficDay?
    /// The day's ads under the store's attribution; nil without an ad report.
    public var ads: AdFigures?

    public init(
        day: BusinessDay, sales: SalesFigures = .zero, newBuyers: Int = 0, refunds: Int = 0, refundAmount: Money = .zero,
        traffic: TrafficDay? = nil, ads: AdFigures? = nil
    ) {
        self.day = day
        self.sales = sales
        self.newBuyers = newBuyers
        self.refunds = refunds
        self.refundAmount = refundAmount
        self.traffic = traffic
        self.ads = ads
    }

    /// 支付转化率 of the day, in basis points; nil without traffic.
    public var conversionBP: Int? { Rate.basisPoints(sales.payingBuyers, of: traffic?.visitors) }

    /// The export's 支付金额 less Daiyun's GMV from the orders: what the data-quality check shows.
    public var paymentDifference: Money? { traffic?.reportedPayment.map { $0 - sales.gmv } }
}

/// A period's figures for a dashboard or an overview, from its days: the sales with the period's
/// distinct paying buyers, refunds, net sales, visitors, conversion and the latest DSR.
public struct PeriodFigures: Sendable, Equatable {
    public var sales: SalesFigures
    public var refunds: Int
    public var refundAmount: Money
    /// The days' visitors added up (the export gives each day's UV); nil when no day has traffic.
    public var visitors: Int?
    /// The paying buyers of the days that have traffic, day by day added up: conversion's numerator.
    public var buyersOnTrafficDays: Int
    /// The DSR of the last day in the period that reports one.
    public var dsr: TrafficDay?
    /// The period's ads under the store's attribution; nil without an ad report.
    public var ads: AdFigures?

    public init(
        sales: SalesFigures = .zero, refunds: Int = 0, refundAmount: Money = .zero, visitors: Int? = nil, buyersOnTrafficDays: Int = 0,
        dsr: TrafficDay? = nil, ads: AdFigures? = nil
    ) {
        self.sales = sales
        self.refunds = refunds
        self.refundAmount = refundAmount
        self.visitors = visitors
        self.buyersOnTrafficDays = buyersOnTrafficDays
        self.dsr = dsr
        self.ads = ads
    }

    /// The period of these days, with `payingBuyers` distinct over the whole period (a sum of the
    /// days' buyers counts a returning buyer twice).
    public init(days: [DayFigures], payingBuyers: Int) {
        let withTraffic = days.filter { $0.traffic != nil }
        self.init(
            sales: SalesFigures(
                paidOrders: days.map(\.sales.paidOrders).reduce(0, +), gmv: days.map(\.sales.gmv).reduce(.zero, +),
                payingBuyers: payingBuyers),
            refunds: days.map(\.refunds).reduce(0, +), refundAmount: days.map(\.refundAmount).reduce(.zero, +),
            visitors: withTraffic.isEmpty ? nil : withTraffic.compactMap(\.traffic?.visitors).reduce(0, +),
            buyersOnTrafficDays: withTraffic.map(\.sales.payingBuyers).reduce(0, +),
            dsr: days.last { $0.traffic?.dsrDescription != nil }?.traffic,
            ads: days.contains { $0.ads != nil } ? days.compactMap(\.ads).reduce(AdFigures(), +) : nil)
    }

    public static let zero = PeriodFigures()

    /// 净成交: GMV less the refunds that succeeded in the period.
    public var netSales: Money { sales.gmv - refundAmount }

    /// 支付转化率 over the period: each day's paying buyers over its visitors, for the days with
    /// traffic (visitors are daily counts, so the buyers are taken the same way), in basis points.
    public var conversionBP: Int? { Rate.basisPoints(buyersOnTrafficDays, of: visitors) }
}

/// Ratios as the figures use them: basis points, floored, and nil where the base is missing or zero.
public enum Rate {
    /// `part / whole` in basis points, floored; nil without a positive whole.
    public static func basisPoints(_ part: Int, of whole: Int?) -> Int? {
        guard let whole, whole > 0 else { return nil }
        return Int(Int64(part) * 10_000 / Int64(whole))
    }

    /// The change from `previous` to `current`, in basis points of `previous` (−2500: down 25 %),
    /// rounded toward zero; nil when there is nothing to compare with.
    public static func change(from previous: Int64?, to current: Int64?) -> Int? {
        guard let previous, let current, previous != 0 else { return nil }
        return Int((current - previous) * 10_000 / abs(previous))
    }
}

extension PeriodFigures {
    /// Several stores' periods together: counts and amounts added, buyers counted once per store
    /// (as `SalesFigures` does); no single DSR.
    public static func + (lhs: PeriodFigures, rhs: PeriodFigures) -> PeriodFigures {
        let visitors: Int? = lhs.visitors == nil && rhs.visitors == nil ? nil : (lhs.visitors ?? 0) + (rhs.visitors ?? 0)
        return PeriodFigures(
            sales: lhs.sales + rhs.sales, refunds: lhs.refunds + rhs.refunds, refundAmount: lhs.refundAmount + rhs.refundAmount,
            visitors: visitors, buyersOnTrafficDays: lhs.buyersOnTrafficDays + rhs.buyersOnTrafficDays,
            ads: lhs.ads == nil && rhs.ads == nil ? nil : (lhs.ads ?? AdFigures()) + (rhs.ads ?? AdFigures()))
    }
}
