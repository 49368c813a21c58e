import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation

/// Line items join orders already imported: each order's lines are merged into the stored order
/// and written through the same order writer. A line whose order is unknown is a row error.
final class LineImport: @unchecked Sendable {
    let store: Store
    let file: ParsedFile<TaobaoLineExport.Line>
    private var missing: [RowError] = []

    init(store: Store, file: ParsedFile<TaobaoLineExport.Line>) {
        self.store = store
        self.file = file
    }

    func parsed() -> ImportService.Parsed {
        ImportService.Parsed(
            encoding: file.encoding, rowsRead: file.rowsRead, errors: file.errors,
            apply: { db, context in try await self.apply(db, context) },
            good: file.rows.count, lateErrors: { self.missing })
    }

    private func apply(_ db: any Database, _ context: ImportService.ApplyContext) async throws -> UpsertCounts {
        var byOrder: [String: [(line: Int, value: OrderLine)]] = [:]
        var order: [String] = []
        for row in file.rows {
            if byOrder[row.value.tid] == nil { order.append(row.value.tid) }
            byOrder[row.value.tid, default: []].append((row.line, row.value.line))
        }
        let stored = try await OrderRepository(database: db).orders(order, store: store.id)
        var reports: [Order] = []
        for tid in order {
            guard var report = stored[tid] else {
                missing += byOrder[tid]!.map {
                    RowError(
                        line: $0.line, column: "订单编号",
                        Message("row_order_not_imported", [tid], english: "order \(tid) is not imported yet: import the order report first")
                    )
                }
                continue
            }
            report.lines = byOrder[tid]!.map(\.value)
            reports.append(report)
        }
        return try await OrderWriter(database: db).apply(
            reports, store: store, source: context.source, by: context.write, progress: context.progress)
    }
}
