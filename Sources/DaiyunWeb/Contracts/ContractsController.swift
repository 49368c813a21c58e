import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Vapor

/// The contracts pages: the list, a contract with its months and KPI scorecard, a month's
/// statement with its arithmetic, its steps (draft, send, confirm, dispute, revise, finalize)
/// and its file.
struct ContractsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("contracts", use: list)
        routes.get("contracts", ":contractID", use: contract)
        routes.get("contracts", ":contractID", "statements", ":month", use: statement)
        routes.get("contracts", ":contractID", "statements", ":month", "download", use: download)
        routes.post("contracts", ":contractID", "statements", ":month", ":step", use: step)
    }

    func list(req: Request) async throws -> Response {
        var rows: [(Contract, Client, StoredStatement?)] = []
        for (contract, client) in try await req.visibleContracts() {
            rows.append((contract, client, try await req.readableStatements(of: contract).first))
        }
        return try await Page.render(ContractsPage(rows, Page.localizer(for: req)), for: req)
    }

    func contract(req: Request) async throws -> Response {
        let (contract, client) = try await req.contract()
        let today = BusinessDay(containing: req.now)
        var months = contract.settleableMonths(today: today)
        let current = BusinessMonth(of: today)
        if contract.covers(today) || contract.start > today { months.append(current) }
        let now = try await SettlementRepository(database: req.db).months(of: contract, through: months.last ?? current)
        let kept = Dictionary(grouping: try await req.readableStatements(of: contract), by: \.month).compactMapValues(\.first)
        let rows = months.map { month in (month, kept[month], now.first { $0.month == month } ?? now[now.count - 1]) }
        let page = ContractPage(
            contract: contract, clientName: client.name, months: rows, current: current, stores: try await Self.stores(of: client, req),
            names: try await Self.names(req), Page.localizer(for: req))
        return try await Page.render(page, for: req)
    }

    func statement(req: Request) async throws -> Response {
        let (contract, client) = try await req.contract()
        let month = try req.statementMonth()
        let revisions = try await req.readableStatements(of: contract).filter { $0.month == month }
        let stored = revisions.first
        let now = try await req.statements.compute(contract, month: month)
        let principal = try req.principal()
        let scope = AccessScope.client(client.agencyID, client.id)
        let abilities = StatementPage.Abilities(
            manage: AccessPolicy.decide(principal, .manageContracts, in: scope) == .allow,
            answer: AccessPolicy.decide(principal, .answerStatements, in: scope) == .allow,
            settleable: contract.settleableMonths(today: BusinessDay(containing: req.now)).contains(month))
        let page = StatementPage(
            contract: contract, clientName: client.name, month: month, stored: stored, earlier: Array(revisions.dropFirst().reversed()),
            now: now,
            stores: try await Self.stores(of: client, req), can: abilities, names: try await Self.names(req), Page.localizer(for: req))
        return try await Page.render(page, for: req)
    }

    func download(req: Request) async throws -> Response {
        let (contract, client) = try await req.contract()
        let month = try req.statementMonth()
        let format: SpreadsheetFormat = try req.queryChoice("format", among: ["csv", "xlsx"]) == "xlsx" ? .xlsx : .csv
        let figures: StatementFigures
        if let stored = try await req.readableStatement(of: contract, month: month) {
            figures = stored.figures
        } else {
            figures = try await req.statements.compute(contract, month: month)
        }
        let l10n = Page.localizer(for: req)
        let words = StatementWords(figures, stores: try await Self.stores(of: client, req), l10n)
        return Download.attachment(
            try format.file(words.table(l10n), sheetName: l10n["statement_sheet"]),
            filename: "statement-\(client.name)-\(month).\(format.fileExtension)", contentType: Download.mediaType(of: format))
    }

    func step(req: Request) async throws -> Response {
        guard let step = req.parameters.get("step").flatMap(StatementStep.init) else { throw AccessDenied.notFound }
        let (contract, _) = try await req.contract(for: step.permission)
        let month = try req.statementMonth()
        let path = SiteURL.statement(contract.id, month)
        return try await Page.formAction(req, failurePath: path) {
            _ = try await req.takeStatementStep(step)
            return Page.saved(req, to: path)
        }
    }

    /// The client's stores by id, to name the statement's parts.
    static func stores(of client: Client, _ req: Request) async throws -> [ID<Store>: Store] {
        let stores = try await req.tenancy.stores(visibleTo: .agency(client.agencyID), client: client.id)
        return Dictionary(uniqueKeysWithValues: stores.map { ($0.id, $0) })
    }

    /// The agency's people by login and by id, to name who did what.
    static func names(_ req: Request) async throws -> [String: String] {
        var names: [String: String] = [:]
        for user in try await req.users.users(of: try req.principal().agencyID) {
            names[user.login] = user.displayName
            names[user.id.description] = user.displayName
        }
        return names
    }
}
