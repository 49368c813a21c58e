import DaiyunCore
import Foundation

/// A table to download, written once and saved as CSV or XLSX: a header and rows of typed cells,
/// so that a spreadsheet gets amounts as numbers and order numbers as text.
public struct SpreadsheetTable: Sendable, Equatable {
    /// One cell.
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// Shown as `1,299.00` and summable in Excel; written to CSV as `1299.00`.
        case money(Money)
        case integer(Int64)

        /// The CSV field: text quoted and neutralised as `CSVWriter.field` does; a number as it
        /// is (a negative amount is no formula, and Excel reads it as a number).
        var csvField: String {
            switch self {
            case .text(let text): CSVWriter.field(text)
            case .money(let money): money.yuanString
            case .integer(let value): String(value)
            }
        }
    }

    public var header: [String]
    public var rows: [[Cell]]

    public init(header: [String], rows: [[Cell]] = []) {
        self.header = header
        self.rows = rows
    }

    /// The table as CSV text (CRLF, formulas neutralised), for `FileEncoding.file`.
    public var csv: String {
        ([header.map(CSVWriter.field)] + rows.map { $0.map(\.csvField) }).map { $0.joined(separator: ",") }.joined(separator: "\r\n")
            + "\r\n"
    }
}

/// The download formats of a table, as `?format=` names them.
public enum SpreadsheetFormat: String, Sendable, CaseIterable {
    /// UTF-8 with a BOM: Excel opens it with the Chinese intact.
    case csv
    /// GB18030, for older Chinese tools.
    case gb18030
    case xlsx

    public var fileExtension: String { self == .xlsx ? "xlsx" : "csv" }

    /// The file's bytes.
    public func file(_ table: SpreadsheetTable, sheetName: String) throws -> Data {
        switch self {
        case .csv: FileEncoding.utf8.file(table.csv)
        case .gb18030: FileEncoding.gb18030.file(table.csv)
        case .xlsx: try XLSXWriter.workbook(table, sheetName: sheetName)
        }
    }
}
