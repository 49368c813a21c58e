import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver

extension Database {
    /// Runs `work`, turning a unique-key violation into `PersistenceError.duplicate(field)` and a
    /// foreign-key violation into `PersistenceError.missingReference`.
    func translatingConflicts<T>(field: String, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as any DatabaseError & Error where error.isConstraintFailure {
            throw ConstraintKind(error) == .unique
                ? PersistenceError.duplicate(field: field) : PersistenceError.missingReference(field: field)
        }
    }
}

/// Which kind of constraint a database error broke, on SQLite and PostgreSQL alike.
enum ConstraintKind: Equatable {
    case unique, other

    init(_ error: any Error) {
        switch error {
        case let error as SQLiteError:
            let unique =
                [.constraintUniqueFailed, .constraintPrimaryKeyFailed].contains(error.reason)
                || (error.reason == .constraint && error.message.contains("UNIQUE"))
            self = unique ? .unique : .other
        case let error as SQLiteDirectError:
            self = error.isUniqueViolation ? .unique : .other
        case let error as PSQLError:
            // SQLSTATE 23505 is unique_violation.
            self = error.serverInfo?[.sqlState] == "23505" ? .unique : .other
        default:
            self = .other
        }
    }
}
