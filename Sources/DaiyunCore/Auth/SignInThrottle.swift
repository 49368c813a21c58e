import Foundation

/// Lock-out after repeated failed sign-ins, counted per login name and client address, whether or
/// not an account has that name, so that the lock-out tells nothing about which accounts exist and
/// a stranger who knows a login cannot lock its owner out from elsewhere. Each lock lasts twice as
/// long as the one before (a minute, then 2, 4 … up to an hour) until a sign-in succeeds or an
/// admin unlocks. Each attempt is counted before its password is checked, in one statement, so
/// concurrent attempts cannot share a count: the sixth of thirty parallel guesses is refused
/// unchecked like the thirtieth.
public struct SignInThrottle: Sendable, Equatable {
    /// Attempts whose password is checked before the name locks.
    public static let maxFailures = 5
    /// The longest a lock lasts.
    public static let longestLock: TimeInterval = 60 * 60

    /// Attempts counted since the last success or the end of the last lock, this one included.
    public let attempts: Int
    public let lockedUntil: Date?
    /// Locks since the last success: the next lasts `lockDuration(afterLocks:)` of this.
    public let locks: Int

    public init(attempts: Int, lockedUntil: Date?, locks: Int = 0) {
        self.attempts = attempts
        self.lockedUntil = lockedUntil
        self.locks = locks
    }

    /// How long a lock lasts after `locks` earlier ones: a minute, doubling, at most an hour.
    public static func lockDuration(afterLocks locks: Int) -> TimeInterval {
        min(longestLock, 60 * Double(1 << min(max(locks, 0), 10)))
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
    /// a fresh count (the number of locks stays), and the attempt that reaches the limit starts the
    /// next, longer lock. `SignInThrottleRepository` applies the same rule in one SQL statement; a
    /// test holds the two to each other.
    public static func counting(attemptAt now: Date, after stored: SignInThrottle?) -> SignInThrottle {
        guard let stored, stored.lockedUntil.map({ $0 > now }) ?? true else {
            return SignInThrottle(attempts: 1, lockedUntil: nil, locks: stored?.locks ?? 0)
        }
        let attempts = stored.attempts + 1
        if let lock = stored.lockedUntil { return SignInThrottle(attempts: attempts, lockedUntil: lock, locks: stored.locks) }
        guard attempts >= maxFailures else { return SignInThrottle(attempts: attempts, lockedUntil: nil, locks: stored.locks) }
        return SignInThrottle(
            attempts: attempts, lockedUntil: now.addingTimeInterval(lockDuration(afterLocks: stored.locks)), locks: stored.locks + 1)
    }
}
