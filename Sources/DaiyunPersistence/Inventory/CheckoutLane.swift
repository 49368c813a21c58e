import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Single reservations that each stand alone (a flash sale's checkouts), each atomic and never
/// overselling. On SQLite, where one writer at a time holds the database, the checkouts waiting
/// for the write lock are gathered into one transaction and committed together (group commit):
/// each keeps its own conditional UPDATE and learns its result only once the transaction holding
/// it has committed. On PostgreSQL, which locks rows rather than the database, each checkout is
/// its own transaction. Share one lane per database among all the checkouts.
public actor CheckoutLane {
    /// Checkouts gathered into one transaction at most (a failed transaction fails only these).
    static let largestGroup = 256

    private struct Checkout {
        var reservation: GroupedReservation
        var answer: CheckedContinuation<Bool, any Error>
    }

    private let database: any Database
    private let ids: any IDGenerator
    private let groupsCommits: Bool
    private var waiting: [Checkout] = []
    private var committing = false

    public init(database: any Database, ids: any IDGenerator = .kernel) {
        self.database = database
        self.ids = ids
        groupsCommits = (database as? any SQLDatabase)?.dialect.name == "sqlite"
    }

    /// Holds `quantity` of the SKU for one order line; false when the stock is not there.
    public func reserve(sku: UUID, quantity: Int, store: ID<Store>, oid: String, actor: String, at: Date) async throws -> Bool {
        guard groupsCommits else {
            // A SKU already sold out is refused by a read, without taking a row lock: most of a
            // flash sale's attempts come after its stock is gone.
            let left = try await database.sql().raw("SELECT on_hand - reserved AS available FROM sku_stock WHERE sku_id = \(bind: sku)")
                .first()
            guard let available = try left?.decode(column: "available", as: Int.self), available >= quantity else { return false }
            return try await database.transaction { tx in
                try await InventoryRepository(database: tx, ids: self.ids).reserve(
                    sku: sku, quantity: quantity, store: store, oid: oid, actor: actor, at: at)
            }
        }
        return try await withCheckedThrowingContinuation { answer in
            let reservation = GroupedReservation(sku: sku, quantity: quantity, store: store, oid: oid, actor: actor, at: at)
            waiting.append(Checkout(reservation: reservation, answer: answer))
            if !committing {
                committing = true
                Task { await commitWaiting() }
            }
        }
    }

    /// Commits the waiting checkouts group by group until none are left; checkouts arriving
    /// meanwhile join the next group.
    private func commitWaiting() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(Self.largestGroup))
            waiting.removeFirst(group.count)
            do {
                let held = try await database.transaction { tx in
                    try await InventoryRepository(database: tx, ids: self.ids).reserveTogether(group.map(\.reservation))
                }
                for (checkout, result) in zip(group, held) { checkout.answer.resume(returning: result) }
            } catch {
                for checkout in group { checkout.answer.resume(throwing: error) }
            }
        }
        committing = false
    }
}

/// One checkout of a group committed together.
struct GroupedReservation {
    var sku: UUID
    var quantity: Int
    var store: ID<Store>
    var oid: String
    var actor: String
    var at: Date
}

extension InventoryRepository {
    /// Reserves for a group of checkouts, in their order, under SQLite's write lock: one read of
    /// the SKUs' pools, the allocation in order, one UPDATE per SKU that still checks the stock
    /// is there (it is: no other writer runs), and the movements in one insert. Call it inside a
    /// transaction on SQLite only; PostgreSQL's concurrent writers need `reserve`.
    func reserveTogether(_ group: [GroupedReservation]) async throws -> [Bool] {
        try await database.lockForWriting()
        let sql = try database.sql()
        let skus = Array(Set(group.map(\.sku)))
        var available: [UUID: Int] = [:]
        var clients: [UUID: UUID] = [:]
        let pools = try await sql.select().columns("sku_id", "client_id", "on_hand", "reserved").from("sku_stock")
            .where("sku_id", .in, SQLBind.group(skus)).all()
        for row in pools {
            let sku = try row.decode(column: "sku_id", as: UUID.self)
            available[sku] = try row.decode(column: "on_hand", as: Int.self) - row.decode(column: "reserved", as: Int.self)
            clients[sku] = try row.decode(column: "client_id", as: UUID.self)
        }
        var taken: [UUID: Int] = [:]
        var movements: [MovementRow] = []
        let held = group.map { checkout -> Bool in
            guard let left = available[checkout.sku], let client = clients[checkout.sku], left >= checkout.quantity else { return false }
            available[checkout.sku] = left - checkout.quantity
            taken[checkout.sku, default: 0] += checkout.quantity
            movements.append(
                MovementRow(
                    client: client, sku: checkout.sku, warehouse: nil, kind: "reserve", onHand: 0, reserved: checkout.quantity,
                    reason: "paid order", store: checkout.store, oid: checkout.oid, actor: checkout.actor, at: checkout.at))
            return true
        }
        for (sku, quantity) in taken {
            let changed = try await sql.raw(
                """
                UPDATE sku_stock SET reserved = reserved + \(bind: quantity)
                WHERE sku_id = \(bind: sku) AND on_hand - reserved >= \(bind: quantity) RETURNING sku_id
                """
            ).all()
            guard changed.count == 1 else { throw StockMovedUnderLock(sku: sku) }
        }
        try await record(movements)
        return held
    }
}

/// A SKU's pool changed between a group's read and its UPDATE, which SQLite's write lock rules
/// out; the group's transaction is rolled back rather than trust its allocation.
struct StockMovedUnderLock: Error, CustomStringConvertible {
    var sku: UUID
    var description: String { "the stock of SKU \(sku) changed while a group of checkouts held the write lock" }
}
