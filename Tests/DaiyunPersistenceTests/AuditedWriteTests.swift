import DaiyunCore
import DaiyunCrypto
import DaiyunPersistence
import DaiyunTestSupport
import Fluent
import Foundation
import SQLKit
import Testing

@Suite("Audited writes")
struct AuditedWriteTests {
    @Test("every write lands with its entry in the right chain", arguments: TestDatabase.available)
    func entriesPerChain(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let audit = AuditLogRepository(database: app.db)
            let clientChain = try await audit.allEntries(in: AuditChainKey.client(t.clientA1.id).description)
            // client.create, two store.create, five assignments, one brand viewer.
            #expect(
                clientChain.map(\.action).sorted()
                    == (["client.create", "store.create", "store.create", "user.create"] + Array(repeating: "assignment.create", count: 5))
                    .sorted())
            let agencyChain = try await audit.allEntries(in: AuditChainKey.agency(t.agencyA.id).description)
            #expect(agencyChain.first?.action == "agency.create")
            #expect(agencyChain.allSatisfy { $0.action != "store.create" })
            #expect(try await audit.verifyAll().allSatisfy { (try? $0.result.get()) != nil })
        }
    }

    @Test("concurrent writes to one chain serialise into one unbroken chain", arguments: TestDatabase.available)
    func concurrentAppends(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let before = try await AuditLogRepository(database: app.db).chain(.client(t.clientA1.id))!.head.count
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<24 {
                    group.addTask {
                        let repo = TenancyRepository(database: app.db)
                        let store = try await repo.store(i.isMultiple(of: 2) ? t.storeA1.id : t.storeA1b.id)!
                        let patch = try StorePatch(name: "Renamed \(i)", status: nil)
                        _ = try await repo.updateStore(store, with: patch, by: WriteContext(actor: "job:test-\(i)", now: Date()))
                    }
                }
                try await group.waitForAll()
            }
            let audit = AuditLogRepository(database: app.db)
            let head = try await audit.chain(.client(t.clientA1.id))!.head
            #expect(head.count == before + 24)
            let entries = try await audit.allEntries(in: AuditChainKey.client(t.clientA1.id).description)
            #expect(
                try AuditChainVerifier.verify(
                    chain: AuditChainKey.client(t.clientA1.id).description, entries: entries, digest: SHA256Digest()
                ).get() == head)
        }
    }

    @Test("a taken unique key is a duplicate naming the field; nothing is half-written", arguments: TestDatabase.available)
    func duplicates(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let repo = TenancyRepository(database: app.db)
            let audit = AuditLogRepository(database: app.db)
            let before = try await audit.chain(.client(t.clientA2.id))!.head
            let draft = try StoreDraft(channel: "tmall", shopID: "a1", name: "Copy", status: "active", takenOverOn: "2026-01-01")
            await #expect(throws: PersistenceError.duplicate(field: "shop_id")) {
                _ = try await repo.createStore(draft, for: t.clientA2, by: WriteContext(actor: "job:test", now: Date()))
            }
            #expect(try await audit.chain(.client(t.clientA2.id))!.head == before, "the failed write left no entry")
            await #expect(throws: PersistenceError.duplicate(field: "name")) {
                _ = try await repo.createClient(
                    try ClientDraft(name: "Client A1", industry: ""), in: t.agencyA.id, by: WriteContext(actor: "job:test", now: Date()))
            }
        }
    }

    @Test(
        "tampering in the database is named by verification", arguments: TestDatabase.available, ["edit", "delete", "reorder", "truncate"])
    func tampering(_ database: TestDatabase, _ attack: String) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let chain = AuditChainKey.client(t.clientA1.id).description
            let sql = app.db as! any SQLDatabase
            switch attack {
            case "edit":
                try await sql.raw("UPDATE audit_entries SET actor = 'user:nobody' WHERE chain_key = \(bind: chain) AND seq = 3").run()
            case "delete":
                try await sql.raw("DELETE FROM audit_entries WHERE chain_key = \(bind: chain) AND seq = 4").run()
            case "reorder":
                try await sql.raw("UPDATE audit_entries SET seq = 100 WHERE chain_key = \(bind: chain) AND seq = 2").run()
                try await sql.raw("UPDATE audit_entries SET seq = 2 WHERE chain_key = \(bind: chain) AND seq = 5").run()
                try await sql.raw("UPDATE audit_entries SET seq = 5 WHERE chain_key = \(bind: chain) AND seq = 100").run()
            default:
                let last = try await AuditLogRepository(database: app.db).chain(.client(t.clientA1.id))!.head.count
                try await sql.raw("DELETE FROM audit_entries WHERE chain_key = \(bind: chain) AND seq = \(bind: last)").run()
            }
            let results = try await AuditLogRepository(database: app.db).verifyAll()
            let broken = results.filter { (try? $0.result.get()) == nil }
            #expect(broken.map(\.chain) == [chain], "only the tampered chain is broken")
            guard case .failure(let problem) = broken.first?.result else { return }
            switch attack {
            case "edit": #expect(problem == .edited(chain: chain, seq: 3))
            case "delete": #expect(problem == .missing(chain: chain, expectedSeq: 4, found: 5))
            case "reorder": #expect(problem == .edited(chain: chain, seq: 2))
            default:
                if case .headNotFound = problem {} else { Issue.record("expected a cut-off chain, got \(problem)") }
            }
        }
    }

    @Test(
        "a deleted head, or a whole deleted chain of a client that exists, fails verification", arguments: TestDatabase.available,
        ["head", "chain"])
    func missingChain(_ database: TestDatabase, _ attack: String) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let repository = AuditLogRepository(database: app.db)
            #expect(try await repository.verifyAll().allSatisfy { (try? $0.result.get()) != nil }, "untouched, every chain verifies")
            let chain = AuditChainKey.client(t.clientA1.id).description
            let entries = try await repository.allEntries(in: chain).count
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("DELETE FROM audit_chains WHERE chain_key = \(bind: chain)").run()
            if attack == "chain" { try await sql.raw("DELETE FROM audit_entries WHERE chain_key = \(bind: chain)").run() }
            let broken = try await repository.verifyAll().filter { (try? $0.result.get()) == nil }
            #expect(broken.map(\.chain) == [chain])
            #expect(broken.first.map { $0.result } == .failure(.headMissing(chain: chain, entries: attack == "head" ? entries : 0)))
            let agencyOnly = try await repository.verifyAll(agency: t.agencyA.id).filter { (try? $0.result.get()) == nil }
            #expect(agencyOnly.map(\.chain) == [chain], "the agency's own verification sees it too")
        }
    }

    @Test(
        "the agency's chain records each client chain's creation and every hundredth entry, so a client deleted with its chain, or a chain cut short, fails verification",
        arguments: TestDatabase.available, ["client", "cut"])
    func recordedChains(_ database: TestDatabase, _ attack: String) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let repository = AuditLogRepository(database: app.db)
            let chain = AuditChainKey.client(t.clientA2.id).description
            let context = WriteContext(actor: "job:test", now: Date())
            var client = t.clientA2
            for i in 0..<120 {
                client = try await TenancyRepository(database: app.db).updateClient(
                    client, with: try ClientDraft(name: "Client A2 \(i)", industry: "food"), by: context)
            }
            let agencyEntries = try await repository.allEntries(in: AuditChainKey.agency(t.agencyA.id).description)
            let recorded = agencyEntries.filter { $0.action == AuditCheckpoint.action && $0.entityID == chain }
            let count = try #require(try await repository.chain(.client(t.clientA2.id))).head.count
            #expect(recorded.count == 2 && count > 100, "created, then past 100 entries: \(recorded.count), \(count)")
            #expect(try await repository.verifyAll().allSatisfy { (try? $0.result.get()) != nil })

            let sql = try #require(app.db as? any SQLDatabase)
            if attack == "client" {
                // The whole trace of the client: its chain, its head, its store and the client row.
                try await sql.raw("DELETE FROM audit_entries WHERE chain_key = \(bind: chain)").run()
                try await sql.raw("DELETE FROM audit_chains WHERE chain_key = \(bind: chain)").run()
                try await sql.raw("DELETE FROM stores WHERE client_id = \(bind: t.clientA2.id.rawValue)").run()
                try await sql.raw("DELETE FROM users WHERE client_id = \(bind: t.clientA2.id.rawValue)").run()
                try await sql.raw("DELETE FROM clients WHERE id = \(bind: t.clientA2.id.rawValue)").run()
            } else {
                // Cut back to 50 entries, with a head rewritten to match: only the agency's record shows it.
                try await sql.raw("DELETE FROM audit_entries WHERE chain_key = \(bind: chain) AND seq > 50").run()
                let last = try #require(try await repository.allEntries(in: chain).last)
                try await sql.raw(
                    "UPDATE audit_chains SET entry_count = 50, head_hash = \(bind: last.hash) WHERE chain_key = \(bind: chain)"
                ).run()
            }
            let broken = try await repository.verifyAll().filter { (try? $0.result.get()) == nil }
            #expect(broken.map(\.chain) == [chain], "\(broken.map { "\($0.result)" })")
        }
    }
}
