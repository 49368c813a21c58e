import FluentKit
import FluentSQLiteDriver
import Foundation
import VaporCSQLite

/// The `sqlite3` handle beneath a SQLiteNIO connection, for the bulk writers' statements: each
/// is prepared once and stepped once per row, its values bound straight from `ColumnValue`s.
/// Through SQLiteNIO every multi-row statement was parsed anew and each value copied into an
/// array before binding, and the query hopped to a thread pool and back; those costs were a third
/// of the SQLite import (measured on the bench's year: 55,000 rows/s through SQLiteNIO, 82,000
/// direct). It runs on the caller's thread, on the connection its transaction holds, so a bulk
/// write stays inside that transaction.
struct SQLiteDirect: @unchecked Sendable {
    // `@unchecked`: SQLiteNIO opens its connections in serialized mode (`SQLITE_OPEN_FULLMUTEX`),
    // so SQLite itself guards the handle; our writers use it only while their transaction holds it.
    private let handle: OpaquePointer

    /// The handle of the connection `database` runs on (the transaction's, inside one).
    /// SQLiteNIO keeps the handle internal, so it is read by reflection; the package pins
    /// sqlite-nio's minor version, and `SQLiteDirectTests` fails if the layout changes.
    init(_ database: any SQLiteDatabase) async throws {
        let direct = try await database.withConnection { connection in
            connection.eventLoop.makeSucceededFuture(Self(handleOf: connection))
        }.get()
        guard let direct else { throw HandleUnavailable() }
        self = direct
    }

    private init?(handleOf connection: SQLiteConnection) {
        guard let handle = Mirror(reflecting: connection).descendant("handle", "raw") as? OpaquePointer else { return nil }
        self.handle = handle
    }

    /// Runs the one-row statement `text` once for each row's values.
    func run(_ text: String, rows: [[ColumnValue]]) throws {
        var prepared: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v2(handle, text, -1, &prepared, nil)
        guard code == SQLITE_OK, let statement = prepared else { throw failure(code) }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        for values in rows {
            for (offset, value) in values.enumerated() {
                let code = bind(value, at: Int32(offset + 1), in: statement)
                guard code == SQLITE_OK else { throw failure(code) }
            }
            let step = sqlite_nio_sqlite3_step(statement)
            // The error of a failed step is the connection's until the reset; read it first.
            let error = step == SQLITE_DONE ? nil : failure(sqlite_nio_sqlite3_extended_errcode(handle))
            sqlite_nio_sqlite3_reset(statement)
            if let error { throw error }
        }
    }

    /// Binds a value as SQLiteKit stores it: UUIDs as their upper-case
    /// text, dates as seconds since 1970, booleans as 0 and 1. SQLite copies texts as it binds them.
    private func bind(_ value: ColumnValue, at index: Int32, in statement: OpaquePointer) -> Int32 {
        switch value {
        case .text(nil), .date(nil):
            return sqlite_nio_sqlite3_bind_null(statement, index)
        case .text(var text?):
            return text.withUTF8 { bindText($0, at: index, in: statement) }
        case .integer(let integer):
            return sqlite_nio_sqlite3_bind_int64(statement, index, integer)
        case .bool(let bool):
            return sqlite_nio_sqlite3_bind_int64(statement, index, bool ? 1 : 0)
        case .uuid(let id):
            return id.withSQLiteText { bindText($0, at: index, in: statement) }
        case .date(let date?):
            return sqlite_nio_sqlite3_bind_double(statement, index, date.timeIntervalSince1970)
        }
    }

    private func bindText(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int32, in statement: OpaquePointer) -> Int32 {
        // An empty buffer may have no address, and SQLite binds a null one as NULL.
        guard let bytes = utf8.baseAddress, !utf8.isEmpty else {
            return sqlite_nio_sqlite3_bind_text64(statement, index, "", 0, transient, UInt8(SQLITE_UTF8))
        }
        return bytes.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
            sqlite_nio_sqlite3_bind_text64(statement, index, $0, UInt64(utf8.count), transient, UInt8(SQLITE_UTF8))
        }
    }

    private func failure(_ code: Int32) -> SQLiteDirectError {
        SQLiteDirectError(code: code, message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }

    struct HandleUnavailable: Error, CustomStringConvertible {
        var description: String { "this SQLiteNIO version does not keep its connection's handle where Daiyun's bulk writer reads it" }
    }
}

/// An error SQLite reported to a direct statement, with its extended result code.
struct SQLiteDirectError: Error, CustomStringConvertible, DatabaseError {
    let code: Int32
    let message: String

    var description: String { "SQLite error \(code): \(message)" }

    /// A unique or primary-key violation.
    var isUniqueViolation: Bool {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY, macros Swift does not import.
        code == SQLITE_CONSTRAINT | 8 << 8 || code == SQLITE_CONSTRAINT | 6 << 8
    }

    var isSyntaxError: Bool { false }
    var isConnectionClosed: Bool { false }
    var isConstraintFailure: Bool { code & 0xFF == SQLITE_CONSTRAINT }
}

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
private var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
