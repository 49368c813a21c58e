import DaiyunCore
import Foundation

/// The job kinds a runner knows: each kind's handler, and the planners that say which jobs are due.
/// A feature adds a kind by registering it here; the runner does not change.
public struct JobRegistry: Sendable {
    public private(set) var handlers: [JobKind: any JobHandler] = [:]
    public private(set) var planners: [any JobPlanner] = []

    public init() {}

    /// Registers the handler of `kind`; a second registration of one kind replaces the first.
    public mutating func register(_ kind: JobKind, _ handler: any JobHandler) {
        handlers[kind] = handler
    }

    /// Registers a planner, asked every scheduling pass which jobs are due.
    public mutating func plan(_ planner: any JobPlanner) {
        planners.append(planner)
    }

    /// A fixed schedule: `kind` for each scope `scopes` lists, at the times `schedule` gives.
    public mutating func schedule(_ kind: JobKind, _ schedule: JobSchedule, for scopes: @escaping @Sendable () async throws -> [JobScope]) {
        plan(ScheduledPlanner(kind: kind, schedule: schedule, scopes: scopes))
    }

    public var kinds: [JobKind] { handlers.keys.sorted { $0.rawValue < $1.rawValue } }
}

/// What a planner asks for in one scheduling pass.
public enum JobPlan: Sendable, Equatable {
    /// A periodic job of a scope, due by its schedule after the last one finished; none is queued
    /// while one is queued, running or dead.
    case periodic(JobKind, JobScope, JobSchedule)
    /// A job due at a time, queued unless the same work (its key) is queued or running.
    case once(JobKind, JobScope, key: String?, runAt: Date)
}

/// Says which jobs are due: the stores' syncs, the stock pushes after a change, the daily rollups.
public protocol JobPlanner: Sendable {
    func plans(now: Date) async throws -> [JobPlan]
}

/// A kind on a fixed schedule for a list of scopes (every agency's nightly rollup).
struct ScheduledPlanner: JobPlanner {
    let kind: JobKind
    let schedule: JobSchedule
    let scopes: @Sendable () async throws -> [JobScope]

    func plans(now: Date) async throws -> [JobPlan] {
        try await scopes().map { .periodic(kind, $0, schedule) }
    }
}
