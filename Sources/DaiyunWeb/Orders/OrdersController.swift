import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// A store's orders: the filtered, keyset-paged list, and each order's detail with its history,
/// refunds and the raw input it came from.
struct OrdersController: RouteCollection {
    static let pageSize = 50

    struct ListContent: Encodable {
        struct Row: Encodable {
            var tid, status, statusLabel, buyer, payment, created, paid: String
            var preSale, attention: Bool
        }
        var store: StoreRow
        var rows: [Row]
        var statuses: [Choice]
        var filter: [String: String]
        var nextPage: String?
        var isFirstPage: Bool
    }

    struct DetailContent: Encodable {
        struct Line: Encodable { var title, properties, outer, price, quantity, payment, status, stock, stockState: String }
        struct Change: Encodable { var status, at, source: String }
        struct RefundRow: Encodable { var id, fee, status, phase, reason, created: String }
        struct ShipmentRow: Encodable { var carrier, waybill, lines, status, statusLabel, created, error: String }
        struct Unshipped: Encodable { var oid, title: String }
        struct ReviewRow: Encodable { var result, resultLabel, content, reply, created, item: String }
        var store: StoreRow
        var tid, status, statusLabel, buyer, payment, postFee, totalFee, created, paid, countedPaid, consigned, finished, message, memo: String
        var preSale, attention: Bool
        var lines: [Line]
        var history: [Change]
        var refunds: [RefundRow]
        var shipments: [ShipmentRow]
        var reviews: [ReviewRow]
        var canShip: Bool
        var carriers: [Choice]
        var unshipped: [Unshipped]
        var sourceID, sourceName, sourceSHA, sourceReceived: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("stores", ":storeID", "orders", use: list)
        routes.get("stores", ":storeID", "orders", ":tid", use: detail)
        routes.post("stores", ":storeID", "orders", ":tid", "shipments", use: ship)
        routes.get("source-records", ":recordID", use: download)
    }

    func list(req: Request) async throws -> Response {
        let store = try await req.store()
        let l10n = Page.localizer(for: req)
        let query = OrderListQuery(req)
        let page = try await OrderRepository(database: req.db).list(store: store.id, filter: query.filter, after: query.cursor, limit: Self.pageSize)
        let client = try await req.tenancy.client(store.clientID)
        let content = ListContent(
            store: StoreRow(store, clientName: client?.name ?? "", l10n),
            rows: page.orders.map {
                .init(tid: $0.tid, status: $0.status.rawValue, statusLabel: l10n["status_\($0.status.rawValue)"], buyer: $0.buyerNick,
                      payment: $0.payment.description, created: Self.time($0.createdAt), paid: $0.paidAt.map(Self.time) ?? "—",
                      preSale: $0.isPreSale, attention: $0.needsAttention)
            },
            statuses: [Choice(value: "", label: l10n["filter_status_all"], selected: query.filter.status == nil)]
                + OrderStatus.allCases.map { Choice(value: $0.rawValue, label: l10n["status_\($0.rawValue)"], selected: query.filter.status == $0) },
            filter: query.echo,
            nextPage: page.next.map { query.link(store: store, after: $0) },
            isFirstPage: query.cursor == nil
        )
        return try await Page.render("orders/orders", titleKey: "orders_title", title: "\(l10n["orders_title"]) · \(store.name)", page: content, for: req)
    }

