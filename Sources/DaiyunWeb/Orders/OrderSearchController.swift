import DaiyunCore
import DaiyunPersistence
import Vapor

/// Finds orders by their number, or by a buyer's nick, in every store the user may see: one
/// order opens at once; several are listed with their stores.
struct OrderSearchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("orders", "search", use: search)
    }

    func search(req: Request) async throws -> Response {
        let principal = try req.principal()
        let text = ((try? req.query.get(String.self, at: "q")) ?? "").trimmingCharacters(in: .whitespaces)
        let query = String(text.prefix(64))
        let stores = try await req.tenancy.stores(visibleTo: AccessPolicy.visibility(of: principal))
        let repository = OrderRepository(database: req.db)
        var found = try await repository.find(query, buyer: false, in: stores.map(\.id))
        let byNumber = !found.isEmpty
        if !byNumber { found = try await repository.find(query, buyer: true, in: stores.map(\.id)) }
        if byNumber, found.count == 1 { return req.redirect(to: SiteURL.order(found[0].store, tid: found[0].tid).path) }
        let page = OrderSearchPage(
            query: query, found: found, stores: stores, byBuyer: !byNumber && !found.isEmpty, Page.localizer(for: req))
        return try await Page.render(page, for: req)
    }
}

/// The orders a search found, with their stores.
struct OrderSearchPage: PageContent {
    static let template = "orders/search"
    static let strings: [StringTable] = [.orders]
    var title: String
    var query: String
    var heading: String
    var rows: [Row]

    struct Row: Encodable {
        var tid: String
        var path: String
        var store: String
        var storePath: String
    }

    init(query: String, found: [(store: ID<Store>, tid: String)], stores: [Store], byBuyer: Bool, _ l10n: Localizer) {
        let names = Dictionary(uniqueKeysWithValues: stores.map { ($0.id, $0.name) })
        title = l10n["search_orders"]
        self.query = query
        heading =
            found.isEmpty
            ? l10n.format("search_nothing", query)
            : byBuyer ? l10n.format("search_by_buyer", query, found.count) : l10n.format("search_by_number", query, found.count)
        rows = found.map {
            Row(
                tid: $0.tid, path: SiteURL.order($0.store, tid: $0.tid).path, store: names[$0.store] ?? "",
                storePath: SiteURL.store($0.store).path)
        }
    }
}
