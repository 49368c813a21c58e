import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// An agency's contracts with its clients and their versions, written in the client's audit
/// chain: a contract is created with its first version, amended by adding the next one, and no
/// version ever changes.
public struct ContractRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Creates the contract with its versions (usually one), audited `contract.create`. Refuses
    /// what `Contract.validateTerm` and `ContractTerms.validate` refuse, and stores that are not
    /// the client's.
    public func create(_ contract: Contract, client: Client, by context: WriteContext) async throws -> Contract {
        precondition(contract.clientID == client.id, "a contract of another client")
        try await validate(contract, client: client)
        return try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
            try await tx.sql().raw(
                """
                INSERT INTO contracts (id, agency_id, client_id, name, start_day, end_day, notice_days, created_at)
                VALUES (\(bind: contract.id.rawValue), \(bind: client.agencyID.rawValue), \(bind: client.id.rawValue), \(bind: contract.name),
                    \(bind: contract.start.description), \(bind: contract.end?.description), \(bind: contract.noticeDays), \(bind: context.now))
                """
            ).run()
            for version in contract.versions { try await Self.insert(version, of: contract.id, tx, by: context) }
            return (
                contract,
                [
                    AuditRecord(
                        action: "contract.create", entityType: "contract", entityID: contract.id.description, before: Contract?.none,
                        after: contract)
                ]
            )
        }
    }

    /// Adds the next version of the contract, in force from its day, audited `contract.amend`.
    /// A month already computed keeps its days before the amendment under the version before.
    public func amend(_ contract: Contract, from day: BusinessDay, terms: ContractTerms, client: Client, by context: WriteContext)
        async throws -> Contract
    {
        let version = ContractVersion(number: contract.versions.count + 1, effectiveFrom: day, terms: terms)
        var next = contract
        next.versions.append(version)
        try await validate(next, client: client)
        let amended = next
        return try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
            try await Self.insert(version, of: contract.id, tx, by: context)
            return (
                amended,
                [
                    AuditRecord(
                        action: "contract.amend", entityType: "contract", entityID: contract.id.description,
                        before: contract.versions.last, after: version)
                ]
            )
        }
    }

    /// The contracts of the clients, by start, with their versions.
    public func contracts(of clients: [ID<Client>]) async throws -> [Contract] {
        guard !clients.isEmpty else { return [] }
        let rows = try await database.sql().raw(
            "SELECT * FROM contracts WHERE client_id IN \(SQLBind.group(clients.map(\.rawValue))) ORDER BY start_day, name, id"
        ).all()
        return try await withVersions(rows)
    }

    /// The contract, nil when there is none.
    public func contract(_ id: ID<Contract>) async throws -> Contract? {
        try await withVersions(try await database.sql().raw("SELECT * FROM contracts WHERE id = \(bind: id.rawValue)").all()).first
    }

    private func withVersions(_ rows: [any SQLRow]) async throws -> [Contract] {
        guard !rows.isEmpty else { return [] }
        var contracts = try rows.map { row in
            guard let start = BusinessDay(try row.decode(column: "start_day", as: String.self)) else {
                throw PersistenceError.corruptRow(table: "contracts", id: try row.decode(column: "id", as: UUID.self).uuidString)
            }
            return Contract(
                id: ID(try row.decode(column: "id", as: UUID.self)), clientID: ID(try row.decode(column: "client_id", as: UUID.self)),
                name: try row.decode(column: "name", as: String.self), start: start,
                end: try row.decode(column: "end_day", as: String?.self).flatMap(BusinessDay.init),
                noticeDays: try row.decode(column: "notice_days", as: Int.self), versions: [])
        }
        let index = Dictionary(uniqueKeysWithValues: contracts.enumerated().map { ($0.element.id, $0.offset) })
        for row in try await database.sql().raw(
            """
            SELECT contract_id, number, effective_from, terms FROM contract_versions
            WHERE contract_id IN \(SQLBind.group(contracts.map(\.id.rawValue))) ORDER BY contract_id, number
            """
        ).all() {
            let id = ID<Contract>(try row.decode(column: "contract_id", as: UUID.self))
            guard let position = index[id], let from = BusinessDay(try row.decode(column: "effective_from", as: String.self)) else {
                throw PersistenceError.corruptRow(table: "contract_versions", id: id.description)
            }
            let terms = try JSONDecoder().decode(ContractTerms.self, from: Data(try row.decode(column: "terms", as: String.self).utf8))
            contracts[position].versions.append(
                ContractVersion(number: try row.decode(column: "number", as: Int.self), effectiveFrom: from, terms: terms))
        }
        return contracts
    }

    private func validate(_ contract: Contract, client: Client) async throws {
        try contract.validateTerm()
        let stores = Dictionary(
            uniqueKeysWithValues: try await TenancyRepository(database: database).stores(
                visibleTo: .agency(client.agencyID), client: client.id
            )
            .map { ($0.id, $0) })
        for (index, version) in contract.versions.enumerated() {
            guard version.terms.stores.allSatisfy({ stores[$0] != nil }) else {
                throw ValidationError(field: "versions[\(index)].stores", rule: .unknownReference)
            }
            try version.terms.validate(channels: version.terms.stores.compactMap { stores[$0]?.channel })
        }
    }

    private static func insert(_ version: ContractVersion, of contract: ID<Contract>, _ database: any Database, by context: WriteContext)
        async throws
    {
        try await database.sql().raw(
            """
            INSERT INTO contract_versions (contract_id, number, effective_from, terms, created_at, created_by)
            VALUES (\(bind: contract.rawValue), \(bind: version.number), \(bind: version.effectiveFrom.description),
                \(bind: CanonicalJSON.encode(version.terms)), \(bind: context.now), \(bind: context.actor))
            """
        ).run()
    }
}
