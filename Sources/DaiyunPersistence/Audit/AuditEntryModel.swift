import DaiyunCore
import Fluent
import Foundation

/// The `audit_entries` table. The app only ever inserts into it.
public final class AuditEntryModel: Model, @unchecked Sendable {
    public static let schema = "audit_entries"

    @IDProperty<AuditEntryModel, UUID>(key: .id) public var id: UUID?
    @Field(key: "chain_key") public var chainKey: String
    @Field(key: "seq") public var seq: Int64
    @Field(key: "at_ms") public var atMillis: Int64
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "entity_type") public var entityType: String
    @Field(key: "entity_id") public var entityID: String
    @OptionalField(key: "before_json") public var before: String?
    @OptionalField(key: "after_json") public var after: String?
    @Field(key: "prev_hash") public var prevHash: String
    @Field(key: "hash") public var hash: String

    public init() {}

    init(_ entry: AuditEntry, id: UUID) {
        self.id = id
        chainKey = entry.chain
        seq = entry.seq
        atMillis = entry.atMillis
        actor = entry.actor
        action = entry.action
        entityType = entry.entityType
        entityID = entry.entityID
        before = entry.before
        after = entry.after
        prevHash = entry.prevHash
        hash = entry.hash
    }

    var domain: AuditEntry {
        AuditEntry(
            chain: chainKey, seq: seq, atMillis: atMillis, actor: actor, action: action,
            entityType: entityType, entityID: entityID, before: before, after: after,
            prevHash: prevHash, hash: hash
        )
    }
}

/// The `audit_chains` table: each chain's head, and the row that serialises appends to it.
public final class AuditChainModel: Model, @unchecked Sendable {
    public static let schema = "audit_chains"

    @IDProperty<AuditChainModel, UUID>(key: .id) public var id: UUID?
    @Field(key: "chain_key") public var chainKey: String
    @Field(key: "agency_id") public var agencyID: UUID
    @OptionalField(key: "client_id") public var clientID: UUID?
    @Field(key: "entry_count") public var entryCount: Int64
    @Field(key: "head_hash") public var headHash: String

    public init() {}

    var head: AuditChainHead { AuditChainHead(count: entryCount, hash: headHash) }
}
