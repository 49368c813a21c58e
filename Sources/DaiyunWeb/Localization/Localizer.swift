import DaiyunCore
import Foundation

/// The interface strings in one language, with labels for domain values and validation errors.
struct Localizer: Sendable {
    let language: Language

    /// A key of any table in this language. A key no table defines reads as itself; a test
    /// keeps every key that code and templates use defined in both languages.
    subscript(_ key: String) -> String {
        guard let entry = StringTable.merged[key] else { return key }
        return language == .zhCN ? entry.zh : entry.en
    }

    /// The shared strings and those of `tables` in this language, for a page's template (`#(t.key)`).
    func strings(_ tables: [StringTable]) -> [String: String] {
        ([StringTable.shared] + tables).reduce(into: [:]) { strings, table in
            for (key, entry) in table.entries { strings[key] = language == .zhCN ? entry.zh : entry.en }
        }
    }

    func format(_ key: String, _ arguments: any CVarArg...) -> String {
        String(format: self[key], arguments: arguments)
    }

    /// `3 分钟` / `3 min`: a lag or a wait, in its largest whole unit.
    func duration(_ seconds: Int) -> String {
        switch seconds {
        case ..<60: format("duration_seconds", seconds)
        case ..<3600: format("duration_minutes", seconds / 60)
        case ..<86_400: format("duration_hours", seconds / 3600)
        default: format("duration_days", seconds / 86_400)
        }
    }

    func channel(_ channel: Channel) -> String { self["channel_\(channel.rawValue)"] }
    func status(_ status: StoreStatus) -> String { self["status_\(status.rawValue)"] }
    func role(_ role: StoreRole) -> String { self["role_\(role.rawValue)"] }
    func kind(_ kind: UserKind) -> String { self["kind_\(kind.rawValue)"] }

    /// A field's label, falling back to its name.
    func field(_ name: String) -> String {
        StringTable.merged["field_\(name)"] == nil ? name : self["field_\(name)"]
    }

    /// A user-facing sentence for an error, in this language.
    func message(for error: AppError) -> String {
        switch (error.code, error.rule) {
        case ("forbidden", _): return self["error_forbidden"]
        case ("not_found", _): return self["error_not_found"]
        case ("csrf", _): return self["error_csrf"]
        case ("statement_state", _): return self["error_statement_state"]
        case ("invitation_closed", _): return self["error_invitation_closed"]
        case ("internal", _): return self["error_internal"]
        case ("duplicate", _): return format("error_duplicate", field(error.field ?? ""))
        case (_, .some(let rule)): return format("error_invalid", field(error.field ?? ""), text(for: rule))
        default: return self["error_bad_request"]
        }
    }

    func text(for rule: ValidationError.Rule) -> String {
        say(ValidationError(field: "", rule: rule).message)
    }
}
