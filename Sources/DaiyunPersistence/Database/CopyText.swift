import DaiyunCore
import FluentPostgresDriver
import Foundation

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: the fastest way to add rows the
/// table does not hold yet (no statement to parse or plan, no executor per row).
enum CopyText {
    /// One line per row, columns separated by tabs.
    static func encode(_ rows: ArraySlice<[ColumnValue]>, into buffer: inout ByteBuffer) {
        for row in rows {
            for (index, value) in row.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                write(value, into: &buffer)
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
    }

    private static func write(_ value: ColumnValue, into buffer: inout ByteBuffer) {
        switch value {
        case .text(nil), .date(nil): buffer.writeStaticString("\\N")
        case .text(let text?): writeEscaped(text, into: &buffer)
        case .integer(let number): buffer.writeString(String(number))
        case .bool(let flag): buffer.writeInteger(flag ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        case .uuid(let id): id.withSQLiteText { _ = buffer.writeBytes($0) }
        case .date(let date?): writeTimestamp(date, into: &buffer)
        }
    }

    /// Backslash, tab, line feed and carriage return are the text format's special bytes.
    private static func writeEscaped(_ text: String, into buffer: inout ByteBuffer) {
        func isSpecial(_ byte: UInt8) -> Bool { byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard text.utf8.contains(where: isSpecial) else {
            buffer.writeString(text)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 0x5C: buffer.writeStaticString("\\\\")
            case 0x09: buffer.writeStaticString("\\t")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff+00`, to the microsecond PostgresNIO would bind (truncated).
    private static func writeTimestamp(_ date: Date, into buffer: inout ByteBuffer) {
        let micros = date.postgresMicroseconds + Int64(Date.postgresEpochSince1970) * 1_000_000  // since 1970
        let perDay: Int64 = 86_400 * 1_000_000
        let days = micros >= 0 ? micros / perDay : (micros - perDay + 1) / perDay
        let ofDay = micros - days * perDay
        let (year, month, day) = ShanghaiTime.civilFromDays(days)
        let seconds = ofDay / 1_000_000
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                buffer.writeInteger(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(Int64(year), 4)
        buffer.writeInteger(UInt8(ascii: "-"))
        digits(Int64(month), 2)
        buffer.writeInteger(UInt8(ascii: "-"))
        digits(Int64(day), 2)
        buffer.writeInteger(UInt8(ascii: " "))
        digits(seconds / 3600, 2)
        buffer.writeInteger(UInt8(ascii: ":"))
        digits(seconds / 60 % 60, 2)
        buffer.writeInteger(UInt8(ascii: ":"))
        digits(seconds % 60, 2)
        buffer.writeInteger(UInt8(ascii: "."))
        digits(ofDay % 1_000_000, 6)
        buffer.writeStaticString("+00")
    }
}
