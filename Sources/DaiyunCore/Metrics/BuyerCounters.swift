/// The distinct-buyer counts kept beside the daily sums, which are not sums of days: buyers of
/// each day, buyers of each month, new buyers of each day (those whose first paid order in the
/// store falls on it), buyers of the 7 and 30 days ending on each day, and buyers whose first
/// paid day of the month is each day (so the buyers of a month's first days add up). A month's
/// repeat buyers are its buyers less its days' new buyers. Each buyer's change moves them from
/// what the buyer's paid days were to what they are now.
public struct BuyerCounters: Sendable, Equatable {
    public var dayBuyers: [BusinessDay: Int] = [:]
    public var dayNewBuyers: [BusinessDay: Int] = [:]
    public var monthBuyers: [BusinessMonth: Int] = [:]
    /// For each length in `windows`, the buyers of the days of that length ending on each day.
    public var windowBuyers: [Int: [BusinessDay: Int]] = [:]
    public var monthFirstBuyers: [BusinessDay: Int] = [:]

    /// The lengths of the windows kept: the overview's week and the dashboard's 30 days.
    public static let windows = [7, 30]

    public init() {}

    /// Adds one buyer's move from `before` to `after`: the buyer's orders on each day, every day
    /// the buyer has in the store (a day missing or at zero had no counted order).
    public mutating func move(before: [BusinessDay: Int], after: [BusinessDay: Int]) {
        let wasOn = Set(before.filter { $0.value > 0 }.keys)
        let isOn = Set(after.filter { $0.value > 0 }.keys)
        guard wasOn != isOn else { return }
        let changed = wasOn.symmetricDifference(isOn)
        for day in changed { dayBuyers[day, default: 0] += isOn.contains(day) ? 1 : -1 }
        for month in Set(changed.map(BusinessMonth.init(of:))) {
            let had = wasOn.filter { BusinessMonth(of: $0) == month }.min()
            let has = isOn.filter { BusinessMonth(of: $0) == month }.min()
            guard had != has else { continue }
            if let had { monthFirstBuyers[had, default: 0] -= 1 }
            if let has { monthFirstBuyers[has, default: 0] += 1 }
            if (had == nil) != (has == nil) { monthBuyers[month, default: 0] += has == nil ? -1 : 1 }
        }
        let (firstBefore, firstAfter) = (wasOn.min(), isOn.min())
        if firstBefore != firstAfter {
            if let firstBefore { dayNewBuyers[firstBefore, default: 0] -= 1 }
            if let firstAfter { dayNewBuyers[firstAfter, default: 0] += 1 }
        }
        // Only the windows ending within `length` days of a changed day can change.
        let (was, now) = (wasOn.map(\.ordinal).sorted(), isOn.map(\.ordinal).sorted())
        let changedDays = changed.map(\.ordinal)
        for length in Self.windows {
            var ends = Set<Int>(minimumCapacity: changedDays.count * length)
            for day in changedDays { for end in day..<(day + length) { ends.insert(end) } }
            for end in ends {
                let (had, has) = (
                    Self.holds(was, from: end - length + 1, through: end), Self.holds(now, from: end - length + 1, through: end)
                )
                if had != has { windowBuyers[length, default: [:]][BusinessDay(ordinal: end), default: 0] += has ? 1 : -1 }
            }
        }
    }

    /// Whether the sorted days (as ordinals) hold one from `first` through `last`.
    static func holds(_ sorted: [Int], from first: Int, through last: Int) -> Bool {
        var (low, high) = (0, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < first { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] <= last
    }
}
