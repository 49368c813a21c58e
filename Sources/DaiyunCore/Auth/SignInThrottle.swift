import Foundation

/// Lock-out after repeated failed sign-ins, counted per login name whether or not an account has
/// that name, so that the lock-out itself tells nothing about which accounts exist.
public struct SignInThrottle: Sendable, Equatable {
    /// Failures in a row that lock the login name.
    public static let maxFailures = 5
    /// How long a locked name stays locked.
    public static let lockDuration: TimeInterval = 15 * 60

    public private(set) var failures: Int
    public private(set) var lockedUntil: Date?

    public init(failures: Int = 0, lockedUntil: Date? = nil) {
        self.failures = failures
        self.lockedUntil = lockedUntil
    }

    /// The time left on the lock, or nil when a sign-in may be tried now.
    public func remainingLock(at now: Date) -> TimeInterval? {
        guard let lockedUntil, lockedUntil > now else { return nil }
        return lockedUntil.timeIntervalSince(now)
    }

    /// Counts a failure; the failure that reaches the limit starts the lock.
    public mutating func recordFailure(at now: Date) {
        if let lockedUntil, lockedUntil <= now {
            // A lock that ran out starts a fresh count.
            failures = 0
            self.lockedUntil = nil
        }
        failures += 1
        if failures >= Self.maxFailures {
            lockedUntil = now.addingTimeInterval(Self.lockDuration)
        }
    }
}
