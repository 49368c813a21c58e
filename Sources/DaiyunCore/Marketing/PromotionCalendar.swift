/// The platform-wide big promotions (大促) a store's charts mark, by their fixed days: 年货节 is
/// left out (its dates move with the Spring Festival and each platform announces them).
public enum PromotionCalendar {
    /// A promotion's day in a year, with its name (`women`, `618`, `99`, `1111`, `1212`).
    public struct Day: Sendable, Equatable {
        public var day: BusinessDay
        public var name: String
    }

    /// The fixed promotion days: month, day and name.
    static let fixed: [(month: Int, day: Int, name: String)] = [
        (3, 8, "women"), (6, 18, "618"), (9, 9, "99"), (11, 11, "1111"), (12, 12, "1212"),
    ]

    /// Every promotion's name.
    public static var names: [String] { fixed.map(\.name) }

    /// The promotion days from `first` to `last`, both included.
    public static func days(from first: BusinessDay, through last: BusinessDay) -> [Day] {
        (first.year...last.year).flatMap { year in
            fixed.compactMap { entry in BusinessDay(year: year, month: entry.month, day: entry.day).map { Day(day: $0, name: entry.name) } }
        }.filter { $0.day >= first && $0.day <= last }
    }
}
