import Foundation

/// The periods the agency overview shows every store over, each with the period it is compared
/// with. Rollups hold whole days, so today so far is set against yesterday whole, and the month
/// so far against as many days of the month before.
public enum OverviewPeriod: String, Sendable, CaseIterable, Codable {
    case today
    case yesterday
    case last7Days = "7d"
    case monthToDate = "mtd"

    /// The period at `now`.
    public func range(at now: Date) -> DayRange {
        switch self {
        case .today: .today(now)
        case .yesterday: .yesterday(now)
        case .last7Days: .last(7, before: now)
        case .monthToDate: .monthToDate(now)
        }
    }

    /// The period it is compared with.
    public func comparison(at now: Date) -> DayRange {
        let today = BusinessDay(containing: now)
        switch self {
        case .today: return .yesterday(now)
        case .yesterday: return DayRange(from: today.advanced(by: -2).start, until: today.advanced(by: -1).start)
        case .last7Days: return DayRange(from: today.advanced(by: -14).start, until: today.advanced(by: -7).start)
        case .monthToDate:
            let month = BusinessMonth(of: today)
            let before = BusinessMonth(of: month.firstDay.advanced(by: -1))
            let days = min(today.day, before.days.count)
            return DayRange(from: before.firstDay.start, until: before.firstDay.advanced(by: days).start)
        }
    }
}

/// Why a store comes first in the overview: over the last 7 days against the 7 before, a figure
/// fell by `dropBP` or more, or no traffic was imported.
public enum AttentionReason: String, Sendable, CaseIterable, Codable {
    case gmvDown = "gmv_down"
    case visitorsDown = "visitors_down"
    case conversionDown = "conversion_down"
    case dsrDown = "dsr_down"
    case noTraffic = "no_traffic"

    /// A fall of 20 % or more is worth a look.
    public static let dropBP = -2_000
    /// A DSR dimension down by 0.05 (in ten-thousandths of a point) is a fall customers notice.
    public static let dsrDrop = 500

    /// The reasons, in this order, for `current` against `previous`.
    public static func reasons(current: PeriodFigures, previous: PeriodFigures) -> [AttentionReason] {
        func fell(_ before: Int64?, _ now: Int64?) -> Bool { (Rate.change(from: before, to: now) ?? 0) <= dropBP }
        var reasons: [AttentionReason] = []
        if fell(previous.sales.gmv.fen, current.sales.gmv.fen) { reasons.append(.gmvDown) }
        if fell(previous.visitors.map(Int64.init), current.visitors.map(Int64.init)) { reasons.append(.visitorsDown) }
        if fell(previous.conversionBP.map(Int64.init), current.conversionBP.map(Int64.init)) { reasons.append(.conversionDown) }
        if let before = previous.dsr, let now = current.dsr {
            let pairs = [
                (before.dsrDescription, now.dsrDescription), (before.dsrService, now.dsrService), (before.dsrLogistics, now.dsrLogistics),
            ]
            if pairs.contains(where: { pair in
                guard let b = pair.0, let n = pair.1 else { return false }
                return b - n >= dsrDrop
            }) {
                reasons.append(.dsrDown)
            }
        }
        if current.visitors == nil { reasons.append(.noTraffic) }
        return reasons
    }
}
