import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Vapor

/// Ships a day's orders at once: the store's orders to ship, longest waiting first, each with a
/// waybill field, or `订单号 运单号` lines pasted from a spreadsheet; one carrier for all. Each
/// order goes through the same audited shipment and channel job as the order page.
struct BatchShippingController: RouteCollection {
    /// The orders the page lists to fill in.
    static let listed = 200
    /// The most orders one submission ships: a day of a busy store; a larger paste or file is
    /// refused whole, before anything ships, and is sent in parts.
    static let maxLines = 1000
    static let maxBody: ByteCount = "2mb"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("stores", ":storeID", "shipments", "batch", use: show)
        // A thousand pasted lines or a waybill file are more than a form's default 16 KiB.
        routes.on(.POST, "stores", ":storeID", "shipments", "batch", body: .collect(maxSize: Self.maxBody), use: ship)
            .userInfo[CSRF.uploadLimitKey] = Self.maxBody.value
    }

    func show(req: Request) async throws -> Response {
        let store = try await req.store(for: .shipOrders)
        return try await render(req, store: store, result: nil)
    }

    func ship(req: Request) async throws -> Response {
        let store = try await req.store(for: .shipOrders)
        if req.headers.contentType?.subType == "form-data" { return try await shipFile(req, store: store) }
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let pasted = ShippingService.pairs(pasted: fields["pasted"] ?? "")
        // Waybills typed beside the listed orders come after the pasted lines, numbered on from them.
        let typed = fields.filter { $0.key.hasPrefix("waybill-") && !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
            .sorted { $0.key < $1.key }
        let base = (fields["pasted"] ?? "").split(separator: "\n", omittingEmptySubsequences: false).count
        let pairs =
            pasted.pairs
            + typed.enumerated().map { (line: base + $0.offset + 1, tid: String($0.element.key.dropFirst(8)), waybill: $0.element.value) }
        let refused = pasted.refused.map { ($0.line, $0.tid, ValidationError(field: "line", rule: .twoFields)) }
        return try await ship(req, store: store, pairs: pairs, refused: refused, companyCode: fields["company_code"] ?? "")
    }

    /// Ships the orders of an uploaded waybill file (XLSX, or CSV in UTF-8 or GB18030, headed 订单编号
    /// and 运单号): its bad rows are listed by line, the good ones ship.
    private func shipFile(_ req: Request, store: Store) async throws -> Response {
        struct Upload: Decodable {
            var company_code: String
            var file: File
        }
        let upload = try req.content.decode(Upload.self)
        let parsed: ParsedFile<WaybillFile.Row>
        do {
            parsed = try WaybillFile.parse(Data(buffer: upload.file.data))
        } catch let problem as FileProblem {
            let result = BatchShippingPage.Result(
                shipped: [], refused: [(0, "", ValidationError(field: "file", rule: .unreadable(problem.message)))])
            return try await render(req, store: store, result: result)
        }
        let pairs = parsed.rows.map { (line: $0.line, tid: $0.value.tid, waybill: $0.value.waybill) }
        let refused = parsed.errors.map {
            (
                $0.line, "",
                ValidationError(
                    field: $0.column, rule: .unreadable($0.message ?? Message("row_unreadable", [$0.reason], english: $0.reason)))
            )
        }
        return try await ship(req, store: store, pairs: pairs, refused: refused, companyCode: upload.company_code)
    }

    private func ship(
        _ req: Request, store: Store, pairs: [ShippingService.WaybillLine],
        refused: [ShippingService.RefusedLine], companyCode: String
    ) async throws -> Response {
        let result: BatchShippingPage.Result
        if pairs.count + refused.count > Self.maxLines {
            result = BatchShippingPage.Result(
                shipped: [], refused: [(0, "", ValidationError(field: "line", rule: .tooManyLines(max: Self.maxLines)))])
        } else {
            do {
                let outcome = try await ShippingService.shipBatch(pairs, companyCode: companyCode, store: store, req: req)
                result = BatchShippingPage.Result(shipped: outcome.shipped, refused: refused + outcome.refused)
            } catch let error as ValidationError {
                result = BatchShippingPage.Result(shipped: [], refused: [(0, "", error)])
            }
        }
        return try await render(req, store: store, result: result)
    }

    private func render(_ req: Request, store: Store, result: BatchShippingPage.Result?) async throws -> Response {
        let orders = try await WorkQueueRepository(database: req.db).ordersToShip(in: [store], limit: Self.listed)
        let client = try await req.tenancy.client(store.clientID)
        let connected = try await req.channelConnections.settings(store: store.id) != nil
        let page = BatchShippingPage(
            store: store, clientName: client?.name ?? "", orders: orders, connected: connected, now: req.now, result: result,
            Page.localizer(for: req))
        return try await Page.render(page, status: result.map { $0.refused.isEmpty ? .ok : .unprocessableEntity } ?? .ok, for: req)
    }
}

/// The batch shipping page: the orders to ship with their waybill fields, the paste box, and what
/// the last submission shipped and refused.
struct BatchShippingPage: PageContent {
    static let template = "orders/batch-shipping"
    static let strings: [StringTable] = [.orders]
    var title: String
    var store: StoreRow
    var action: String
    var connected: Bool
    var carriers: [Choice]
    var rows: [Row]
    var shipped: [String]
    var refused: [Refusal]
    var submitted: Bool

    /// What one submission did.
    struct Result {
        var shipped: [String]
        var refused: [ShippingService.RefusedLine]
    }

    struct Row: Encodable {
        var tid, field, path, buyer, payment, paidAt, due: String
        var overdue: Bool
        var shipping: Bool
    }

    struct Refusal: Encodable {
        var line: String
        var tid: String
        var reason: String
    }

    init(
        store: Store, clientName: String, orders: [OrderToShip], connected: Bool, now: Date, result: Result?, _ l10n: Localizer
    ) {
        title = "\(l10n["batch_ship_title"]) · \(store.name)"
        self.store = StoreRow(store, clientName: clientName, l10n)
        action = SiteURL.batchShipping(store.id).path
        self.connected = connected
        carriers = ShipmentDraft.carriers.map { Choice(value: $0.code, label: $0.name, selected: false) }
        rows = orders.map {
            Row(
                tid: $0.tid, field: "waybill-\($0.tid)", path: SiteURL.order(store.id, tid: $0.tid).path, buyer: $0.buyerNick,
                payment: l10n.money($0.payment), paidAt: ShanghaiTime.format($0.paidAt), due: ShanghaiTime.format($0.due),
                overdue: $0.due < now, shipping: $0.isShipping)
        }
        shipped = result?.shipped ?? []
        refused = (result?.refused ?? []).map {
            Refusal(
                line: $0.line > 0 ? String($0.line) : "", tid: $0.tid,
                reason: "\(l10n.field($0.error.field))：\(l10n.text(for: $0.error.rule))")
        }
        submitted = result != nil
    }
}
