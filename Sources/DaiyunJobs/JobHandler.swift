import DaiyunCore
import Foundation

/// Does the work of one job kind. A feature registers its handlers with a `JobRegistry`; the
/// runner calls them and records how each job ended.
public protocol JobHandler: Sendable {
    /// Runs the job; returns a one-line summary of what it did. A `JobFailure` says whether
    /// trying again can help; any other error is retried after a backoff.
    func run(_ job: Job, now: Date) async throws -> Message
}

/// A job's failure, and whether trying again can help (a refused signature or an expired
/// session cannot: the job goes to the dead letters at once for a person).
public struct JobFailure: Error, Sendable {
    public var said: Message
    public var final: Bool
    /// The English, for the logs and the API.
    public var message: String { said.english }

    public init(_ said: Message, final: Bool) {
        self.said = said
        self.final = final
    }

    /// An error no message was written for (a connection dropped, say), as its text.
    public init(unexpected error: any Error) {
        self.init(Message("job_error_unexpected", ["\(error)"], english: "\(error)"), final: false)
    }
}

/// A handler made of a closure, for small kinds.
public struct JobClosure: JobHandler {
    let body: @Sendable (Job, Date) async throws -> Message

    public init(_ body: @escaping @Sendable (Job, Date) async throws -> Message) {
        self.body = body
    }

    public func run(_ job: Job, now: Date) async throws -> Message { try await body(job, now) }
}
