import DaiyunCore
import Foundation

/// Does the work of one job kind. A feature registers its handlers with a `JobRegistry`; the
/// runner calls them and records how each job ended.
public protocol JobHandler: Sendable {
    /// Runs the job; returns a one-line summary of what it did. A `JobFailure` says whether
    /// trying again can help; any other error is retried after a backoff.
    func run(_ job: Job, now: Date) async throws -> String
}

/// A job's failure, and whether trying again can help (a refused signature or an expired
/// session cannot: the job goes to the dead letters at once for a person).
public struct JobFailure: Error, Sendable {
    public var message: String
    public var final: Bool

    public init(_ message: String, final: Bool) {
        self.message = message
        self.final = final
    }
}

/// A handler made of a closure, for small kinds.
public struct JobClosure: JobHandler {
    let body: @Sendable (Job, Date) async throws -> String

    public init(_ body: @escaping @Sendable (Job, Date) async throws -> String) {
        self.body = body
    }

    public func run(_ job: Job, now: Date) async throws -> String { try await body(job, now) }
}
