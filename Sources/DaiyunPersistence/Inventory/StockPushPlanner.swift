import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// What to tell the channel about one listing's stock.
public struct StockPush: Sendable, Equatable {
    public var listingID: UUID
    public var itemID: String
    public var skuID: String
    public var outerID: String
    /// What the channel may sell now (the shared pool less reservations and safety stock).
    public var available: Int
    /// Nil for a listing never pushed: its quantity is set outright. Otherwise the change to
    /// apply incrementally.
    public var delta: Int?
}

/// Plans a store's stock push and records what was pushed.
///
/// A listing's channel quantity is moved by a delta, not overwritten: the channel lowers it by
/// itself for each sale it takes, and a sale taken after our last read must not be undone by
/// an overwrite. The delta is what the channel should show (available now) less what it shows
/// as far as we know: the quantity we last pushed, less the units its own orders have reserved
/// since (and plus those released), which the channel counted already.
public struct StockPushPlanner: Sendable {
    let database: any Database
    let ids: any IDGenerator

    public init(database: any Database, ids: any IDGenerator = .kernel) {
        self.database = database
        self.ids = ids
    }

    /// The listings of `store` whose channel quantity should change, as of `now`.
    public func plan(store: Store, now: Date) async throws -> [StockPush] {
        let sql = try database.sql()
        let safety = try await InventoryRepository(database: database).safetyStock(of: store.clientID)[store.channel] ?? 0
        let rows = try await sql.raw(
            """
            SELECT l.id, l.channel_item_id, l.channel_sku_id, s.outer_id, st.on_hand, st.reserved, p.pushed_quantity, p.pushed_at,
                   (SELECT CAST(COALESCE(SUM(m.reserved_change), 0) AS BIGINT) FROM stock_movements m
                    WHERE m.sku_id = l.sku_id AND m.store_id = l.store_id AND m.kind IN ('reserve', 'release')
                      AND m.at > p.pushed_at AND m.at <= \(bind: now)) AS own_since
            FROM listings l
            JOIN skus s ON s.id = l.sku_id
            LEFT JOIN sku_stock st ON st.sku_id = l.sku_id
            LEFT JOIN listing_stock_pushes p ON p.listing_id = l.id
            WHERE l.store_id = \(bind: store.id.rawValue)
            ORDER BY l.channel_item_id, l.channel_sku_id
            """
        ).all()
        var pushes: [StockPush] = []
        for row in rows {
            let listing = try row.decode(column: "id", as: UUID.self)
            let available = StockRules.available(
                onHand: try row.decode(column: "on_hand", as: Int?.self) ?? 0,
                reserved: try row.decode(column: "reserved", as: Int?.self) ?? 0, safetyStock: safety)
            var push = StockPush(
                listingID: listing, itemID: try row.decode(column: "channel_item_id", as: String.self),
                skuID: try row.decode(column: "channel_sku_id", as: String.self),
                outerID: try row.decode(column: "outer_id", as: String.self), available: available, delta: nil)
            if let pushed = try row.decode(column: "pushed_quantity", as: Int?.self) {
                // This store's own orders reserved (less those released) since the push: the channel counted them already.
                let ownSince = Int(try row.decode(column: "own_since", as: Int64?.self) ?? 0)
                let delta = available - (pushed - ownSince)
                guard delta != 0 else { continue }
                push.delta = delta
            }
            pushes.append(push)
        }
        return pushes
    }

    /// Records that the channel now shows `available` for the listing, as of `at`.
    public func recordPushed(_ push: StockPush, at: Date) async throws {
        try await database.lockForWriting()
        try await database.sql().raw(
            """
            INSERT INTO listing_stock_pushes (id, listing_id, pushed_quantity, pushed_at) VALUES (\(bind: ids.random()), \(bind: push.listingID), \(bind: push.available), \(bind: at))
            ON CONFLICT (listing_id) DO UPDATE SET pushed_quantity = excluded.pushed_quantity, pushed_at = excluded.pushed_at
            """
        ).run()
    }

    /// Whether the store's client had stock movements after `since` (nil: ever).
    public func stockChanged(store: Store, since: Date?) async throws -> Bool {
        let row = try await database.sql().raw(
            "SELECT MAX(at) AS last FROM stock_movements WHERE client_id = \(bind: store.clientID.rawValue)"
        ).first()
        guard let last = try row?.decode(column: "last", as: Date?.self) else { return false }
        return since.map { last > $0 } ?? true
    }

    /// Maps the channel listings that synced order lines name (item id, SKU id, merchant code)
    /// onto the client's SKUs, adding those not yet known in one statement.
    public func learnListings(store: Store, from lines: [(itemID: String, skuID: String, outerID: String)]) async throws {
        var wanted: [String: (itemID: String, skuID: String, outerID: String)] = [:]
        for line in lines where !line.itemID.isEmpty && !line.outerID.isEmpty { wanted[line.itemID + "/" + line.skuID] = line }
        guard !wanted.isEmpty else { return }
        let sql = try database.sql()
        let known = try await sql.raw(
            """
            SELECT channel_item_id, channel_sku_id FROM listings
            WHERE store_id = \(bind: store.id.rawValue) AND channel_item_id IN \(SQLBind.group(Array(Set(wanted.values.map(\.itemID)))))
            """
        ).all()
        for row in known {
            wanted[
                try row.decode(column: "channel_item_id", as: String.self) + "/"
                    + (try row.decode(column: "channel_sku_id", as: String.self))] = nil
        }
        guard !wanted.isEmpty else { return }
        let skus = try await sql.raw(
            """
            SELECT id, outer_id FROM skus WHERE client_id = \(bind: store.clientID.rawValue) AND outer_id IN \(SQLBind.group(Array(Set(wanted.values.map(\.outerID)))))
            """
        ).all()
        var skuIDs: [String: UUID] = [:]
        for row in skus { skuIDs[try row.decode(column: "outer_id", as: String.self)] = try row.decode(column: "id", as: UUID.self) }
        let insert = sql.insert(into: "listings").columns("id", "store_id", "sku_id", "channel_item_id", "channel_sku_id")
        var rows = 0
        for line in wanted.values.sorted(by: { ($0.itemID, $0.skuID) < ($1.itemID, $1.skuID) }) {
            guard let sku = skuIDs[line.outerID] else { continue }
            insert.values(SQLBind(ids.random()), SQLBind(store.id.rawValue), SQLBind(sku), SQLBind(line.itemID), SQLBind(line.skuID))
            rows += 1
        }
        guard rows > 0 else { return }
        try await database.lockForWriting()
        try await insert.ignoringConflicts(with: ["store_id", "channel_item_id", "channel_sku_id"]).run()
    }
}
