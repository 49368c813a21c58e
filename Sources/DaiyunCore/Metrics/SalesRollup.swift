/// What orders add to the daily sales rollups, defined once: an order counts on the Asia/Shanghai
/// day it counts as paid (a pre-sale order at its final payment), whatever its status now, with
/// its payment as GMV; each of its lines adds its quantity and payment to its merchant code's day;
/// its buyer (by nick, the one name every source gives) is a buyer of that month. A change to an
/// order is its new contribution less its old one, so writers keep the rollups exact as they go.
public struct SalesRollupDelta: Sendable, Equatable {
    /// Orders and GMV.
    public struct Sales: Sendable, Equatable {
        public var orders = 0
        public var gmvFen: Int64 = 0
        public var isZero: Bool { orders == 0 && gmvFen == 0 }
    }
    /// Units and line payment of one merchant code.
    public struct SKUSales: Sendable, Equatable {
        public var quantity = 0
        public var salesFen: Int64 = 0
        public var isZero: Bool { quantity == 0 && salesFen == 0 }
    }
    public struct SKUDay: Sendable, Hashable {
        public var day: BusinessDay
        public var outerSKUID: String
    }
    public struct BuyerMonth: Sendable, Hashable {
        /// `YYYY-MM`.
        public var month: String
        public var buyer: String
    }

    public var days: [BusinessDay: Sales] = [:]
    public var skuDays: [SKUDay: SKUSales] = [:]
    public var buyerMonths: [BuyerMonth: Sales] = [:]

    public init() {}

    public var isEmpty: Bool {
        days.values.allSatisfy(\.isZero) && skuDays.values.allSatisfy(\.isZero) && buyerMonths.values.allSatisfy(\.isZero)
    }

    /// The month of a day, `YYYY-MM`.
    public static func month(of day: BusinessDay) -> String { String(day.description.prefix(7)) }

    /// Adds the order's contribution (`sign` 1), or takes it away (`sign` -1).
    public mutating func add(_ order: Order, sign: Int = 1) {
        guard let paid = order.countedPaidAt else { return }
        let day = BusinessDay(containing: paid)
        days[day, default: Sales()].orders += sign
        days[day, default: Sales()].gmvFen += Int64(sign) * order.payment.fen
        for line in order.lines {
            let key = SKUDay(day: day, outerSKUID: line.outerSkuID)
            skuDays[key, default: SKUSales()].quantity += sign * line.quantity
            skuDays[key, default: SKUSales()].salesFen += Int64(sign) * line.payment.fen
        }
        let buyer = BuyerMonth(month: Self.month(of: day), buyer: order.buyerNick)
        buyerMonths[buyer, default: Sales()].orders += sign
        buyerMonths[buyer, default: Sales()].gmvFen += Int64(sign) * order.payment.fen
    }

    /// The change from `kept` (nil: a new order) to `merged`.
    public mutating func change(from kept: Order?, to merged: Order) {
        if let kept { add(kept, sign: -1) }
        add(merged)
    }

    /// The entries that change something, so that writers skip the rest.
    public func pruned() -> SalesRollupDelta {
        var result = SalesRollupDelta()
        result.days = days.filter { !$0.value.isZero }
        result.skuDays = skuDays.filter { !$0.value.isZero }
        result.buyerMonths = buyerMonths.filter { !$0.value.isZero }
        return result
    }
}
