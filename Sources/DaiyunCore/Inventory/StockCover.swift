import Foundation

/// Whether a SKU's stock is running low: at or below the warning level set for it (预警库存), or
/// with fewer days of cover than a restock takes, at the pace of its last two weeks' sales.
public struct StockCover: Sendable, Equatable {
    /// The sales window the pace is taken over.
    public static let paceDays = 14
    /// Fewer days of cover than this is low: about what a restock from the brand takes.
    public static let lowBelowDays = 7

    /// On hand minus reserved, over the client's warehouses.
    public var available: Int
    /// Units sold (paid) in the last `paceDays` whole days, over the client's stores.
    public var soldInPace: Int
    /// The warning level; 0 warns only when nothing is left.
    public var warnAt: Int

    public init(available: Int, soldInPace: Int, warnAt: Int) {
        self.available = available
        self.soldInPace = soldInPace
        self.warnAt = warnAt
    }

    /// Days the available stock lasts at the recent pace, in tenths of a day (so that 2.5 days
    /// reads as 25); nil when nothing sold (the stock lasts for as long as nothing sells).
    public var daysOfCoverTenths: Int? {
        guard soldInPace > 0 else { return nil }
        return max(0, available) * Self.paceDays * 10 / soldInPace
    }

    public var isLow: Bool {
        if available <= warnAt { return true }
        guard let tenths = daysOfCoverTenths else { return false }
        return tenths < Self.lowBelowDays * 10
    }
}
