import Foundation

/// When a periodic job runs: every so many seconds after the last run finished, daily at a
/// Shanghai time, or weekly on a Shanghai weekday and time.
public enum JobSchedule: Sendable, Equatable {
    case every(seconds: Int)
    /// Daily at `hour:minute` Asia/Shanghai.
    case daily(hour: Int, minute: Int)
    /// Weekly on `weekday` (1 Sunday … 7 Saturday, as Foundation counts) at `hour:minute` Asia/Shanghai.
    case weekly(weekday: Int, hour: Int, minute: Int)

    /// When the next run is due, given when the last one finished (nil: it never ran). An interval
    /// job is due at once the first time, and never runs twice within its interval; a daily or
    /// weekly job is due at the first of its times after the last run, or, the first time, at the
    /// last of its times up to now (so a job whose time passed today still runs today).
    public func next(lastFinished: Date?, now: Date) -> Date {
        switch self {
        case .every(let seconds):
            guard let lastFinished else { return now }
            return lastFinished.addingTimeInterval(TimeInterval(seconds))
        case .daily, .weekly:
            guard let lastFinished else { return previousTime(atOrBefore: now) ?? now }
            return nextTime(after: lastFinished)
        }
    }

    /// The first of this schedule's times strictly after `instant` (daily and weekly only).
    func nextTime(after instant: Date) -> Date {
        let calendar = BusinessDay.calendar
        var components = DateComponents()
        switch self {
        case .every(let seconds): return instant.addingTimeInterval(TimeInterval(seconds))
        case .daily(let hour, let minute): (components.hour, components.minute) = (hour, minute)
        case .weekly(let weekday, let hour, let minute): (components.weekday, components.hour, components.minute) = (weekday, hour, minute)
        }
        components.second = 0
        return calendar.nextDate(after: instant, matching: components, matchingPolicy: .nextTime) ?? instant.addingTimeInterval(86_400)
    }

    /// The last of this schedule's times at or before `instant`: a week before it, the next time.
    func previousTime(atOrBefore instant: Date) -> Date? {
        let span: TimeInterval = if case .weekly = self { 7 * 86_400 } else { 86_400 }
        let candidate = nextTime(after: instant.addingTimeInterval(-span))
        return candidate <= instant ? candidate : nil
    }
}
