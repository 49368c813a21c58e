import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Sign-in attempts per login name and client address. Security counters, not business data: an
/// admin's unlock is audited (`UserRepository.unlock`), the counting is not.
public struct SignInThrottleRepository: Sendable {
    let database: any Database
    let ids: any IDGenerator

    public init(database: any Database, ids: any IDGenerator = .kernel) {
        self.database = database
        self.ids = ids
    }

    /// Counts one attempt for the name from the address and answers the count with it, in one
    /// statement (an upsert returning the row) on SQLite and PostgreSQL alike, following
    /// `SignInThrottle.counting`.
    public func countAttempt(for login: String, from address: String, at now: Date) async throws -> SignInThrottle {
        let ended: SQLQueryString = "sign_in_throttles.locked_until IS NOT NULL AND sign_in_throttles.locked_until <= \(bind: now)"
        // The lock's end for each number of earlier locks; past the longest, the longest.
        var nextLock = SQLQueryString("CASE sign_in_throttles.lock_count")
        for locks in 0..<7 {
            nextLock.appendInterpolation(unsafeRaw: " WHEN \(locks) THEN ")
            nextLock.appendInterpolation(bind: now.addingTimeInterval(SignInThrottle.lockDuration(afterLocks: locks)))
        }
        nextLock.appendInterpolation(unsafeRaw: " ELSE ")
        nextLock.appendInterpolation(bind: now.addingTimeInterval(SignInThrottle.longestLock))
        nextLock.appendInterpolation(unsafeRaw: " END")
        let locking: SQLQueryString =
            "NOT (\(ended)) AND sign_in_throttles.locked_until IS NULL AND sign_in_throttles.failures + 1 >= \(bind: SignInThrottle.maxFailures)"
        let row = try await database.sql().raw(
            """
            INSERT INTO sign_in_throttles (id, login, failures, locked_until, lock_count)
            VALUES (\(bind: ids.random()), \(bind: Self.key(login, address)), 1, NULL, 0)
            ON CONFLICT (login) DO UPDATE SET
              failures = CASE WHEN \(ended) THEN 1 ELSE sign_in_throttles.failures + 1 END,
              locked_until = CASE WHEN \(ended) THEN NULL
                WHEN sign_in_throttles.locked_until IS NOT NULL THEN sign_in_throttles.locked_until
                WHEN \(locking) THEN \(nextLock)
                ELSE NULL END,
              lock_count = CASE WHEN \(locking) THEN sign_in_throttles.lock_count + 1 ELSE sign_in_throttles.lock_count END
            RETURNING failures, locked_until, lock_count
            """
        ).first()
        guard let row else { return SignInThrottle(attempts: 1, lockedUntil: nil) }
        return SignInThrottle(
            attempts: try row.decode(column: "failures", as: Int.self), lockedUntil: try row.decode(column: "locked_until", as: Date?.self),
            locks: try row.decode(column: "lock_count", as: Int.self))
    }

    /// Forgets the name's attempts from the address: after a successful sign-in.
    public func reset(_ login: String, from address: String) async throws {
        try await SignInThrottleModel.query(on: database).filter(\.$login == Self.key(login, address)).delete()
    }

    /// The names locked from some address at `now`, for the staff page.
    public func lockedLogins(at now: Date) async throws -> Set<String> {
        let rows = try await database.sql().raw("SELECT login FROM sign_in_throttles WHERE locked_until > \(bind: now)").all()
        return Set(try rows.map { String(try $0.decode(column: "login", as: String.self).split(separator: "|", maxSplits: 1)[0]) })
    }

    /// Lifts every lock and count of the name, from every address: an admin's unlock.
    func unlock(_ login: String) async throws {
        let prefix = Self.name(login) + "|"
        try await database.sql().raw(
            "DELETE FROM sign_in_throttles WHERE substr(login, 1, CAST(\(bind: prefix.count) AS INTEGER)) = \(bind: prefix)"
        ).run()
    }

    private static func name(_ login: String) -> String {
        String(login.trimmingCharacters(in: .whitespaces).lowercased().prefix(80)).replacingOccurrences(of: "|", with: "")
    }

    private static func key(_ login: String, _ address: String) -> String {
        name(login) + "|" + String(address.prefix(64))
    }
}
