import Foundation

/// Background work stored in the database: a store's sync, a stock push, a shipment.
public struct Job: Sendable, Equatable, Codable {
    public var id: UUID
    public var agencyID: ID<Agency>
    public var storeID: ID<Store>
    public var kind: JobKind
    /// The job's parameters as JSON.
    public var payload: String
    /// Jobs with the same key coalesce while queued (one stock push per listing per burst) and
    /// never run at the same time (one sync per store).
    public var dedupeKey: String
    /// Jobs with the same lock key never run at the same time: a store's sync and its stock push
    /// share one, so the push reads stock the sync is not halfway through reserving.
    public var lockKey: String
    public var status: JobStatus
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var lockedBy: String?
    public var lockedAt: Date?
    public var lastError: String?
    public var result: String?
    public var createdAt: Date
    public var finishedAt: Date?

    public init(id: UUID, agencyID: ID<Agency>, storeID: ID<Store>, kind: JobKind, payload: String, dedupeKey: String, lockKey: String, status: JobStatus,
                attempts: Int, maxAttempts: Int, runAt: Date, lockedBy: String? = nil, lockedAt: Date? = nil, lastError: String? = nil,
                result: String? = nil, createdAt: Date, finishedAt: Date? = nil) {
        self.id = id
        self.agencyID = agencyID
        self.storeID = storeID
        self.kind = kind
        self.payload = payload
        self.dedupeKey = dedupeKey
        self.lockKey = lockKey
        self.status = status
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.lockedBy = lockedBy
        self.lockedAt = lockedAt
        self.lastError = lastError
        self.result = result
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }

    /// When a failed attempt runs again: 30 s, 1, 2, 4 … minutes, at most an hour; nil once the
    /// attempts are spent (the job is dead and waits for a person).
    public func retryAt(after now: Date) -> Date? {
        guard attempts < maxAttempts else { return nil }
        let delay = min(3600, 30 * pow(2, Double(max(0, attempts - 1))))
        return now.addingTimeInterval(delay)
    }
}

/// What a job does.
public enum JobKind: String, Sendable, Codable, CaseIterable {
    case sync
    case stockPush = "stock_push"
    case ship

    /// Whether the store's jobs of this kind exclude each other: a sync and a stock push both read
    /// and write the store's stock; shipments only touch their own order.
    public var holdsStoreLock: Bool {
        self != .ship
    }
}

/// Where a job is in its life.
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    case queued, running, done
    /// Its attempts are spent: a person looks at the error and retries it.
    case dead
}
