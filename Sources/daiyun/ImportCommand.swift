import ArgumentParser
import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import DaiyunWeb
import Fluent
import Foundation

/// `daiyun import KIND FILE --store S`: imports an export file with a progress bar and a summary.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a 千牛 order report, line items, refunds (into a store) or a catalog CSV (into a client).",
        discussion:
            "Files may be CSV in GB18030/GBK or UTF-8 (with or without BOM), or Excel workbooks (.xlsx). Bad rows are listed with their line and reason."
    )

    @Argument(
        help: "What the file holds: orders, lines, refunds, catalog, traffic (the 生意参谋 daily export) or ads (the 直通车 / 引力魔方 / 万相台 report).")
    var kind: ImportKind

    @Argument(help: "The file to import.")
    var file: String

    @ArgumentParser.Option(help: "The store (id, channel shop id or exact name) for orders, lines, refunds, traffic and ads.")
    var store: String?

    @ArgumentParser.Option(help: "The client (id or exact name) for a catalog; defaults to the store's client.")
    var client: String?

    @ArgumentParser.Option(help: "skip: import good rows and report bad ones; all: import nothing unless every row is good.")
    var mode: ImportMode = .skipBadRows

    @OptionGroup var options: AppOptions

    func run() async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let config = try options.config()
        let result = try await AppLauncher.with(config) { app in
            _ = try await MigrationRunner.migrate(app)
            let target = try await resolveTarget(app.db)
            let bar = ProgressBar(label: "importing \(kind.rawValue)")
            let result = try await ImportService(database: app.db).run(
                data, name: URL(fileURLWithPath: file).lastPathComponent, kind: kind, mode: mode, target: target,
                by: app.writeContext(actor: "cli:import"), progress: { done, total in bar.update(done, of: total) })
            bar.finish()
            return result
        }
        print(ImportSummary.text(result, file: file))
        if result.batch.outcome == "rejected" { throw ExitCode(2) }
    }

    private func resolveTarget(_ db: any Database) async throws -> ImportTarget {
        let tenancy = TenancyRepository(database: db)
        if let store {
            let found = try await StoreLookup.find(store, in: db)
            guard let owner = try await tenancy.client(found.clientID) else { throw ValidationError("the store's client is missing") }
            return ImportTarget(client: owner, store: found)
        }
        guard kind == .catalog else { throw ValidationError("--store is required to import \(kind.rawValue)") }
        guard let client else { throw ValidationError("--client (or --store) is required to import a catalog") }
        return ImportTarget(client: try await ClientLookup.find(client, in: db), store: nil)
    }
}

extension ImportKind: ExpressibleByArgument {}
extension ImportMode: ExpressibleByArgument {}

/// The summary printed after an import.
enum ImportSummary {
    static func text(_ result: ImportResult, file: String) -> String {
        let b = result.batch
        var lines = [
            "\(file): \(b.outcome) (\(result.encoding), sha256 \(result.sha256.prefix(16))…\(result.sameFileSeenBefore ? ", seen before" : ""))",
            "  rows read \(b.rowsRead)  inserted \(b.inserted)  updated \(b.updated)  unchanged \(b.unchanged)  rejected \(b.rejected)",
        ]
        for error in result.errors.prefix(50) { lines.append("  line \(error.line), \(error.column): \(error.reason)") }
        if result.errors.count > 50 { lines.append("  … and \(result.errors.count - 50) more (see the import history page)") }
        return lines.joined(separator: "\n")
    }
}

/// A progress bar on standard error, redrawn at most every tenth of a second.
final class ProgressBar: @unchecked Sendable {
    let label: String
    private let lock = NSLock()
    private var lastDraw: ContinuousClock.Instant?
    private let isTerminal = isatty(2) != 0

    init(label: String) { self.label = label }

    func update(_ done: Int, of total: Int) {
        lock.withLock {
            let now = ContinuousClock.now
            guard done >= total || lastDraw.map({ now - $0 > .milliseconds(100) }) ?? true else { return }
            lastDraw = now
            let fraction = total > 0 ? Double(done) / Double(total) : 1
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let text = "\(label) \(bar) \(done)/\(total) (\(Int(fraction * 100))%)"
            FileHandle.standardError.write(Data(((isTerminal ? "\r" : "") + text + (isTerminal ? "" : "\n")).utf8))
        }
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
