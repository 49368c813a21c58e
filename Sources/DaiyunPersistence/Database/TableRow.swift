import FluentSQLiteDriver
import Foundation
import SQLKit
import Synchronization

/// A row type of a hot table, written and read by column position: no Codable, no key-name
/// conversion per field (which cost more than SQLite itself in the import profile).
protocol TableRow: Sendable {
    /// Column names, in the order `values` gives them.
    static var columns: [String] { get }
    /// This row's values, in column order.
    var values: [ColumnValue] { get }
    /// Reads the row from a `SELECT` of `columns`.
    init(_ row: any SQLRow) throws
}

/// A value of a hot table's column, typed once so that each driver binds it without reflection.
enum ColumnValue: Sendable {
    case text(String?), integer(Int64), bool(Bool), uuid(UUID), date(Date?)

    static func integer(_ value: Int) -> ColumnValue { .integer(Int64(value)) }

    /// The bind SQLKit serialises (PostgreSQL); a null keeps its column's type.
    var bind: SQLBind {
        switch self {
        case .text(let v): SQLBind(v)
        case .integer(let v): SQLBind(v)
        case .bool(let v): SQLBind(v)
        case .uuid(let v): SQLBind(v)
        case .date(let v): SQLBind(v)
        }
    }

    /// The value as SQLite stores it through SQLiteKit: UUIDs as their uppercase text, dates as
    /// seconds since 1970, booleans as 0 and 1.
    var sqlite: SQLiteData {
        switch self {
        case .text(let v): v.map { .text($0) } ?? .null
        case .integer(let v): .integer(Int(v))
        case .bool(let v): .integer(v ? 1 : 0)
        case .uuid(let v): .text(v.uuidString)
        case .date(let v): v.map { .float($0.timeIntervalSince1970) } ?? .null
        }
    }
}

extension Database {
    /// Multi-row `INSERT … ON CONFLICT (keys) DO UPDATE` of every column but the id and the keys.
    /// On SQLite the statement text is made once per chunk size and the values bound as they are,
    /// below SQLKit's serialiser and encoder (the import's hottest Swift code).
    func upsert<Row: TableRow>(_ rows: [Row], into table: String, conflict keys: [String]) async throws {
        guard !rows.isEmpty else { return }
        let updated = Row.columns.filter { $0 != "id" && !keys.contains($0) }
        for start in stride(from: 0, to: rows.count, by: upsertChunk) {
            let chunk = rows[start..<min(start + upsertChunk, rows.count)]
            if let sqlite = self as? any SQLiteDatabase {
                let text = UpsertStatement.text(table: table, columns: Row.columns, rows: chunk.count, conflict: keys, updated: updated)
                var binds: [SQLiteData] = []
                binds.reserveCapacity(chunk.count * Row.columns.count)
                for row in chunk { for value in row.values { binds.append(value.sqlite) } }
                try await sqlite.query(text, binds, logger: sqlite.logger) { _ in }.get()
                continue
            }
            let insert = try self.sql().insert(into: table).columns(Row.columns)
            for row in chunk { insert.values(row.values.map(\.bind)) }
            try await insert.onConflict(with: keys) { builder in
                var builder = builder
                for column in updated { builder = builder.set(excludedValueOf: column) }
                return builder
            }.run()
        }
    }

    /// `SELECT columns FROM table WHERE store_id = ? AND key IN (…)`, read as rows.
    func select<Row: TableRow>(_ type: Row.Type, from table: String, store: UUID, where key: String, in values: [String]) async throws -> [Row] {
        try await sql().select().columns(Row.columns).from(table)
            .where("store_id", .equal, SQLBind(store)).where(key, .in, SQLBind.group(values)).all()
            .map { try Row($0) }
    }
}

/// The text of a multi-row SQLite upsert, made once per table and row count.
enum UpsertStatement {
    private static let cache = Mutex<[String: String]>([:])

    static func text(table: String, columns: [String], rows: Int, conflict keys: [String], updated: [String]) -> String {
        let key = "\(table)/\(rows)"
        if let text = cache.withLock({ $0[key] }) { return text }
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let text = "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ","))) VALUES "
            + Array(repeating: tuple, count: rows).joined(separator: ",")
            + " ON CONFLICT (\(keys.map { "\"\($0)\"" }.joined(separator: ","))) DO UPDATE SET "
            + updated.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        cache.withLock { $0[key] = text }
        return text
    }
}
