import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// A SKU's stock as the stock page shows it.
public struct StockLine: Sendable, Equatable, Codable {
    public var skuID: UUID
    public var outerID: String
    public var title: String
    public var properties: String
    public var onHand: Int
    public var reserved: Int
    /// When the stock was last counted: the last stock-take, else the first receipt or adjustment.
    public var countedAt: Date?
    /// At or below this, the SKU's stock is low (`StockCover`).
    public var warnAt: Int
}

/// One kept change of stock.
public struct StockMovement: Sendable, Equatable, Codable {
    public var skuID: UUID
    public var warehouseID: UUID?
    public var kind: String
    public var onHandChange: Int
    public var reservedChange: Int
    public var reason: String
    public var oid: String?
    /// The order of that line, which people search by (a line id means nothing to them).
    public var tid: String?
    /// The store of the order line that moved the stock; nil for a person's change.
    public var storeID: UUID?
    public var actor: String
    public var at: Date

    enum CodingKeys: String, CodingKey {
        case kind, reason, oid, tid, actor, at
        case storeID = "store_id"
        case skuID = "sku_id"
        case warehouseID = "warehouse_id"
        case onHandChange = "on_hand_change"
        case reservedChange = "reserved_change"
    }
}

/// A movement about to be kept.
struct MovementRow {
    var client: UUID
    var sku: UUID
    var warehouse: UUID?
    var kind: String
    var onHand: Int
    var reserved: Int
    var reason: String
    var store: ID<Store>?
    var oid: String?
    var actor: String
    var at: Date
}

/// Why a person changes stock by hand.
public enum StockChangeKind: String, Sendable, Codable, CaseIterable {
    case receipt, adjustment, stocktake
}

/// Stock per SKU: on hand per warehouse, and one pool per SKU (sum on hand, reserved, when it was
/// last counted) that every channel of the client shares. Reserving is a single conditional UPDATE
/// of the pool row.
public struct InventoryRepository: Sendable {
    let database: any Database
    let ids: any IDGenerator

    public init(database: any Database, ids: any IDGenerator = .kernel) {
        self.database = database
        self.ids = ids
    }

    // MARK: Order-driven movements (called inside the caller's transaction)

    /// Holds `quantity` for a paid line if the pool has it; false when it does not (a shortage).
    /// Atomic: the check and the change are one statement, so concurrent reservations never oversell.
    public func reserve(sku: UUID, quantity: Int, store: ID<Store>, oid: String, actor: String, at: Date) async throws -> Bool {
        let sql = try database.sql()
        let rows = try await sql.raw(
            """
            UPDATE sku_stock SET reserved = reserved + \(bind: quantity)
            WHERE sku_id = \(bind: sku) AND on_hand - reserved >= \(bind: quantity)
            RETURNING client_id
            """
        ).all()
        guard let row = rows.first else { return false }
        let client = try row.decode(column: "client_id", as: UUID.self)
        try await record(
            client: client, sku: sku, warehouse: nil, kind: "reserve", onHand: 0, reserved: quantity,
            reason: "paid order", store: store, oid: oid, actor: actor, at: at)
        return true
    }

    /// Gives a reservation back (the order closed).
    public func release(sku: UUID, quantity: Int, store: ID<Store>, oid: String, actor: String, at: Date) async throws {
        try await change(
            sku: sku, onHand: 0, reserved: -quantity, kind: "release", reason: "order closed", store: store, oid: oid, actor: actor, at: at)
    }

    /// The goods left: on hand goes down, and the reservation with it when there was one.
    public func deduct(sku: UUID, quantity: Int, reserved: Bool, store: ID<Store>, oid: String, actor: String, at: Date) async throws {
        try await change(
            sku: sku, onHand: -quantity, reserved: reserved ? -quantity : 0, kind: "deduct",
            reason: reserved ? "shipped" : "shipped without reservation", store: store, oid: oid, actor: actor, at: at)
    }

