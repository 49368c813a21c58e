import DaiyunCore
import DaiyunPersistence
import DaiyunWeb
import Fluent
import Foundation
import SQLKit
import Vapor

/// A fresh database for one measurement: a new SQLite file, or a new schema on a PostgreSQL server.
enum BenchDatabase {
    case sqlite
    case postgres(String)

    /// Runs `body` with a migrated app on a fresh database holding the bench store, then removes it
    /// (a SQLite file is moved to `keepingAt` instead, when given; a PostgreSQL schema is always dropped).
    func with<T>(keepingAt kept: String? = nil, _ body: (Application, Store) async throws -> T) async throws -> T {
        let tag = String(UUID().uuidString.prefix(8)).lowercased()
        let location: DatabaseLocation
        switch self {
        case .sqlite: location = .sqlite(path: NSTemporaryDirectory() + "daiyun-bench-\(tag).sqlite")
        case .postgres(let url): location = .postgres(url: url, searchPath: "bench_\(tag)")
        }
        let app = try await Application.make(Environment(name: "production", arguments: ["daiyun"]))
        app.logger.logLevel = .error
        do {
            try await configure(app, config: AppConfig(database: location, logLevel: .error, bcryptCost: 4))
            if case .postgres = self { try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: "bench_\(tag)")").run() }
            _ = try await MigrationRunner.migrate(app)
            let context = app.writeContext(actor: "job:bench")
            let tenancy = TenancyRepository(database: app.db)
            let agency = try await tenancy.createAgency(named: "Bench \(tag)", by: context)
            let client = try await tenancy.createClient(
                try ClientDraft(name: "Bench client", industry: "bench"), in: agency.id, by: context)
            var store = try await tenancy.createStore(
                try StoreDraft(channel: "tmall", shopID: "bench-\(tag)", name: "Bench store", status: "active", takenOverOn: "2025-01-01"),
                for: client, by: context)
            // The dataset's orders name a fixed store id; the bench store takes that id.
            try await (app.db as! any SQLDatabase).raw(
                "UPDATE stores SET id = \(bind: BenchDataset.store.rawValue) WHERE id = \(bind: store.id.rawValue)"
            ).run()
            store.id = BenchDataset.store
            let result = try await body(app, store)
            if let kept, case .sqlite(let path) = location {
                // Folds the write-ahead log into the file, so the one file holds every row.
                try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
                try await app.asyncShutdown()
                try FileManager.default.moveItem(atPath: path, toPath: kept)
                for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                return result
            }
            try await drop(app, location, tag)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await drop(app, location, tag)
            try? await app.asyncShutdown()
            throw error
        }
    }

    private func drop(_ app: Application, _ location: DatabaseLocation, _ tag: String) async throws {
        switch location {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        case .postgres:
            try await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(unsafeRaw: "bench_\(tag)") CASCADE").run()
        }
    }
}
