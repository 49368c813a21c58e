import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// A store's orders: the filtered, keyset-paged list, and each order's detail with its history,
/// refunds and the raw input it came from.
struct OrdersController: RouteCollection {
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get("stores", ":storeID", "orders", use: list)
        routes.get("stores", ":storeID", "orders.csv", use: exportCSV)
        routes.get("stores", ":storeID", "orders.xlsx", use: exportXLSX)
        routes.get("stores", ":storeID", "orders", ":tid", use: detail)
        routes.post("stores", ":storeID", "orders", ":tid", "shipments", use: ship)
        routes.get("source-records", ":recordID", use: download)
    }

    func list(req: Request) async throws -> Response {
        let store = try await req.store()
        let l10n = Page.localizer(for: req)
        let query = try OrderListQuery(req, store: store)
        let page = try await OrderRepository(database: req.db).list(
            store: store.id, filter: query.filter, after: query.cursor, limit: Self.pageSize)
        let client = try await req.tenancy.client(store.clientID)
        let summary = try await OrderRepository(database: req.db).summary(store: store.id, filter: query.filter)
        let content = OrdersIndexPage(
            store: store, clientName: client?.name ?? "", orders: page.orders, next: page.next, query: query, summary: summary, l10n)
        return try await Page.render(content, for: req)
    }

    /// The filtered orders with their lines as CSV (`?encoding=gb18030` for GB18030) or XLSX.
    func exportCSV(req: Request) async throws -> Response { try await export(req, format: try req.queryCSVFormat()) }

    func exportXLSX(req: Request) async throws -> Response { try await export(req, format: .xlsx) }

    private func export(_ req: Request, format: SpreadsheetFormat) async throws -> Response {
        let store = try await req.store()
        let query = try OrderListQuery(req, store: store)
        let repository = OrderRepository(database: req.db)
        var orders: [Order] = []
        var cursor: OrderCursor?
        repeat {
            let page = try await repository.list(store: store.id, filter: query.filter, after: cursor, limit: 1000)
            let full = try await repository.orders(page.orders.map(\.tid), store: store.id)
            orders += page.orders.compactMap { full[$0.tid] }
            cursor = page.next
        } while cursor != nil && orders.count < OrderExport.maxOrders
        let l10n = Page.localizer(for: req)
        let table = OrderExport.table(orders, seesContacts: try req.seesBuyerContacts(of: store), l10n)
        return Download.attachment(
            try format.file(table, sheetName: l10n["orders_title"]),
            filename: "orders-\(store.shopID)-\(BusinessDay(containing: req.now)).\(format.fileExtension)",
            contentType: Download.mediaType(of: format))
    }

    func detail(req: Request) async throws -> Response {
        let store = try await req.store()
        let l10n = Page.localizer(for: req)
        guard let tid = req.parameters.get("tid"),
            let detail = try await OrderRepository(database: req.db).detail(store: store.id, tid: tid)
        else { throw AccessDenied.notFound }
        let o = detail.order
        let client = try await req.tenancy.client(store.clientID)
        let content = OrderPage(
            store: store, clientName: client?.name ?? "", detail: detail,
            shipments: try await ShipmentRepository(database: req.db).shipments(store: store.id, tid: o.tid),
            reviews: try await ReviewRepository(database: req.db).reviews(store: store.id, tid: o.tid),
            canShip: try await ShippingService.canShip(o, store: store, req: req),
            seesContacts: try req.seesBuyerContacts(of: store), l10n
        )
        return try await Page.render(content, for: req)
    }

    /// Ships the order (or the ticked lines of it): recorded, audited, and sent to the channel by a job.
    func ship(req: Request) async throws -> Response {
        guard let store = req.parameters.get("storeID").flatMap(ID<Store>.init), let tid = req.parameters.get("tid") else {
            throw AccessDenied.notFound
        }
        let path = SiteURL.order(store, tid: tid)
        return try await Page.formAction(req, failurePath: path) {
            let oids = (try? req.content.get([String].self, at: "oids")) ?? []
            _ = try await ShippingService.ship(
                req: req, companyCode: req.formField("company_code"), waybill: req.formField("waybill"), oids: oids)
            return Page.redirect(req, to: path, flash: Page.localizer(for: req)["shipment_queued"])
        }
    }

    /// The raw bytes of a source record, for whoever may see the store it came into.
    func download(req: Request) async throws -> Response { try await Download.sourceRecord(req) }

    static func time(_ date: Date) -> String { ShanghaiTime.format(date) }
}