    private func change(
        sku: UUID, onHand: Int, reserved: Int, kind: String, reason: String, store: ID<Store>?, oid: String?, actor: String, at: Date
    ) async throws {
        let sql = try database.sql()
        let rows = try await sql.raw(
            """
            UPDATE sku_stock SET on_hand = on_hand + \(bind: onHand), reserved = reserved + \(bind: reserved)
            WHERE sku_id = \(bind: sku) RETURNING client_id
            """
        ).all()
        guard let row = rows.first else { return }
        let client = try row.decode(column: "client_id", as: UUID.self)
        var warehouse: UUID?
        if onHand != 0 {
            // Shipments leave from the warehouse holding most of the SKU.
            let level = try await sql.select().column("id").column("warehouse_id").from("stock_levels")
                .where("sku_id", .equal, SQLBind(sku)).orderBy("on_hand", .descending).limit(1).first()
            if let level {
                warehouse = try level.decode(column: "warehouse_id", as: UUID.self)
                try await sql.raw(
                    "UPDATE stock_levels SET on_hand = on_hand + \(bind: onHand) WHERE id = \(bind: try level.decode(column: "id", as: UUID.self))"
                ).run()
            }
        }
        try await record(
            client: client, sku: sku, warehouse: warehouse, kind: kind, onHand: onHand, reserved: reserved,
            reason: reason, store: store, oid: oid, actor: actor, at: at)
    }

    func record(
        client: UUID, sku: UUID, warehouse: UUID?, kind: String, onHand: Int, reserved: Int, reason: String,
        store: ID<Store>?, oid: String?, actor: String, at: Date
    ) async throws {
        try await record([
            MovementRow(
                client: client, sku: sku, warehouse: warehouse, kind: kind, onHand: onHand, reserved: reserved,
                reason: reason, store: store, oid: oid, actor: actor, at: at)
        ])
    }

    /// Keeps movements in one multi-row insert.
    func record(_ movements: [MovementRow]) async throws {
        guard !movements.isEmpty else { return }
        let insert = try database.sql().insert(into: "stock_movements")
            .columns(
                "id", "client_id", "sku_id", "warehouse_id", "kind", "on_hand_change", "reserved_change", "reason", "store_id", "oid",
                "actor", "at")
        for m in movements {
            insert.values(
                SQLBind(ids.random()), SQLBind(m.client), SQLBind(m.sku), SQLBind(m.warehouse), SQLBind(m.kind), SQLBind(m.onHand),
                SQLBind(m.reserved), SQLBind(m.reason), SQLBind(m.store?.rawValue), SQLBind(m.oid), SQLBind(m.actor), SQLBind(m.at))
        }
        try await insert.run()
    }

    // MARK: Changes by a person (audited)

