import Foundation

/// Lock-out after repeated failed sign-ins, counted per login name whether or not an account has
/// that name, so that the lock-out itself tells nothing about which accounts exist. Each attempt is
/// counted before its password is checked, in one statement, so concurrent attempts cannot share a
/// count: the sixth of thirty parallel guesses is refused unchecked like the thirtieth.
public struct SignInThrottle: Sendable, Equatable {
    /// Attempts whose password is checked before the name locks.
    public static let maxFailures = 5
    /// How long a locked name stays locked.
    public static let lockDuration: TimeInterval = 15 * 60

    /// Attempts counted since the last success or the end of the last lock, this one included.
    public let attempts: Int
    public let lockedUntil: Date?

    public init(attempts: Int, lockedUntil: Date?) {
        self.attempts = attempts
        self.lockedUntil = lockedUntil
    }

    /// The time left on the lock, or nil when the name is not locked.
    public func remainingLock(at now: Date) -> TimeInterval? {
        guard let lockedUntil, lockedUntil > now else { return nil }
        return lockedUntil.timeIntervalSince(now)
    }

    /// Whether this attempt is past the limit while the lock holds: its password is not checked.
    public func refuses(at now: Date) -> Bool { attempts > Self.maxFailures && remainingLock(at: now) != nil }

    /// Whether this attempt, if its password is wrong, leaves the name locked.
    public var locksIfWrong: Bool { attempts >= Self.maxFailures }

    /// The count after one more attempt at `now`, from the stored count: a lock that ran out starts
    /// afresh, and the attempt that reaches the limit starts the lock. `SignInThrottleRepository`
    /// applies the same rule in one SQL statement; a test holds the two to each other.
    public static func counting(attemptAt now: Date, after stored: SignInThrottle?) -> SignInThrottle {
        guard let stored, stored.lockedUntil.map({ $0 > now }) ?? true else { return SignInThrottle(attempts: 1, lockedUntil: nil) }
        let attempts = stored.attempts + 1
        let lock = stored.lockedUntil ?? (attempts >= maxFailures ? now.addingTimeInterval(lockDuration) : nil)
        return SignInThrottle(attempts: attempts, lockedUntil: lock)
    }
}
