import ArgumentParser
import DaiyunCore
import DaiyunCrypto
import DaiyunPersistence
import DaiyunWeb
import Foundation

/// `daiyun audit verify | export`: recompute the hash chains, or write one client's chain to a file.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Verify the audit hash chains or export a client's chain.",
        subcommands: [Verify.self, Export.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the chains and name the first entry edited, removed or reordered. Exits 1 when a chain is broken."
        )

        @OptionGroup var options: AppOptions

        @ArgumentParser.Option(help: "Verify an export file instead of the database (no database needed).")
        var file: String?

        @ArgumentParser.Option(help: "A head seen earlier, COUNT:HASH, that must still be part of the chain.")
        var head: String?

        @ArgumentParser.Option(help: "With --head against the database: the client (id or name) whose chain to check.")
        var client: String?

        func run() async throws {
            let expected = try head.map { text in
                guard let head = AuditChainHead(text) else { throw ValidationError("--head must be COUNT:HASH with a 64-digit hex hash") }
                return head
            }
            let results: [(chain: String, result: Result<AuditChainHead, AuditChainProblem>)]
            if let file {
                let export = try AuditExport.decode(try Data(contentsOf: URL(fileURLWithPath: file)))
                results = [(export.chain, export.verify(expectedHead: expected, digest: SHA256Digest()))]
            } else {
                if expected != nil, client == nil { throw ValidationError("--head needs --client to say which chain it belongs to") }
                results = try await AppLauncher.with(try options.config()) { app in
                    let audit = AuditLogRepository(database: app.db)
                    if let client {
                        let found = try await ClientLookup.find(client, in: app.db)
                        let key = AuditChainKey.client(found.id).description
                        let entries = try await audit.allEntries(in: key)
                        return [
                            (key, AuditChainVerifier.verify(chain: key, entries: entries, expectedHead: expected, digest: SHA256Digest()))
                        ]
                    }
                    return try await audit.verifyAll()
                }
            }
            var broken = false
            for (chain, result) in results {
                switch result {
                case .success(let head): print("ok      \(chain)  head \(head)")
                case .failure(let problem):
                    broken = true
                    print("BROKEN  \(chain)  \(problem)")
                }
            }
            if results.isEmpty { print("no audit chains yet") }
            if broken { throw ExitCode(1) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write one client's chain to a file its brand can verify.")

        @OptionGroup var options: AppOptions

        @ArgumentParser.Option(help: "The client, by id or exact name.")
        var client: String

        @ArgumentParser.Option(help: "The file to write.")
        var out: String

        func run() async throws {
            let export = try await AppLauncher.with(try options.config()) { app in
                let found = try await ClientLookup.find(client, in: app.db)
                return try await AuditLogRepository(database: app.db).export(found, at: app.clock())
            }
            try export.encoded().write(to: URL(fileURLWithPath: out))
            print("wrote \(export.entries.count) entries of \(export.chain) to \(out); head \(export.head)")
        }
    }
}
