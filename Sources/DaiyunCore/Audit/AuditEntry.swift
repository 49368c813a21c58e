import Foundation

/// The chain an audit entry belongs to: one per client, and the agency's own for writes that
/// belong to no client. A client's chain can be handed to its brand without revealing others.
public enum AuditChainKey: Hashable, Sendable, CustomStringConvertible {
    case agency(ID<Agency>)
    case client(ID<Client>)

    public var description: String {
        switch self {
        case .agency(let id): "agency:\(id)"
        case .client(let id): "client:\(id)"
        }
    }

    /// Parses `agency:<uuid>` or `client:<uuid>`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "agency":
            guard let id = ID<Agency>(parts[1]) else { return nil }
            self = .agency(id)
        case "client":
            guard let id = ID<Client>(parts[1]) else { return nil }
            self = .client(id)
        default: return nil
        }
    }
}

/// One write, by a person or a job, as recorded in its chain.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var chain: String
    /// 1-based position in the chain.
    public var seq: Int64
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var atMillis: Int64
    /// Who wrote: `user:<login>`, `job:<name>` or `cli:<command>`.
    public var actor: String
    /// What was done, as `entity.verb` (`store.update`).
    public var action: String
    public var entityType: String
    public var entityID: String
    /// Canonical JSON of the entity before the write; nil for a creation.
    public var before: String?
    /// Canonical JSON of the entity after the write; nil for a deletion.
    public var after: String?
    public var prevHash: String
    public var hash: String

    public init(
        chain: String, seq: Int64, atMillis: Int64, actor: String, action: String, entityType: String,
        entityID: String, before: String?, after: String?, prevHash: String, hash: String
    ) {
        self.chain = chain
        self.seq = seq
        self.atMillis = atMillis
        self.actor = actor
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.before = before
        self.after = after
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The hash that precedes the first entry of every chain.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The bytes the hash is computed over: the entry without its own hash, as JSON with keys in
    /// byte order, no insignificant whitespace, and nulls written out.
    public var canonicalJSON: String {
        let fields: [(String, String)] = [
            ("action", CanonicalJSON.string(action)),
            ("actor", CanonicalJSON.string(actor)),
            ("after", after.map { CanonicalJSON.string($0) } ?? "null"),
            ("at_ms", String(atMillis)),
            ("before", before.map { CanonicalJSON.string($0) } ?? "null"),
            ("chain", CanonicalJSON.string(chain)),
            ("entity_id", CanonicalJSON.string(entityID)),
            ("entity_type", CanonicalJSON.string(entityType)),
            ("prev_hash", CanonicalJSON.string(prevHash)),
            ("seq", String(seq)),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// SHA-256 of the canonical JSON, lowercase hex.
    public func computedHash(_ digest: some AuditDigest) -> String {
        digest.sha256Hex(canonicalJSON)
    }

    enum CodingKeys: String, CodingKey {
        case chain, seq, actor, action, before, after, hash
        case atMillis = "at_ms"
        case entityType = "entity_type"
        case entityID = "entity_id"
        case prevHash = "prev_hash"
    }
}

/// An entry not yet placed in its chain.
public struct AuditRecord: Sendable, Equatable {
    public var action: String
    public var entityType: String
    public var entityID: String
    public var before: String?
    public var after: String?

    /// Records a change of an encodable entity; either side may be absent.
    public init<E: Encodable>(action: String, entityType: String, entityID: String, before: E?, after: E?) {
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.before = before.map { CanonicalJSON.encode($0) }
        self.after = after.map { CanonicalJSON.encode($0) }
    }

    /// Places the record after `head` in its chain, sealing it with its hash.
    public func sealed(chain: AuditChainKey, after head: AuditChainHead, actor: String, at instant: Date, digest: some AuditDigest)
        -> AuditEntry
    {
        var entry = AuditEntry(
            chain: chain.description, seq: head.count + 1,
            atMillis: Int64((instant.timeIntervalSince1970 * 1000).rounded(.down)),
            actor: actor, action: action, entityType: entityType, entityID: entityID,
            before: before, after: after, prevHash: head.hash, hash: ""
        )
        entry.hash = entry.computedHash(digest)
        return entry
    }
}
