import Foundation

/// A refund or return request on an order line, as the channel reports it.
public struct Refund: Sendable, Equatable, Codable {
    public var storeID: ID<Store>
    public var refundID: String
    public var tid: String
    public var oid: String
    public var status: RefundStatus
    public var phase: RefundPhase
    /// What the buyer asked back; counted in the refunds figure once the refund succeeded.
    public var refundFee: Money
    public var reason: String
    /// Whether goods come back: `BUYER_NOT_RECEIVED`, `BUYER_RECEIVED`, `BUYER_RETURNED_GOODS`.
    public var goodStatus: String
    public var createdAt: Date
    public var modifiedAt: Date?

    /// When the refund counts in the refunds figure (DESIGN §3, refunds completed in the period):
    /// the time of the report that found it succeeded, which never changes after; nil until then.
    public var completedAt: Date? { status == .success ? (modifiedAt ?? createdAt) : nil }

    /// The Asia/Shanghai day the refund counts on in the daily figures, or nil.
    public var completedDay: BusinessDay? { completedAt.map(BusinessDay.init(containing:)) }

    public init(
        storeID: ID<Store>, refundID: String, tid: String, oid: String, status: RefundStatus, phase: RefundPhase,
        refundFee: Money, reason: String = "", goodStatus: String = "", createdAt: Date, modifiedAt: Date? = nil
    ) {
        self.storeID = storeID
        self.refundID = refundID
        self.tid = tid
        self.oid = oid
        self.status = status
        self.phase = phase
        self.refundFee = refundFee
        self.reason = reason
        self.goodStatus = goodStatus
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
    }

    /// The refund after a later report. A refund may go back and forth while open (refused, then
    /// asked again), so the newer report wins; a finished refund never changes.
    public func applying(_ report: Refund) -> Refund {
        if status.isTerminal { return self }
        if let kept = modifiedAt, let reported = report.modifiedAt, reported < kept { return self }
        if report.modifiedAt == nil, modifiedAt != nil, !report.status.isTerminal { return self }
        var merged = report
        merged.modifiedAt = [modifiedAt, report.modifiedAt].compactMap { $0 }.max()
        return merged
    }
}
