/// A merchant code's sales in a store over some days, from the SKU day rollups: the units paid
/// and the line payment they brought.
public struct SKUSales: Sendable, Equatable, Codable {
    public var outerSKUID: String
    public var units: Int
    public var sales: Money

    public init(outerSKUID: String, units: Int, sales: Money) {
        self.outerSKUID = outerSKUID
        self.units = units
        self.sales = sales
    }
}
