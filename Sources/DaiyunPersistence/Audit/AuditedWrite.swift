import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Who performs a write and when. Every write to business data takes one.
public struct WriteContext: Sendable {
    /// `user:<login>`, `job:<name>` or `cli:<command>`.
    public var actor: String
    public var now: Date

    public init(actor: String, now: Date) {
        self.actor = actor
        self.now = now
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

extension Database {
    /// Runs `body` in one transaction with the audit entries it returns, so that a write and its
    /// entries land together or not at all. The chain's row is locked first, which serialises
    /// appends to one chain on SQLite and PostgreSQL alike.
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
                    SQLBind(UUID.random()), SQLBind(key), SQLBind(target.agencyID.rawValue),
                    SQLBind(target.clientID?.rawValue), SQLBind(Int64(0)), SQLBind(AuditEntry.genesisHash)
                )
                .ignoringConflicts(with: "chain_key")
                .run()
            try await sql.raw("UPDATE audit_chains SET entry_count = entry_count WHERE chain_key = \(bind: key)").run()

            let (value, records) = try await body(tx)
            guard let chain = try await AuditChainModel.query(on: tx).filter(\.$chainKey == key).first() else {
                throw PersistenceError.missingReference(field: "chain_key")
            }
            var head = chain.head
            for record in records {
                let entry = record.sealed(chain: target.chain, after: head, actor: context.actor, at: context.now)
                try await AuditEntryModel(entry).create(on: tx)
                head = AuditChainHead(count: entry.seq, hash: entry.hash)
            }
            chain.entryCount = head.count
            chain.headHash = head.hash
            try await chain.save(on: tx)
            return value
        }
    }

    /// The SQLKit view of the database, for the statements Fluent's query builder cannot say.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            throw PersistenceError.missingReference(field: "sql database")
        }
        return sql
    }
}
