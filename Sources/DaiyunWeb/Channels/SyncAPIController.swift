import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// `/api/v1/stores/{id}/sync`, `/connection` and job retries, under the sync page's rules.
struct SyncAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let store = routes.grouped("stores", ":storeID")
        store.get("sync", use: show)
        store.post("sync", use: syncNow)
        store.put("connection", use: connect)
        store.post("jobs", ":jobID", "retry", use: retry)
        store.post("orders", ":tid", "shipments", use: ship)
    }

    func ship(req: Request) async throws -> Response {
        struct Input: Decodable {
            var companyCode: String
            var waybill: String
            var oids: [String]?
            enum CodingKeys: String, CodingKey {
                case waybill, oids
                case companyCode = "company_code"
            }
        }
        let input = try req.content.decode(Input.self)
        let (_, shipment) = try await ShippingService.ship(
            req: req, companyCode: input.companyCode, waybill: input.waybill, oids: input.oids ?? [])
        return try APIResponse.json(shipment, status: .accepted)
    }

    func show(req: Request) async throws -> Response {
        try APIResponse.json(try await SyncOverview(store: try await req.store(), on: req))
    }

    func syncNow(req: Request) async throws -> Response {
        let store = try await req.store(for: .importData)
        try await SyncOverview.requestSync(store, on: req)
        return try APIResponse.json(try await SyncOverview(store: store, on: req), status: .accepted)
    }

    func connect(req: Request) async throws -> Response {
        struct Input: Decodable {
            var endpoint, appKey, appSecret, session: String
            var signMethod: String?
            var syncEverySeconds: Int?
            enum CodingKeys: String, CodingKey {
                case endpoint, session
                case appKey = "app_key"
                case appSecret = "app_secret"
                case signMethod = "sign_method"
                case syncEverySeconds = "sync_every_seconds"
            }
        }
        let store = try await req.store(for: .editStore)
        let input = try req.content.decode(Input.self)
        let draft = try ConnectionDraft(
            channel: store.channel, endpoint: input.endpoint, appKey: input.appKey, appSecret: input.appSecret, session: input.session,
            signMethod: input.signMethod ?? "hmac-sha256", syncEverySeconds: String(input.syncEverySeconds ?? 60),
            gateways: req.application.services.config.gateways)
        try await SyncOverview.connect(draft, store: store, on: req)
        return try APIResponse.json(try await SyncOverview(store: store, on: req))
    }

    func retry(req: Request) async throws -> Response {
        let store = try await req.store(for: .importData)
        guard let job = req.parameters.get("jobID").flatMap(UUID.init(uuidString:)) else { throw AccessDenied.notFound }
        try await SyncOverview.retry(job: job, store: store, on: req)
        return try APIResponse.json(try await SyncOverview(store: store, on: req), status: .accepted)
    }
}
