import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation

/// The kinds of file Daiyun imports.
public enum ImportKind: String, Sendable, Codable, CaseIterable {
    /// 千牛 order report (订单报表), into a store.
    case orders
    /// 宝贝报表 line items, into a store's already imported orders.
    case lines
    /// Refund report, into a store.
    case refunds
    /// Catalog CSV, into a client.
    case catalog
    /// 生意参谋 store-level daily export, into a store.
    case traffic
    /// 直通车 / 引力魔方 / 万相台 report export, into a store.
    case ads
}

/// What to do with a file that has bad rows.
public enum ImportMode: String, Sendable, Codable, CaseIterable {
    /// Import the good rows, report the bad ones.
    case skipBadRows = "skip"
    /// Import nothing unless every row is good.
    case allOrNothing = "all"
}

/// Where an import lands: a store (orders, lines, refunds) or a client (catalog).
public struct ImportTarget: Sendable {
    public var client: Client
    public var store: Store?

    public init(client: Client, store: Store?) {
        self.client = client
        self.store = store
    }
}

/// A file read but not imported: what an import would do, for the preview.
public struct ImportPreview: Sendable {
    public var kind: ImportKind
    public var encoding: FileEncoding
    public var rowsRead: Int
    public var goodRows: Int
    public var errors: [RowError]

    public init(kind: ImportKind, encoding: FileEncoding, rowsRead: Int, goodRows: Int, errors: [RowError]) {
        self.kind = kind
        self.encoding = encoding
        self.rowsRead = rowsRead
        self.goodRows = goodRows
        self.errors = errors
    }
}

/// What an import did.
public struct ImportResult: Sendable, Codable {
    public var batch: ImportBatch
    public var encoding: String
    public var sha256: String
    /// The same bytes were imported before (the import then changes nothing).
    public var sameFileSeenBefore: Bool
    public var errors: [RowError]
}

/// Imports export files: keeps the raw file as a source record, reads it by header name, reports
/// each bad row with its line and reason, and applies the good rows in one transaction (all of
/// them, or none when the mode is all-or-nothing and a row is bad). Importing the same file again
/// changes nothing. Every import is recorded in the import history and the client's audit chain.
public struct ImportService: Sendable {
    let database: any Database

    /// Good rows an order or refund report is read and written at a time (`stream`).
    let streamChunk: Int

    public init(database: any Database, streamChunk: Int = 20_000) {
        self.database = database
        self.streamChunk = max(1, streamChunk)
    }

    /// Reads the file without writing anything.
    public func preview(_ data: Data, kind: ImportKind, target: ImportTarget) throws -> ImportPreview {
        let parsed = try Self.parse(data, kind: kind, target: target)
        return ImportPreview(kind: kind, encoding: parsed.encoding, rowsRead: parsed.rowsRead, goodRows: parsed.good, errors: parsed.errors)
    }

