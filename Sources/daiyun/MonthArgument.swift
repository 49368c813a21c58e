import ArgumentParser
import DaiyunCore

extension BusinessMonth {
    /// Parses a command's `--month YYYY-MM` (Asia/Shanghai).
    static func argument(_ text: String) throws -> BusinessMonth {
        guard let month = BusinessMonth(text) else { throw ArgumentParser.ValidationError("--month must be YYYY-MM, like 2026-11") }
        return month
    }
}
