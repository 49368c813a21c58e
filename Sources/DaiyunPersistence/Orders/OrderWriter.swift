import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// How a batch of reports changed the stored rows.
public struct UpsertCounts: Sendable, Equatable, Codable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    public static func + (lhs: UpsertCounts, rhs: UpsertCounts) -> UpsertCounts {
        UpsertCounts(inserted: lhs.inserted + rhs.inserted, updated: lhs.updated + rhs.updated, unchanged: lhs.unchanged + rhs.unchanged)
    }
}

/// Applies what a channel or a file reports about orders: merges each report into the stored
/// order (statuses only move forward), writes the changed rows in bulk upserts, keeps the
/// status history, moves stock for the lines whose state calls for it, and keeps the daily sales
/// rollups. Call it inside a transaction; a batch is all or nothing.
public struct OrderWriter: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// `progress` hears (orders applied, orders to apply) after each chunk (once, if there are
    /// none). Give a large file's orders in one call: the planner's statistics are refreshed as
    /// the call's write grows.
    public func apply(
        _ reports: [Order], store: Store, source: UUID, by context: WriteContext,
        progress: @Sendable (_ applied: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> UpsertCounts {
        try await database.lockForWriting(store: store.id)
        try await database.requireFactParents(store: store, source: source)
        precondition(reports.allSatisfy { $0.storeID == store.id }, "a report for another store")
        let folded = foldReports(reports, key: \.tid) { $0.applying($1) }
        if folded.count > lookupChunk { try await database.prepareForBulkWrite() }
        var counts = UpsertCounts()
        if folded.isEmpty { progress(0, 0) }
        // Statistics after 10,000 orders, then each time the write has grown fourfold: one
        // refresh per 10,000 orders cost more than the plans it saved.
        var refreshAfter = 10_000
        let round = database.writeRound
        for start in stride(from: 0, to: folded.count, by: round) {
            let chunk = Array(folded[start..<min(start + round, folded.count)])
            counts = counts + (try await applyChunk(chunk, store: store, source: source, by: context))
            progress(start + chunk.count, folded.count)
            if start + chunk.count >= refreshAfter {
                try await database.refreshStatistics(of: ["orders", "order_lines"], columns: ["store_id", "tid"])
                refreshAfter *= 4
            }
        }
        return counts
    }

    private func applyChunk(_ reports: [Order], store: Store, source: UUID, by context: WriteContext) async throws -> UpsertCounts {
        let (actor, now, ids) = (context.actor, context.now, context.ids)
        let tids = reports.map(\.tid)
        let existingOrders = try await database.select(OrderRow.self, from: "orders", store: store.id.rawValue, where: "tid", in: tids)
        // Lines are only ever written with their order: only kept orders have kept lines.
        let existingLines = try await database.select(
            OrderLineRow.self, from: "order_lines", store: store.id.rawValue, where: "tid", in: existingOrders.map(\.tid))
        let ordersByTid = Dictionary(existingOrders.map { ($0.tid, $0) }, uniquingKeysWith: { a, _ in a })
        let linesByTid = Dictionary(grouping: existingLines, by: \.tid)
        let skus = try await stockedSKUs(client: store.clientID, outerIDs: Set(reports.flatMap { $0.lines.map(\.outerSkuID) }))
        let inventory = InventoryRepository(database: database, ids: ids)

        var counts = UpsertCounts()
        var orderRows = NewAndChanged<OrderRow>()
        var lineRows = NewAndChanged<OrderLineRow>()
        var history: [StatusChangeRow] = []
        var rollups = SalesRollupDelta()
        var newLineSKUs: [String: (old: String?, new: String)] = [:]
        var movedTids: Set<String> = []
        var confirmedMoves: [String: (old: BusinessDay?, new: BusinessDay?)] = [:]
        for report in reports {
            let keptRow = ordersByTid[report.tid]
            let keptLineRows = (linesByTid[report.tid] ?? []).sorted { $0.oid < $1.oid }
            let kept = try keptRow?.domain(lines: keptLineRows.map { try $0.domain() })
            var merged = kept.map { $0.applying(report) } ?? report
            merged.lines.sort { $0.oid < $1.oid }
            if let kept, kept == merged {
                counts.unchanged += 1
                continue
            }
            if kept == nil { counts.inserted += 1 } else { counts.updated += 1 }
            rollups.change(from: kept, to: merged)
            if kept?.confirmedDay != merged.confirmedDay { confirmedMoves[merged.tid] = (kept?.confirmedDay, merged.confirmedDay) }
            let keptSKUs = Dictionary(keptLineRows.map { ($0.oid, $0.outerSkuId) }, uniquingKeysWith: { a, _ in a })
            for line in merged.lines where keptSKUs[line.oid] != line.outerSkuID {
                newLineSKUs[line.oid] = (keptSKUs[line.oid], line.outerSkuID)
                movedTids.insert(merged.tid)
            }
            if kept?.status != merged.status {
                history.append(
                    StatusChangeRow(
                        id: ids.timeOrdered(at: now), storeId: store.id.rawValue, tid: merged.tid, status: merged.status.rawValue,
                        observedAt: now, sourceRecordId: source))
            }

            let keptStates = Dictionary(keptLineRows.map { ($0.oid, ($0.id, $0.lineStockState)) }, uniquingKeysWith: { a, _ in a })
            var needsAttention = false
            for line in merged.lines {
                let (lineID, state) = keptStates[line.oid] ?? (ids.timeOrdered(at: now), .untouched)
                var newState = state
                if let stocked = skus[line.outerSkuID] {
                    let sku = stocked.id
                    // A partly shipped order ships line by line; otherwise the order's status speaks for its lines.
                    let status = merged.status == .sellerConsignedPart ? line.status : line.status.merged(with: merged.status)
                    let action = StockRules.action(
                        for: state, status: status, paid: merged.countsAsPaid,
                        leftAfterCount: StockRules.leftAfterCount(merged, countedAt: stocked.countedAt))
                    switch action {
                    case .none: break
                    case .reserve:
                        let held = try await inventory.reserve(
                            sku: sku, quantity: line.quantity, store: store.id, oid: line.oid, actor: actor, at: now)
                        newState = held ? .reserved : .shortage
                    case .deduct, .deductUnreserved:
                        try await inventory.deduct(
                            sku: sku, quantity: line.quantity, reserved: action == .deduct, store: store.id, oid: line.oid, actor: actor,
                            at: now)
                        newState = StockRules.state(after: action, from: state)
                    case .release:
                        try await inventory.release(
                            sku: sku, quantity: line.quantity, store: store.id, oid: line.oid, actor: actor, at: now)
                        newState = .released
                    case .clearShortage:
                        newState = .released
                    }
                }
                needsAttention = needsAttention || newState == .shortage
                lineRows.add(
                    OrderLineRow(line, of: merged, id: lineID, stockState: newState, source: source), new: keptStates[line.oid] == nil)
            }
            orderRows.add(
                OrderRow(merged, id: keptRow?.id ?? ids.timeOrdered(at: now), needsAttention: needsAttention, source: source),
                new: keptRow == nil
            )
        }
        try await database.insert(orderRows.new, into: "orders")
        try await database.upsert(orderRows.changed, into: "orders", conflict: ["store_id", "tid"])
        try await database.insert(lineRows.new, into: "order_lines")
        try await database.upsert(lineRows.changed, into: "order_lines", conflict: ["store_id", "oid"])
        try await database.insert(history, into: "order_status_history")
        // A refund already kept for a line new here, or whose merchant code changed, moves to its
        // code; one of an order finished here, or finished on another day, moves to that day.
        try await moveRefunds(ofLines: newLineSKUs, confirmed: confirmedMoves, tids: movedTids, store: store.id, into: &rollups)
        // The rollups change with the orders, in the caller's transaction.
        try await SalesRollupRepository(database: database).apply(rollups, store: store.id)
        return counts
    }

    private func moveRefunds(
        ofLines lines: [String: (old: String?, new: String)], confirmed: [String: (old: BusinessDay?, new: BusinessDay?)],
        tids: Set<String>,
        store: ID<Store>, into rollups: inout SalesRollupDelta
    ) async throws {
        let tids = tids.union(confirmed.keys)
        guard !tids.isEmpty else { return }
        for row in try await database.select(RefundRow.self, from: "refunds", store: store.rawValue, where: "tid", in: Array(tids)) {
            let refund = try row.domain()
            if let line = lines[row.oid] { rollups.moveLine(of: refund, from: line.old, to: line.new) }
            if let days = confirmed[row.tid] { rollups.moveReceipt(of: refund, from: days.old, to: days.new) }
        }
    }

    /// A SKU the lines name: our id, and when its stock was last counted (nil: no stock kept).
    struct StockedSKU {
        var id: UUID
        var countedAt: Date?
    }

    /// Our SKUs for the merchant codes (商家编码) the lines carry.
    func stockedSKUs(client: ID<Client>, outerIDs: Set<String>) async throws -> [String: StockedSKU] {
        let codes = outerIDs.filter { !$0.isEmpty }
        guard !codes.isEmpty else { return [:] }
        let rows = try await database.sql().select()
            .column(SQLColumn("id", table: "skus")).column(SQLColumn("outer_id", table: "skus")).column(
                SQLColumn("counted_at", table: "sku_stock")
            )
            .from("skus")
            .join(
                "sku_stock", method: SQLJoinMethod.left, on: SQLColumn("sku_id", table: "sku_stock"), .equal, SQLColumn("id", table: "skus")
            )
            .where(SQLColumn("client_id", table: "skus"), .equal, SQLBind(client.rawValue))
            .where(SQLColumn("outer_id", table: "skus"), .in, SQLBind.group(Array(codes))).all()
        var result: [String: StockedSKU] = [:]
        for row in rows {
            result[try row.decode(column: "outer_id", as: String.self)] = StockedSKU(
                id: try row.decode(column: "id", as: UUID.self), countedAt: try row.decode(column: "counted_at", as: Date?.self))
        }
        return result
    }
}

/// Rows to write, split into those the table does not hold yet (plain inserts) and those it does.
struct NewAndChanged<Row: TableRow> {
    var new: [Row] = []
    var changed: [Row] = []

    mutating func add(_ row: Row, new isNew: Bool) {
        if isNew { new.append(row) } else { changed.append(row) }
    }
}
