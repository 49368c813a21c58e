import Foundation

/// An amount of money in integer fen (分). Never a floating-point number.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, AdditiveArithmetic {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static let zero = Money(fen: 0)

    /// Parses a yuan amount as the channels and export files write it: `12.30`, `12.3`, `12`,
    /// `-0.50`, `1,234.56`, `¥12.00`, or a cell Excel kept as text (`="12.00"`, a leading tab).
    /// More than two decimals, or anything else, is an error: money is never rounded silently.
    public init(yuan text: String, field: String = "amount") throws {
        var s = text.trimmedASCII
        if s.hasPrefix("=\""), s.hasSuffix("\"") { s = s.dropFirst(2).dropLast() }
        if s.hasPrefix("¥") || s.hasPrefix("￥") { s = s.dropFirst() }
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { throw ValidationError(field: field, rule: .moneyFormat) }
        let whole = parts[0].replacingOccurrences(of: ",", with: "")
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard !whole.isEmpty, whole.count <= 15, whole.allSatisfy(\.isASCIIDigit),
              fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || !fraction.isEmpty,
              let yuan = Int64(whole), let cents = Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) else {
            throw ValidationError(field: field, rule: .moneyFormat)
        }
        let fen = yuan * 100 + cents
        self.fen = negative ? -fen : fen
    }

    /// `12.30`, with a minus sign when negative.
    public var yuanString: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        return "\(sign)\(magnitude / 100).\(String(format: "%02d", magnitude % 100))"
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

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
