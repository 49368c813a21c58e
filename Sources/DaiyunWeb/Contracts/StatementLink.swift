import DaiyunCore
import DaiyunPersistence
import Fluent

/// A contract's latest statement as the home page lists it: its month, state and total, and
/// whether it waits for the reader (the brand: one sent to it; the agency: a draft to send, a
/// dispute to revise, a confirmation to make final).
struct StatementLink: Encodable {
    var contract: String
    var month: String
    var state: String
    var stateLabel: String
    var total: String
    var path: String
    var yours: Bool

    /// Each contract's latest statement, of those that have one (`brand`: of those sent).
    static func latest(of contracts: [Contract], brand: Bool, on db: any Database) async throws -> [(Contract, StoredStatement)] {
        var latest: [(Contract, StoredStatement)] = []
        for contract in contracts {
            let kept = try await StatementRepository(database: db).statements(of: contract.id)
            if let statement = kept.first(where: { !brand || $0.state != .draft }) {
                latest.append((contract, statement))
            }
        }
        return latest
    }

    /// The links of the contracts, those waiting for the reader first.
    static func links(_ latest: [(Contract, StoredStatement)], brand: Bool, _ l10n: Localizer) -> [StatementLink] {
        latest.map { contract, statement in
            StatementLink(
                contract: contract.name, month: statement.month.description, state: statement.state.rawValue,
                stateLabel: l10n["statement_state_" + statement.state.rawValue], total: l10n.money(statement.figures.total),
                path: SiteURL.statement(contract.id, statement.month).path,
                yours: brand ? statement.state == .sent : [.draft, .disputed, .confirmed].contains(statement.state))
        }.sorted { ($0.yours ? 0 : 1, $0.contract) < ($1.yours ? 0 : 1, $1.contract) }
    }
}
