import DaiyunCore
import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the first sheet of an Excel workbook (`.xlsx`, as 生意参谋, 千牛 and the ad consoles
/// download) as the CSV text the import path reads: shared and inline strings, numbers as Excel
/// shows them in general format, dates and times as `YYYY-MM-DD HH:mm:ss`. Each sheet row keeps its
/// row number as the CSV line, so an error names the row Excel shows.
enum XLSXReader {
    /// Whether the bytes are a ZIP archive (an `.xlsx` is one).
    static func isZIP(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The first sheet as UTF-8 CSV, every field quoted.
    static func csv(_ data: Data) throws -> Data {
        let rows = try sheetRows(data)
        // A sheet leaves trailing empty cells out; the CSV has every column in every row.
        let width = rows.map(\.1.count).max() ?? 0
        var text = ""
        var next = 1
        for (number, cells) in rows {
            // Rows Excel left out, and rows with nothing in them, stay as blank lines.
            text += String(repeating: "\n", count: max(number - next, 0))
            next = number + 1
            if cells.allSatisfy(\.isEmpty) {
                text += "\n"
                continue
            }
            let padded = cells + Array(repeating: "", count: width - cells.count)
            text += padded.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\n"
        }
        return Data(text.utf8)
    }

    static let notAWorkbook = FileProblem(
        Message("file_zip", english: "the file is a ZIP archive but not an Excel workbook (.xlsx); save it as .xlsx or CSV"))

    /// A workbook unpacks to at most this many bytes (a million-row sheet is a few hundred
    /// megabytes): more is a ZIP bomb, refused before it fills the memory.
    static let maxUnpackedBytes = 1 << 30

    static let tooLarge = FileProblem(
        Message("file_unpacked_too_large", english: "the workbook is too large once unpacked; split it, or save it as CSV"))

    /// The first sheet's rows by row number, each cell's text in column order.
    static func sheetRows(_ data: Data, maxUnpacked: Int = maxUnpackedBytes) throws -> [(Int, [String])] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read, pathEncoding: nil) } catch { throw notAWorkbook }
        var unpacked = 0
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            guard unpacked + Int(entry.uncompressedSize) <= maxUnpacked else { throw tooLarge }
            var bytes = Data()
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The size an entry declares can lie: count what actually comes out.
                unpacked += chunk.count
                guard unpacked <= maxUnpacked else { throw tooLarge }
                bytes.append(chunk)
            }
            return bytes
        }
        guard let sheet = try part(try firstSheetPath(archive: archive, part: part)) else { throw notAWorkbook }
        let strings = try part("xl/sharedStrings.xml").map { SharedStrings.read($0) } ?? []
        let dateStyles = try part("xl/styles.xml").map { DateStyles.read($0) } ?? []
        guard let rows = SheetCells.read(sheet, strings: strings, dateStyles: Set(dateStyles)) else { throw notAWorkbook }
        return rows
    }

    /// The workbook's first sheet, through the workbook's relationships; `sheet1.xml` by default.
    static func firstSheetPath(archive: Archive, part: (String) throws -> Data?) throws -> String {
        guard let workbook = try part("xl/workbook.xml") else { throw notAWorkbook }
        let sheetID = XMLAttributes.first(in: workbook, element: "sheet", attribute: "r:id")
        if let sheetID, let relations = try part("xl/_rels/workbook.xml.rels"),
            let target = XMLAttributes.all(in: relations, element: "Relationship").first(where: { $0["Id"] == sheetID })?["Target"]
        {
            return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        return "xl/worksheets/sheet1.xml"
    }

    /// The column of a cell reference: `A1` → 0, `AB7` → 27.
    static func column(of reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }

    /// An Excel date serial (days since 1899-12-30, the time as the fraction) as wall-clock text.
    static func dateText(_ serial: Double) -> String {
        let seconds = (serial * 86_400).rounded()
        let date = Date(timeIntervalSince1970: seconds - 2_209_161_600)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// A number as Excel's general format shows it: `199`, `0.1234`, no float noise
    /// (`0.30000000000000004` → `0.3`).
    static func numberText(_ text: String) -> String {
        guard let value = Double(text), value.isFinite else { return text }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let rounded = Double(String(format: "%.15g", value)) ?? value
        return "\(rounded)"
    }
}

/// Runs a SAX parse of the part with `delegate`; false when it is not well-formed XML.
private func parseXML(_ data: Data, with delegate: any XMLParserDelegate) -> Bool {
    let parser = XMLParser(data: data)
    parser.delegate = delegate
    return parser.parse()
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, its rich-text runs joined.
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    var inPhonetic = false

    static func read(_ data: Data) -> [String] {
        let reader = SharedStrings()
        _ = parseXML(data, with: reader)
        return reader.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]
    ) {
        switch name {
        case "si": current = ""
        case "rPh": inPhonetic = true
        case "t": inText = !inPhonetic
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "rPh": inPhonetic = false
        case "t": inText = false
        default: break
        }
    }
}

