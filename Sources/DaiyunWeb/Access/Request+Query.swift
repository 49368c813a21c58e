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

    /// The `page` query parameter of a paged list.
    func queryPage() throws -> Int { try queryInt("page", in: InputBounds.page, default: 0) }
}
