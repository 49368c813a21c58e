import Foundation

/// The one JSON form that audit hashes are computed over, so that any tool can recompute them.
public enum CanonicalJSON {
    /// A JSON string literal: `"` and `\` escaped, control characters as `\u00XX`, all else as is
    /// (unless `alsoEscaping` names it: then as `\uXXXX` too).
    public static func string(_ text: String, alsoEscaping extra: (Unicode.Scalar) -> Bool = { _ in false }) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || extra(scalar):
                out += String(format: "\\u%04x", scalar.value)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Encodes a value as JSON with sorted keys and no whitespace.
    public static func encode<E: Encodable>(_ value: E) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding our own domain values cannot fail; a failure is a programming error worth seeing.
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            preconditionFailure("audit snapshot of \(E.self) is not encodable")
        }
        return text
    }
}
