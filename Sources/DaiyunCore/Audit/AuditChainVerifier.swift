import Foundation

/// A chain's head: how many entries it has and the hash of the last one. A brand that noted a
/// head can later check that the chain still contains it, so cutting entries off the end shows.
public struct AuditChainHead: Sendable, Equatable, Codable, CustomStringConvertible {
    public var count: Int64
    public var hash: String

    public init(count: Int64, hash: String) {
        self.count = count
        self.hash = hash
    }

    /// The head of a chain with no entries.
    public static let empty = AuditChainHead(count: 0, hash: AuditEntry.genesisHash)

    /// Parses `COUNT:HASH`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let count = Int64(parts[0]), count >= 0,
            parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit)
        else { return nil }
        self.count = count
        self.hash = parts[1].lowercased()
    }

    public var description: String { "\(count):\(hash)" }
}

/// What is wrong with a chain, naming the first entry where it breaks.
public enum AuditChainProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The entry's content no longer matches its hash.
    case edited(chain: String, seq: Int64)
    /// The entry at this position is missing (removed, or the chain reordered).
    case missing(chain: String, expectedSeq: Int64, found: Int64)
    /// The entry does not link to the one before it.
    case brokenLink(chain: String, seq: Int64)
    /// The entry does not belong to this chain.
    case foreignEntry(chain: String, seq: Int64, claimedChain: String)
    /// A head noted earlier is not part of the chain now.
    case headNotFound(chain: String, head: AuditChainHead, actualCount: Int64)
    /// The chain has no head: entries without one, or an agency or client whose chain is gone.
    case headMissing(chain: String, entries: Int)

    public var description: String {
        switch self {
        case .edited(let chain, let seq):
            "\(chain) entry #\(seq) was edited: its content does not match its hash"
        case .missing(let chain, let expected, let found):
            "\(chain) entry #\(expected) is missing or out of order: found #\(found) in its place"
        case .brokenLink(let chain, let seq):
            "\(chain) entry #\(seq) does not link to entry #\(seq - 1): an entry before it was removed, replaced or reordered"
        case .foreignEntry(let chain, let seq, let claimed):
            "\(chain) entry #\(seq) claims to belong to \(claimed)"
        case .headMissing(let chain, let entries):
            if entries > 0 {
                "\(chain) has \(entries) entries but no head: the chain's head was deleted"
            } else {
                "\(chain) is missing: its agency or client, or the agency's record of it, says it exists, but the chain and its head are gone"
            }
        case .headNotFound(let chain, let head, let count):
            if head.count > count {
                "\(chain) has \(count) entries but a head of \(head.count) was seen earlier: entries were cut off the end"
            } else {
                "\(chain) entry #\(head.count) does not have the hash seen earlier (\(head.hash)): the chain was rewritten"
            }
        }
    }
}

/// Recomputes a chain and names the first entry that was edited, removed or reordered.
public enum AuditChainVerifier {
    /// Verifies entries in the order given (the order of the chain); returns the head on success.
    public static func verify(
        chain: String, entries: [AuditEntry], expectedHead: AuditChainHead? = nil, digest: some AuditDigest
    ) -> Result<AuditChainHead, AuditChainProblem> {
        var previous = AuditEntry.genesisHash
        var hashes: [String] = []
        hashes.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            let expectedSeq = Int64(index + 1)
            if entry.chain != chain {
                return .failure(.foreignEntry(chain: chain, seq: entry.seq, claimedChain: entry.chain))
            }
            if entry.computedHash(digest) != entry.hash {
                return .failure(.edited(chain: chain, seq: entry.seq))
            }
            if entry.seq != expectedSeq {
                return .failure(.missing(chain: chain, expectedSeq: expectedSeq, found: entry.seq))
            }
            if entry.prevHash != previous {
                return .failure(.brokenLink(chain: chain, seq: entry.seq))
            }
            previous = entry.hash
            hashes.append(entry.hash)
        }
        if let expectedHead, expectedHead.count > 0 {
            let index = Int(expectedHead.count) - 1
            guard index < hashes.count, hashes[index] == expectedHead.hash else {
                return .failure(.headNotFound(chain: chain, head: expectedHead, actualCount: Int64(hashes.count)))
            }
        }
        return .success(AuditChainHead(count: Int64(entries.count), hash: previous))
    }
}
