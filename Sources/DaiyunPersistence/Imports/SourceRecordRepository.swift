import DaiyunCore
import DaiyunCrypto
import Fluent
import Foundation
import SQLKit

/// A raw input as kept: what it was, where it came from, and its SHA-256.
public struct SourceRecord: Sendable, Equatable, Codable {
    public var id: UUID
    public var agencyID: ID<Agency>
    public var storeID: ID<Store>?
    public var kind: String
    public var name: String
    public var sha256: String
    public var sizeBytes: Int64
    public var receivedAt: Date
    public var receivedBy: String
}

/// Keeps raw inputs once: the same bytes arriving again give back the record already kept.
public struct SourceRecordRepository: Sendable {
    static let table = "source_records"
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Stores the bytes unless the agency already has them; returns the record and whether it is new.
    public func keep(
        _ content: Data, name: String, kind: String, agency: ID<Agency>, store: ID<Store>?, by context: WriteContext
    ) async throws -> (record: SourceRecord, isNew: Bool) {
        let digest = Hex.sha256(content)
        if let existing = try await metadata(where: "sha256", equals: digest, agency: agency) {
            return (existing, false)
        }
        let record = SourceRecord(
            id: context.ids.random(), agencyID: agency, storeID: store, kind: kind, name: FileName.sanitized(name, fallback: "upload"),
            sha256: digest, sizeBytes: Int64(content.count), receivedAt: context.now, receivedBy: context.actor)
        // Two writers keeping the same bytes at once (two shipments answered alike) both get the
        // one record: the second insert is ignored, not an error, and reads the first's back.
        let inserted = try await database.sql().insert(into: Self.table)
            .columns("id", "agency_id", "store_id", "kind", "name", "sha256", "size_bytes", "content", "received_at", "received_by")
            .values(
                SQLBind(record.id), SQLBind(agency.rawValue), SQLBind(store?.rawValue), SQLBind(kind), SQLBind(record.name),
                SQLBind(digest), SQLBind(record.sizeBytes), SQLBind(content), SQLBind(record.receivedAt), SQLBind(record.receivedBy)
            )
            .ignoringConflicts(with: ["agency_id", "sha256"])
            .returning("id")
            .all()
        if !inserted.isEmpty { return (record, true) }
        guard let kept = try await metadata(where: "sha256", equals: digest, agency: agency) else {
            throw PersistenceError.corruptRow(table: Self.table, id: record.id.uuidString)
        }
        return (kept, false)
    }

    /// The record's metadata, without its bytes (an order page must not load a 17 MiB file).
    public func record(_ id: UUID) async throws -> SourceRecord? {
        try await metadata(where: "id", equals: id, agency: nil)
    }

    /// The kept bytes, for download and re-checking.
    public func content(of id: UUID) async throws -> Data? {
        try await database.sql().select().column("content").from(Self.table)
            .where("id", .equal, SQLBind(id)).first()?.decode(column: "content", as: Data.self)
    }

    private func metadata(where column: String, equals value: some Encodable & Sendable, agency: ID<Agency>?) async throws -> SourceRecord?
    {
        let query = try database.sql().select()
            .columns("id", "agency_id", "store_id", "kind", "name", "sha256", "size_bytes", "received_at", "received_by")
            .from(Self.table).where(column, .equal, SQLBind(value))
        if let agency { query.where("agency_id", .equal, SQLBind(agency.rawValue)) }
        guard let row = try await query.first() else { return nil }
        return SourceRecord(
            id: try row.decode(column: "id", as: UUID.self), agencyID: ID(try row.decode(column: "agency_id", as: UUID.self)),
            storeID: try row.decode(column: "store_id", as: UUID?.self).map { ID($0) },
            kind: try row.decode(column: "kind", as: String.self),
            name: try row.decode(column: "name", as: String.self), sha256: try row.decode(column: "sha256", as: String.self),
            sizeBytes: try row.decode(column: "size_bytes", as: Int64.self),
            receivedAt: try row.decode(column: "received_at", as: Date.self),
            receivedBy: try row.decode(column: "received_by", as: String.self))
    }
}
