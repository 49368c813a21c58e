/// A merchant code's sales in a store over some days, from the SKU day rollups: the units paid
/// and the line payment they brought, and the refunds completed on its lines in those days.
public struct SKUSales: Sendable, Equatable, Codable {
    public var outerSKUID: String
    public var units: Int
    public var sales: Money
    public var refunds: Int
    public var refundAmount: Money

    public init(outerSKUID: String, units: Int, sales: Money, refunds: Int = 0, refundAmount: Money = .zero) {
        self.outerSKUID = outerSKUID
        self.units = units
        self.sales = sales
        self.refunds = refunds
        self.refundAmount = refundAmount
    }
}

/// What the SKU ranking ranks by: sales, units, refunds or refund amount (most first, from the
/// rollups), or stock cover (the fewest days first, among the codes that sell most).
public enum SKURanking: String, CaseIterable, Sendable {
    case sales, units, refunds
    case refundAmount = "refund_amount"
    case cover
}