    /// Imports the file. `progress` hears (rows applied, rows to apply) as chunks land. A file
    /// imported into a store has the store's alerts evaluated again soon after.
    public func run(
        _ data: Data, name: String, kind: ImportKind, mode: ImportMode, target: ImportTarget, by context: WriteContext,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> ImportResult {
        let result = try await importFile(data, name: name, kind: kind, mode: mode, target: target, by: context, progress: progress)
        if let store = target.store, result.batch.outcome == "imported" {
            try await AlertEvaluator.queue(store, on: database, ids: context.ids, now: context.now)
        }
        return result
    }

    private func importFile(
        _ data: Data, name: String, kind: ImportKind, mode: ImportMode, target: ImportTarget, by context: WriteContext,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> ImportResult {
        if kind != .catalog, target.store == nil { throw ValidationError(field: "store", rule: .required) }
        let (source, isNew) = try await SourceRecordRepository(database: database).keep(
            data, name: name, kind: "upload:\(kind.rawValue)", agency: target.client.agencyID, store: target.store?.id, by: context)
        var record = BatchRecord(
            id: context.ids.random(), kind: kind, mode: mode, target: target, source: source, name: name, rowsRead: 0, context: context)
        if let store = target.store, kind == .orders || kind == .refunds {
            return try await stream(data, kind: kind, into: store, record: record, isNew: isNew, progress: progress)
        }
        let parsed: Parsed
        do {
            parsed = try Self.parse(data, kind: kind, target: target)
        } catch let problem as FileProblem {
            parsed = Parsed(
                encoding: .utf8, rowsRead: 0, errors: [problem.rowError],
                apply: { _, _ in UpsertCounts() }, good: 0)
        }
        record.rowsRead = parsed.rowsRead
        // A file with no good row is a failed import in either mode, never "imported".
        if parsed.good == 0 {
            let errors = parsed.errors.isEmpty ? [RowError(line: 1, column: "", .noDataRows)] : parsed.errors
            return try await record.save(
                outcome: "rejected", counts: UpsertCounts(), errors: errors, encoding: parsed.encoding, isNew: isNew, on: database)
        }
        if mode == .allOrNothing, !parsed.errors.isEmpty {
            return try await record.save(
                outcome: "rejected", counts: UpsertCounts(), errors: parsed.errors, encoding: parsed.encoding, isNew: isNew, on: database)
        }
        // The transaction's closure is sendable: it takes the record as it stands now.
        let counted = record
        do {
            let audit = AuditTarget(agencyID: target.client.agencyID, clientID: target.client.id)
            let finished = try await database.audited(audit, by: context) { tx in
                let counts = try await parsed.apply(
                    tx, ApplyContext(source: source.id, write: context, progress: progress))
                let late = parsed.lateErrors()
                if mode == .allOrNothing, !late.isEmpty { throw LateRejection(errors: late) }
                return try await counted.prepare(outcome: "imported", counts: counts, errors: parsed.errors + late, on: tx)
            }
            return ImportResult(
                batch: finished.batch, encoding: parsed.encoding.rawValue, sha256: source.sha256, sameFileSeenBefore: !isNew,
                errors: finished.errors)
        } catch let rejection as LateRejection {
            return try await record.save(
                outcome: "rejected", counts: UpsertCounts(), errors: parsed.errors + rejection.errors, encoding: parsed.encoding,
                isNew: isNew, on: database)
        }
    }

    /// Rows found bad only while applying, in all-or-nothing mode: the transaction rolls back. A
    /// streamed import also says how many rows it read, in which encoding.
    struct LateRejection: Error {
        var errors: [RowError]
        var rowsRead: Int? = nil
        var encoding: FileEncoding? = nil
    }

    struct ApplyContext {
        var source: UUID
        var write: WriteContext
        var progress: @Sendable (Int, Int) -> Void
    }

    /// A parsed file: its errors, and how to apply its good rows.
    struct Parsed: Sendable {
        var encoding: FileEncoding
        var rowsRead: Int
        var errors: [RowError]
        var apply: @Sendable (any Database, ApplyContext) async throws -> UpsertCounts
        var good: Int
        /// Errors found only while applying (a line whose order was never imported).
        var lateErrors: @Sendable () -> [RowError] = { [] }
    }

    static func parse(_ data: Data, kind: ImportKind, target: ImportTarget) throws -> Parsed {
        switch kind {
        case .orders:
            let store = try storeOf(target)
            let file = try TaobaoOrderExport.parse(data, store: store.id)
            let orders = file.rows.map(\.value)
            return Parsed(
                encoding: file.encoding, rowsRead: file.rowsRead, errors: file.errors,
                apply: { db, c in
                    try await OrderWriter(database: db).apply(
                        orders, store: store, source: c.source, by: c.write, progress: c.progress)
                }, good: orders.count)
        case .refunds:
            let store = try storeOf(target)
            return chunked(try RefundExport.parse(data, store: store.id)) { db, chunk, c in
                try await RefundWriter(database: db).apply(chunk, store: store, source: c.source, by: c.write)
            }
        case .lines:
            let store = try storeOf(target)
            let file = try TaobaoLineExport.parse(data)
            return LineImport(store: store, file: file).parsed()
        case .traffic:
            let store = try storeOf(target)
            return chunked(try TrafficExport.parse(data, store: store.id)) { db, chunk, c in
                try await TrafficRepository(database: db).apply(chunk, store: store, source: c.source, by: c.write)
            }
        case .ads:
            let store = try storeOf(target)
            return chunked(try AdReportExport.parse(data, store: store.id)) { db, chunk, c in
                try await AdReportRepository(database: db).apply(chunk, store: store, source: c.source, by: c.write)
            }
        case .catalog:
            let client = target.client
            return chunked(try CatalogFile.parse(data)) { db, chunk, c in
                try await CatalogRepository(database: db).upsert(chunk.map { ($0.product, $0.sku) }, for: client, by: c.write)
            }
        }
    }

    /// A parsed file whose good rows are written a chunk at a time by `write`.
    static func chunked<Row: Sendable>(
        _ file: ParsedFile<Row>, _ write: @escaping @Sendable (any Database, [Row], ApplyContext) async throws -> UpsertCounts
    ) -> Parsed {
        let rows = file.rows.map(\.value)
        return Parsed(
            encoding: file.encoding, rowsRead: file.rowsRead, errors: file.errors,
            apply: { db, c in try await applyInChunks(rows, progress: c.progress) { try await write(db, $0, c) } }, good: rows.count)
    }

    static func storeOf(_ target: ImportTarget) throws -> Store {
        guard let store = target.store else { throw ValidationError(field: "store", rule: .required) }
        return store
    }

    /// Applies rows a chunk at a time, telling progress after each.
    static func applyInChunks<Row>(_ rows: [Row], progress: @Sendable (Int, Int) -> Void, _ apply: ([Row]) async throws -> UpsertCounts)
        async throws -> UpsertCounts
    {
        var counts = UpsertCounts()
        let chunk = 2_000
        for start in stride(from: 0, to: rows.count, by: chunk) {
            counts = counts + (try await apply(Array(rows[start..<min(start + chunk, rows.count)])))
            progress(min(start + chunk, rows.count), rows.count)
        }
        if rows.isEmpty { progress(0, 0) }
        return counts
    }
}
