import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// A row type of a hot table, written and read by column position, straight from and to the
/// drivers' values: no Codable, no key-name lookup per field, no SQLKit serialiser (together
/// they cost more than the databases themselves in the import profile). The columns are one list,
/// `schema`, each column's name beside the accessors of the field it holds, typed by it: a column
/// cannot be bound from one field's position and read into another's, and a test checks each name
/// against its field.
protocol TableRow: Sendable {
    /// The table's columns, in order.
    static var schema: [TableColumn<Self>] { get }
    /// A row with every field empty, which reading fills column by column.
    init()
}

extension TableRow {
    /// Column names, in the order `values` gives them and `init(_:)` reads them.
    static var columns: [String] { schema.map(\.name) }

    /// This row's values, in column order.
    var values: [ColumnValue] { Self.schema.map { $0.value(self) } }

    /// Reads the row from a `SELECT` of `columns`.
    init(_ reader: inout ColumnReader) throws {
        self.init()
        for column in Self.schema { try column.read(&self, &reader) }
    }
}

/// One column of a hot table: its name, how to get its field from a row and how to set it. The
/// accessors are closures, not key paths: a key path is applied through the runtime, which made
/// the bulk writes a fifth slower. `TableRowTests` checks each column's name against the field its
/// accessors reach.
struct TableColumn<Row>: Sendable {
    let name: String
    let value: @Sendable (Row) -> ColumnValue
    let read: @Sendable (inout Row, inout ColumnReader) throws -> Void

    static func uuid(_ name: String, _ get: @escaping @Sendable (Row) -> UUID, _ set: @escaping @Sendable (inout Row, UUID) -> Void) -> Self
    {
        Self(name: name, value: { .uuid(get($0)) }, read: { set(&$0, try $1.uuid()) })
    }

    static func text(_ name: String, _ get: @escaping @Sendable (Row) -> String, _ set: @escaping @Sendable (inout Row, String) -> Void)
        -> Self
    {
        Self(name: name, value: { .text(get($0)) }, read: { set(&$0, try $1.text()) })
    }

    static func optionalText(
        _ name: String, _ get: @escaping @Sendable (Row) -> String?, _ set: @escaping @Sendable (inout Row, String?) -> Void
    ) -> Self {
        Self(name: name, value: { .text(get($0)) }, read: { set(&$0, try $1.optionalText()) })
    }

    static func integer(_ name: String, _ get: @escaping @Sendable (Row) -> Int64, _ set: @escaping @Sendable (inout Row, Int64) -> Void)
        -> Self
    {
        Self(name: name, value: { .integer(get($0)) }, read: { set(&$0, try $1.integer()) })
    }

    static func int(_ name: String, _ get: @escaping @Sendable (Row) -> Int, _ set: @escaping @Sendable (inout Row, Int) -> Void) -> Self {
        Self(name: name, value: { .integer(get($0)) }, read: { set(&$0, try $1.int()) })
    }

    static func bool(_ name: String, _ get: @escaping @Sendable (Row) -> Bool, _ set: @escaping @Sendable (inout Row, Bool) -> Void) -> Self
    {
        Self(name: name, value: { .bool(get($0)) }, read: { set(&$0, try $1.bool()) })
    }

    static func date(_ name: String, _ get: @escaping @Sendable (Row) -> Date, _ set: @escaping @Sendable (inout Row, Date) -> Void) -> Self
    {
        Self(name: name, value: { .date(get($0)) }, read: { set(&$0, try $1.date()) })
    }

    static func optionalDate(
        _ name: String, _ get: @escaping @Sendable (Row) -> Date?, _ set: @escaping @Sendable (inout Row, Date?) -> Void
    ) -> Self {
        Self(name: name, value: { .date(get($0)) }, read: { set(&$0, try $1.optionalDate()) })
    }
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
