import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// Shipping an order from Daiyun, for the order page and the API alike: who may, what is
/// checked, and the shipment recorded and queued for the channel.
enum ShippingService {
    /// Ships `tid` of the store the request names, for someone who manages stock there.
    static func ship(req: Request, companyCode: String, waybill: String, oids: [String]) async throws -> (Store, Shipment) {
        let store = try await req.store(for: .shipOrders)
        // The carrier is checked before the order is looked up, so a refusal says which.
        guard ShipmentDraft.carriers.contains(where: { $0.code == companyCode }) else {
            throw ValidationError(field: "company_code", rule: .oneOf(ShipmentDraft.carriers.map(\.code)))
        }
        guard let tid = req.parameters.get("tid"),
            let order = try await OrderRepository(database: req.db).orders([tid], store: store.id)[tid]
        else { throw AccessDenied.notFound }
        guard try await req.channelConnections.settings(store: store.id) != nil else {
            throw ValidationError(field: "connection", rule: .required)
        }
        let draft = try ShipmentDraft(companyCode: companyCode, waybill: waybill, oids: oids, order: order)
        return (store, try await ShipmentRepository(database: req.db).ship(draft, order: order, store: store, by: try req.writeContext()))
    }

    /// Whether the order page offers the shipping form.
    static func canShip(_ order: Order, store: Store, req: Request) async throws -> Bool {
        guard AccessPolicy.decide(try req.principal(), .shipOrders, in: store.scope) == .allow,
            order.isShippable
        else { return false }
        return try await req.channelConnections.settings(store: store.id) != nil
    }
}
