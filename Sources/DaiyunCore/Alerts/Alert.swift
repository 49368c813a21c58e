import Foundation

/// Where an alert stands: raised, seen by someone who works on it, or over (by hand, or because
/// what raised it cleared).
public enum AlertStatus: String, Sendable, CaseIterable, Codable {
    case open, acknowledged, resolved
}

/// An alert a rule raised in a store, with the numbers that raised it (its message, the latest
/// evaluation's) and what it points at.
public struct Alert: Sendable, Equatable {
    public var id: UUID
    public var storeID: ID<Store>
    public var ruleID: UUID
    public var kind: AlertKind
    public var subject: String
    public var severity: AlertSeverity
    public var status: AlertStatus
    public var message: Message
    public var link: AlertLink
    public var openedAt: Date
    public var lastSeenAt: Date
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var resolvedAt: Date?
    public var resolvedBy: String?

    public init(
        id: UUID, storeID: ID<Store>, ruleID: UUID, kind: AlertKind, subject: String, severity: AlertSeverity, status: AlertStatus,
        message: Message, link: AlertLink, openedAt: Date, lastSeenAt: Date, acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil,
        resolvedAt: Date? = nil, resolvedBy: String? = nil
    ) {
        self.id = id
        self.storeID = storeID
        self.ruleID = ruleID
        self.kind = kind
        self.subject = subject
        self.severity = severity
        self.status = status
        self.message = message
        self.link = link
        self.openedAt = openedAt
        self.lastSeenAt = lastSeenAt
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
    }
}
