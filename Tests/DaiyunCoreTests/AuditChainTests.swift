import DaiyunCore
import DaiyunCrypto
import Foundation
import Testing

@Suite("Audit hash chain")
struct AuditChainTests {
    struct Thing: Codable {
        var name: String
        var n: Int
    }

    static let chain = AuditChainKey.client(ID(UUID()))

    /// A chain of `count` entries, sealed one after another as the app does.
    static func makeChain(_ count: Int) -> [AuditEntry] {
        var head = AuditChainHead.empty
        var entries: [AuditEntry] = []
        for i in 0..<count {
            let record = AuditRecord(
                action: "thing.update", entityType: "thing", entityID: "t\(i)",
                before: Thing(name: "old \(i)", n: i), after: Thing(name: "新 \"\(i)\"\n", n: i + 1))
            let entry = record.sealed(
                chain: chain, after: head, actor: "user:alice", at: Date(timeIntervalSince1970: 1_800_000_000 + Double(i)),
                digest: SHA256Digest())
            head = AuditChainHead(count: entry.seq, hash: entry.hash)
            entries.append(entry)
        }
        return entries
    }

    @Test("an untouched chain verifies and returns its head")
    func intact() throws {
        let entries = Self.makeChain(5)
        let head = try AuditChainVerifier.verify(chain: Self.chain.description, entries: entries, digest: SHA256Digest()).get()
        #expect(head == AuditChainHead(count: 5, hash: entries[4].hash))
        #expect(entries[0].prevHash == AuditEntry.genesisHash)
        #expect(entries[3].prevHash == entries[2].hash)
    }

    @Test("an edited entry is named")
    func edited() {
        var entries = Self.makeChain(5)
        entries[2].after = #"{"n":999,"name":"forged"}"#
        #expect(
            AuditChainVerifier.verify(chain: Self.chain.description, entries: entries, digest: SHA256Digest())
                == .failure(.edited(chain: Self.chain.description, seq: 3)))
    }

    @Test("an edit with a recomputed hash breaks the next entry's link")
    func editedAndResealed() {
        var entries = Self.makeChain(5)
        entries[1].actor = "user:mallory"
        entries[1].hash = entries[1].computedHash(SHA256Digest())
        #expect(
            AuditChainVerifier.verify(chain: Self.chain.description, entries: entries, digest: SHA256Digest())
                == .failure(.brokenLink(chain: Self.chain.description, seq: 3)))
    }

    @Test("a removed entry is named by the position where it is missing")
    func removed() {
        var entries = Self.makeChain(5)
        entries.remove(at: 1)
        #expect(
            AuditChainVerifier.verify(chain: Self.chain.description, entries: entries, digest: SHA256Digest())
                == .failure(.missing(chain: Self.chain.description, expectedSeq: 2, found: 3)))
    }

    @Test("reordered entries are caught")
    func reordered() {
        var entries = Self.makeChain(5)
        entries.swapAt(1, 3)
        #expect(
            AuditChainVerifier.verify(chain: Self.chain.description, entries: entries, digest: SHA256Digest())
                == .failure(.missing(chain: Self.chain.description, expectedSeq: 2, found: 4)))
    }

    @Test("entries cut off the end are caught by a head seen earlier")
    func truncated() {
        let entries = Self.makeChain(5)
        let seen = AuditChainHead(count: 5, hash: entries[4].hash)
        let result = AuditChainVerifier.verify(
            chain: Self.chain.description, entries: Array(entries.prefix(3)), expectedHead: seen, digest: SHA256Digest())
        #expect(result == .failure(.headNotFound(chain: Self.chain.description, head: seen, actualCount: 3)))
        // An earlier head is still part of a longer chain.
        let earlier = AuditChainHead(count: 2, hash: entries[1].hash)
        #expect(
            (try? AuditChainVerifier.verify(chain: Self.chain.description, entries: entries, expectedHead: earlier, digest: SHA256Digest())
                .get()) != nil)
    }

    @Test("an export file round-trips and verifies without a database; a forged head is caught")
    func export() throws {
        let entries = Self.makeChain(3)
        let head = AuditChainHead(count: 3, hash: entries[2].hash)
        let file = AuditExport(chain: Self.chain.description, clientName: "花漾", exportedAt: Date(), head: head, entries: entries)
        let decoded = try AuditExport.decode(try file.encoded())
        #expect(decoded == file)
        #expect(try decoded.verify(expectedHead: nil, digest: SHA256Digest()).get() == head)
        var cut = decoded
        cut.entries.removeLast()
        #expect(throws: AuditChainProblem.self) { try cut.verify(expectedHead: nil, digest: SHA256Digest()).get() }
    }

    @Test("the canonical form sorts keys, writes nulls and escapes only what JSON requires")
    func canonical() {
        let entry = AuditEntry(
            chain: "agency:x", seq: 1, atMillis: 5, actor: "a", action: "b", entityType: "c", entityID: "d",
            before: nil, after: "{\"k\":\"é/\\n\"}", prevHash: "0", hash: "")
        #expect(
            entry.canonicalJSON
                == #"{"action":"b","actor":"a","after":"{\"k\":\"é/\\n\"}","at_ms":5,"before":null,"chain":"agency:x","entity_id":"d","entity_type":"c","prev_hash":"0","seq":1}"#
        )
        #expect(CanonicalJSON.string("a\u{01}\t") == #""a\u0001\t""#)
    }

    @Test(
        "heads parse from COUNT:HASH and refuse anything else",
        arguments: [
            ("3:" + String(repeating: "a", count: 64), true), ("3:abc", false), ("x:" + String(repeating: "a", count: 64), false),
            ("", false),
        ])
    func headParsing(_ text: String, _ valid: Bool) {
        #expect((AuditChainHead(text) != nil) == valid)
    }
}
