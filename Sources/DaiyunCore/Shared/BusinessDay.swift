import Foundation

/// A calendar day in Asia/Shanghai, the time zone in which every business day and period is counted.
public struct BusinessDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The time zone of every business day.
    public static let timeZone = TimeZone(identifier: "Asia/Shanghai")!

    /// The Gregorian calendar in Asia/Shanghai.
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// Validates the parts; nil for a day that does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...ShanghaiTime.daysIn(month: month, year: year)).contains(day) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The Asia/Shanghai day that contains the instant: by arithmetic since 1992 (China has kept
    /// UTC+8 all year since its last summer time ended in September 1991; writers key every
    /// order by it), through the zone's calendar before.
    public init(containing instant: Date) {
        let seconds = instant.timeIntervalSince1970
        if seconds >= Self.fixedOffsetSince, seconds < Self.fixedOffsetUntil {
            self.init(ordinal: Int(((seconds + Double(ShanghaiTime.offsetSeconds)) / 86_400).rounded(.down)))
        } else {
            let c = Self.calendar.dateComponents([.year, .month, .day], from: instant)
            self.init(ordinal: Int(ShanghaiTime.daysFromCivil(year: c.year!, month: c.month!, day: c.day!)))
        }
    }

    /// 1992-01-01 and 2200-01-01 UTC: between them the day is the instant plus eight hours.
    static let (fixedOffsetSince, fixedOffsetUntil): (TimeInterval, TimeInterval) = (694_224_000, 7_258_118_400)

    /// Midnight at the start of the day, Asia/Shanghai.
    public var start: Date {
        Self.calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// `YYYY-MM-DD`, written without a formatter (it keys every rollup row a writer binds).
    public var description: String {
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2)
    }

    /// The day `days` days later (earlier when negative).
    public func advanced(by days: Int) -> BusinessDay {
        BusinessDay(ordinal: ordinal + days)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar: arithmetic, no calendar lookup
    /// (counting windows over a year of a buyer's days calls it millions of times).
    public var ordinal: Int {
        Int(ShanghaiTime.daysFromCivil(year: year, month: month, day: day))
    }

    /// The day `ordinal` days after 1970-01-01.
    public init(ordinal: Int) {
        (year, month, day) = ShanghaiTime.civilFromDays(Int64(ordinal))
    }

    /// The days from this one up to `end`, excluded.
    public func days(until end: BusinessDay) -> [BusinessDay] {
        Array(sequence(first: self) { $0.advanced(by: 1) }.prefix { $0 < end })
    }

    public static func < (lhs: BusinessDay, rhs: BusinessDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = BusinessDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD day: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
