import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// A row type of a hot table, written and read by column position, straight from and to the
/// drivers' values: no Codable, no key-name lookup per field, no SQLKit serialiser (together
/// they cost more than the databases themselves in the import profile). `columns`, `values` and
/// `init(_:)` are written out field by field, which is what keeps the bulk writes fast: built from
/// one list of per-column closures or key paths, the SQLite import ran 10–20 % slower. Instead,
/// `TableRowTests` reads a row of distinct values into each type and fails at once unless every
/// column's name, its value's position and its reader's position reach the same field.
protocol TableRow: Sendable {
    /// Column names, in the order `values` gives them and `init(_:)` reads them.
    static var columns: [String] { get }
    /// This row's values, in column order.
    var values: [ColumnValue] { get }
    /// A row with every field empty (the test reads into it, and compares).
    init()
    /// Reads the row from a `SELECT` of `columns`.
    init(_ reader: inout ColumnReader) throws
}

extension UUID {
    /// The nil UUID, a row's id before it is read.
    static let zero = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

/// A value of a hot table's column, typed once so that each driver binds it without reflection.
enum ColumnValue: Sendable {
    case text(String?)
    case integer(Int64)
    case bool(Bool)
    case uuid(UUID)
    case date(Date?)

    static func integer(_ value: Int) -> ColumnValue { .integer(Int64(value)) }
}

/// Reads one result row's columns in order: SQLite's values as `SQLiteDirect` reads them, or
/// PostgresNIO's row.
struct ColumnReader {
    private enum Source {
        case sqlite([SQLiteData])
        case postgres(PostgresRow.Iterator)
    }

    private var source: Source
    private var index = 0
    private let table: String

    init(_ values: [SQLiteData], table: String) {
        source = .sqlite(values)
        self.table = table
    }

    init(_ row: PostgresRow, table: String) {
        source = .postgres(row.makeIterator())
        self.table = table
    }

    mutating func text() throws -> String {
        guard let value = try optionalText() else { throw unreadable("text") }
        return value
    }

    mutating func optionalText() throws -> String? {
        switch try next() {
        case .sqlite(.null): nil
        case .sqlite(.text(let v)): v
        case .sqlite: throw unreadable("text")
        case .postgres(let cell): try decode(cell, as: String?.self, "text")
        }
    }

    mutating func integer() throws -> Int64 {
        switch try next() {
        case .sqlite(.integer(let v)): Int64(v)
        case .sqlite: throw unreadable("integer")
        case .postgres(let cell): try decode(cell, as: Int64.self, "integer")
        }
    }

    mutating func int() throws -> Int { Int(try integer()) }

    mutating func bool() throws -> Bool {
        switch try next() {
        case .sqlite(.integer(let v)): v != 0
        case .sqlite: throw unreadable("boolean")
        case .postgres(let cell): try decode(cell, as: Bool.self, "boolean")
        }
    }

    mutating func uuid() throws -> UUID {
        switch try next() {
        case .sqlite(.text(let text)):
            guard let id = UUID(sqliteText: text) else { throw unreadable("UUID") }
            return id
        case .sqlite: throw unreadable("UUID")
        case .postgres(let cell): return try decode(cell, as: UUID.self, "UUID")
        }
    }

    mutating func date() throws -> Date {
        guard let value = try optionalDate() else { throw unreadable("time") }
        return value
    }

    mutating func optionalDate() throws -> Date? {
        switch try next() {
        case .sqlite(.null): return nil
        case .sqlite(let data):
            guard let date = Date(sqliteData: data) else { throw unreadable("time") }
            return date
        case .postgres(let cell): return try decode(cell, as: Date?.self, "time")
        }
    }

    private enum Cell {
        case sqlite(SQLiteData)
        case postgres(PostgresCell)
    }

    /// The next column's value; `index` then counts the columns read, so errors name it from 1.
    private mutating func next() throws -> Cell {
        index += 1
        switch source {
        case .sqlite(let columns):
            guard index <= columns.count else { throw unreadable("a column") }
            return .sqlite(columns[index - 1])
        case .postgres(var iterator):
            guard let cell = iterator.next() else { throw unreadable("a column") }
            source = .postgres(iterator)
            return .postgres(cell)
        }
    }

    private func decode<T: PostgresDecodable>(_ cell: PostgresCell, as type: T.Type, _ expected: String) throws -> T {
        do { return try cell.decode(T.self) } catch { throw unreadable(expected) }
    }

    private func unreadable(_ expected: String) -> PersistenceError {
        .unreadableColumn(table: table, column: index, expected: expected)
    }
}
