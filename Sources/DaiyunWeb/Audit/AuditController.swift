import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// The audit log page: one chain at a time, filtered and paged, with its head, an on-demand
/// verification and the brand's export.
struct AuditController: RouteCollection {
    /// Entries per page.
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: index)
        routes.get("audit", "export", use: export)
    }

    func index(req: Request) async throws -> Response {
        let l10n = Page.localizer(for: req)
        let readable = try await req.readableChains()
        let requested = try? req.query.get(String.self, at: "chain")
        let (key, client) = try await req.readableChain(requested ?? readable.first?.key.description)
        let query = try AuditQuery(req)
        let head = try await req.auditLog.chain(key)?.head ?? .empty
        let entries = try await req.auditLog.entries(
            in: key, matching: query.filter, limit: Self.pageSize + 1, offset: query.page * Self.pageSize)

        var verification: Result<AuditChainHead, AuditChainProblem>?
        if try req.queryFlag("verify") {
            verification = try await req.auditLog.verify(key.description, head: try await req.auditLog.chain(key)?.head)
        }
        let content = AuditPage(
            chains: readable, key: key, client: client, head: head, entries: entries, query: query, pageSize: Self.pageSize,
            verification: verification, l10n)
        return try await Page.render(content, for: req)
    }

    /// Downloads a client's chain as the file its brand verifies with `daiyun audit verify --file`.
    func export(req: Request) async throws -> Response {
        guard let id = (try? req.query.get(String.self, at: "client")).flatMap(ID<Client>.init) else { throw AccessDenied.notFound }
        let (_, client) = try await req.readableChain(AuditChainKey.client(id).description)
        guard let client else { throw AccessDenied.notFound }
        let export = try await req.auditLog.export(client, at: req.now)
        return Download.attachment(
            try export.encoded(), filename: "audit-\(client.id)-\(BusinessDay(containing: req.now)).json", contentType: .json)
    }
}

/// The audit page's query string: filters, page, and links that keep them.
struct AuditQuery {
    var filter = AuditEntryFilter()
    var page = 0
    var echo: [String: String] = [:]

    init(_ req: Request) throws {
        func text(_ key: String) -> String? {
            guard let value = try? req.query.get(String.self, at: key), !value.isEmpty else { return nil }
            echo[key] = value
            return value
        }
        filter.action = text("action")
        filter.actor = text("actor")
        filter.entityType = text("entity_type")
        func day(_ key: String) throws -> BusinessDay? {
            guard let value = text(key) else { return nil }
            guard let day = BusinessDay(value) else { throw ValidationError(field: key, rule: .dayFormat) }
            return day
        }
        filter.from = try day("from")?.start
        filter.until = try day("until")?.start.addingTimeInterval(86_400)
        page = try req.queryPage()
    }

    func link(chain: AuditChainKey, page: Int) -> String {
        var items = [URLQueryItem(name: "chain", value: chain.description)]
        items += echo.keys.sorted().map { URLQueryItem(name: $0, value: echo[$0]) }
        items.append(URLQueryItem(name: "page", value: String(page)))
        var components = URLComponents()
        components.path = SiteURL.audit.path
        components.queryItems = items
        return components.string ?? SiteURL.audit.path
    }
}
