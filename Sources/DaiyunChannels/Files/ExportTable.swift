import DaiyunCore
import Foundation

/// What was wrong with one row of a file: its line, the column, and why (in English, and as a
/// message said in the reader's language; rows stored before messages have the English only).
public struct RowError: Sendable, Equatable, Codable, Error, CustomStringConvertible {
    public var line: Int
    public var column: String
    public var reason: String
    public var message: Message?

    public init(line: Int, column: String, _ message: Message) {
        self.line = line
        self.column = column
        self.reason = message.english
        self.message = message
    }

    public var description: String { "line \(line), \(column): \(reason)" }
}

/// A file that cannot be read at all (empty, or without the columns its kind needs).
public struct FileProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: Message
    public var reason: String { message.english }
    public var description: String { reason }

    public init(_ message: Message) { self.message = message }

    /// The problem as the error of the file's first line.
    public var rowError: RowError { RowError(line: 1, column: "", message) }
}

/// The parsed rows of a file: what each good row says, with its line, and each bad row's error.
public struct ParsedFile<Row: Sendable>: Sendable {
    public var encoding: FileEncoding
    /// The good rows; empty when they were streamed (`goodRows` counts them then).
    public var rows: [(line: Int, value: Row)]
    public var errors: [RowError]
    /// Data rows read (good and bad).
    public var rowsRead: Int
    public var goodRows: Int

    init(encoding: FileEncoding, rows: [(line: Int, value: Row)], errors: [RowError], rowsRead: Int, goodRows: Int? = nil) {
        self.encoding = encoding
        self.rows = rows
        self.errors = errors
        self.rowsRead = rowsRead
        self.goodRows = goodRows ?? rows.count
    }
}

/// An export file read by header name, never by position: the platforms add, drop and reorder
/// columns over time. Names are matched after trimming spaces (Tianchi's copy of the order report
/// has `订单付款时间 ` with a trailing space).
struct ExportTable {
    let encoding: FileEncoding
    let columns: [String: Int]
    /// The records after the header, read as they are parsed: a large file's records are never
    /// all in memory at once (each holds its fields' slices).
    let records: CSVReader.Iterator

    /// The table of a CSV file, or of an Excel workbook's first sheet.
    init(_ data: Data) throws {
        let data = XLSXReader.isZIP(data) ? try XLSXReader.csv(data) : data
        try Self.refuseBinary(data)
        var records = CSVReader(data).makeIterator()
        guard let header = records.next() else { throw FileProblem(.fileEmpty) }
        encoding = FileEncoding.detect(header: header.fields)
        var columns: [String: Int] = [:]
        for (index, field) in header.fields.enumerated() {
            let name = (encoding.decode(field) ?? "").trimmingCharacters(
                in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
            if !name.isEmpty, columns[name] == nil { columns[name] = index }
        }
        self.columns = columns
        self.records = records
    }

    /// Refuses a file that is not CSV text in UTF-8 or GB18030 before its rows are read: a NUL
    /// byte near the start (an image, a binary or UTF-16 file), a UTF-16 byte order mark.
    static func refuseBinary(_ data: Data) throws {
        let start = data.prefix(8192)
        if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            throw FileProblem(Message("file_utf16", english: "the file is UTF-16 text; save it as CSV in UTF-8 or GB18030"))
        }
        if start.contains(0) {
            throw FileProblem(
                Message("file_binary", english: "the file is binary (an image or a program), not CSV text or an Excel workbook"))
        }
    }

    /// Throws naming every required column (any of its aliases) the header lacks.
    func require(_ required: [[String]]) throws {
        let missing = required.filter { aliases in !aliases.contains { columns[$0] != nil } }.map { $0[0] }
        guard missing.isEmpty else {
            let has = columns.keys.sorted().joined(separator: ", ")
            throw FileProblem(
                Message(
                    "file_missing_columns", [missing.joined(separator: "、"), has],
                    english: "missing column(s): \(missing.joined(separator: ", ")); the header has: \(has)"))
        }
    }

    /// Parses every data row with `parse`; a thrown `RowError` rejects that row only.
    func parse<Row>(_ parse: (ExportRow) throws -> Row) -> ParsedFile<Row> {
        var rows: [(Int, Row)] = []
        var errors: [RowError] = []
        var records = self.records
        var read = 0
        while let record = records.next() {
            read += 1
            if let row = Self.row(record, encoding, parse, errors: &errors) { rows.append((record.line, row)) }
        }
        return ParsedFile(encoding: encoding, rows: rows, errors: errors, rowsRead: read)
    }