/// `xl/styles.xml`: the indexes of the cell formats that show a date or a time.
private final class DateStyles: NSObject, XMLParserDelegate {
    /// Excel's built-in date and time formats.
    static let builtIn: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)
    var custom: [Int: String] = [:]
    var formats: [Int] = []
    var inCellFormats = false

    static func read(_ data: Data) -> [Int] {
        let reader = DateStyles()
        _ = parseXML(data, with: reader)
        return reader.formats.enumerated().filter { reader.isDate($0.element) }.map(\.offset)
    }

    func isDate(_ format: Int) -> Bool {
        if Self.builtIn.contains(format) { return true }
        guard let code = custom[format] else { return false }
        // Quoted text and colours are not date parts; y, d or h outside them are.
        let bare = code.replacingOccurrences(of: "\"[^\"]*\"", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\\[[^\\]]*\\]", with: "", options: .regularExpression).lowercased()
        return bare.contains("y") || bare.contains("d") || bare.contains("h")
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]
    ) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { custom[id] = code }
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats: formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "cellXfs" { inCellFormats = false }
    }
}

/// A worksheet's cells, row by row.
private final class SheetCells: NSObject, XMLParserDelegate {
    let strings: [String]
    let dateStyles: Set<Int>
    var rows: [(Int, [String])] = []
    var row: [String] = []
    var rowNumber = 0
    var cellColumn = 0
    var cellType = ""
    var cellStyle = 0
    var value = ""
    var inValue = false

    init(strings: [String], dateStyles: Set<Int>) {
        self.strings = strings
        self.dateStyles = dateStyles
    }

    /// The rows; nil when the sheet is not well-formed XML.
    static func read(_ data: Data, strings: [String], dateStyles: Set<Int>) -> [(Int, [String])]? {
        let reader = SheetCells(strings: strings, dateStyles: dateStyles)
        return parseXML(data, with: reader) ? reader.rows : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]
    ) {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            row = []
        case "c":
            cellColumn = attributes["r"].flatMap(XLSXReader.column(of:)) ?? row.count
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t":
            inValue = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": inValue = false
        case "c":
            // A sheet may leave empty cells out; the columns after them keep their places.
            if cellColumn >= row.count { row += Array(repeating: "", count: cellColumn - row.count + 1) }
            row[cellColumn] = text()
        case "row":
            while row.last?.isEmpty == true { row.removeLast() }
            rows.append((rowNumber, row))
        default: break
        }
    }

    func text() -> String {
        switch cellType {
        case "s": return Int(value).flatMap { $0 < strings.count ? strings[$0] : nil } ?? ""
        case "b": return value == "1" ? "TRUE" : "FALSE"
        case "inlineStr", "str", "e": return value
        default:
            guard !value.isEmpty else { return "" }
            if dateStyles.contains(cellStyle), let serial = Double(value) { return XLSXReader.dateText(serial) }
            return XLSXReader.numberText(value)
        }
    }
}

/// Attributes of elements in a small XML part (the workbook and its relationships).
private final class XMLAttributes: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []

    init(element: String) { self.element = element }

    static func all(in data: Data, element: String) -> [[String: String]] {
        let reader = XMLAttributes(element: element)
        _ = parseXML(data, with: reader)
        return reader.found
    }

    static func first(in data: Data, element: String, attribute: String) -> String? {
        all(in: data, element: element).first?[attribute]
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]
    ) {
        if name == element { found.append(attributes) }
    }
}
