/// A store's distinct-buyer counts counted from scratch, for a rebuild: each buyer comes once with
/// every day they paid on, and the result equals `BuyerCounters.move(before: [:], after:)` done
/// for each buyer. A window is kept as the steps where a buyer's run of covered window ends starts
/// and stops, summed once at the end, so a buyer costs a few additions per paid day rather than
/// one per day of each window (a rebuild counts millions of buyer days).
public struct BuyerCounterBuilder: Sendable {
    private var dayBuyers: [Int: Int] = [:]
    private var dayNewBuyers: [Int: Int] = [:]
    private var monthFirstBuyers: [Int: Int] = [:]
    /// For each length of `BuyerCounters.windows`, in that order: ordinal → change of the count.
    private var windowSteps = Array(repeating: [Int: Int](), count: BuyerCounters.windows.count)

    public init() {}

    /// Adds a buyer not counted yet, with the ordinals of the days they paid on, ascending and
    /// distinct.
    public mutating func add(buyerDays days: [Int]) {
        guard let first = days.first else { return }
        dayNewBuyers[first, default: 0] += 1
        var month: BusinessMonth?
        for ordinal in days {
            dayBuyers[ordinal, default: 0] += 1
            let thisMonth = BusinessMonth(of: BusinessDay(ordinal: ordinal))
            if thisMonth != month {
                monthFirstBuyers[ordinal, default: 0] += 1
                month = thisMonth
            }
        }
        for (index, length) in BuyerCounters.windows.enumerated() {
            // The windows ending from a paid day through `length - 1` days later hold the buyer;
            // runs of such ends that touch are merged, each adding one from its start to its stop.
            var (start, stop) = (first, first + length)
            for ordinal in days.dropFirst() {
                if ordinal <= stop {
                    stop = ordinal + length
                } else {
                    windowSteps[index][start, default: 0] += 1
                    windowSteps[index][stop, default: 0] -= 1
                    (start, stop) = (ordinal, ordinal + length)
                }
            }
            windowSteps[index][start, default: 0] += 1
            windowSteps[index][stop, default: 0] -= 1
        }
    }

    /// The counts of every buyer added.
    public func counters() -> BuyerCounters {
        func days(_ counts: [Int: Int]) -> [BusinessDay: Int] {
            Dictionary(uniqueKeysWithValues: counts.map { (BusinessDay(ordinal: $0.key), $0.value) })
        }
        var result = BuyerCounters()
        result.dayBuyers = days(dayBuyers)
        result.dayNewBuyers = days(dayNewBuyers)
        result.monthFirstBuyers = days(monthFirstBuyers)
        for (day, count) in result.monthFirstBuyers { result.monthBuyers[BusinessMonth(of: day), default: 0] += count }
        for (index, length) in BuyerCounters.windows.enumerated() {
            let steps = windowSteps[index].sorted { $0.key < $1.key }
            var (running, counts) = (0, [BusinessDay: Int]())
            for (position, step) in steps.enumerated() {
                running += step.value
                guard running != 0, position + 1 < steps.count else { continue }
                for ordinal in step.key..<steps[position + 1].key { counts[BusinessDay(ordinal: ordinal)] = running }
            }
            if !counts.isEmpty { result.windowBuyers[length] = counts }
        }
        return result
    }
}
