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
        for day in wasOn.symmetricDifference(isOn) { dayBuyers[day, default: 0] += isOn.contains(day) ? 1 : -1 }
        let wasIn = Dictionary(grouping: wasOn, by: BusinessMonth.init(of:)).mapValues { $0.min()! }
        let isIn = Dictionary(grouping: isOn, by: BusinessMonth.init(of:)).mapValues { $0.min()! }
        for month in Set(wasIn.keys).union(isIn.keys) where wasIn[month] != isIn[month] {
            if let first = wasIn[month] { monthFirstBuyers[first, default: 0] -= 1 }
            if let first = isIn[month] { monthFirstBuyers[first, default: 0] += 1 }
            if (wasIn[month] == nil) != (isIn[month] == nil) { monthBuyers[month, default: 0] += isIn[month] == nil ? -1 : 1 }
        }
        let (firstBefore, firstAfter) = (wasOn.min(), isOn.min())
        if firstBefore != firstAfter {
            if let firstBefore { dayNewBuyers[firstBefore, default: 0] -= 1 }
            if let firstAfter { dayNewBuyers[firstAfter, default: 0] += 1 }
        }
        let (wasDays, isDays) = (wasOn.map(\.ordinal), isOn.map(\.ordinal))
        for length in Self.windows {
            let (was, now) = (Self.windowEnds(wasDays, length: length), Self.windowEnds(isDays, length: length))
            for end in now.subtracting(was) { windowBuyers[length, default: [:]][BusinessDay(ordinal: end), default: 0] += 1 }
            for end in was.subtracting(now) { windowBuyers[length, default: [:]][BusinessDay(ordinal: end), default: 0] -= 1 }
        }
    }

    /// The days (as ordinals) whose window of `length` days ending on them holds one of `days`.
    static func windowEnds(_ days: [Int], length: Int) -> Set<Int> {
        var ends = Set<Int>(minimumCapacity: days.count * length)
        for day in days { for end in day..<(day + length) { ends.insert(end) } }
        return ends
    }
}
