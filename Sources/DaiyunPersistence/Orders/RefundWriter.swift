import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Applies what a channel or a file reports about refunds: a finished refund never changes, an
/// open one follows the newer report; the refunds rollups change with them (a SKU's under the
/// merchant code of the refunded line, when its order is known; against its order's confirmed
/// receipts, when the order is finished). Call it inside a transaction.
public struct RefundWriter: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func apply(_ reports: [Refund], store: Store, source: UUID, by context: WriteContext) async throws -> UpsertCounts {
        try await database.lockForWriting(store: store.id)
        try await database.requireFactParents(store: store, source: source)
        precondition(reports.allSatisfy { $0.storeID == store.id }, "a report for another store")
        let folded = foldReports(reports, key: \.refundID) { $0.applying($1) }
        var counts = UpsertCounts()
        let round = database.writeRound
        for start in stride(from: 0, to: folded.count, by: round) {
            let chunk = Array(folded[start..<min(start + round, folded.count)])
            let ids = chunk.map(\.refundID)
            let kept = try await database.select(RefundRow.self, from: "refunds", store: store.id.rawValue, where: "refund_id", in: ids)
            let keptByID = Dictionary(kept.map { ($0.refundId, $0) }, uniquingKeysWith: { a, _ in a })
            let rollupKeys = SalesRollupRepository(database: database)
            let lineSKUs = try await rollupKeys.lineSKUs(oids: chunk.map(\.oid), store: store.id)
            let confirmedDays = try await rollupKeys.confirmedDays(tids: chunk.map(\.tid), store: store.id)
            var rows = NewAndChanged<RefundRow>()
            var rollups = SalesRollupDelta()
            for report in chunk {
                let keptRow = keptByID[report.refundID]
                let keptRefund = try keptRow?.domain()
                let merged = keptRefund.map { $0.applying(report) } ?? report
                if let keptRefund, keptRefund == merged {
                    counts.unchanged += 1
                    continue
                }
                if keptRefund == nil { counts.inserted += 1 } else { counts.updated += 1 }
                rollups.change(from: keptRefund, to: merged, outerSKUID: lineSKUs[merged.oid], confirmedDay: confirmedDays[merged.tid])
                rows.add(
                    RefundRow(merged, id: keptRow?.id ?? context.ids.timeOrdered(at: context.now), source: source), new: keptRow == nil)
            }
            try await database.insert(rows.new, into: "refunds")
            try await database.upsert(rows.changed, into: "refunds", conflict: ["store_id", "refund_id"])
            try await SalesRollupRepository(database: database).apply(rollups, store: store.id)
        }
        return counts
    }
}
