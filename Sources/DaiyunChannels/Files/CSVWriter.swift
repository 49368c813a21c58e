import Foundation

/// Writes CSV fields as Excel and our own reader read them back: quoted when they hold a comma, a
/// quote or a line break, and neutralised when a spreadsheet would run them as a formula.
public enum CSVWriter {
    /// The characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// One field: a text that starts like a formula gets a leading `'` (shown by Excel as text, and
    /// taken off again by `CSVWriter.restored` on import), then quotes as needed.
    public static func field(_ text: String) -> String {
        let safe = text.first.map(formulaStarts.contains) == true ? "'" + text : text
        return safe.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }

    /// A field as it was before `field` neutralised it.
    public static func restored(_ text: String) -> String {
        guard text.count >= 2, text.first == "'", let second = text.dropFirst().first, formulaStarts.contains(second) else { return text }
        return String(text.dropFirst())
    }

    /// Rows of fields, CRLF line ends.
    public static func text(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
