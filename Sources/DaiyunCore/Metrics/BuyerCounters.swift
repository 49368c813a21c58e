/// The distinct-buyer counts kept beside the daily sums, which are not sums of days: buyers of
/// each day, buyers of each month, and new buyers of each day (those whose first paid order in
/// the store falls on it). A month's repeat buyers are its buyers less its days' new buyers.
/// Each buyer's change moves them from what the buyer's paid days were to what they are now.
public struct BuyerCounters: Sendable, Equatable {
    public var dayBuyers: [BusinessDay: Int] = [:]
    public var dayNewBuyers: [BusinessDay: Int] = [:]
    public var monthBuyers: [BusinessMonth: Int] = [:]

    public init() {}

    /// Adds one buyer's move from `before` to `after`: the buyer's orders on each day, every day
    /// the buyer has in the store (a day missing or at zero had no counted order).
    public mutating func move(before: [BusinessDay: Int], after: [BusinessDay: Int]) {
        let wasOn = Set(before.filter { $0.value > 0 }.keys)
        let isOn = Set(after.filter { $0.value > 0 }.keys)
        for day in wasOn.symmetricDifference(isOn) { dayBuyers[day, default: 0] += isOn.contains(day) ? 1 : -1 }
        let wasIn = Set(wasOn.map(BusinessMonth.init(of:)))
        let isIn = Set(isOn.map(BusinessMonth.init(of:)))
        for month in wasIn.symmetricDifference(isIn) { monthBuyers[month, default: 0] += isIn.contains(month) ? 1 : -1 }
        let (firstBefore, firstAfter) = (wasOn.min(), isOn.min())
        if firstBefore != firstAfter {
            if let firstBefore { dayNewBuyers[firstBefore, default: 0] -= 1 }
            if let firstAfter { dayNewBuyers[firstAfter, default: 0] += 1 }
        }
    }
}
