import DaiyunChannels
import DaiyunCore
import DaiyunJobs
import DaiyunPersistence
import Fluent
import Foundation

/// Sends a recorded shipment to the channel with `taobao.logistics.offline.send` (split
/// shipments name their lines), then reflects it on the order: the lines shipped, the stock
/// they held deducted. A refusal (the order was refunded meanwhile, say) marks the shipment
/// failed for a person; a platform fault leaves it pending for the retry.
public struct Shipper: Sendable {
    let database: any Database
    let client: TOPClient
    let store: Store
    let ids: any IDGenerator

    public init(database: any Database, client: TOPClient, store: Store, ids: any IDGenerator = .kernel) {
        self.database = database
        self.client = client
        self.store = store
        self.ids = ids
    }

    public func send(_ job: Job, now: Date) async throws -> Message {
        struct Payload: Decodable { var shipment_id: UUID }
        guard let payload = try? JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8)),
            let shipment = try await ShipmentRepository(database: database).shipment(payload.shipment_id)
        else {
            throw JobFailure(Message("job_error_no_shipment", english: "the job names no shipment"), final: true)
        }
        guard shipment.status != "sent" else { return Message("job_result_already_sent", english: "already sent") }
        let repository = ShipmentRepository(database: database)
        guard let order = try await OrderRepository(database: database).orders([shipment.tid], store: store.id)[shipment.tid] else {
            throw JobFailure(Message("job_error_no_order", [shipment.tid], english: "order \(shipment.tid) is not in Daiyun"), final: true)
        }
        var parameters = ["tid": shipment.tid, "out_sid": shipment.waybill, "company_code": shipment.companyCode]
        if order.isSplitShipment(of: shipment.oids) {
            parameters["is_split"] = "1"
            parameters["sub_tid"] = shipment.oids.joined(separator: ",")
        }
        let response: TOPResponse
        do {
            response = try await client.call(TOPRequest(method: "taobao.logistics.offline.send", parameters: parameters))
        } catch let error as TOPError {
            try await repository.markFailed(shipment.id, error: error.description, final: !error.family.isRetryable)
            throw error
        }
        var report = order
        let shipped = Set(shipment.oids)
        for index in report.lines.indices where shipped.contains(report.lines[index].oid) {
            report.lines[index].status = .waitBuyerConfirmGoods
        }
        report.status =
            report.lines.allSatisfy { $0.status.isShipped || $0.status.isClosed } ? .waitBuyerConfirmGoods : .sellerConsignedPart
        report.consignedAt = order.consignedAt ?? now
        let context = WriteContext(actor: shipment.actor, now: now, ids: ids)
        let store = self.store
        let shippedOrder = report
        // The platform has it from here on: whatever fails next, it is never sent twice, and the
        // next sync brings the order's status. The shipment and its order change together, so a
        // page never shows a sent shipment on an order still offered for shipping.
        do {
            let source = try await SourceRecordRepository(database: database).keep(
                response.raw, name: "taobao.logistics.offline.send \(shipment.tid) \(shipment.waybill).json",
                kind: "api:taobao.logistics.offline.send",
                agency: store.agencyID, store: store.id, by: context
            ).record.id
            _ = try await database.transaction { tx in
                try await ShipmentRepository(database: tx).markSent(shipment.id, at: now)
                return try await OrderWriter(database: tx).apply([shippedOrder], store: store, source: source, by: context)
            }
        } catch {
            try await repository.markSent(shipment.id, at: now)
            throw error
        }
        return Message(
            "job_result_shipped", [shipment.companyCode, shipment.waybill, "\(shipment.oids.count)", shipment.tid],
            english: "\(shipment.companyCode) \(shipment.waybill) sent for \(shipment.oids.count) line(s) of \(shipment.tid)")
    }
}
