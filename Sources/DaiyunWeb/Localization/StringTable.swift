/// One feature's interface strings, zh-CN and English side by side. A page gets the shared table
/// and the tables it names; code looks a key up in all of them.
struct StringTable: Sendable {
    let name: String
    let entries: [String: (zh: String, en: String)]

    init(_ name: String, _ entries: [String: (zh: String, en: String)]) {
        self.name = name
        self.entries = entries
    }

    /// Every table; a key is defined in one only (a test checks).
    static let all: [StringTable] = [
        .shared, .auth, .tenancy, .workbench, .accounts, .audit, .orders, .inventory, .catalog, .imports, .channels, .api,
        .dashboards, .alerts, .ads, .contracts,
    ]

    /// Every key of every table, for lookups from code.
    static let merged: [String: (zh: String, en: String)] = all.reduce(into: [:]) { table, next in
        table.merge(next.entries) { first, _ in first }
    }
}
