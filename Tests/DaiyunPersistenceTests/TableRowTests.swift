import DaiyunTestSupport
import FluentSQLiteDriver
import Foundation
import Testing

@testable import DaiyunPersistence

/// The hot tables' one list of columns, and the SQLite internals the bulk writer reads.
@Suite("Hot table rows")
struct TableRowTests {
    /// The field each column's accessors reach, as snake_case: each column reads a value unlike
    /// the blank row's into a blank row, and the one field that changed is the column's.
    static func fields<Row: TableRow>(_ type: Row.Type) throws -> [(column: String, field: String)] {
        try Row.schema.map { column in
            let sentinel: SQLiteData =
                switch column.value(Row()) {
                case .uuid: .text("00000000-0000-0000-0000-0000000000AB")
                case .text: .text("sentinel")
                case .integer: .integer(4242)
                case .bool: .integer(1)
                case .date: .float(12_345)
                }
            var row = Row()
            var reader = ColumnReader([sentinel], table: "test")
            try column.read(&row, &reader)
            let before = Mirror(reflecting: Row()).children.map { "\($0.value)" }
            let changed = zip(Mirror(reflecting: row).children, before).filter { "\($0.0.value)" != $0.1 }.map { $0.0.label ?? "" }
            // The getter reaches the field the setter set: it sees the new value.
            guard "\(column.value(row))" != "\(column.value(Row()))" else { return (column.name, "a field its getter does not read") }
            return (column.name, changed.count == 1 ? snake(changed[0]) : "\(changed)")
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
