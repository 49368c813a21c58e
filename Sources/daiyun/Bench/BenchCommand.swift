import ArgumentParser
import DaiyunCore
import DaiyunPersistence
import DaiyunSimulation
import DaiyunWeb
import Foundation

/// `daiyun bench`: seeded, comparable measurements of the hot paths on SQLite and PostgreSQL.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure import, export-file import and flash-sale throughput (seeded, so runs compare).",
        discussion:
            "PostgreSQL is measured too when --postgres or DAIYUN_BENCH_DATABASE_URL names a server (a fresh schema is used and dropped)."
    )

    @ArgumentParser.Option(help: "Orders in the generated year.")
    var orders = 100_000

    @ArgumentParser.Option(help: "Seed of the generated year.")
    var seed: UInt64 = 1

    @ArgumentParser.Option(help: "PostgreSQL URL to measure as well.")
    var postgres: String?

    @ArgumentParser.Option(help: "Flash-sale attempts.")
    var attempts = 20_000

    @ArgumentParser.Option(help: "Flash-sale concurrent workers.")
    var workers = 64

    @ArgumentParser.Flag(help: "Skip the flash sale.")
    var noFlashSale = false

    @ArgumentParser.Flag(help: "Skip the sync from the platform sandbox.")
    var noSync = false

    @ArgumentParser.Flag(help: "Also measure the lag with the default one-minute schedule (takes up to a minute per database).")
    var scheduledLag = false

    @ArgumentParser.Option(help: "Orders per ordinary day in the sandbox shop the sync reads.")
    var syncOrdersPerDay = 300.0

    @ArgumentParser.Option(help: "Keep the SQLite database of the import at this new path (for scripts/raw-sqlite-ceiling.py).")
    var keepSqlite: String?

    @ArgumentParser.Option(
        help:
            "Only measure the rollups' reads on this SQLite database, kept by --keep-sqlite (and perhaps scaled by scripts/scale-bench-sqlite.py, then rebuilt)."
    )
    var readsOf: String?

    /// The kept database never replaces a file, and its folder must exist before the run, not after.
    func validate() throws {
        guard let path = keepSqlite else { return }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("--keep-sqlite \(path): the file exists; name a new one")
        }
        var isFolder: ObjCBool = false
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("--keep-sqlite \(path): no folder \(folder)")
        }
    }

    func run() async throws {
        if let path = readsOf {
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("--reads-of \(path): no such file") }
            return try await BenchRuns.reads(ofKept: path)
        }
        let dataset = BenchDataset(orders: orders, seed: seed)
        print(
            "Daiyun bench — \(ProcessInfo.processInfo.processorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB, \(ProcessInfo.processInfo.operatingSystemVersionString)"
        )
        print("dataset: \(dataset.orders.count) orders, \(dataset.lineCount) lines, \(dataset.refunds.count) refunds (seed \(seed))")
        // The bench's own settings; its databases are made fresh, not the configured one.
        let settings = try AppConfig.load(flags: .init(), environment: ProcessInfo.processInfo.environment)
        var databases: [(String, BenchDatabase)] = [("SQLite", .sqlite)]
        if let url = postgres ?? settings.benchDatabaseURL, !url.isEmpty {
            databases.append(("PostgreSQL", .postgres(url)))
        }
        for (name, database) in databases {
            do {
                try await BenchRuns.importYear(dataset, on: database, label: name, keepingAt: keepSqlite, verbose: settings.benchVerbose)
                try await BenchRuns.exportFile(dataset, on: database, label: name)
                if !noFlashSale {
                    try await BenchRuns.flashSale(on: database, label: name, attempts: attempts, workers: workers, seed: seed)
                }
                if !noSync {
                    try await BenchSync.run(on: database, label: name, ordersPerDay: syncOrdersPerDay, scheduledLag: scheduledLag)
                }
            } catch let error as BenchError {
                throw error
            } catch {
                // Database drivers hide details from plain descriptions; a benchmark wants them.
                throw BenchError("\(name): \(String(reflecting: error))")
            }
        }
    }
}

/// Formats one result line.
enum BenchReport {
    static func line(_ database: String, _ what: String, count: Int, unit: String, seconds: Double, extra: String = "") {
        let rate = Double(count) / max(seconds, 1e-9)
        let padded = "\(database) \(what)".padding(toLength: 40, withPad: " ", startingAt: 0)
        print(
            "\(padded) \(String(format: "%9d", count)) \(unit) in \(String(format: "%7.2f", seconds)) s = \(String(format: "%10.0f", rate)) \(unit)/s\(extra.isEmpty ? "" : "  " + extra)"
        )
    }
}
