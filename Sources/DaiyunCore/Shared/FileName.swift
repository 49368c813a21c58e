import Foundation

/// A file name as Daiyun keeps and shows it: what a person or a client named an upload, without
/// what could break a header, a path or a page (control characters, line breaks, quotes, slashes).
public enum FileName {
    /// The longest name kept, in characters.
    public static let maxLength = 200

    /// The name with control characters, line and paragraph separators, quotes, backslashes and
    /// slashes removed, trimmed and cut to `maxLength`; `fallback` when nothing is left.
    public static func sanitized(_ name: String, fallback: String) -> String {
        let kept = name.unicodeScalars.filter { scalar in
            !(scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                || scalar == "\u{2028}" || scalar == "\u{2029}" || "\"\\/".unicodeScalars.contains(scalar))
        }
        let text = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text != ".", text != ".." else { return fallback }
        return String(text.prefix(maxLength))
    }
}
