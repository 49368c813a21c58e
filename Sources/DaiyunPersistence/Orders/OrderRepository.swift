import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Reads of orders: whole orders by number (for merging), and the order list and detail.
public struct OrderRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The stored orders with these numbers, with their lines.
    public func orders(_ tids: [String], store: ID<Store>) async throws -> [String: Order] {
        var result: [String: Order] = [:]
        for start in stride(from: 0, to: tids.count, by: lookupChunk) {
            let slice = Array(tids[start..<min(start + lookupChunk, tids.count)])
            let rows = try await database.select(OrderRow.self, from: "orders", store: store.rawValue, where: "tid", in: slice)
            let lines = Dictionary(
                grouping: try await database.select(OrderLineRow.self, from: "order_lines", store: store.rawValue, where: "tid", in: slice),
                by: \.tid)
            for row in rows {
                result[row.tid] = try row.domain(lines: (lines[row.tid] ?? []).sorted { $0.oid < $1.oid }.map { try $0.domain() })
            }
        }
        return result
    }

    /// How many orders a store has (the dashboard and tests use it).
    /// The stores among these that hold an order with this number, or whose buyer has this nick
    /// (`buyer`), with the order numbers, newest first: the search across stores.
    public func find(_ text: String, buyer: Bool, in stores: [ID<Store>], limit: Int = 50) async throws -> [(store: ID<Store>, tid: String)]
    {
        guard !stores.isEmpty, !text.isEmpty else { return [] }
        let column = buyer ? "buyer_nick" : "tid"
        return try await database.sql().raw(
            """
            SELECT store_id, tid FROM orders WHERE store_id IN \(SQLBind.group(stores.map(\.rawValue))) AND \(ident: column) = \(bind: text)
            ORDER BY created_at DESC LIMIT \(unsafeRaw: String(limit))
            """
        ).all().map { (ID(try $0.decode(column: "store_id", as: UUID.self)), try $0.decode(column: "tid", as: String.self)) }
    }

    public func count(store: ID<Store>) async throws -> Int {
        let row = try await database.sql().raw("SELECT COUNT(*) AS n FROM orders WHERE store_id = \(bind: store.rawValue)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}

extension OrderRepository {
    /// Whether the store holds an order that came from a source record of this kind (the demo's
    /// generated year, say).
    public func hasOrders(store: ID<Store>, fromSourceKind kind: String) async throws -> Bool {
        try await database.sql().raw(
            """
            SELECT 1 AS found FROM orders o JOIN source_records s ON s.id = o.source_record_id
            WHERE o.store_id = \(bind: store.rawValue) AND s.kind = \(bind: kind) LIMIT 1
            """
        ).first() != nil
    }
}
