import Foundation
import SQLKit

/// A row type of a hot table, written and read by column position: no Codable, no key-name
/// conversion per field (which cost more than SQLite itself in the import profile).
protocol TableRow: Sendable {
    /// Column names, in the order `values` gives them.
    static var columns: [String] { get }
    /// This row's values as binds, in column order.
    var values: [any SQLExpression] { get }
    /// Reads the row from a `SELECT` of `columns`.
    init(_ row: any SQLRow) throws
}

extension Database {
    /// Multi-row `INSERT … ON CONFLICT (keys) DO UPDATE` of every column but the id and the keys.
    func upsert<Row: TableRow>(_ rows: [Row], into table: String, conflict keys: [String]) async throws {
        guard !rows.isEmpty else { return }
        let statement = try self.sql()
        let updated = Row.columns.filter { $0 != "id" && !keys.contains($0) }
        for start in stride(from: 0, to: rows.count, by: upsertChunk) {
            let insert = statement.insert(into: table).columns(Row.columns)
            for row in rows[start..<min(start + upsertChunk, rows.count)] { insert.values(row.values) }
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

import Fluent