/// The order list's query string: filters, cursor, and links that keep them.
struct OrderListQuery {
    var filter = OrderFilter()
    var cursor: OrderCursor?
    var echo: [String: String] = [:]

    /// No filter, the first page.
    init() {}

    /// The query of a request to the order list. A value the list cannot filter by is refused
    /// with its parameter named, never ignored (which would show every order as if filtered).
    init(_ req: Request, store: Store) throws {
        func text(_ key: String) -> String? {
            guard let value = try? req.query.get(String.self, at: key), !value.isEmpty else { return nil }
            echo[key] = value
            return value
        }
        func day(_ key: String) throws -> BusinessDay? {
            try text(key).map { text in
                guard let day = BusinessDay(text) else { throw ValidationError(field: key, rule: .dayFormat) }
                return day
            }
        }
        func flag(_ key: String) throws -> Bool {
            switch text(key) {
            case nil, "0": return false
            case "1": return true
            default: throw ValidationError(field: key, rule: .oneOf(["0", "1"]))
            }
        }
        filter.tid = text("tid")
        filter.status = try text("status").map { text in
            guard let status = OrderStatus(rawValue: text) else {
                throw ValidationError(field: "status", rule: .oneOf(OrderStatus.allCases.map(\.rawValue)))
            }
            return status
        }
        filter.from = try day("from")?.start
        filter.until = try day("until")?.start.addingTimeInterval(86_400)
        if let paid = try day("paid") {
            filter.paidFrom = paid.start
            filter.paidBefore = paid.advanced(by: 1).start
        }
        filter.buyer = text("buyer")
        filter.outerSkuID = text("sku")
        filter.needsAttention = try flag("attention") ? true : nil
        filter.toShip = try flag("to_ship")
        if try flag("overdue") {
            filter.toShip = true
            filter.paidBefore = store.shippingPromise.overdueIfPaidBefore(req.now)
        }
        cursor = try text("after").map { text in
            guard let cursor = OrderCursor(text) else { throw ValidationError(field: "after", rule: .unknownReference) }
            return cursor
        }
    }

    /// The export of the orders this query filters, in the format.
    func exportLink(store: Store, format: SpreadsheetFormat) -> String {
        var components = URLComponents()
        components.path = SiteURL.ordersExport(store.id, xlsx: format == .xlsx).path
        components.queryItems =
            echo.keys.sorted().filter { $0 != "after" }.map { URLQueryItem(name: $0, value: echo[$0]) }
            + (format == .gb18030 ? [URLQueryItem(name: "encoding", value: "gb18030")] : [])
        return components.string ?? components.path
    }

    func link(store: Store, after cursor: OrderCursor) -> String {
        var components = URLComponents()
        components.path = SiteURL.orders(store.id).path
        components.queryItems =
            echo.keys.sorted().map { URLQueryItem(name: $0, value: echo[$0]) } + [URLQueryItem(name: "after", value: cursor.description)]
        return components.string ?? components.path
    }
}

extension Request {
    /// Raw inputs belong to a store (files and API pages of a store) or, for catalog files, to the
    /// agency; a user sees a record if they see its store, or manage the agency's clients.
    /// Whether the user sees the store's buyers' names, phones and addresses in full.
    func seesBuyerContacts(of store: Store) throws -> Bool {
        AccessPolicy.decide(try principal(), .viewBuyerContact, in: store.scope) == .allow
    }

    /// A store's raw files carry its buyers' contacts: only the roles that see them in full download
    /// them; the rest see the record's name and SHA-256 on the order page.
    func authorizeSource(_ record: SourceRecord) async throws {
        if let storeID = record.storeID {
            guard let store = try await tenancy.store(storeID) else { throw AccessDenied.notFound }
            try authorize(.viewBuyerContact, in: store.scope)
        } else {
            try authorize(.manageClients, in: .agency(record.agencyID))
        }
    }
}
