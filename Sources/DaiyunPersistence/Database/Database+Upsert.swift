import Fluent
import SQLKit

extension Database {
    /// Multi-row `INSERT … ON CONFLICT (keys) DO UPDATE` of every column but the id and the keys.
    func upsert<Row: Encodable>(_ rows: [Row], into table: String, conflict keys: [String]) async throws {
        guard let first = rows.first else { return }
        let statement = try self.sql()
        let updated = try RowCoding.columns(of: first).filter { $0 != "id" && !keys.contains($0) }
        for start in stride(from: 0, to: rows.count, by: upsertChunk) {
            let slice = Array(rows[start..<min(start + upsertChunk, rows.count)])
            try await statement.insert(into: table).models(slice, with: RowCoding.encoder)
                .onConflict(with: keys) { builder in
                    var builder = builder
                    for column in updated { builder = builder.set(excludedValueOf: column) }
                    return builder
                }
                .run()
        }
    }
}

/// Rows per multi-row statement: well under SQLite's and PostgreSQL's bind limits for our widest table.
let upsertChunk = 400
