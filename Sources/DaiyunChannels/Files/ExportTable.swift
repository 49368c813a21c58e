import DaiyunCore
import Foundation

/// What was wrong with one row of a file: its line, the column, and why.
public struct RowError: Sendable, Equatable, Codable, Error, CustomStringConvertible {
    public var line: Int
    public var column: String
    public var reason: String

    public init(line: Int, column: String, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "line \(line), \(column): \(reason)" }
}

/// A file that cannot be read at all (empty, or without the columns its kind needs).
public struct FileProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// The parsed rows of a file: what each good row says, with its line, and each bad row's error.
public struct ParsedFile<Row: Sendable>: Sendable {
    public var encoding: FileEncoding
    public var rows: [(line: Int, value: Row)]
    public var errors: [RowError]
    /// Data rows read (good and bad).
    public var rowsRead: Int
}

/// An export file read by header name, never by position: the platforms add, drop and reorder
/// columns over time. Names are matched after trimming spaces (Tianchi's copy of the order report
/// has `订单付款时间 ` with a trailing space).
struct ExportTable {
    let encoding: FileEncoding
    let columns: [String: Int]
    let records: [CSVReader.Record]

    init(_ data: Data) throws {
        var all = Array(CSVReader(data))
        guard !all.isEmpty else { throw FileProblem(reason: "the file is empty") }
        let header = all.removeFirst()
        encoding = FileEncoding.detect(header: header.fields)
        var columns: [String: Int] = [:]
        for (index, field) in header.fields.enumerated() {
            let name = (encoding.decode(field) ?? "").trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
            if !name.isEmpty, columns[name] == nil { columns[name] = index }
        }
        self.columns = columns
        records = all
    }

    /// Throws naming every required column (any of its aliases) the header lacks.
    func require(_ required: [[String]]) throws {
        let missing = required.filter { aliases in !aliases.contains { columns[$0] != nil } }.map { $0[0] }
        guard missing.isEmpty else {
            throw FileProblem(reason: "missing column(s): \(missing.joined(separator: ", ")); the header has: \(columns.keys.sorted().joined(separator: ", "))")
        }
    }

    /// Parses every data row with `parse`; a thrown `RowError` rejects that row only.
    func parse<Row>(_ parse: (ExportRow) throws -> Row) -> ParsedFile<Row> {
        var rows: [(Int, Row)] = []
        var errors: [RowError] = []
        rows.reserveCapacity(records.count)
        for record in records {
            let row = ExportRow(line: record.line, fields: record.fields, table: self)
            do {
                rows.append((record.line, try parse(row)))
            } catch let error as RowError {
                errors.append(error)
            } catch {
                errors.append(RowError(line: record.line, column: "", reason: "\(error)"))
            }
        }
        return ParsedFile(encoding: encoding, rows: rows, errors: errors, rowsRead: records.count)
    }
}

/// One data row, read by column name.
struct ExportRow {
    let line: Int
    let fields: [ArraySlice<UInt8>]
    let table: ExportTable

    func error(_ column: String, _ reason: String) -> RowError { RowError(line: line, column: column, reason: reason) }

    /// The column's text, trimmed; nil when the file has no such column. `aliases` are tried in order.
    func optional(_ aliases: String...) throws -> String? {
        guard let (name, index) = aliases.lazy.compactMap({ name in table.columns[name].map { (name, $0) } }).first else { return nil }
        guard index < fields.count else { throw error(name, "the row has \(fields.count) columns, fewer than the header") }
        guard let text = table.encoding.decode(fields[index].trimmedASCII) else {
            throw error(name, "invalid \(table.encoding.rawValue) bytes (a truncated or corrupted character)")
        }
        return Self.unwrapExcelText(text)
    }

    /// The column's text; an error when missing or empty.
    func required(_ aliases: String...) throws -> String {
        let name = aliases[0]
        var found: String?
        for alias in aliases where found == nil { found = try optional(alias) }
        guard let text = found, !text.isEmpty else { throw error(name, "is empty") }
        return text
    }

    /// An order or refund number: digits only, kept as text (`="4012…"` and a leading tab or
    /// apostrophe, which Excel-safe exports add, are removed).
    func number(_ aliases: String...) throws -> String {
        var text = ""
        for alias in aliases where text.isEmpty { text = try optional(alias) ?? "" }
        // Bytes, not Characters: millions of numbers in a large export.
        var bytes = Array(text.utf8)[...]
        func isPadding(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "'") || byte == 0x09 || byte == 0x20 }
        while let first = bytes.first, isPadding(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, isPadding(last) { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else { throw error(aliases[0], "is empty") }
        func isAllowed(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "-")
        }
        guard bytes.count <= 40, bytes.allSatisfy(isAllowed) else {
            throw error(aliases[0], "is not a valid number: \(text.prefix(40))")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func money(_ aliases: String..., default fallback: Money? = nil) throws -> Money {
        var text: String?
        for alias in aliases where text == nil || text!.isEmpty { text = try optional(alias) }
        guard let text, !text.isEmpty else {
            if let fallback { return fallback }
            throw error(aliases[0], "is empty")
        }
        do { return try Money(yuan: text) } catch { throw self.error(aliases[0], "is not an amount in yuan: \(text.prefix(30))") }
    }

    func time(_ aliases: String..., required: Bool) throws -> Date? {
        var text: String?
        for alias in aliases where text == nil || text!.isEmpty { text = try optional(alias) }
        guard let text, !text.isEmpty else {
            if required { throw error(aliases[0], "is empty") }
            return nil
        }
        guard let date = ShanghaiTime.parse(text) else { throw error(aliases[0], "is not a time written YYYY-MM-DD HH:mm:ss: \(text.prefix(30))") }
        return date
    }

    func int(_ aliases: String..., default fallback: Int? = nil) throws -> Int {
        var text: String?
        for alias in aliases where text == nil || text!.isEmpty { text = try optional(alias) }
        guard let text, !text.isEmpty else {
            if let fallback { return fallback }
            throw error(aliases[0], "is empty")
        }
        guard let value = Int(text), value >= 0 else { throw error(aliases[0], "is not a whole number: \(text.prefix(20))") }
        return value
    }

    /// `="…"` is how Excel-safe exports keep long numbers as text.
    static func unwrapExcelText(_ text: String) -> String {
        if text.hasPrefix("=\""), text.hasSuffix("\""), text.count >= 3 {
            return String(text.dropFirst(2).dropLast())
        }
        return text
    }
}
