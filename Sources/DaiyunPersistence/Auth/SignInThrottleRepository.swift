import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Sign-in attempts per login name. Security counters, not business data: not audited.
public struct SignInThrottleRepository: Sendable {
    let database: any Database
    let ids: any IDGenerator

    public init(database: any Database, ids: any IDGenerator = .kernel) {
        self.database = database
        self.ids = ids
    }

    /// Counts one attempt for the name and answers the count with it, in one statement (an upsert
    /// returning the row) on SQLite and PostgreSQL alike, following `SignInThrottle.counting`.
    public func countAttempt(for login: String, at now: Date) async throws -> SignInThrottle {
        let until = now.addingTimeInterval(SignInThrottle.lockDuration)
        let ended: SQLQueryString = "sign_in_throttles.locked_until IS NOT NULL AND sign_in_throttles.locked_until <= \(bind: now)"
        let row = try await database.sql().raw(
            """
            INSERT INTO sign_in_throttles (id, login, failures, locked_until) VALUES (\(bind: ids.random()), \(bind: Self.key(login)), 1, NULL)
            ON CONFLICT (login) DO UPDATE SET
              failures = CASE WHEN \(ended) THEN 1 ELSE sign_in_throttles.failures + 1 END,
              locked_until = CASE WHEN \(ended) THEN NULL
                WHEN sign_in_throttles.locked_until IS NOT NULL THEN sign_in_throttles.locked_until
                WHEN sign_in_throttles.failures + 1 >= \(bind: SignInThrottle.maxFailures) THEN \(bind: until)
                ELSE NULL END
            RETURNING failures, locked_until
            """
        ).first()
        guard let row else { return SignInThrottle(attempts: 1, lockedUntil: nil) }
        return SignInThrottle(
            attempts: try row.decode(column: "failures", as: Int.self), lockedUntil: try row.decode(column: "locked_until", as: Date?.self))
    }

    /// Forgets the name's attempts: after a successful sign-in.
    public func reset(_ login: String) async throws {
        try await SignInThrottleModel.query(on: database).filter(\.$login == Self.key(login)).delete()
    }

    private static func key(_ login: String) -> String {
        String(login.trimmingCharacters(in: .whitespaces).lowercased().prefix(80))
    }
}
