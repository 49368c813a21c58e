import DaiyunCore
import DaiyunPersistence
import Vapor

/// `/api/v1/audit`: the chains a user may read, their entries, verification and export.
struct AuditAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let audit = routes.grouped("audit", "chains")
        audit.get(use: chains)
        audit.get(":chain", "entries", use: entries)
        audit.get(":chain", "verify", use: verify)
        audit.get(":chain", "export", use: export)
    }

    func chains(req: Request) async throws -> Response {
        var items: [AuditChainSummary] = []
        for (key, client) in try await req.readableChains() {
            let head = try await req.auditLog.chain(key)?.head ?? .empty
            items.append(AuditChainSummary(chain: key.description, clientID: client?.id, head: head))
        }
        return try APIResponse.json(APIResponse.Items(items: items))
    }

    func entries(req: Request) async throws -> Response {
        let (key, _) = try await req.readableChain(req.parameters.get("chain"))
        let query = try AuditQuery(req)
        let limit = try req.queryInt("limit", in: 1...1000, default: 100)
        let entries = try await req.auditLog.entries(in: key, matching: query.filter, limit: limit, offset: query.page * limit)
        return try APIResponse.json(APIResponse.Items(items: entries))
    }

    func verify(req: Request) async throws -> Response {
        struct Body: Encodable {
            var chain: String
            var ok: Bool
            var head: AuditChainHead?
            var problem: String?
        }
        let (key, _) = try await req.readableChain(req.parameters.get("chain"))
        switch try await req.auditLog.verify(key.description, head: try await req.auditLog.chain(key)?.head) {
        case .success(let head): return try APIResponse.json(Body(chain: key.description, ok: true, head: head))
        case .failure(let problem): return try APIResponse.json(Body(chain: key.description, ok: false, problem: problem.description))
        }
    }

    func export(req: Request) async throws -> Response {
        let (_, client) = try await req.readableChain(req.parameters.get("chain"))
        guard let client else { throw AccessDenied.notFound }
        let response = Response(status: .ok, body: .init(data: try await req.auditLog.export(client, at: req.now).encoded()))
        response.headers.contentType = .json
        return response
    }
}
