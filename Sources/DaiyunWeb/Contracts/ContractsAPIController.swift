import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// `/api/v1` contracts the caller may read, their statements month by month (kept, or as the
/// data gives them now), and the steps on a statement: the agency drafts, sends, revises and
/// makes final; the brand confirms or disputes.
struct ContractsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("contracts", use: list)
        routes.get("contracts", ":contractID", use: one)
        routes.get("contracts", ":contractID", "statements", use: statements)
        routes.get("contracts", ":contractID", "statements", ":month", use: statement)
        routes.post("contracts", ":contractID", "statements", ":month", ":step", use: step)
    }

    /// A contract as the API writes it: its term and every version's terms.
    struct ContractItem: Encodable {
        var id: ID<Contract>
        var clientId: ID<Client>
        var name: String
        var start: BusinessDay
        var end: BusinessDay?
        var noticeDays: Int
        var versions: [ContractVersion]

        init(_ contract: Contract) {
            (id, clientId, name, start, end, noticeDays, versions) = (
                contract.id, contract.clientID, contract.name, contract.start, contract.end, contract.noticeDays, contract.versions
            )
        }
    }

    /// A month's statement: the kept revision (state `none` and no revision when the month was
    /// never drafted: the figures are then what the data gives now), whether the kept figures
    /// still hash to the kept hash, and the hash of what the data gives now (not in the list of
    /// revisions).
    struct StatementItem: Encodable {
        var contractId: ID<Contract>
        var month: BusinessMonth
        var state: String
        var revision: Int?
        var contentHash: String?
        var intact: Bool
        var dataHash: String?
        var figures: StatementFigures
        var events: [Event]

        struct Event: Encodable {
            var action: StatementAction
            var actor: String
            var at: Date
            var line: Int?
            var comment: String?
        }

        init(_ stored: StoredStatement, now: StatementFigures?) {
            self.init(stored as StoredStatement?, figures: stored.figures, now: now)
        }

        init(_ stored: StoredStatement?, figures now: StatementFigures) {
            self.init(stored, figures: stored?.figures ?? now, now: now)
        }

        private init(_ stored: StoredStatement?, figures: StatementFigures, now: StatementFigures?) {
            contractId = figures.contractID
            month = figures.month
            state = stored?.state.rawValue ?? "none"
            revision = stored?.revision
            contentHash = stored?.contentHash
            intact = stored.map { StatementRepository.hash($0.figures) == $0.contentHash } ?? true
            dataHash = now.map(StatementRepository.hash)
            self.figures = figures
            events = (stored?.events ?? []).map {
                Event(action: $0.action, actor: $0.actor, at: $0.at, line: $0.dispute?.line, comment: $0.dispute?.comment)
            }
        }
    }

    func list(req: Request) async throws -> Response {
        try APIResponse.json(APIResponse.Items(items: try await req.visibleContracts().map { ContractItem($0.0) }))
    }

    func one(req: Request) async throws -> Response {
        try APIResponse.json(ContractItem(try await req.contract().0))
    }

    /// Every kept revision of every month, the latest month and revision first (a brand's viewer
    /// does not see drafts).
    func statements(req: Request) async throws -> Response {
        let (contract, _) = try await req.contract()
        let kept = try await req.readableStatements(of: contract)
        return try APIResponse.json(APIResponse.Items(items: kept.map { StatementItem($0, now: nil) }))
    }

    func statement(req: Request) async throws -> Response {
        let (contract, _) = try await req.contract()
        let month = try req.statementMonth()
        let stored = try await req.readableStatement(of: contract, month: month)
        return try APIResponse.json(StatementItem(stored, figures: try await req.statements.compute(contract, month: month)))
    }

    func step(req: Request) async throws -> Response {
        guard let step = req.parameters.get("step").flatMap(StatementStep.init) else {
            throw ValidationError(field: "step", rule: .oneOf(StatementStep.names))
        }
        let (stored, contract) = try await req.takeStatementStep(step)
        return try APIResponse.json(StatementItem(stored, now: try await req.statements.compute(contract, month: stored.month)))
    }
}
