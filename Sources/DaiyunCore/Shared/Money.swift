import Foundation

/// An amount of money in integer fen (分). Never a floating-point number.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, AdditiveArithmetic {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static let zero = Money(fen: 0)

    /// Parses a yuan amount as the channels and export files write it: `12.30`, `12.3`, `12`,
    /// `-0.50`, `1,234.56`, `¥12.00`, or a cell Excel kept as text (`="12.00"`, a leading tab).
    /// More than two decimals, or anything else, is an error: money is never rounded silently; so is an
    /// amount beyond `InputBounds.moneyFen`.
    public init(yuan text: String, field: String = "amount") throws {
        // Read byte by byte: an order export has a dozen amounts per row.
        guard let fen = Self.fen(yuan: text.trimmedASCII.utf8) else { throw ValidationError(field: field, rule: .moneyFormat) }
        self.fen = fen
        try InputBounds.check(self, field: field)
    }

    /// The amount of `quantity` units at this price, if both are within their bounds (then the
    /// product cannot overflow).
    public func times(_ quantity: Int, field: String) throws -> Money {
        try InputBounds.check(quantity, in: InputBounds.lineQuantity, field: field)
        try InputBounds.check(self, field: field)
        return try InputBounds.check(Money(fen: fen * Int64(quantity)), field: field)
    }

    private static func fen(yuan text: Substring.UTF8View) -> Int64? {
        var s = text
        if s.starts(with: [0x3D, 0x22]), s.count >= 3, s.last == 0x22 { s = s.dropFirst(2).dropLast() }  // ="…"
        if s.starts(with: [0xC2, 0xA5]) {
            s = s.dropFirst(2)
        }  // ¥
        else if s.starts(with: [0xEF, 0xBF, 0xA5]) {
            s = s.dropFirst(3)
        }  // ￥
        let negative = s.first == 0x2D
        if negative { s = s.dropFirst() }
        var yuan: Int64 = 0
        var digits = 0
        while let byte = s.first, byte != 0x2E {
            s = s.dropFirst()
            if byte == 0x2C { continue }  // 1,234
            guard (0x30...0x39).contains(byte), digits < 15 else { return nil }
            yuan = yuan * 10 + Int64(byte - 0x30)
            digits += 1
        }
        guard digits > 0 else { return nil }
        var cents: Int64 = 0
        if s.first == 0x2E {
            let fraction = s.dropFirst()
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            cents = fraction.reduce(0) { $0 * 10 + Int64($1 - 0x30) } * (fraction.count == 1 ? 10 : 1)
        }
        let fen = yuan * 100 + cents
        return negative ? -fen : fen
    }

    /// `12.30`, with a minus sign when negative.
    public var yuanString: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public var description: String { "¥" + yuanString }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }

    public init(from decoder: any Decoder) throws {
        fen = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fen)
    }
}
