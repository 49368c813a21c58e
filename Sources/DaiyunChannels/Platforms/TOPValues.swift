import Foundation

/// A text field the platform writes as a JSON number or a string (order numbers, item ids).
/// Numbers are read from their digits, never through a double.
struct FlexibleText: Decodable, Sendable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text
        } else if let number = try? container.decode(Int64.self) {
            text = String(number)
        } else if let number = try? container.decode(UInt64.self) {
            text = String(number)
        } else if let flag = try? container.decode(Bool.self) {
            text = String(flag)
        } else {
            throw DecodingError.typeMismatch(
                String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected text or a whole number"))
        }
    }
}

/// A list the classic TOP JSON wraps in an object with one singular-named key:
/// `"trades": {"trade": [...]}`, `"orders": {"order": [...]}`.
struct WrappedList<Element: Decodable & Sendable>: Decodable, Sendable {
    var elements: [Element]

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var elements: [Element] = []
            while !list.isAtEnd { elements.append(try list.decode(Element.self)) }
            self.elements = elements
            return
        }
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        guard let key = container.allKeys.first else {
            elements = []
            return
        }
        elements = try container.decode([Element].self, forKey: key)
    }
}

/// A JSON key known only at run time.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
