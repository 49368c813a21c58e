/// The days a store dashboard shows, whole Asia/Shanghai days from `first` through `last`, and
/// the two periods it compares them with: the as many days just before, and the same dates a
/// year earlier.
public struct DashboardPeriod: Sendable, Equatable {
    /// A dashboard shows at most a year and a day (a leap year's whole year and a day to compare).
    public static let maxDays = 366
    /// What a dashboard opens with: the 30 days through yesterday, the last whole day.
    public static let defaultDays = 30

    public let first: BusinessDay
    public let last: BusinessDay

    /// The years a dashboard reaches: the same dates a year earlier must exist too.
    public static let years = 2000...2100

    /// The period, or a `ValidationError` on `until` when it ends before it starts or is too long,
    /// and on the day outside `years`.
    public init(first: BusinessDay, last: BusinessDay) throws {
        try Self.check(first, field: "from")
        try Self.check(last, field: "until")
        guard first <= last, first.days(until: last).count < Self.maxDays else {
            throw ValidationError(field: "until", rule: .period(maxDays: Self.maxDays))
        }
        self.first = first
        self.last = last
    }

    /// Refuses, on `field`, a day outside `years`.
    public static func check(_ day: BusinessDay, field: String) throws {
        guard years.contains(day.year) else {
            throw ValidationError(field: field, rule: .dayBetween(first: "\(years.lowerBound)-01-01", last: "\(years.upperBound)-12-31"))
        }
    }

    private init(unchecked first: BusinessDay, _ last: BusinessDay) {
        self.first = first
        self.last = last
    }

    /// The `days` days through the day before `today`.
    public static func recent(_ days: Int = defaultDays, before today: BusinessDay) -> DashboardPeriod {
        DashboardPeriod(unchecked: today.advanced(by: -days), today.advanced(by: -1))
    }

    /// The month of `day`, whole.
    public static func month(_ month: BusinessMonth) -> DashboardPeriod {
        DashboardPeriod(unchecked: month.firstDay, month.next.firstDay.advanced(by: -1))
    }

    /// Every day of the period, in order.
    public var days: [BusinessDay] { first.days(until: last.advanced(by: 1)) }

    public var length: Int { days.count }

    /// The instants the period spans, for the figures that read them.
    public var range: DayRange { DayRange(from: first.start, until: last.advanced(by: 1).start) }

    /// As many days, ending the day before this one starts.
    public var previous: DashboardPeriod {
        DashboardPeriod(unchecked: first.advanced(by: -length), first.advanced(by: -1))
    }

    /// The same dates a year earlier.
    public var lastYear: DashboardPeriod { DashboardPeriod(unchecked: first.yearEarlier, last.yearEarlier) }
}

extension BusinessDay {
    /// The same date a year earlier; 29 February falls on the 28th.
    public var yearEarlier: BusinessDay {
        BusinessDay(year: year - 1, month: month, day: day) ?? BusinessDay(year: year - 1, month: month, day: day - 1)!
    }
}
