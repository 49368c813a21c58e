import Foundation

/// A calendar month in Asia/Shanghai, the period of monthly figures and statements.
public struct BusinessMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Validates the parts; nil for month 13.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(year: y, month: m)
    }

    /// The month a day falls in.
    public init(of day: BusinessDay) {
        self.year = day.year
        self.month = day.month
    }

    public var firstDay: BusinessDay { BusinessDay(year: year, month: month, day: 1)! }

    /// The month `months` months later (earlier when negative).
    public func advanced(by months: Int) -> BusinessMonth {
        let index = year * 12 + (month - 1) + months
        return BusinessMonth(year: index / 12, month: index % 12 + 1)!
    }

    /// The month after this one.
    public var next: BusinessMonth {
        month == 12 ? BusinessMonth(year: year + 1, month: 1)! : BusinessMonth(year: year, month: month + 1)!
    }

    /// Every day of the month, in order.
    public var days: [BusinessDay] { firstDay.days(until: next.firstDay) }

    /// The twelve months of the year, January first.
    public static func year(_ year: Int) -> [BusinessMonth] { (1...12).map { BusinessMonth(year: year, month: $0)! } }

    public var description: String { String(format: "%04d-%02d", year, month) }

    public static func < (lhs: BusinessMonth, rhs: BusinessMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let month = BusinessMonth(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM month: \(text)"))
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