    func detail(req: Request) async throws -> Response {
        let store = try await req.store()
        let l10n = Page.localizer(for: req)
        guard let tid = req.parameters.get("tid"),
              let detail = try await OrderRepository(database: req.db).detail(store: store.id, tid: tid) else { throw AccessDenied.notFound }
        let o = detail.order
        let client = try await req.tenancy.client(store.clientID)
        let content = DetailContent(
            store: StoreRow(store, clientName: client?.name ?? "", l10n), tid: o.tid, status: o.status.rawValue,
            statusLabel: l10n["status_\(o.status.rawValue)"], buyer: o.buyerNick, payment: o.payment.description,
            postFee: o.postFee.description, totalFee: o.totalFee.description, created: Self.time(o.createdAt),
            paid: o.paidAt.map(Self.time) ?? "—", countedPaid: o.countedPaidAt.map(Self.time) ?? "—",
            consigned: o.consignedAt.map(Self.time) ?? "—", finished: o.finishedAt.map(Self.time) ?? "—",
            message: o.buyerMessage, memo: o.sellerMemo, preSale: o.isPreSale, attention: detail.needsAttention,
            lines: detail.lines.map {
                .init(title: $0.line.title, properties: $0.line.skuProperties, outer: $0.line.outerSkuID, price: $0.line.price.description,
                      quantity: String($0.line.quantity), payment: $0.line.payment.description, status: l10n["status_\($0.line.status.rawValue)"],
                      stock: l10n["stock_\($0.stockState.rawValue)"], stockState: $0.stockState.rawValue)
            },
            history: detail.history.map { .init(status: l10n["status_\($0.status)"], at: Self.time($0.observedAt), source: $0.sourceRecordID.uuidString.lowercased()) },
            refunds: detail.refunds.map {
                .init(id: $0.refundID, fee: $0.refundFee.description, status: $0.status.rawValue, phase: $0.phase.rawValue, reason: $0.reason, created: Self.time($0.createdAt))
            },
            shipments: try await ShipmentRepository(database: req.db).shipments(store: store.id, tid: o.tid).map { shipment in
                .init(carrier: ShipmentDraft.carriers.first { $0.code == shipment.companyCode }?.name ?? shipment.companyCode, waybill: shipment.waybill,
                      lines: shipment.oids.joined(separator: ", "), status: shipment.status, statusLabel: l10n["shipment_\(shipment.status)"],
                      created: Self.time(shipment.createdAt), error: shipment.error ?? "")
            },
            reviews: try await ReviewRepository(database: req.db).reviews(store: store.id, tid: o.tid).map {
                .init(result: $0.result.rawValue, resultLabel: l10n["review_\($0.result.rawValue)"], content: $0.content, reply: $0.reply,
                      created: Self.time($0.createdAt), item: $0.itemTitle)
            },
            canShip: try await ShippingService.canShip(o, store: store, req: req),
            carriers: ShipmentDraft.carriers.map { Choice(value: $0.code, label: "\($0.name) \($0.code)", selected: false) },
            unshipped: o.unshippedLines.map { .init(oid: $0.oid, title: "\($0.title) \($0.skuProperties)") },
            sourceID: detail.source?.id.uuidString.lowercased() ?? "", sourceName: detail.source?.name ?? "",
            sourceSHA: detail.source?.sha256 ?? "", sourceReceived: detail.source.map { Self.time($0.receivedAt) } ?? ""
        )
        return try await Page.render("orders/order", titleKey: "order_title", title: "\(l10n["order_title"]) \(o.tid)", page: content, for: req)
    }

    /// Ships the order (or the ticked lines of it): recorded, audited, and sent to the channel by a job.
    func ship(req: Request) async throws -> Response {
        let path = "/stores/\(req.parameters.get("storeID") ?? "")/orders/\(req.parameters.get("tid") ?? "")"
        return try await Page.formAction(req, failurePath: path) {
            let oids = (try? req.content.get([String].self, at: "oids")) ?? []
            _ = try await ShippingService.ship(req: req, companyCode: req.formField("company_code"), waybill: req.formField("waybill"), oids: oids)
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

    init(_ req: Request) {
        func text(_ key: String) -> String? {
            guard let value = try? req.query.get(String.self, at: key), !value.isEmpty else { return nil }
            echo[key] = value
            return value
        }
        filter.status = text("status").flatMap(OrderStatus.init(rawValue:))
        filter.from = text("from").flatMap(BusinessDay.init).map(\.start)
        filter.until = text("until").flatMap(BusinessDay.init).map { $0.start.addingTimeInterval(86_400) }
        filter.buyer = text("buyer")
        filter.outerSkuID = text("sku")
        filter.needsAttention = text("attention") == "1" ? true : nil
        cursor = (try? req.query.get(String.self, at: "after")).flatMap(OrderCursor.init)
    }

    func link(store: Store, after cursor: OrderCursor) -> String {
        var components = URLComponents()
        components.path = "/stores/\(store.id)/orders"
        components.queryItems = echo.keys.sorted().map { URLQueryItem(name: $0, value: echo[$0]) } + [URLQueryItem(name: "after", value: cursor.description)]
        return components.string ?? components.path
    }
}

extension Request {
    /// Raw inputs belong to a store (files and API pages of a store) or, for catalog files, to the
    /// agency; a user sees a record if they see its store, or manage the agency's clients.
    func authorizeSource(_ record: SourceRecord) async throws {
        if let storeID = record.storeID {
            guard let store = try await tenancy.store(storeID) else { throw AccessDenied.notFound }
            try authorize(.view, in: store.scope)
        } else {
            try authorize(.manageClients, in: .agency(record.agencyID))
        }
    }
}
