import Foundation

/// How long after payment a store has promised to ship (the channel's 发货时效; 48 hours unless
/// the store sets otherwise). An order not shipped by then is overdue and risks a penalty.
public struct ShippingPromise: Sendable, Equatable, Codable {
    public static let defaultHours = 48
    /// What a store may promise: at least an hour, at most 30 days (pre-sale goods).
    public static let hoursAllowed = 1...720

    public var hours: Int

    public init(hours: Int = ShippingPromise.defaultHours) {
        self.hours = hours
    }

    /// Parses a person's entry, in whole hours.
    public init(text: String, field: String = "ship_within_hours") throws {
        guard let hours = Int(text.trimmedASCII) else { throw ValidationError(field: field, rule: .wholeNumber) }
        self.hours = try InputBounds.check(hours, in: Self.hoursAllowed, field: field)
    }

    /// When an order paid at `paidAt` must have shipped.
    public func due(paidAt: Date) -> Date {
        paidAt.addingTimeInterval(Double(hours) * 3600)
    }

    /// Orders paid before this are overdue at `now` if still unshipped.
    public func overdueIfPaidBefore(_ now: Date) -> Date {
        now.addingTimeInterval(-Double(hours) * 3600)
    }

    /// Whether an unshipped order paid at `paidAt` is overdue at `now`: its due time has passed.
    public func isOverdue(paidAt: Date, at now: Date) -> Bool {
        due(paidAt: paidAt) < now
    }

    /// In JSON, the hours alone.
    public init(from decoder: any Decoder) throws {
        hours = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hours)
    }
}
