import Foundation

/// Reads CSV records from raw bytes, before any decoding: quotes, commas and line breaks are ASCII,
/// and neither UTF-8 nor GB18030 ever uses those byte values inside a multi-byte character, so
/// records split correctly whatever the encoding, and each field is decoded on its own (a broken
/// character then spoils one row, not the file).
public struct CSVReader: Sequence {
    /// One record: its fields' bytes and the line of the file it starts on (1-based).
    public struct Record {
        public var line: Int
        public var fields: [ArraySlice<UInt8>]
        /// The line the file ended on, when a quote opened in this record was never closed (the
        /// rest of the file was then read into its last field).
        public var unclosedQuoteTo: Int?
    }

    let bytes: [UInt8]

    public init(_ data: Data) {
        var bytes = [UInt8](data)
        // A UTF-8 byte order mark is not part of the first header.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.bytes = bytes
    }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    public struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var position = 0
        var line = 1
        /// Fields in the last record: the next one is likely to have as many.
        var width = 0

        public mutating func next() -> Record? {
            while position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D {
                if bytes[position] == 0x0A { line += 1 }
                position += 1
            }
            guard position < bytes.count else { return nil }
            let startLine = line
            var fields: [ArraySlice<UInt8>] = []
            fields.reserveCapacity(width)
            defer { width = fields.count }
            var field: [UInt8] = []
            var fieldStart = position
            var quoted = false
            var copied = false  // whether `field` holds the value (needed once a quote appears)
            func finish(_ end: Int) {
                fields.append(copied ? ArraySlice(field) : bytes[fieldStart..<end])
                field.removeAll(keepingCapacity: true)
                copied = false
            }
            while position < bytes.count {
                let byte = bytes[position]
                if quoted {
                    if byte == 0x22 {
                        if position + 1 < bytes.count, bytes[position + 1] == 0x22 {
                            field.append(0x22)
                            position += 2
                            continue
                        }
                        quoted = false
                    } else {
                        if byte == 0x0A { line += 1 }
                        field.append(byte)
                    }
                    position += 1
                    continue
                }
                switch byte {
                case 0x22:
                    if !copied {
                        field.append(contentsOf: bytes[fieldStart..<position])
                        copied = true
                    }
                    quoted = true
                case 0x2C:
                    finish(position)
                    fieldStart = position + 1
                case 0x0A, 0x0D:
                    finish(position)
                    if byte == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A { position += 1 }
                    position += 1
                    line += 1
                    return Record(line: startLine, fields: fields)
                default:
                    if copied { field.append(byte) }
                }
                position += 1
            }
            finish(position)
            return Record(line: startLine, fields: fields, unclosedQuoteTo: quoted ? line : nil)
        }
    }
}

/// The text encodings export files come in.
public enum FileEncoding: String, Sendable, Codable {
    case utf8 = "UTF-8"
    /// GB18030, a superset of GBK and GB2312: what Excel on a Chinese system writes.
    case gb18030 = "GB18030"

    /// Foundation's GB18030 (CFStringEncoding GB_18030_2000); GBK files decode with it too.
    static let gb18030Encoding = String.Encoding(rawValue: 0x8000_0632)

    /// `text` as a file in this encoding: UTF-8 with a BOM (so Excel opens it right), or GB18030
    /// for older Chinese tools.
    public func file(_ text: String) -> Data {
        switch self {
        case .utf8: return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .gb18030: return text.data(using: Self.gb18030Encoding) ?? Data(text.utf8)
        }
    }

    /// Decodes one field; nil when its bytes are not valid in this encoding.
    public func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        decode(bytes, isASCII: bytes.allSatisfy { $0 < 0x80 })
    }

    /// Decodes one field whose caller already knows whether it is all ASCII (from a scan it made
    /// anyway), so the bytes are not read twice.
    func decode(_ bytes: ArraySlice<UInt8>, isASCII: Bool) -> String? {
        if isASCII { return String(decoding: bytes, as: UTF8.self) }
        switch self {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .gb18030:
            return GB18030Decoder.decode(bytes)
        }
    }

    /// The encoding in which the header row reads as valid text: UTF-8 if it does, else GB18030.
    public static func detect(header: [ArraySlice<UInt8>]) -> FileEncoding {
        header.allSatisfy { String(validating: $0, as: UTF8.self) != nil } ? .utf8 : .gb18030
    }
}
