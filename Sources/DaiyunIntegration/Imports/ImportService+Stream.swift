import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation

extension ImportService {
    /// Imports an order or refund report a chunk at a time, inside one audited transaction: the
    /// file's rows are never all in memory (a 100 MB report took 850 MB parsed whole). A file with
    /// no good row, or a bad row in all-or-nothing mode, rolls the transaction back and is recorded
    /// as rejected, as when the file was parsed first.
    func stream(
        _ data: Data, kind: ImportKind, into store: Store, record: BatchRecord, isNew: Bool,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> ImportResult {
        struct Streamed: Sendable {
            var encoding: FileEncoding
            var rowsRead: Int
            var errors: [RowError]
            var good: Int
        }
        struct Finished: Sendable {
            var batch: ImportBatch
            var errors: [RowError]
            var encoding: FileEncoding
        }
        let total = Self.dataLines(data)
        let audit = AuditTarget(agencyID: record.target.client.agencyID, clientID: record.target.client.id)
        let context = record.context
        let mode = record.mode
        let source = record.source.id
        do {
            let finished = try await database.audited(audit, by: context) { tx in
                var counts = UpsertCounts()
                var done = 0
                let file: Streamed
                switch kind {
                case .refunds:
                    let parsed = try await RefundExport.stream(data, store: store.id, chunksOf: streamChunk) { refunds in
                        counts = counts + (try await RefundWriter(database: tx).apply(refunds, store: store, source: source, by: context))
                        done += refunds.count
                        progress(done, max(done, total))
                    }
                    file = Streamed(encoding: parsed.encoding, rowsRead: parsed.rowsRead, errors: parsed.errors, good: parsed.goodRows)
                default:
                    let parsed = try await TaobaoOrderExport.stream(data, store: store.id, chunksOf: streamChunk) { orders in
                        let base = done
                        counts =
                            counts
                            + (try await OrderWriter(database: tx).apply(
                                orders, store: store, source: source, by: context,
                                progress: { applied, _ in progress(base + applied, max(base + applied, total)) }))
                        done += orders.count
                    }
                    file = Streamed(encoding: parsed.encoding, rowsRead: parsed.rowsRead, errors: parsed.errors, good: parsed.goodRows)
                }
                if file.good == 0 || (mode == .allOrNothing && !file.errors.isEmpty) {
                    let errors = file.errors.isEmpty ? [RowError(line: 1, column: "", .noDataRows)] : file.errors
                    throw LateRejection(errors: errors, rowsRead: file.rowsRead, encoding: file.encoding)
                }
                progress(done, done)
                var kept = record
                kept.rowsRead = file.rowsRead
                let (prepared, audit) = try await kept.prepare(outcome: "imported", counts: counts, errors: file.errors, on: tx)
                return (Finished(batch: prepared.batch, errors: prepared.errors, encoding: file.encoding), audit)
            }
            return ImportResult(
                batch: finished.batch, encoding: finished.encoding.rawValue, sha256: record.source.sha256, sameFileSeenBefore: !isNew,
                errors: finished.errors)
        } catch let rejection as LateRejection {
            var rejected = record
            rejected.rowsRead = rejection.rowsRead ?? 0
            return try await rejected.save(
                outcome: "rejected", counts: UpsertCounts(), errors: rejection.errors, encoding: rejection.encoding ?? .utf8,
                isNew: isNew, on: database)
        } catch let problem as FileProblem {
            return try await record.save(
                outcome: "rejected", counts: UpsertCounts(), errors: [problem.rowError],
                encoding: .utf8, isNew: isNew, on: database)
        }
    }

    /// The file's lines less its header, as the progress bar's total (a quoted line break makes
    /// it an estimate; the bar ends at the rows applied).
    static func dataLines(_ data: Data) -> Int {
        data.withUnsafeBytes { bytes in bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } } - 1
    }
}
