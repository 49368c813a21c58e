import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// The audit log page: one chain at a time, filtered and paged, with its head, an on-demand
/// verification and the brand's export.
struct AuditController: RouteCollection {
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

        var verified: String?
        var broken: String?
        if (try? req.query.get(Bool.self, at: "verify")) == true {
            switch try await req.auditLog.verify(key.description, head: try await req.auditLog.chain(key)?.head) {
            case .success(let head): verified = l10n.format("audit_verified", Int(head.count))
            case .failure(let problem): broken = l10n["audit_broken"] + problem.description
            }
        }
        let content = AuditPage(
            title: l10n["audit_title"],
            chains: readable.map {
                Choice(value: $0.key.description, label: $0.client?.name ?? l10n["audit_agency_chain"], selected: $0.key == key)
            },
            chain: key.description,
            isClientChain: client != nil,
            clientID: client?.id.description ?? "",
            verifyPath: SiteURL.auditVerify(key.description).path,
            exportPath: client.map { SiteURL.auditExport($0.id).path } ?? "",
            headCount: head.count, headHash: head.hash,
            entries: entries.prefix(Self.pageSize).map(Self.row),
            filter: query.echo,
            verified: verified, broken: broken,
            previousPage: query.page > 0 ? query.link(chain: key, page: query.page - 1) : nil,
            nextPage: entries.count > Self.pageSize ? query.link(chain: key, page: query.page + 1) : nil
        )
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

    static func row(_ entry: AuditEntry) -> AuditPage.Row {
        let instant = Date(timeIntervalSince1970: Double(entry.atMillis) / 1000)
        return AuditPage.Row(
            seq: entry.seq, time: Self.timeFormatter.string(from: instant), actor: entry.actor, action: entry.action,
            entity: "\(entry.entityType) \(entry.entityID.prefix(8))", change: Self.summary(entry), hash: String(entry.hash.prefix(12))
        )
    }

    /// The fields that changed, `name: old → new`, or the new record for a creation.
    static func summary(_ entry: AuditEntry) -> String {
        func object(_ json: String?) -> [String: String] {
            guard let data = json?.data(using: .utf8),
                let dict = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return [:] }
            return dict.mapValues { "\($0)" }
        }
        let before = object(entry.before)
        let after = object(entry.after)
        if entry.before == nil { return after.keys.sorted().map { "\($0)=\(after[$0]!)" }.joined(separator: ", ") }
        if entry.after == nil { return "deleted" }
        return Set(before.keys).union(after.keys).sorted().compactMap { key in
            before[key] == after[key] ? nil : "\(key): \(before[key] ?? "∅") → \(after[key] ?? "∅")"
        }.joined(separator: "; ")
    }

    static let timeFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Foundation.Locale(identifier: "en_US_POSIX")
        formatter.timeZone = BusinessDay.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }()
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
