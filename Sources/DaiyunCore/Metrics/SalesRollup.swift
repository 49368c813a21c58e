/// What orders and refunds add to the daily rollups, defined once: an order counts on the
/// Asia/Shanghai day it counts as paid (a pre-sale order at its final payment), whatever its
/// status now, with its payment as GMV; each of its lines adds its quantity and payment to its
/// merchant code's day; its buyer (by nick, the one name every source gives) bought on that day.
/// A refund counts on the day it completed, with its refund fee, in the store and under the
/// merchant code its line carries now (none while its order is not known). An order finished
/// with its finish time counts its payment as confirmed receipts on the day of its finish, and
/// its completed refunds count against them on that same day, whenever they complete. A change
/// is the new contribution less the old one, so writers keep the rollups exact as they go.
public struct SalesRollupDelta: Sendable, Equatable {
    /// A count and an amount: orders and GMV, or refunds and their fee.
    public struct Sales: Sendable, Equatable {
        public var count = 0
        public var fen: Int64 = 0
        public init(count: Int = 0, fen: Int64 = 0) {
            self.count = count
            self.fen = fen
        }
        public var isZero: Bool { count == 0 && fen == 0 }
    }
    /// Units and line payment of one merchant code, and the refunds completed on its lines.
    public struct SKUSales: Sendable, Equatable {
        public var quantity = 0
        public var salesFen: Int64 = 0
        public var refunds = 0
        public var refundFen: Int64 = 0
        public init(quantity: Int = 0, salesFen: Int64 = 0, refunds: Int = 0, refundFen: Int64 = 0) {
            self.quantity = quantity
            self.salesFen = salesFen
            self.refunds = refunds
            self.refundFen = refundFen
        }
        public var isZero: Bool { quantity == 0 && salesFen == 0 && refunds == 0 && refundFen == 0 }
    }
    /// Confirmed receipts of a day: the orders finished on it, their payment, and the fee of
    /// their completed refunds.
    public struct Receipts: Sendable, Equatable {
        public var count = 0
        public var fen: Int64 = 0
        public var refundFen: Int64 = 0
        public init(count: Int = 0, fen: Int64 = 0, refundFen: Int64 = 0) {
            self.count = count
            self.fen = fen
            self.refundFen = refundFen
        }
        public var isZero: Bool { count == 0 && fen == 0 && refundFen == 0 }
    }
    /// A merchant code on a day.
    public struct SKUDay: Sendable, Hashable {
        public var day: BusinessDay
        public var outerSKUID: String
        public init(day: BusinessDay, outerSKUID: String) {
            self.day = day
            self.outerSKUID = outerSKUID
        }
    }
    /// A buyer on a day.
    public struct BuyerDay: Sendable, Hashable {
        public var buyer: String
        public var day: BusinessDay
        public init(buyer: String, day: BusinessDay) {
            self.buyer = buyer
            self.day = day
        }
    }

    public var days: [BusinessDay: Sales] = [:]
    public var skuDays: [SKUDay: SKUSales] = [:]
    public var buyerDays: [BuyerDay: Sales] = [:]
    public var refundDays: [BusinessDay: Sales] = [:]
    public var receiptDays: [BusinessDay: Receipts] = [:]

    public init() {}

    public var isEmpty: Bool { pruned() == SalesRollupDelta() }

    /// Adds the order's contribution (`sign` 1), or takes it away (`sign` -1).
    public mutating func add(_ order: Order, sign: Int = 1) {
        if let confirmed = order.confirmedDay {
            receiptDays[confirmed, default: Receipts()].count += sign
            receiptDays[confirmed, default: Receipts()].fen += Int64(sign) * order.payment.fen
        }
        guard let day = order.countedDay else { return }
        days[day, default: Sales()].count += sign
        days[day, default: Sales()].fen += Int64(sign) * order.payment.fen
        for line in order.lines {
            let key = SKUDay(day: day, outerSKUID: line.outerSkuID)
            skuDays[key, default: SKUSales()].quantity += sign * line.quantity
            skuDays[key, default: SKUSales()].salesFen += Int64(sign) * line.payment.fen
        }
        let buyer = BuyerDay(buyer: order.buyerNick, day: day)
        buyerDays[buyer, default: Sales()].count += sign
        buyerDays[buyer, default: Sales()].fen += Int64(sign) * order.payment.fen
    }

    /// Adds the refund's contribution (`sign` 1), or takes it away (`sign` -1); `outerSKUID` is
    /// the merchant code of its line (nil: the line is not known), `confirmedDay` its order's
    /// (nil: not finished, or not known).
    public mutating func add(_ refund: Refund, outerSKUID: String?, confirmedDay: BusinessDay?, sign: Int = 1) {
        guard let day = refund.completedDay else { return }
        refundDays[day, default: Sales()].count += sign
        refundDays[day, default: Sales()].fen += Int64(sign) * refund.refundFee.fen
        addLine(of: refund, outerSKUID: outerSKUID, sign: sign)
        addReceipt(of: refund, confirmedDay: confirmedDay, sign: sign)
    }

    /// Moves a refund's share of the SKU days from its line's old merchant code (nil: the line
    /// is new) to its new one, when an order report brings or changes the line.
    public mutating func moveLine(of refund: Refund, from old: String?, to new: String?) {
        addLine(of: refund, outerSKUID: old, sign: -1)
        addLine(of: refund, outerSKUID: new, sign: 1)
    }

    /// Moves a completed refund's share of the confirmed receipts from its order's old
    /// confirmed day to its new one, when an order report finishes the order.
    public mutating func moveReceipt(of refund: Refund, from old: BusinessDay?, to new: BusinessDay?) {
        addReceipt(of: refund, confirmedDay: old, sign: -1)
        addReceipt(of: refund, confirmedDay: new, sign: 1)
    }

    private mutating func addReceipt(of refund: Refund, confirmedDay: BusinessDay?, sign: Int) {
        guard refund.completedDay != nil, let confirmedDay else { return }
        receiptDays[confirmedDay, default: Receipts()].refundFen += Int64(sign) * refund.refundFee.fen
    }

    private mutating func addLine(of refund: Refund, outerSKUID: String?, sign: Int) {
        guard let day = refund.completedDay, let outerSKUID else { return }
        let key = SKUDay(day: day, outerSKUID: outerSKUID)
        skuDays[key, default: SKUSales()].refunds += sign
        skuDays[key, default: SKUSales()].refundFen += Int64(sign) * refund.refundFee.fen
    }

    /// The change from `kept` (nil: a new order) to `merged`.
    public mutating func change(from kept: Order?, to merged: Order) {
        if let kept { add(kept, sign: -1) }
        add(merged)
    }

    /// The change from `kept` (nil: a new refund) to `merged`, whose line has the merchant code
    /// and whose order was confirmed on the day.
    public mutating func change(from kept: Refund?, to merged: Refund, outerSKUID: String?, confirmedDay: BusinessDay?) {
        if let kept { add(kept, outerSKUID: outerSKUID, confirmedDay: confirmedDay, sign: -1) }
        add(merged, outerSKUID: outerSKUID, confirmedDay: confirmedDay)
    }

    /// The entries that change something, so that writers skip the rest.
    public func pruned() -> SalesRollupDelta {
        var result = SalesRollupDelta()
        result.days = days.filter { !$0.value.isZero }
        result.skuDays = skuDays.filter { !$0.value.isZero }
        result.buyerDays = buyerDays.filter { !$0.value.isZero }
        result.refundDays = refundDays.filter { !$0.value.isZero }
        result.receiptDays = receiptDays.filter { !$0.value.isZero }
        return result
    }
}
