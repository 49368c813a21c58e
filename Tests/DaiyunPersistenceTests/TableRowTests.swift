import DaiyunTestSupport
import FluentSQLiteDriver
import Foundation
import Testing

@testable import DaiyunPersistence

/// The hot tables' one list of columns, and the SQLite internals the bulk writer reads.
@Suite("Hot table rows")
struct TableRowTests {
    /// A value for column `index` of the kind a blank row holds there, unlike any other column's.
    static func sentinel(_ blank: ColumnValue, _ index: Int) -> SQLiteData {
        switch blank {
        case .uuid: .text(String(format: "00000000-0000-0000-0000-%012d", 100 + index))
        case .text: .text("sentinel-\(index).")
        case .integer: .integer(1000 + index)
        case .bool: .integer(1)
        case .date: .float(Double(100_000 + index))
        }
    }

    /// For each column: the field that its reader's position and its value's position both reach,
    /// as snake_case, or what went wrong. A row of distinct values is read; column `i`'s value must
    /// come back at position `i`, and the one field holding it is column `i`'s.
    static func fields<Row: TableRow>(_ type: Row.Type) throws -> [(column: String, field: String)] {
        let blank = Row().values
        guard blank.count == Row.columns.count else { return [("columns", "\(Row.columns.count) names for \(blank.count) values")] }
        let sentinels = blank.indices.map { sentinel(blank[$0], $0) }
        var reader = ColumnReader(sentinels, table: "test")
        let row = try Row(&reader)
        let read = row.values.map(sqlite)
        let fields = Mirror(reflecting: row).children.map { (label: $0.label ?? "", text: "\($0.value)") }
        let blankFields = Mirror(reflecting: Row()).children.map { "\($0.value)" }
        return Row.columns.indices.map { index in
            let column = Row.columns[index]
            guard matches(read[index], sentinels[index]) else { return (column, "a value read from another position") }
            let changed = fields.indices.filter { fields[$0].text != blankFields[$0] && holds(fields[$0].text, sentinels[index]) }
            return (column, changed.count == 1 ? snake(fields[changed[0]].label) : "fields \(changed.map { fields[$0].label })")
        }
    }

    /// Whether a value read back is the sentinel (dates come back as seconds, UUIDs as their text).
    static func matches(_ read: SQLiteData, _ sentinel: SQLiteData) -> Bool {
        switch (read, sentinel) {
        case (.text(let a), .text(let b)): a.lowercased() == b.lowercased()
        case (.integer(let a), .integer(let b)): a == b || (b == 1 && a != 0)
        case (.float(let a), .float(let b)): a == b
        default: false
        }
    }

    /// Whether a field, as Mirror prints it, holds the sentinel.
    static func holds(_ text: String, _ sentinel: SQLiteData) -> Bool {
        switch sentinel {
        case .text(let value): text.lowercased().contains(value.lowercased())
        case .integer(1): text == "true" || text == "1"
        case .integer(let value): text == String(value)
        case .float(let value): text.contains(Date(timeIntervalSince1970: value).description)
        default: false
        }
    }

    /// `paymentFen` → `payment_fen`.
    static func snake(_ name: String) -> String {
        name.reduce(into: "") { snake, character in
            snake += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
    }

    @Test("each column of each hot table holds the field of its name")
    func columnsMatchFields() throws {
        let tables = [
            ("orders", try Self.fields(OrderRow.self)), ("order_lines", try Self.fields(OrderLineRow.self)),
            ("order_status_history", try Self.fields(StatusChangeRow.self)), ("refunds", try Self.fields(RefundRow.self)),
        ]
        for (table, columns) in tables {
            #expect(!columns.isEmpty)
            for (column, field) in columns {
                #expect(column == field, "\(table).\(column) holds the field \(field)")
            }
        }
    }

    @Test("a row read back from its values is the row written")
    func roundTrip() throws {
        var row = OrderLineRow()
        row.id = UUID()
        row.tid = "2000000000000000101"
        row.quantity = 3
        row.priceFen = 12_900
        row.stockState = "reserved"
        var reader = ColumnReader(row.values.map(Self.sqlite), table: "order_lines")
        let read = try OrderLineRow(&reader)
        #expect(read.values.map(Self.sqlite) == row.values.map(Self.sqlite))
    }

    /// A value as SQLite would hand it back.
    static func sqlite(_ value: ColumnValue) -> SQLiteData {
        switch value {
        case .text(let text?): .text(text)
        case .text(nil), .date(nil): .null
        case .integer(let integer): .integer(Int(integer))
        case .bool(let bool): .integer(bool ? 1 : 0)
        case .uuid(let id): .text(id.uuidString)
        case .date(let date?): .float(date.timeIntervalSince1970)
        }
    }

    @Test("the bulk writer reads each SQLite connection's handle, and its thread pool is the app's")
    func sqliteInternals() async throws {
        try await withTestDatabase(.sqlite) { app in
            let database = try #require(app.db as? any SQLiteDatabase)
            let pool = try await database.withConnection { connection in try SQLiteConnectionInternals(connection).threadPool }
            #expect(pool === app.threadPool)
        }
    }
}
