import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation

/// Writes an import's batch record and its audit entry.
struct BatchRecord: Sendable {
    var id: UUID
    var kind: ImportKind
    var mode: ImportMode
    var target: ImportTarget
    var source: SourceRecord
    var name: String
    var rowsRead: Int
    var context: WriteContext
    /// Measures the import's duration; its wall times come from the context's clock.
    let timer = ContinuousClock.now

    var secondsSinceStart: TimeInterval {
        let elapsed = timer.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    struct Summary: Encodable {
        var kind, mode, outcome, file, sha256: String
        var rows, inserted, updated, unchanged, rejected: Int
    }

    /// Inserts the batch inside the caller's audited transaction; returns it with its audit record.
    func prepare(outcome: String, counts: UpsertCounts, errors: [RowError], on db: any Database) async throws -> (
        (batch: ImportBatch, errors: [RowError]), [AuditRecord]
    ) {
        let batch = ImportBatch(
            id: id, storeID: target.store?.id.rawValue, clientID: kind == .catalog ? target.client.id.rawValue : nil,
            sourceRecordID: source.id, kind: kind.rawValue, mode: mode.rawValue, outcome: outcome, rowsRead: rowsRead,
            counts: counts, rejected: outcome == "rejected" ? rowsRead : errors.count,
            errorsJson: String(decoding: try JSONEncoder().encode(errors), as: UTF8.self), actor: context.actor,
            startedAt: context.now, finishedAt: context.now.addingTimeInterval(secondsSinceStart))
        try await ImportBatchRepository(database: db).insert(batch, agency: target.client.agencyID)
        let summary = Summary(
            kind: kind.rawValue, mode: mode.rawValue, outcome: outcome, file: name, sha256: source.sha256, rows: rowsRead,
            inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged, rejected: batch.rejected)
        let record = AuditRecord(
            action: "import.\(kind.rawValue)", entityType: "import_batch", entityID: id.uuidString.lowercased(), before: Summary?.none,
            after: summary)
        return ((batch, errors), [record])
    }

    /// Records an import on its own (a rejected file: nothing else is written).
    func save(outcome: String, counts: UpsertCounts, errors: [RowError], encoding: FileEncoding, isNew: Bool, on db: any Database)
        async throws -> ImportResult
    {
        let audit = AuditTarget(agencyID: target.client.agencyID, clientID: target.client.id)
        let me = self
        let finished = try await db.audited(audit, by: context) { tx in
            try await me.prepare(outcome: outcome, counts: counts, errors: errors, on: tx)
        }
        return ImportResult(
            batch: finished.batch, encoding: encoding.rawValue, sha256: source.sha256, sameFileSeenBefore: !isNew, errors: finished.errors)
    }
}
