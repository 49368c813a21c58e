import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// The staff's service figures over a period, by the actor that did the work (`user:<login>`):
/// the agency's alerts acknowledged and its shipments sent.
public struct StaffKPIRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Each actor's figures from `first` up to `end`, over the agency's stores.
    public func kpis(of agency: ID<Agency>, from first: Date, to end: Date) async throws -> [String: StaffKPIs] {
        var kpis: [String: StaffKPIs] = [:]
        for row in try await database.sql().raw(
            """
            SELECT a.acknowledged_by, a.opened_at, a.acknowledged_at FROM alerts a JOIN stores s ON s.id = a.store_id
            WHERE s.agency_id = \(bind: agency.rawValue) AND a.acknowledged_at >= \(bind: first) AND a.acknowledged_at < \(bind: end)
            """
        ).all() {
            guard let actor = try row.decode(column: "acknowledged_by", as: String?.self),
                let acknowledged = try row.decode(column: "acknowledged_at", as: Date?.self)
            else { continue }
            kpis[actor, default: StaffKPIs()].acknowledged(opened: try row.decode(column: "opened_at", as: Date.self), at: acknowledged)
        }
        for row in try await database.sql().raw(
            """
            SELECT sh.actor, sh.sent_at, o.counted_paid_at, s.ship_within_hours
            FROM shipments sh JOIN stores s ON s.id = sh.store_id JOIN orders o ON o.store_id = sh.store_id AND o.tid = sh.tid
            WHERE s.agency_id = \(bind: agency.rawValue) AND sh.status = 'sent' AND sh.sent_at >= \(bind: first) AND sh.sent_at < \(bind: end)
            """
        ).all() {
            guard let sent = try row.decode(column: "sent_at", as: Date?.self),
                let paid = try row.decode(column: "counted_paid_at", as: Date?.self)
            else { continue }
            let promise = ShippingPromise(hours: Int(try row.decode(column: "ship_within_hours", as: Int64.self)))
            kpis[try row.decode(column: "actor", as: String.self), default: StaffKPIs()].shipped(paid: paid, at: sent, promise: promise)
        }
        return kpis
    }
}
