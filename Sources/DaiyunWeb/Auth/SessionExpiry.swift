import DaiyunPersistence
import Fluent
import Foundation
import Vapor

/// Sessions end on the server, not only in the browser: a session is good for 12 hours from its
/// start (the cookie's age too). After that its cookie signs nobody in, even if it was copied
/// out of the browser, and each sign-in deletes the sessions that have ended.
enum SessionExpiry {
    static let lifetime: TimeInterval = 12 * 3600
    /// The session data key holding when the session started, in seconds since 1970.
    static let startKey = "started_at"

    /// Whether a session with this data has ended; one that never said when it started has.
    static func hasEnded(_ data: SessionData, at now: Date) -> Bool {
        guard let text = data[startKey], let started = TimeInterval(text) else { return true }
        return now.timeIntervalSince1970 - started >= lifetime
    }

    /// Dates a session as starting at `now`.
    static func stamp(_ data: inout SessionData, at now: Date) {
        data[startKey] = String(Int64(now.timeIntervalSince1970))
    }

    /// Deletes a bounded batch of the kept sessions that have ended, by the index on their start;
    /// returns how many.
    @discardableResult
    static func sweep(on database: any Database, at now: Date) async throws -> Int {
        try await SessionRepository(database: database).sweep(startedBefore: now.addingTimeInterval(-lifetime))
    }
}

/// Dates each session when it is first given data, so that it ends on time.
struct SessionStartStamp: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.hasSession, !request.session.data.snapshot.isEmpty, request.session.data[SessionExpiry.startKey] == nil {
            SessionExpiry.stamp(&request.session.data, at: request.now)
        }
        return response
    }
}
