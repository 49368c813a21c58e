import Foundation

/// A one-time link that lets a new account (a brand's viewer, invited by the agency) set its
/// own password, until it expires.
public struct Invitation: Sendable, Equatable {
    /// How long a link works: a week.
    public static let lifetime: TimeInterval = 7 * 86_400

    public var id: UUID
    public var userID: ID<User>
    public var expiresAt: Date
    public var usedAt: Date?

    public init(id: UUID, userID: ID<User>, expiresAt: Date, usedAt: Date?) {
        self.id = id
        self.userID = userID
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }

    /// Whether the link still sets a password: not used, not expired.
    public func isOpen(at now: Date) -> Bool { usedAt == nil && now < expiresAt }
}
