import FluentPostgresDriver
import Foundation

/// One column of a chunk of rows as a single PostgreSQL array parameter (binary array format,
/// nulls allowed, which PostgresNIO's own arrays do not encode). A chunk is then written by
/// `INSERT … SELECT * FROM unnest($1, $2, …)`: one parameter per column whatever the row count,
/// so the server parses and plans a short statement instead of a `VALUES` list of thousands of
/// parameters (the larger part of its time per row in the import profile).
struct ColumnArray: PostgresDynamicTypeEncodable {
    private let element: PostgresDataType
    private let values: [ColumnValue]

    /// The column at `index` of `rows`; its type is the first row's (rows of one table agree).
    init(column index: Int, of rows: [[ColumnValue]]) {
        values = rows.map { $0[index] }
        element = values.first.map(Self.elementType) ?? .text
    }

    var psqlType: PostgresDataType {
        switch element {
        case .uuid: .uuidArray
        case .int8: .int8Array
        case .bool: .boolArray
        case .timestamptz: .timestamptzArray
        default: .textArray
        }
    }

    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(1, as: Int32.self)  // dimensions
        buffer.writeInteger(values.contains(where: \.isNull) ? 1 : 0, as: Int32.self)
        buffer.writeInteger(element.rawValue)
        buffer.writeInteger(Int32(values.count))
        buffer.writeInteger(1, as: Int32.self)  // lower bound
        for value in values {
            switch value {
            case .text(nil), .date(nil):
                buffer.writeInteger(-1, as: Int32.self)
            case .text(let text?):
                let length = buffer.writerIndex
                buffer.writeInteger(0, as: Int32.self)
                let written = buffer.writeString(text)
                buffer.setInteger(Int32(written), at: length)
            case .integer(let number):
                buffer.writeInteger(8, as: Int32.self)
                buffer.writeInteger(number)
            case .bool(let flag):
                buffer.writeInteger(1, as: Int32.self)
                buffer.writeInteger(flag ? 1 : 0, as: UInt8.self)
            case .uuid(let id):
                buffer.writeInteger(16, as: Int32.self)
                withUnsafeBytes(of: id.uuid) { _ = buffer.writeBytes($0) }
            case .date(let date?):
                buffer.writeInteger(8, as: Int32.self)
                buffer.writeInteger(date.postgresMicroseconds)
            }
        }
    }

    private static func elementType(of value: ColumnValue) -> PostgresDataType {
        switch value {
        case .text: .text
        case .integer: .int8
        case .bool: .bool
        case .uuid: .uuid
        case .date: .timestamptz
        }
    }
}

extension ColumnValue {
    fileprivate var isNull: Bool {
        switch self {
        case .text(nil), .date(nil): true
        default: false
        }
    }
}

extension Date {
    /// Microseconds since 2000-01-01 UTC, truncated, as PostgresNIO binds a `Date` (the
    /// array parameters and `COPY` must store exactly what a plain bind would).
    var postgresMicroseconds: Int64 {
        Int64(timeIntervalSince(Date(timeIntervalSince1970: Self.postgresEpochSince1970)) * 1_000_000)
    }

    static let postgresEpochSince1970: TimeInterval = 946_684_800
}
