import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// A shipment reported to the channel (`taobao.logistics.offline.send`) and where it stands.
public struct Shipment: Sendable, Equatable, Codable {
    public var id: UUID
    public var storeID: ID<Store>
    public var tid: String
    public var oids: [String]
    public var companyCode: String
    public var waybill: String
    /// `pending` until the channel accepted it (`sent`) or refused it for good (`failed`).
    public var status: String
    public var error: String?
    public var actor: String
    public var createdAt: Date
    public var sentAt: Date?
}

/// Shipments: recorded and audited when someone ships, sent to the channel by a job.
public struct ShipmentRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Records the shipment (audited) and queues the job that sends it to the channel.
    public func ship(_ draft: ShipmentDraft, order: Order, store: Store, by context: WriteContext) async throws -> Shipment {
        let shipment = Shipment(
            id: context.ids.random(), storeID: store.id, tid: order.tid, oids: draft.oids, companyCode: draft.companyCode,
            waybill: draft.waybill,
            status: "pending", error: nil, actor: context.actor, createdAt: context.now, sentAt: nil)
        let pending = try await database.sql().raw(
            """
            SELECT id FROM shipments WHERE store_id = \(bind: store.id.rawValue) AND tid = \(bind: order.tid) AND status = 'pending'
            """
        ).first()
        guard pending == nil else { throw ValidationError(field: "order", rule: .oneOf(["no shipment already on its way"])) }
        return try await database.audited(AuditTarget(agencyID: store.agencyID, clientID: store.clientID), by: context) { tx in
            let payload = #"{"shipment_id":"\#(shipment.id.uuidString.lowercased())"}"#
            try await JobQueue(database: tx, ids: context.ids).enqueue(
                .ship, store: store, payload: payload, key: "ship:\(shipment.id)", runAt: context.now, maxAttempts: 6, now: context.now)
            try await tx.sql().raw(
                """
                INSERT INTO shipments (id, store_id, tid, oids, company_code, waybill, status, actor, created_at)
                VALUES (\(bind: shipment.id), \(bind: store.id.rawValue), \(bind: shipment.tid), \(bind: shipment.oids.joined(separator: ",")),
                        \(bind: shipment.companyCode), \(bind: shipment.waybill), 'pending', \(bind: context.actor), \(bind: context.now))
                """
            ).run()
            return (
                shipment,
                [
                    AuditRecord(
                        action: "order.ship", entityType: "order", entityID: "\(store.id.rawValue.uuidString.lowercased())/\(order.tid)",
                        before: Shipment?.none, after: shipment)
                ]
            )
        }
    }

    public func shipment(_ id: UUID) async throws -> Shipment? {
        try await database.sql().raw("SELECT * FROM shipments WHERE id = \(bind: id)").first().map(Self.shipment)
    }

    public func shipments(store: ID<Store>, tid: String) async throws -> [Shipment] {
        try await database.sql().raw(
            "SELECT * FROM shipments WHERE store_id = \(bind: store.rawValue) AND tid = \(bind: tid) ORDER BY created_at"
        ).all().map(Self.shipment)
    }

    /// The channel accepted it.
    public func markSent(_ id: UUID, at: Date) async throws {
        try await database.lockForWriting()
        try await database.sql().raw("UPDATE shipments SET status = 'sent', sent_at = \(bind: at), error = NULL WHERE id = \(bind: id)")
            .run()
    }

    /// The channel refused it, or it has not got through yet (`final` false: the job retries).
    public func markFailed(_ id: UUID, error: String, final: Bool) async throws {
        try await database.lockForWriting()
        try await database.sql().raw(
            """
            UPDATE shipments SET status = \(bind: final ? "failed" : "pending"), error = \(bind: error) WHERE id = \(bind: id)
            """
        ).run()
    }

    static func shipment(_ row: any SQLRow) throws -> Shipment {
        Shipment(
            id: try row.decode(column: "id", as: UUID.self), storeID: DaiyunCore.ID(try row.decode(column: "store_id", as: UUID.self)),
            tid: try row.decode(column: "tid", as: String.self),
            oids: try row.decode(column: "oids", as: String.self).split(separator: ",").map(String.init),
            companyCode: try row.decode(column: "company_code", as: String.self),
            waybill: try row.decode(column: "waybill", as: String.self),
            status: try row.decode(column: "status", as: String.self), error: try row.decode(column: "error", as: String?.self),
            actor: try row.decode(column: "actor", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), sentAt: try row.decode(column: "sent_at", as: Date?.self)
        )
    }
}
