import DaiyunCore
import DaiyunCrypto
import Fluent
import Foundation
import SQLKit

/// Who performs a write and when. Every write to business data takes one.
public struct WriteContext: Sendable {
    /// `user:<login>`, `job:<name>` or `cli:<command>`.
    public var actor: String
    public var now: Date
    /// Where the rows the write creates take their ids.
    public var ids: any IDGenerator

    public init(actor: String, now: Date, ids: any IDGenerator = .kernel) {
        self.actor = actor
        self.now = now
        self.ids = ids
    }
}

/// Where an audited write lands: its chain and the tenancy it belongs to.
public struct AuditTarget: Sendable, Equatable {
    public var agencyID: ID<Agency>
    /// nil for writes that belong to no client: they go in the agency's own chain.
    public var clientID: ID<Client>?

    public init(agencyID: ID<Agency>, clientID: ID<Client>?) {
        self.agencyID = agencyID
        self.clientID = clientID
    }

    public var chain: AuditChainKey {
        clientID.map(AuditChainKey.client) ?? .agency(agencyID)
    }
}

/// The agency chain's record of its clients' chains: an `audit_chain.head` entry when a client's
/// chain is created and each time it grows past a multiple of `interval` entries, holding the
/// head it had. Verification then tells a client chain that is missing, or shorter than it was,
/// without the head its brand noted.
public enum AuditCheckpoint {
    public static let action = "audit_chain.head"
    public static let interval: Int64 = 100

    /// Whether growing a chain from `old` to `new` entries is recorded in the agency chain.
    static func isDue(from old: Int64, to new: Int64) -> Bool {
        new > old && (old == 0 || old / interval != new / interval)
    }
}

extension Database {
    /// Runs `body` in one transaction with the audit entries it returns, so that a write and its
    /// entries land together or not at all. The chain's row is locked first, which serialises
    /// appends to one chain on SQLite and PostgreSQL alike. A client chain's creation, and every
    /// hundredth entry, is recorded in its agency's chain in the same transaction
    /// (`AuditCheckpoint`); the agency row is locked after the client's, never before.
    public func audited<T: Sendable>(
        _ target: AuditTarget, by context: WriteContext,
        _ body: @escaping @Sendable (any Database) async throws -> (T, [AuditRecord])
    ) async throws -> T {
        try await transaction { tx in
            try await tx.lockForWriting()
            let key = target.chain.description
            let sql = try tx.sql()
            try await sql.insert(into: AuditChainModel.schema)
                .columns("id", "chain_key", "agency_id", "client_id", "entry_count", "head_hash")
                .values(
                    SQLBind(context.ids.random()), SQLBind(key), SQLBind(target.agencyID.rawValue),
                    SQLBind(target.clientID?.rawValue), SQLBind(Int64(0)), SQLBind(AuditEntry.genesisHash)
                )
                .ignoringConflicts(with: "chain_key")
                .run()
            try await sql.raw("UPDATE audit_chains SET entry_count = entry_count WHERE chain_key = \(bind: key)").run()

            let (value, records) = try await body(tx)
            let (old, head) = try await tx.append(records, to: target.chain, by: context)
            if target.clientID != nil, AuditCheckpoint.isDue(from: old, to: head.count) {
                let agency = AuditChainKey.agency(target.agencyID)
                try await sql.raw("UPDATE audit_chains SET entry_count = entry_count WHERE chain_key = \(bind: agency.description)").run()
                let checkpoint = AuditRecord(
                    action: AuditCheckpoint.action, entityType: "audit_chain", entityID: key, before: AuditChainHead?.none, after: head)
                _ = try await tx.append([checkpoint], to: agency, by: context)
            }
            return value
        }
    }

    /// Appends sealed entries to a chain whose row this transaction has locked; returns its entry
    /// count before and its head after.
    private func append(_ records: [AuditRecord], to key: AuditChainKey, by context: WriteContext) async throws -> (Int64, AuditChainHead) {
        guard let chain = try await AuditChainModel.query(on: self).filter(\.$chainKey == key.description).first() else {
            throw PersistenceError.missingReference(field: "chain_key")
        }
        let old = chain.head.count
        var head = chain.head
        for record in records {
            let entry = record.sealed(chain: key, after: head, actor: context.actor, at: context.now, digest: SHA256Digest())
            try await AuditEntryModel(entry, id: context.ids.random()).create(on: self)
            head = AuditChainHead(count: entry.seq, hash: entry.hash)
        }
        chain.entryCount = head.count
        chain.headHash = head.hash
        try await chain.save(on: self)
        return (old, head)
    }

    /// The SQLKit view of the database, for the statements Fluent's query builder cannot say.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            throw PersistenceError.missingReference(field: "sql database")
        }
        return sql
    }
}
