import Foundation

/// A person's service figures over a period, from what Daiyun keeps today: the alerts they
/// acknowledged, and how many within `acknowledgeHours` of opening; the shipments they sent, and
/// how many within their store's promised hours after payment.
public struct StaffKPIs: Sendable, Equatable {
    /// An alert is handled in time when acknowledged within two hours of opening.
    public static let acknowledgeHours = 2

    public var alertsAcknowledged = 0
    public var alertsInTime = 0
    public var shipments = 0
    public var shipmentsInTime = 0

    public init() {}

    /// Counts an acknowledgement.
    public mutating func acknowledged(opened: Date, at acknowledged: Date) {
        alertsAcknowledged += 1
        if acknowledged.timeIntervalSince(opened) <= Double(Self.acknowledgeHours) * 3_600 { alertsInTime += 1 }
    }

    /// Counts a shipment sent at `sent` of an order paid at `paid`, under the store's promise.
    public mutating func shipped(paid: Date, at sent: Date, promise: ShippingPromise) {
        shipments += 1
        if sent <= paid.addingTimeInterval(Double(promise.hours) * 3_600) { shipmentsInTime += 1 }
    }

    /// The share acknowledged in time, in basis points; nil without any.
    public var alertsInTimeBP: Int? { Rate.basisPoints(alertsInTime, of: alertsAcknowledged) }
    /// The share shipped in time, in basis points; nil without any.
    public var shipmentsInTimeBP: Int? { Rate.basisPoints(shipmentsInTime, of: shipments) }
}
