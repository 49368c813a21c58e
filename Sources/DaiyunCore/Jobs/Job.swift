import Foundation

/// Background work stored in the database, for an agency, a client or a store: a store's sync, a
/// stock push, a shipment, and later rollups, alerts, robot deliveries, scheduled reports.
public struct Job: Sendable, Equatable, Codable {
    public var id: UUID
    public var scope: JobScope
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
    /// The runner (host and process) that holds the job while it runs.
    public var lockedBy: String?
    public var lockedAt: Date?
    public var lastError: String?
    public var result: String?
    /// The result and the last error as messages, said in the reader's language (jobs finished
    /// before messages have the English only).
    public var resultMessage: Message?
    public var errorMessage: Message?
    public var createdAt: Date
    public var finishedAt: Date?

    public init(
        id: UUID, scope: JobScope, kind: JobKind, payload: String, dedupeKey: String, lockKey: String, status: JobStatus,
        attempts: Int, maxAttempts: Int, runAt: Date, lockedBy: String? = nil, lockedAt: Date? = nil, lastError: String? = nil,
        result: String? = nil, resultMessage: Message? = nil, errorMessage: Message? = nil, createdAt: Date, finishedAt: Date? = nil
    ) {
        self.id = id
        self.scope = scope
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
        self.resultMessage = resultMessage
        self.errorMessage = errorMessage
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }

    public var agencyID: ID<Agency> { scope.agencyID }
    /// The store a store job is for; nil for an agency's or a client's job.
    public var storeID: ID<Store>? { scope.storeID }

    /// When a failed attempt runs again: 30 s, 1, 2, 4 … minutes, at most an hour; nil once the
    /// attempts are spent (the job is dead and waits for a person).
    public func retryAt(after now: Date) -> Date? {
        guard attempts < maxAttempts else { return nil }
        let delay = min(3600, 30 * pow(2, Double(max(0, attempts - 1))))
        return now.addingTimeInterval(delay)
    }
}

/// Whom a job works for: the whole agency (its rollups, its robots), one client (its statement),
/// or one store (its sync). A store's and a client's jobs name their agency too.
public enum JobScope: Sendable, Equatable, Codable, Hashable {
    case agency(ID<Agency>)
    case client(ID<Client>, agency: ID<Agency>)
    case store(ID<Store>, client: ID<Client>, agency: ID<Agency>)

    public static func of(_ store: Store) -> JobScope { .store(store.id, client: store.clientID, agency: store.agencyID) }

    public var agencyID: ID<Agency> {
        switch self {
        case .agency(let id), .client(_, let id), .store(_, _, let id): id
        }
    }

    public var clientID: ID<Client>? {
        switch self {
        case .agency: nil
        case .client(let id, _), .store(_, let id, _): id
        }
    }

    public var storeID: ID<Store>? {
        if case .store(let id, _, _) = self { id } else { nil }
    }

    /// The lock the jobs of a kind that locks its scope share: `store:<id>`, `client:<id>` or `agency:<id>`.
    public var lockKey: String {
        switch self {
        case .agency(let id): "agency:\(id.rawValue)"
        case .client(let id, _): "client:\(id.rawValue)"
        case .store(let id, _, _): "store:\(id.rawValue)"
        }
    }
}

/// What a job does: a name the runner finds its handler by. Features declare their kinds
/// (`JobKind.sync`) and register a handler for each with the job system.
public struct JobKind: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    /// Whether a job of this kind excludes every other scope-locking job of its scope while it
    /// runs (a store's sync and stock push both read and write its stock); otherwise it excludes
    /// only jobs with its own key. Read when a job is queued; a stored job keeps its lock key.
    public let locksScope: Bool

    public init(_ rawValue: String, locksScope: Bool) {
        self.rawValue = rawValue
        self.locksScope = locksScope
    }

    /// A stored job's kind, by name.
    public init(storedName: String) {
        self.init(storedName, locksScope: false)
    }

    public var description: String { rawValue }

    public static func == (a: JobKind, b: JobKind) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public init(from decoder: any Decoder) throws {
        self.init(storedName: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension JobKind {
    /// A store's incremental sync of orders, refunds and reviews from its channel.
    public static let sync = JobKind("sync", locksScope: true)
    /// A store's push of available stock to its channel listings.
    public static let stockPush = JobKind("stock_push", locksScope: true)
    /// One shipment sent to the channel; it touches only its own order.
    public static let ship = JobKind("ship", locksScope: false)
}

/// Where a job is in its life.
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    case queued, running, done
    /// Its attempts are spent: a person looks at the error and retries it.
    case dead
}
