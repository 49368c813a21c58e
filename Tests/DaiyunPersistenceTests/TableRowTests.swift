import DaiyunTestSupport
import FluentSQLiteDriver
import Foundation
import Testing

@testable import DaiyunPersistence

/// The hot tables' one list of columns, and the SQLite internals the bulk writer reads.
@Suite("Hot table rows")
struct TableRowTests {
    /// `\OrderRow.paymentFen` → `payment_fen`.
    static func snakeName<Row>(of column: TableColumn<Row>) -> String {
        let field = String(describing: column.field).split(separator: ".").last.map(String.init) ?? ""
        return field.reduce(into: "") { name, character in
            name += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
    }

    static func names<Row>(_ schema: [TableColumn<Row>]) -> [(column: String, field: String)] {
        schema.map { ($0.name, snakeName(of: $0)) }
    }

    @Test("each column of each hot table holds the field of its name")
    func columnsMatchFields() {
        let tables = [
            ("orders", Self.names(OrderRow.schema)), ("order_lines", Self.names(OrderLineRow.schema)),
            ("order_status_history", Self.names(StatusChangeRow.schema)), ("refunds", Self.names(RefundRow.schema)),
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
