import DaiyunCore
import DaiyunPersistence
import Vapor

extension Request {
    var contracts: ContractRepository { ContractRepository(database: db) }
    var statements: StatementRepository { StatementRepository(database: db) }

    /// The contract named by the path (`contractID`) with its client, if the user may do
    /// `permission` on the client's contracts; another agency's or another brand's is 404.
    func contract(for permission: Permission = .viewContracts) async throws -> (Contract, Client) {
        guard let id = parameters.get("contractID").flatMap(ID<Contract>.init),
            let contract = try await contracts.contract(id),
            let client = try await tenancy.client(contract.clientID)
        else { throw AccessDenied.notFound }
        try authorize(.viewContracts, in: .client(client.agencyID, client.id))
        try authorize(permission, in: .client(client.agencyID, client.id))
        return (contract, client)
    }

    /// The contracts the user may read: every client's for an admin, the brand's own for its
    /// viewers, none for staff.
    func visibleContracts() async throws -> [(Contract, Client)] {
        let principal = try principal()
        let clients = try await tenancy.clients(visibleTo: AccessPolicy.visibility(of: principal)).filter {
            AccessPolicy.decide(principal, .viewContracts, in: .client($0.agencyID, $0.id)) == .allow
        }
        let byID = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0) })
        return try await contracts.contracts(of: clients.map(\.id)).compactMap { contract in
            byID[contract.clientID].map { (contract, $0) }
        }
    }

    /// Every kept revision of the contract's months that the user may read, the latest month and
    /// revision first: a brand does not see drafts, which are the agency's until sent.
    func readableStatements(of contract: Contract) async throws -> [StoredStatement] {
        let kept = try await statements.statements(of: contract.id)
        return try principal().kind == .brandViewer ? kept.filter { $0.state != .draft } : kept
    }

    /// The month's latest revision the user may read, nil when there is none.
    func readableStatement(of contract: Contract, month: BusinessMonth) async throws -> StoredStatement? {
        try await readableStatements(of: contract).first { $0.month == month }
    }

    /// The month named by the path (`month`, YYYY-MM); 422 naming `month` when it is not one.
    func statementMonth() throws -> BusinessMonth {
        guard let month = parameters.get("month").flatMap(BusinessMonth.init), DashboardPeriod.years.contains(month.year) else {
            throw ValidationError(field: "month", rule: .monthFormat)
        }
        return month
    }

    /// Takes the step on the month's statement of the path's contract, for the user: a draft
    /// only of a month that has ended within the term; a dispute with the `line` and `comment`
    /// of the form or body. Returns the statement as it now is.
    func takeStatementStep(_ step: StatementStep) async throws -> (StoredStatement, Contract) {
        let (contract, client) = try await contract(for: step.permission)
        let month = try statementMonth()
        let context = try writeContext()
        let latest = try await readableStatement(of: contract, month: month)
        switch step {
        case .draft:
            guard contract.settleableMonths(today: BusinessDay(containing: now)).contains(month) else {
                throw ValidationError(field: "month", rule: .monthToSettle)
            }
            return (try await statements.draft(contract, month: month, client: client, by: context), contract)
        case .act(let action):
            // A month never drafted has nothing to act on.
            guard let latest else { throw AccessDenied.notFound }
            let dispute =
                action == .dispute
                ? try StatementDispute(line: try disputedLine(), comment: formField("comment"), of: latest.figures) : nil
            let byBrand = try principal().kind == .brandViewer
            return (
                try await statements.act(
                    action, on: latest, dispute: dispute, contract: contract, client: client, byBrand: byBrand, by: context),
                contract
            )
        }
    }

    /// The disputed line's position, from the form (text) or the JSON body (a number).
    private func disputedLine() throws -> Int {
        if let line = try? content.get(Int.self, at: "line") { return line }
        guard let line = Int(formField("line").trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError(field: "line", rule: .wholeNumber)
        }
        return line
    }
}