    /// Parses the data rows as `parse` does, handing the good ones to `each` `size` at a time
    /// before reading on, so that a large file's rows are never all in memory; the answer holds
    /// the errors and counts, no rows.
    func stream<Row>(chunksOf size: Int, _ parse: (ExportRow) throws -> Row, each: ([Row]) async throws -> Void) async throws -> ParsedFile<
        Row
    > {
        var chunk: [Row] = []
        chunk.reserveCapacity(size)
        var errors: [RowError] = []
        var records = self.records
        var read = 0
        var good = 0
        while let record = records.next() {
            read += 1
            guard let row = Self.row(record, encoding, parse, errors: &errors) else { continue }
            chunk.append(row)
            good += 1
            if chunk.count == size {
                try await each(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { try await each(chunk) }
        return ParsedFile(encoding: encoding, rows: [], errors: errors, rowsRead: read, goodRows: good)
    }

    /// One record's row, or nil with its error noted.
    private static func row<Row>(
        _ record: CSVReader.Record, _ encoding: FileEncoding, _ parse: (ExportRow) throws -> Row, errors: inout [RowError]
    ) -> Row? {
        if let end = record.unclosedQuoteTo {
            errors.append(
                RowError(
                    line: record.line, column: "",
                    Message(
                        "row_unclosed_quote", ["\(record.line)", "\(end)"],
                        english: "a quote opened on this row is never closed: lines \(record.line)–\(end) were read as one row")))
            return nil
        }
        do {
            return try parse(ExportRow(line: record.line, fields: record.fields, encoding: encoding))
        } catch let error as RowError {
            errors.append(error)
        } catch {
            errors.append(RowError(line: record.line, column: "", Message("row_unreadable", ["\(error)"], english: "\(error)")))
        }
        return nil
    }
}

/// A column found by name once per file, so rows are read by position: looking a Chinese
/// header name up per field (hashing and comparing it normalised) was most of a large file's
/// parse. `found` holds the names the header has, in the order given, with their positions.
struct ExportColumn {
    /// The first name given, which errors about a missing or empty value use.
    let name: String
    let found: [(name: String, index: Int)]
}

extension ExportTable {
    /// The column known by any of `aliases`; a later alias is read where an earlier one is empty
    /// (`number`, `money`, `time`, `int`).
    func column(_ aliases: String...) -> ExportColumn {
        ExportColumn(name: aliases[0], found: aliases.compactMap { name in columns[name].map { (name, $0) } })
    }
}

/// One data row, read by column.
struct ExportRow {
    /// `CSVWriter.formulaStarts` as bytes.
    static let formulaStartBytes: [UInt8] = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]
    let line: Int
    let fields: [ArraySlice<UInt8>]
    let encoding: FileEncoding

    func error(_ column: String, _ message: Message) -> RowError { RowError(line: line, column: column, message) }

    /// The column's text, trimmed; nil when the file has no such column (its first name found is read).
    func optional(_ column: ExportColumn) throws -> String? {
        guard let (name, index) = column.found.first else { return nil }
        return try text(name, index)
    }

    /// The text of the first of the column's names found that is not empty in this row.
    private func firstNonEmpty(_ column: ExportColumn) throws -> String? {
        var text: String?
        for (name, index) in column.found where text == nil || text!.isEmpty { text = try self.text(name, index) }
        return text
    }

    private func text(_ name: String, _ index: Int) throws -> String {
        guard index < fields.count else {
            // A file cut off inside a character ends its last row early: say so, not "too few columns".
            if let last = fields.last, encoding.decode(last.trimmedASCII) == nil {
                throw error(
                    name,
                    Message(
                        "row_cut_off", [encoding.rawValue],
                        english: "invalid \(encoding.rawValue) bytes at the end of the row (the file is cut off inside a character)"))
            }
            throw error(
                name, Message("row_few_columns", ["\(fields.count)"], english: "the row has \(fields.count) columns, fewer than the header")
            )
        }
        var bytes = fields[index].trimmedASCII
        // `="…"` is how Excel-safe exports keep long numbers as text.
        if bytes.count >= 3, bytes.first == UInt8(ascii: "="), bytes.dropFirst().first == UInt8(ascii: "\""),
            bytes.last == UInt8(ascii: "\"")
        {
            bytes = bytes.dropFirst(2).dropLast()
        }
        // `'=…`: a formula our own export (or an Excel-safe one) neutralised.
        if bytes.count >= 2, bytes.first == UInt8(ascii: "'"), let second = bytes.dropFirst().first, Self.formulaStartBytes.contains(second)
        {
            bytes = bytes.dropFirst()
        }
        // One pass finds both a NUL byte and whether the field is ASCII (most fields are).
        var isASCII = true
        for byte in bytes where byte == 0 || byte >= 0x80 {
            guard byte != 0 else {
                throw error(
                    name, Message("row_nul", english: "holds a NUL byte: the file is binary or UTF-16, not text in UTF-8 or GB18030"))
            }
            isASCII = false
        }
        guard let text = encoding.decode(bytes, isASCII: isASCII) else {
            throw error(
                name,
                Message(
                    "row_bad_bytes", [encoding.rawValue], english: "invalid \(encoding.rawValue) bytes (a truncated or corrupted character)"
                ))
        }
        return text
    }

    /// The column's text; an error when missing or empty.
    func required(_ column: ExportColumn) throws -> String {
        guard let text = try optional(column), !text.isEmpty else { throw error(column.name, .empty) }
        return text
    }

    /// An order or refund number: digits only, kept as text (`="4012…"` and a leading tab or
    /// apostrophe, which Excel-safe exports add, are removed).
    func number(_ column: ExportColumn) throws -> String {
        let text = try firstNonEmpty(column) ?? ""
        // Bytes, not Characters: millions of numbers in a large export.
        var bytes = text.utf8[...]
        func isPadding(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "'") || byte == 0x09 || byte == 0x20 }
        while let first = bytes.first, isPadding(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, isPadding(last) { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else { throw error(column.name, .empty) }
        func isAllowed(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "-")
        }
        guard bytes.count <= 40, bytes.allSatisfy(isAllowed) else {
            throw error(
                column.name, Message("row_not_number", [String(text.prefix(40))], english: "is not a valid number: \(text.prefix(40))"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A phone number, or empty: the apostrophe or tab an Excel-safe export puts before it removed.
    func phone(_ column: ExportColumn) throws -> String {
        let text = try optional(column) ?? ""
        return String(text.drop { $0 == "'" || $0 == "\t" || $0 == " " }.prefix(40))
    }

    func money(_ column: ExportColumn, default fallback: Money? = nil) throws -> Money {
        guard let text = try firstNonEmpty(column), !text.isEmpty else {
            if let fallback { return fallback }
            throw error(column.name, .empty)
        }
        do { return try Money(yuan: text) } catch {
            throw self.error(
                column.name, Message("row_not_amount", [String(text.prefix(30))], english: "is not an amount in yuan: \(text.prefix(30))"))
        }
    }

    func time(_ column: ExportColumn, required: Bool) throws -> Date? {
        guard let text = try firstNonEmpty(column), !text.isEmpty else {
            if required { throw error(column.name, .empty) }
            return nil
        }
        guard let date = ShanghaiTime.parse(text) else {
            throw error(
                column.name,
                Message("row_not_time", [String(text.prefix(30))], english: "is not a time written YYYY-MM-DD HH:mm:ss: \(text.prefix(30))")
            )
        }
        return date
    }

    func int(_ column: ExportColumn, default fallback: Int? = nil) throws -> Int {
        guard let text = try firstNonEmpty(column), !text.isEmpty else {
            if let fallback { return fallback }
            throw error(column.name, .empty)
        }
        guard let value = Int(text), value >= 0 else {
            throw error(
                column.name, Message("row_not_whole", [String(text.prefix(20))], english: "is not a whole number: \(text.prefix(20))"))
        }
        guard InputBounds.lineQuantity.contains(value) else {
            throw error(
                column.name,
                Message(
                    "row_too_many", ["\(InputBounds.lineQuantity.upperBound)", String(text.prefix(20))],
                    english: "is more than \(InputBounds.lineQuantity.upperBound): \(text.prefix(20))"))
        }
        return value
    }
}

extension Message {
    /// A required value left empty.
    static let empty = Message("row_empty", english: "is empty")
    static let fileEmpty = Message("file_empty", english: "the file is empty")
    /// A file whose rows are all headers.
    public static let noDataRows = Message("file_no_rows", english: "the file has no data rows")
}
