import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// Shipping an order from Daiyun, for the order page and the API alike: who may, what is
/// checked, and the shipment recorded and queued for the channel.
enum ShippingService {
    /// One input line of batch shipping: an order and its waybill, with the line it came on.
    typealias WaybillLine = (line: Int, tid: String, waybill: String)
    /// A refused input line, and why.
    typealias RefusedLine = (line: Int, tid: String, error: ValidationError)

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

    /// Ships whole orders of the store, one carrier, a waybill each (batch shipping): every order
    /// is its own audited shipment and job, so a bad line refuses that order only. Returns the
    /// orders shipped and, per refused line of the input, why.
    static func shipBatch(_ pairs: [WaybillLine], companyCode: String, store: Store, req: Request)
        async throws -> (shipped: [String], refused: [RefusedLine])
    {
        guard ShipmentDraft.carriers.contains(where: { $0.code == companyCode }) else {
            throw ValidationError(field: "company_code", rule: .oneOf(ShipmentDraft.carriers.map(\.code)))
        }
        guard try await req.channelConnections.settings(store: store.id) != nil else {
            throw ValidationError(field: "connection", rule: .required)
        }
        let orders = try await OrderRepository(database: req.db).orders(pairs.map(\.tid), store: store.id)
        let repository = ShipmentRepository(database: req.db)
        var shipped: [String] = []
        var refused: [RefusedLine] = []
        var seen = Set<String>()
        for pair in pairs {
            guard seen.insert(pair.tid).inserted else {
                refused.append((pair.line, pair.tid, ValidationError(field: "tid", rule: .duplicate)))
                continue
            }
            guard let order = orders[pair.tid] else {
                refused.append((pair.line, pair.tid, ValidationError(field: "tid", rule: .unknownReference)))
                continue
            }
            do {
                let draft = try ShipmentDraft(companyCode: companyCode, waybill: pair.waybill, oids: [], order: order)
                _ = try await repository.ship(draft, order: order, store: store, by: try req.writeContext())
                shipped.append(pair.tid)
            } catch let error as ValidationError {
                refused.append((pair.line, pair.tid, error))
            }
        }
        return (shipped, refused)
    }

    /// Reads pasted `订单号 运单号` lines (a tab, spaces or a comma between; Excel's two columns paste
    /// with a tab). A line with one field is refused; blank lines are skipped.
    static func pairs(pasted text: String) -> (pairs: [WaybillLine], refused: [(line: Int, tid: String)]) {
        var pairs: [WaybillLine] = []
        var refused: [(line: Int, tid: String)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = raw.split(whereSeparator: { $0 == "\t" || $0 == " " || $0 == "," || $0 == "，" || $0 == "\r" })
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'\"=")) }.filter { !$0.isEmpty }
            if fields.isEmpty { continue }
            if fields.count == 2 {
                pairs.append((index + 1, fields[0], fields[1]))
            } else {
                refused.append((index + 1, fields.first ?? ""))
            }
        }
        return (pairs, refused)
    }

    /// Whether the order page offers the shipping form.
    static func canShip(_ order: Order, store: Store, req: Request) async throws -> Bool {
        guard AccessPolicy.decide(try req.principal(), .shipOrders, in: store.scope) == .allow,
            order.isShippable
        else { return false }
        return try await req.channelConnections.settings(store: store.id) != nil
    }
}
