import Fluent
import SQLKit

extension Database {
    /// Rows per statement of `insert(rows:…)`: well under both databases' bind limits.
    static var rowsPerStatement: Int { 500 }

    /// `INSERT … VALUES (…), (…) ON CONFLICT (keys) DO UPDATE SET …` for small tables of figures,
    /// in statements of `rowsPerStatement` rows. `assignments` say what a kept row's columns become.
    func insert(
        _ rows: [[SQLBind]], into table: String, columns: [String], onConflict keys: [String],
        set assignments: [(column: String, value: any SQLExpression)]
    ) async throws {
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerStatement) {
            let insert = try sql().insert(into: table).columns(columns)
            for row in rows[start..<min(start + Self.rowsPerStatement, rows.count)] { insert.values(row) }
            try await insert.onConflict(with: keys) { conflict in
                for assignment in assignments { conflict.set(assignment.column, to: assignment.value) }
                return conflict
            }.run()
        }
    }
}
