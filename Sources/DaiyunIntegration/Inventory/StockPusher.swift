import DaiyunChannels
import DaiyunCore
import DaiyunJobs
import DaiyunPersistence
import Fluent
import Foundation

/// Pushes a store's available stock to its channel with `taobao.item.quantity.update`: one call
/// per listing whose quantity should change, incremental (type 2) once a listing has been set,
/// outright (type 1) the first time. A listing whose call fails is left for the retry; the
/// others are recorded as pushed.
public struct StockPusher: Sendable {
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

    /// Pushes what changed; returns a one-line summary, or throws naming the listings that failed.
    @discardableResult
    public func push(now: Date) async throws -> Message {
        let planner = StockPushPlanner(database: database, ids: ids)
        let pushes = try await planner.plan(store: store, now: now)
        var failures: [String] = []
        var calls = 0
        for push in pushes {
            var parameters = [
                "num_iid": push.itemID, "quantity": String(push.delta ?? push.available), "type": push.delta == nil ? "1" : "2",
            ]
            if push.skuID.isEmpty { parameters["outer_id"] = push.outerID } else { parameters["sku_id"] = push.skuID }
            do {
                _ = try await client.call(TOPRequest(method: "taobao.item.quantity.update", parameters: parameters))
                calls += 1
                try await planner.recordPushed(push, at: now)
            } catch let error as TOPError where !error.family.isRetryable && error.family != .business {
                throw error
            } catch {
                failures.append("\(push.outerID) (\(push.itemID)/\(push.skuID)): \(error)")
            }
        }
        guard failures.isEmpty else {
            let english = "\(failures.count) of \(pushes.count) listings not pushed: " + failures.joined(separator: "; ")
            throw JobFailure(
                Message("job_error_push", ["\(failures.count)", "\(pushes.count)", failures.joined(separator: "; ")], english: english),
                final: false)
        }
        return Message("job_result_push", ["\(calls)"], english: "\(calls) listings pushed")
    }
}
