import DaiyunCore
import DaiyunCrypto
import Fluent
import Foundation
import SQLKit

/// A chain as listed on the audit page: its key, its client (if any) and its head.
public struct AuditChainSummary: Sendable, Equatable, Codable {
    public var chain: String
    public var clientID: ID<Client>?
    public var head: AuditChainHead

    public init(chain: String, clientID: ID<Client>?, head: AuditChainHead) {
        self.chain = chain
        self.clientID = clientID
        self.head = head
    }
}

/// Filters for the audit log page and API; every field optional.
public struct AuditEntryFilter: Sendable, Equatable {
    public var action: String?
    public var actor: String?
    public var entityType: String?
    public var entityID: String?
    public var from: Date?
    public var until: Date?

    public init(
        action: String? = nil, actor: String? = nil, entityType: String? = nil, entityID: String? = nil, from: Date? = nil,
        until: Date? = nil
    ) {
        self.action = action
        self.actor = actor
        self.entityType = entityType
        self.entityID = entityID
        self.from = from
        self.until = until
    }
}

/// Reads the audit chains. Appending happens only through `Database.audited`.
public struct AuditLogRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The chains of an agency, the agency's own first.
    public func chains(of agency: ID<Agency>) async throws -> [AuditChainSummary] {
        try await AuditChainModel.query(on: database)
            .filter(\.$agencyID == agency.rawValue)
            .all()
            .map { AuditChainSummary(chain: $0.chainKey, clientID: $0.clientID.map { ID($0) }, head: $0.head) }
            .sorted { ($0.clientID == nil ? 0 : 1, $0.chain) < ($1.clientID == nil ? 0 : 1, $1.chain) }
    }

    public func chain(_ key: AuditChainKey) async throws -> AuditChainSummary? {
        guard let model = try await AuditChainModel.query(on: database).filter(\.$chainKey == key.description).first() else { return nil }
        return AuditChainSummary(chain: model.chainKey, clientID: model.clientID.map { ID($0) }, head: model.head)
    }

    /// One page of a chain's entries, newest first.
    public func entries(in key: AuditChainKey, matching filter: AuditEntryFilter, limit: Int, offset: Int) async throws -> [AuditEntry] {
        let query = AuditEntryModel.query(on: database).filter(\.$chainKey == key.description)
        if let action = filter.action { query.filter(\.$action == action) }
        if let actor = filter.actor { query.filter(\.$actor == actor) }
        if let type = filter.entityType { query.filter(\.$entityType == type) }
        if let id = filter.entityID { query.filter(\.$entityID == id) }
        if let from = filter.from { query.filter(\.$atMillis >= Int64(from.timeIntervalSince1970 * 1000)) }
        if let until = filter.until { query.filter(\.$atMillis < Int64(until.timeIntervalSince1970 * 1000)) }
        return try await query.sort(\.$seq, .descending).range(offset..<(offset + limit)).all().map(\.domain)
    }

    /// A whole chain in order, for verification and export.
    public func allEntries(in chain: String) async throws -> [AuditEntry] {
        try await AuditEntryModel.query(on: database).filter(\.$chainKey == chain).sort(\.$seq).all().map(\.domain)
    }

    /// Recomputes every chain of the database (or of one agency); one result per chain. The chains
    /// checked are those with a head, those with entries, those every agency and client must have
    /// (each one's creation is its chain's first entry) and those their agency's chain recorded
    /// (`AuditCheckpoint`), so a deleted head, a whole deleted chain, or one cut shorter than a
    /// head the agency recorded fails too.
    public func verifyAll(agency: ID<Agency>? = nil) async throws -> [(chain: String, result: Result<AuditChainHead, AuditChainProblem>)] {
        let query = AuditChainModel.query(on: database)
        if let agency { query.filter(\.$agencyID == agency.rawValue) }
        let heads = Dictionary(try await query.all().map { ($0.chainKey, $0.head) }) { first, _ in first }
        let recorded = try await recordedHeads(of: agency)
        var keys = Set(heads.keys).union(try await requiredChains(of: agency)).union(recorded.keys)
        if agency == nil {
            keys.formUnion(
                try await database.sql().raw("SELECT DISTINCT chain_key FROM audit_entries").all().map {
                    try $0.decode(column: "chain_key", as: String.self)
                })
        }
        var results: [(String, Result<AuditChainHead, AuditChainProblem>)] = []
        for key in keys.sorted() {
            results.append((key, try await verify(key, head: heads[key], recorded: recorded[key])))
        }
        return results
    }

    /// Recomputes one chain against its stored head, and against the last head its agency recorded
    /// of it, if any; a chain without a head fails.
    public func verify(_ key: String, head stored: AuditChainHead?, recorded: AuditChainHead? = nil) async throws -> Result<
        AuditChainHead, AuditChainProblem
    > {
        let entries = try await allEntries(in: key)
        guard let stored else { return .failure(.headMissing(chain: key, entries: entries.count)) }
        let result = AuditChainVerifier.verify(chain: key, entries: entries, expectedHead: recorded, digest: SHA256Digest())
        // The stored head must match what the entries add up to: a missing last entry shows here.
        if case .success(let head) = result, head != stored {
            return .failure(.headNotFound(chain: key, head: stored, actualCount: head.count))
        }
        return result
    }

    /// The last head each client chain had when its agency's chain recorded it.
    private func recordedHeads(of agency: ID<Agency>?) async throws -> [String: AuditChainHead] {
        let query = AuditEntryModel.query(on: database).filter(\.$action == AuditCheckpoint.action)
        if let agency { query.filter(\.$chainKey == AuditChainKey.agency(agency).description) }
        var heads: [String: AuditChainHead] = [:]
        for entry in try await query.all() where entry.chainKey.hasPrefix("agency:") {
            guard let data = entry.after?.data(using: .utf8), let head = try? JSONDecoder().decode(AuditChainHead.self, from: data) else {
                continue
            }
            if head.count > heads[entry.entityID]?.count ?? 0 { heads[entry.entityID] = head }
        }
        return heads
    }

    /// The chains that must exist: one per agency and one per client.
    private func requiredChains(of agency: ID<Agency>?) async throws -> [String] {
        let sql = try database.sql()
        let agencies = sql.select().column("id").from("agencies")
        let clients = sql.select().column("id").from("clients")
        if let agency {
            agencies.where("id", .equal, SQLBind(agency.rawValue))
            clients.where("agency_id", .equal, SQLBind(agency.rawValue))
        }
        return try await agencies.all().map { AuditChainKey.agency(ID(try $0.decode(column: "id", as: UUID.self))).description }
            + clients.all().map { AuditChainKey.client(ID(try $0.decode(column: "id", as: UUID.self))).description }
    }

    /// One client's chain as a file for its brand, with the head the database holds: entries cut
    /// off the end then show as a file whose entries do not reach its head.
    public func export(_ client: Client, at now: Date) async throws -> AuditExport {
        let key = AuditChainKey.client(client.id)
        let entries = try await allEntries(in: key.description)
        let head = try await chain(key)?.head ?? .empty
        return AuditExport(chain: key.description, clientName: client.name, exportedAt: now, head: head, entries: entries)
    }
}
