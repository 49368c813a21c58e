import FluentKit
import FluentSQLiteDriver
import Foundation
import VaporCSQLite

/// The `sqlite3` handle beneath a SQLiteNIO connection, for the bulk writers' statements: each
/// is prepared once and stepped once per row, its values bound straight from `ColumnValue`s, and
/// their lookups' rows read straight into `TableRow`s. Through SQLiteNIO every multi-row
/// statement was parsed anew, each value copied into an array before binding, and each query
/// hopped to a thread pool and back (the README's benchmark section has the figures).
/// `SQLiteDirect.on` lends the handle only while the connection is held: inside a transaction,
/// the transaction's connection, so a bulk write stays in that transaction.
struct SQLiteDirect: @unchecked Sendable {
    // `@unchecked`: the handle is lent only while its connection is held (`on`), and SQLite itself
    // serializes its use across threads.
    private let handle: OpaquePointer

    /// Runs `body` with the handle of the connection `database` runs on, holding that connection
    /// until `body` returns. `body` blocks while SQLite works, so it runs on the connection's own
    /// thread pool (the app's), as SQLiteNIO's queries do, not on the threads that run the app's tasks.
    static func on<T: Sendable>(_ database: any SQLiteDatabase, _ body: @escaping @Sendable (SQLiteDirect) throws -> T) async throws -> T {
        try await database.withConnection { connection in
            let internals = try SQLiteConnectionInternals(connection)
            let direct = SQLiteDirect(handle: internals.handle)
            return try await internals.threadPool.runIfActive { try body(direct) }
        }
    }

    /// Runs the one-row statement `text` once for each row's values.
    func run(_ text: String, rows: [[ColumnValue]]) throws {
        try withStatement(text) { statement in
            for values in rows {
                try bind(values, to: statement)
                let step = sqlite_nio_sqlite3_step(statement)
                // The error of a failed step is the connection's until the reset; read it first.
                let error = step == SQLITE_DONE ? nil : failure(sqlite_nio_sqlite3_extended_errcode(handle))
                sqlite_nio_sqlite3_reset(statement)
                if let error { throw error }
            }
        }
    }

    /// Runs the query `text` and reads each result row as a `Row` (its columns in `Row.columns` order).
    func select<Row: TableRow>(_ type: Row.Type, _ text: String, binds: [ColumnValue], table: String) throws -> [Row] {
        try withStatement(text) { statement in
            try bind(binds, to: statement)
            let count = sqlite_nio_sqlite3_column_count(statement)
            var rows: [Row] = []
            while true {
                let step = sqlite_nio_sqlite3_step(statement)
                if step == SQLITE_DONE { return rows }
                guard step == SQLITE_ROW else { throw failure(sqlite_nio_sqlite3_extended_errcode(handle)) }
                var reader = ColumnReader((0..<count).map { column(at: $0, of: statement) }, table: table)
                rows.append(try Row(&reader))
            }
        }
    }

    private func withStatement<T>(_ text: String, _ body: (OpaquePointer) throws -> T) throws -> T {
        var prepared: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v2(handle, text, -1, &prepared, nil)
        guard code == SQLITE_OK, let statement = prepared else { throw failure(code) }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        return try body(statement)
    }

    private func bind(_ values: [ColumnValue], to statement: OpaquePointer) throws {
        for (offset, value) in values.enumerated() {
            let code = bind(value, at: Int32(offset + 1), in: statement)
            guard code == SQLITE_OK else { throw failure(code) }
        }
    }

    /// A result column as SQLiteNIO would have given it.
    private func column(at index: Int32, of statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT:
            return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            // The text pointer first, then its length (the order SQLite documents).
            let text = sqlite_nio_sqlite3_column_text(statement, index)
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            return .text(text.map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? "")
        case SQLITE_BLOB:
            let blob = sqlite_nio_sqlite3_column_blob(statement, index)
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            return .blob(ByteBuffer(bytes: UnsafeRawBufferPointer(start: blob, count: blob == nil ? 0 : count)))
        default:
            return .null
        }
    }

    /// Binds a value as SQLiteKit stores it: UUIDs as their upper-case text, dates as seconds
    /// since 1970, booleans as 0 and 1. SQLite copies texts as it binds them.
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
