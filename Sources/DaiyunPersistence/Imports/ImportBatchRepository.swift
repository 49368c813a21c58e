import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// One import of one file, as the import history shows it.
public struct ImportBatch: Sendable, Equatable, Codable {
    public var id: UUID
    public var storeID: UUID?
    public var clientID: UUID?
    public var sourceRecordID: UUID?
    public var kind: String
    public var mode: String
    /// `imported` or `rejected` (all-or-nothing with bad rows, or an unreadable file).
    public var outcome: String
    public var rowsRead: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public var rejected: Int
    /// Each rejected row: `[{line, column, reason}]` as JSON.
    public var errorsJson: String
    public var actor: String
    public var startedAt: Date
    public var finishedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, kind, mode, outcome, inserted, updated, unchanged, rejected, actor
        case storeID = "store_id"
        case clientID = "client_id"
        case sourceRecordID = "source_record_id"
        case rowsRead = "rows_read"
        case errorsJson = "errors_json"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    public init(
        id: UUID, storeID: UUID?, clientID: UUID?, sourceRecordID: UUID?, kind: String, mode: String, outcome: String,
        rowsRead: Int, counts: UpsertCounts, rejected: Int, errorsJson: String, actor: String, startedAt: Date, finishedAt: Date
    ) {
        self.id = id
        self.storeID = storeID
        self.clientID = clientID
        self.sourceRecordID = sourceRecordID
        self.kind = kind
        self.mode = mode
        self.outcome = outcome
        self.rowsRead = rowsRead
        self.inserted = counts.inserted
        self.updated = counts.updated
        self.unchanged = counts.unchanged
        self.rejected = rejected
        self.errorsJson = errorsJson
        self.actor = actor
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// The `import_batches` table: the import history.
public struct ImportBatchRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func insert(_ batch: ImportBatch, agency: ID<Agency>) async throws {
        try await database.sql().insert(into: "import_batches")
            .columns(
                "id", "agency_id", "store_id", "client_id", "source_record_id", "kind", "mode", "outcome", "rows_read",
                "inserted", "updated", "unchanged", "rejected", "errors_json", "actor", "started_at", "finished_at"
            )
            .values(
                SQLBind(batch.id), SQLBind(agency.rawValue), SQLBind(batch.storeID), SQLBind(batch.clientID), SQLBind(batch.sourceRecordID),
                SQLBind(batch.kind), SQLBind(batch.mode), SQLBind(batch.outcome), SQLBind(batch.rowsRead), SQLBind(batch.inserted),
                SQLBind(batch.updated), SQLBind(batch.unchanged), SQLBind(batch.rejected), SQLBind(batch.errorsJson),
                SQLBind(batch.actor), SQLBind(batch.startedAt), SQLBind(batch.finishedAt)
            )
            .run()
    }

    /// The latest imports into these stores or clients, newest first.
    public func batches(stores: [UUID], clients: [UUID], limit: Int = 100) async throws -> [ImportBatch] {
        guard !stores.isEmpty || !clients.isEmpty else { return [] }
        let rows = try await database.sql().select().column("*").from("import_batches")
            .where { group in
                // An empty `IN ()` is an error on PostgreSQL: only non-empty lists become conditions.
                if !stores.isEmpty { group.orWhere("store_id", .in, SQLBind.group(stores)) }
                if !clients.isEmpty { group.orWhere("client_id", .in, SQLBind.group(clients)) }
                return group
            }
            .orderBy("started_at", .descending).limit(limit).all()
        return try rows.map { try $0.decode(model: ImportBatch.self) }
    }

    public func batch(_ id: UUID) async throws -> ImportBatch? {
        try await database.sql().select().column("*").from("import_batches").where("id", .equal, SQLBind(id)).first()
            .map { try $0.decode(model: ImportBatch.self) }
    }
}
