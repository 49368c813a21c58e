import DaiyunChannels
import DaiyunCore
import Vapor

extension Request {
    /// A whole-number query parameter within `range`, or `fallback` when it is absent or empty. A
    /// malformed or out-of-range value is refused (422 naming the parameter), never clamped or
    /// ignored, so no later arithmetic on it can overflow.
    func queryInt(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = query[String.self, at: name], !text.isEmpty else { return fallback }
        return try InputBounds.parse(text, in: range, field: name)
    }

    /// A query parameter that takes one of `choices`, or nil when absent or empty; any other value
    /// is refused with the choices named.
    func queryChoice(_ name: String, among choices: [String]) throws -> String? {
        guard let text = query[String.self, at: name], !text.isEmpty else { return nil }
        guard choices.contains(text) else { throw ValidationError(field: name, rule: .oneOf(choices)) }
        return text
    }

    /// A yes-or-no query parameter (`1`/`true`, `0`/`false`), false when absent.
    func queryFlag(_ name: String) throws -> Bool {
        switch try queryChoice(name, among: ["1", "true", "0", "false"]) {
        case "1", "true": true
        default: false
        }
    }

    /// The `encoding` of a CSV download: UTF-8 with a BOM unless `gb18030` is asked for.
    func queryCSVFormat() throws -> SpreadsheetFormat {
        try queryChoice("encoding", among: ["utf-8", "gb18030"]) == "gb18030" ? .gb18030 : .csv
    }

    /// The `page` query parameter of a paged list.
    func queryPage() throws -> Int { try queryInt("page", in: InputBounds.page, default: 0) }
}
