import DaiyunCore
import Fluent
import Foundation

/// Agencies, clients and stores: reads filtered by what a principal may see, audited writes.
public struct TenancyRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func agency(_ id: ID<Agency>) async throws -> Agency? {
        try await AgencyModel.find(id.rawValue, on: database)?.domain
    }

    public func agency(named name: String) async throws -> Agency? {
        try await AgencyModel.query(on: database).filter(\.$name == name).first()?.domain
    }

    /// Creates an agency; its creation is the first entry of the agency's own chain.
    public func createAgency(named name: String, by context: WriteContext) async throws -> Agency {
        let name = try TextRules.required(name, field: "name")
        let agency = Agency(id: ID(context.ids.random()), name: name)
        let model = AgencyModel(id: agency.id.rawValue, name: name, createdAt: context.now)
        // The agency row must exist before its chain row refers to it.
        try await database.translatingConflicts(field: "name") { try await model.create(on: database) }
        return try await database.audited(AuditTarget(agencyID: agency.id, clientID: nil), by: context) { _ in
            (
                agency,
                [
                    AuditRecord(
                        action: "agency.create", entityType: "agency", entityID: agency.id.description, before: Agency?.none, after: agency)
                ]
            )
        }
    }

    // MARK: Clients

    public func clients(visibleTo visibility: Visibility) async throws -> [Client] {
        let query = ClientModel.query(on: database).sort(\.$name)
        switch visibility {
        case .agency(let agency):
            query.filter(\.$agencyID == agency.rawValue)
        case .limited(let agency, let clients, _):
            query.filter(\.$agencyID == agency.rawValue).filter(\.$id ~~ clients.map(\.rawValue))
        }
        return try await query.all().map(\.domain)
    }

    public func client(_ id: ID<Client>) async throws -> Client? {
        try await ClientModel.find(id.rawValue, on: database)?.domain
    }

    /// Clients of any agency with exactly this name (for the command line).
    public func clients(named name: String) async throws -> [Client] {
        try await ClientModel.query(on: database).filter(\.$name == name).all().map(\.domain)
    }

    public func createClient(_ draft: ClientDraft, in agency: ID<Agency>, by context: WriteContext) async throws -> Client {
        let client = Client(id: ID(context.ids.random()), agencyID: agency, name: draft.name, industry: draft.industry)
        return try await database.translatingConflicts(field: "name") {
            try await database.audited(AuditTarget(agencyID: agency, clientID: client.id), by: context) { tx in
                try await ClientModel(client, createdAt: context.now).create(on: tx)
                return (
                    client,
                    [
                        AuditRecord(
                            action: "client.create", entityType: "client", entityID: client.id.description, before: Client?.none,
                            after: client)
                    ]
                )
            }
        }
    }

    public func updateClient(_ client: Client, with draft: ClientDraft, by context: WriteContext) async throws -> Client {
        var updated = client
        updated.name = draft.name
        updated.industry = draft.industry
        let result = updated
        return try await database.translatingConflicts(field: "name") {
            try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
                guard let model = try await ClientModel.find(client.id.rawValue, on: tx) else {
                    throw PersistenceError.missingReference(field: "client_id")
                }
                model.name = result.name
                model.industry = result.industry
                try await model.save(on: tx)
                return (
                    result,
                    [
                        AuditRecord(
                            action: "client.update", entityType: "client", entityID: client.id.description, before: client, after: result)
                    ]
                )
            }
        }
    }

    // MARK: Stores

    /// The stores a principal may see, optionally of one client, ordered by client then name.
    public func stores(visibleTo visibility: Visibility, client: ID<Client>? = nil) async throws -> [Store] {
        let query = StoreModel.query(on: database).sort(\.$clientID).sort(\.$name)
        switch visibility {
        case .agency(let agency):
            query.filter(\.$agencyID == agency.rawValue)
        case .limited(let agency, let clients, let stores):
            query.filter(\.$agencyID == agency.rawValue).filter(\.$clientID ~~ clients.map(\.rawValue))
            if let stores { query.filter(\.$id ~~ stores.map(\.rawValue)) }
        }
        if let client { query.filter(\.$clientID == client.rawValue) }
        return try await query.all().map { try $0.domain() }
    }

    /// Every store of every agency, for maintenance from the command line.
    public func allStores() async throws -> [Store] {
        try await StoreModel.query(on: database).sort(\.$agencyID).sort(\.$name).all().map { try $0.domain() }
    }

    /// Stores of any agency whose channel shop id or name is exactly this (for the command line).
    public func stores(matching text: String) async throws -> [Store] {
        try await StoreModel.query(on: database).group(.or) { $0.filter(\.$shopID == text).filter(\.$name == text) }
            .all().map { try $0.domain() }
    }

    public func store(_ id: ID<Store>) async throws -> Store? {
        try await StoreModel.find(id.rawValue, on: database)?.domain()
    }

    public func createStore(_ draft: StoreDraft, for client: Client, by context: WriteContext) async throws -> Store {
        let store = Store(
            id: ID(context.ids.random()), agencyID: client.agencyID, clientID: client.id, channel: draft.channel,
            shopID: draft.shopID, name: draft.name, status: draft.status, takenOverOn: draft.takenOverOn
        )
        return try await database.translatingConflicts(field: "shop_id") {
            try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
                try await StoreModel(store, createdAt: context.now).create(on: tx)
                return (
                    store,
                    [
                        AuditRecord(
                            action: "store.create", entityType: "store", entityID: store.id.description, before: Store?.none, after: store)
                    ]
                )
            }
        }
    }

    public func updateStore(_ store: Store, with patch: StorePatch, by context: WriteContext) async throws -> Store {
        let updated = patch.applied(to: store)
        guard updated != store else { return store }
        return try await database.audited(AuditTarget(agencyID: store.agencyID, clientID: store.clientID), by: context) { tx in
            guard let model = try await StoreModel.find(store.id.rawValue, on: tx) else {
                throw PersistenceError.missingReference(field: "store_id")
            }
            model.apply(updated)
            try await model.save(on: tx)
            return (
                updated,
                [AuditRecord(action: "store.update", entityType: "store", entityID: store.id.description, before: store, after: updated)]
            )
        }
    }
}