    /// A receipt (+), an adjustment (±) or a stock-take (sets the count) in one warehouse.
    public func change(
        _ kind: StockChangeKind, sku: UUID, warehouse: UUID, quantity: Int, reason: String, client: Client, by context: WriteContext
    ) async throws -> Int {
        let reason = try TextRules.required(reason, field: "reason", maxLength: 200)
        try InputBounds.check(quantity, in: kind == .stocktake ? InputBounds.stockLevel : InputBounds.stockChange, field: "quantity")
        if kind == .receipt, quantity <= 0 { throw ValidationError(field: "quantity", rule: .wholeNumber) }
        return try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
            let repo = InventoryRepository(database: tx, ids: context.ids)
            let sql = try tx.sql()
            guard
                try await sql.select().column("id").from("warehouses").where("id", .equal, SQLBind(warehouse))
                    .where("client_id", .equal, SQLBind(client.id.rawValue)).first() != nil
            else {
                throw ValidationError(field: "warehouse_id", rule: .unknownReference)
            }
            guard
                try await sql.select().column("id").from("sku_stock").where("sku_id", .equal, SQLBind(sku))
                    .where("client_id", .equal, SQLBind(client.id.rawValue)).first() != nil
            else {
                throw ValidationError(field: "sku_id", rule: .unknownReference)
            }
            let level = try await repo.level(sku: sku, warehouse: warehouse)
            let pool = try await repo.pool(sku: sku)?.onHand ?? level
            let delta = kind == .stocktake ? quantity - level : quantity
            // Neither the warehouse's level nor the SKU's pool over all warehouses may leave its bounds.
            let lowest = -level
            let highest = InputBounds.stockLevel.upperBound - max(level, pool)
            guard (lowest...max(lowest, highest)).contains(delta) else {
                let offset = kind == .stocktake ? level : 0
                throw ValidationError(field: "quantity", rule: .between(min: lowest + offset, max: max(lowest, highest) + offset))
            }
            try await sql.insert(into: "stock_levels").columns("id", "warehouse_id", "sku_id", "on_hand")
                .values(SQLBind(context.ids.random()), SQLBind(warehouse), SQLBind(sku), SQLBind(0))
                .ignoringConflicts(with: ["warehouse_id", "sku_id"]).run()
            try await sql.raw(
                "UPDATE stock_levels SET on_hand = on_hand + \(bind: delta) WHERE warehouse_id = \(bind: warehouse) AND sku_id = \(bind: sku)"
            ).run()
            // A stock-take is the new count; other changes date the first stock of a SKU never counted.
            let countedAt: SQLQueryString = kind == .stocktake ? "\(bind: context.now)" : "COALESCE(counted_at, \(bind: context.now))"
            try await sql.raw(
                "UPDATE sku_stock SET on_hand = on_hand + \(bind: delta), counted_at = \(countedAt) WHERE sku_id = \(bind: sku)"
            ).run()
            try await repo.record(
                client: client.id.rawValue, sku: sku, warehouse: warehouse, kind: kind.rawValue, onHand: delta,
                reserved: 0, reason: reason, store: nil, oid: nil, actor: context.actor, at: context.now)
            struct Change: Encodable {
                var sku: UUID
                var warehouse: UUID
                var kind: String
                var before: Int
                var after: Int
                var reason: String
            }
            let record = AuditRecord(
                action: "stock.\(kind.rawValue)", entityType: "stock_level",
                entityID: "\(warehouse.uuidString.lowercased())/\(sku.uuidString.lowercased())",
                before: Change?.none,
                after: Change(sku: sku, warehouse: warehouse, kind: kind.rawValue, before: level, after: level + delta, reason: reason))
            return (level + delta, [record])
        }
    }

    func level(sku: UUID, warehouse: UUID) async throws -> Int {
        let row = try await database.sql().select().column("on_hand").from("stock_levels")
            .where("sku_id", .equal, SQLBind(sku)).where("warehouse_id", .equal, SQLBind(warehouse)).first()
        return try row?.decode(column: "on_hand", as: Int.self) ?? 0
    }

    // MARK: Reads

    /// Every SKU of the client with its pool.
    public func stock(of client: ID<Client>) async throws -> [StockLine] {
        let rows = try await database.sql().raw(
            """
            SELECT s.id AS sku_id, s.outer_id, p.title, s.properties, k.on_hand, k.reserved, k.counted_at, k.warn_at
            FROM skus s JOIN products p ON p.id = s.product_id JOIN sku_stock k ON k.sku_id = s.id
            WHERE s.client_id = \(bind: client.rawValue) ORDER BY s.outer_id
            """
        ).all()
        return try rows.map {
            StockLine(
                skuID: try $0.decode(column: "sku_id", as: UUID.self), outerID: try $0.decode(column: "outer_id", as: String.self),
                title: try $0.decode(column: "title", as: String.self), properties: try $0.decode(column: "properties", as: String.self),
                onHand: try $0.decode(column: "on_hand", as: Int.self), reserved: try $0.decode(column: "reserved", as: Int.self),
                countedAt: try $0.decode(column: "counted_at", as: Date?.self), warnAt: try $0.decode(column: "warn_at", as: Int.self))
        }
    }

    /// The pool of one SKU: (on hand, reserved).
    public func pool(sku: UUID) async throws -> (onHand: Int, reserved: Int)? {
        guard
            let row = try await database.sql().select().column("on_hand").column("reserved").from("sku_stock")
                .where("sku_id", .equal, SQLBind(sku)).first()
        else { return nil }
        return (try row.decode(column: "on_hand", as: Int.self), try row.decode(column: "reserved", as: Int.self))
    }

    /// The client's safety stock per channel.
    public func safetyStock(of client: ID<Client>) async throws -> [Channel: Int] {
        let rows = try await database.sql().select().column("channel").column("quantity").from("safety_stocks")
            .where("client_id", .equal, SQLBind(client.rawValue)).all()
        var result: [Channel: Int] = [:]
        for row in rows {
            if let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)) {
                result[channel] = try row.decode(column: "quantity", as: Int.self)
            }
        }
        return result
    }

    /// Sets the level at or below which a SKU's stock is low (预警库存).
    public func setWarning(at level: Int, sku: UUID, client: Client, by context: WriteContext) async throws {
        try InputBounds.check(level, in: InputBounds.stockLevel, field: "warn_at")
        try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
            guard
                let row = try await tx.sql().raw(
                    "SELECT warn_at FROM sku_stock WHERE sku_id = \(bind: sku) AND client_id = \(bind: client.id.rawValue)"
                ).first()
            else { throw ValidationError(field: "sku_id", rule: .unknownReference) }
            let before = try row.decode(column: "warn_at", as: Int.self)
            try await tx.sql().raw("UPDATE sku_stock SET warn_at = \(bind: level) WHERE sku_id = \(bind: sku)").run()
            return (
                (),
                [
                    AuditRecord(
                        action: "stock_warning.set", entityType: "sku", entityID: sku.uuidString.lowercased(), before: before, after: level)
                ]
            )
        }
    }

    /// Sets how much stock is held back from one channel.
    public func setSafetyStock(_ quantity: Int, for channel: Channel, client: Client, by context: WriteContext) async throws {
        try InputBounds.check(quantity, in: InputBounds.stockLevel, field: "quantity")
        let before = try await safetyStock(of: client.id)[channel]
        try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
            try await tx.sql().insert(into: "safety_stocks").columns("id", "client_id", "channel", "quantity")
                .values(SQLBind(context.ids.random()), SQLBind(client.id.rawValue), SQLBind(channel.rawValue), SQLBind(quantity))
                .onConflict(with: ["client_id", "channel"]) { $0.set(excludedValueOf: "quantity") }.run()
            return (
                (),
                [
                    AuditRecord(
                        action: "safety_stock.set", entityType: "safety_stock", entityID: "\(client.id)/\(channel.rawValue)",
                        before: before, after: quantity)
                ]
            )
        }
    }

    /// The latest movements of a client, newest first, optionally of one SKU.
    public func movements(of client: ID<Client>, sku: UUID? = nil, limit: Int = 100, offset: Int = 0) async throws -> [StockMovement] {
        let bySKU: SQLQueryString = sku.map { "AND m.sku_id = \(bind: $0)" } ?? ""
        return try await database.sql().raw(
            """
            SELECT m.sku_id, m.warehouse_id, m.kind, m.on_hand_change, m.reserved_change, m.reason, m.oid, l.tid, m.store_id, m.actor, m.at
            FROM stock_movements m LEFT JOIN order_lines l ON l.store_id = m.store_id AND l.oid = m.oid
            WHERE m.client_id = \(bind: client.rawValue) \(bySKU)
            ORDER BY m.at DESC, m.id DESC LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """
        ).all().map { try $0.decode(model: StockMovement.self) }
    }
}
