import DaiyunCore
import Fluent
import Foundation

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

/// The `source_records` table.
public final class SourceRecordModel: Model, @unchecked Sendable {
    public static let schema = "source_records"

    @IDProperty<SourceRecordModel, UUID>(key: .id) public var id: UUID?
    @Field(key: "agency_id") public var agencyID: UUID
    @OptionalField(key: "store_id") public var storeID: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    @Field(key: "sha256") public var sha256: String
    @Field(key: "size_bytes") public var sizeBytes: Int64
    @Field(key: "content") public var content: Data
    @Field(key: "received_at") public var receivedAt: Date
    @Field(key: "received_by") public var receivedBy: String

    public init() {}

    var summary: SourceRecord {
        SourceRecord(id: id!, agencyID: DaiyunCore.ID(agencyID), storeID: storeID.map { DaiyunCore.ID($0) }, kind: kind, name: name, sha256: sha256,
                     sizeBytes: sizeBytes, receivedAt: receivedAt, receivedBy: receivedBy)
    }
}

/// Keeps raw inputs once: the same bytes arriving again give back the record already kept.
public struct SourceRecordRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Stores the bytes unless the agency already has them; returns the record and whether it is new.
    public func keep(
        _ content: Data, name: String, kind: String, agency: ID<Agency>, store: ID<Store>?, by context: WriteContext
    ) async throws -> (record: SourceRecord, isNew: Bool) {
        let digest = Hex.sha256(content)
        if let existing = try await SourceRecordModel.query(on: database)
            .filter(\.$agencyID == agency.rawValue).filter(\.$sha256 == digest).first() {
            return (existing.summary, false)
        }
        let model = SourceRecordModel()
        model.id = UUID()
        model.agencyID = agency.rawValue
        model.storeID = store?.rawValue
        model.kind = kind
        model.name = name
        model.sha256 = digest
        model.sizeBytes = Int64(content.count)
        model.content = content
        model.receivedAt = context.now
        model.receivedBy = context.actor
        try await model.create(on: database)
        return (model.summary, true)
    }

    public func record(_ id: UUID) async throws -> SourceRecord? {
        try await SourceRecordModel.find(id, on: database)?.summary
    }

    /// The kept bytes, for download and re-checking.
    public func content(of id: UUID) async throws -> Data? {
        try await SourceRecordModel.find(id, on: database)?.content
    }
}
