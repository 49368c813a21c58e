import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import Foundation
import Vapor

/// `/api/v1` orders of a store, under the same access rules as the pages. Money is integer fen.
struct OrdersAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stores", ":storeID", "orders", use: orders)
        routes.get("stores", ":storeID", "orders", ":tid", use: order)
    }

    func orders(req: Request) async throws -> Response {
        struct Page: Encodable {
            var items: [OrderSummary]
            var next: String?
        }
        let store = try await req.store()
        let query = try OrderListQuery(req, store: store)
        let limit = try req.queryInt("limit", in: 1...500, default: 100)
        let page = try await OrderRepository(database: req.db).list(
            store: store.id, filter: query.filter, after: query.cursor, limit: limit)
        return try APIResponse.json(Page(items: page.orders, next: page.next?.description))
    }

    func order(req: Request) async throws -> Response {
        let store = try await req.store()
        guard let tid = req.parameters.get("tid"),
            let detail = try await OrderRepository(database: req.db).detail(store: store.id, tid: tid)
        else { throw AccessDenied.notFound }
        var shown = detail
        shown.order.receiver = detail.order.receiver.shown(inFull: try req.seesBuyerContacts(of: store))
        return try APIResponse.json(shown)
    }
}
