import Foundation

/// The ranges that numbers from requests, files and channels must fall in, checked where they
/// enter. Within them no arithmetic Daiyun does on a value (a line's price × quantity, a stock pool
/// summed over warehouses, a page × its size) can overflow, and nothing absurd is stored.
public enum InputBounds {
    /// A stock quantity or change typed by a person or sent to the API, in units.
    public static let stockChange = -1_000_000_000...1_000_000_000
    /// A stock level: on hand in one warehouse, a SKU's pool, or a channel's safety stock.
    public static let stockLevel = 0...1_000_000_000
    /// The units of one order line or refund line.
    public static let lineQuantity = 0...1_000_000
    /// An amount of money, in fen: ¥1,000,000,000.00 (十亿元) either way.
    public static let moneyFen: ClosedRange<Int64> = -100_000_000_000...100_000_000_000
    /// A page number of a paged list (a million pages of the largest page size is more rows than any
    /// list holds).
    public static let page = 0...1_000_000

    /// The value, if it is in the range; otherwise an error naming the field and the range.
    @discardableResult
    public static func check(_ value: Int, in range: ClosedRange<Int>, field: String) throws -> Int {
        guard range.contains(value) else {
            throw ValidationError(field: field, rule: .between(min: range.lowerBound, max: range.upperBound))
        }
        return value
    }

    /// A whole number written as text (ASCII digits, an optional sign), if it is in the range.
    public static func parse(_ text: String, in range: ClosedRange<Int>, field: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Int(trimmed) else {
            // Digits too many for an Int are out of range, not malformed.
            let digits = trimmed.drop { $0 == "-" || $0 == "+" }
            if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitCharacter) {
                throw ValidationError(field: field, rule: .between(min: range.lowerBound, max: range.upperBound))
            }
            throw ValidationError(field: field, rule: .wholeNumber)
        }
        return try check(value, in: range, field: field)
    }

    /// An amount, if it is within `moneyFen`.
    @discardableResult
    public static func check(_ amount: Money, field: String) throws -> Money {
        guard moneyFen.contains(amount.fen) else { throw ValidationError(field: field, rule: .amountTooLarge) }
        return amount
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
