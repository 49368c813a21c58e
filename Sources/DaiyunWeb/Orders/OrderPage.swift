import DaiyunCore
import DaiyunPersistence

/// An order's detail: its lines, history, refunds, shipments and reviews, and the raw input it came from.
struct OrderPage: PageContent {
    static let template = "orders/order"
    static let strings: [StringTable] = [.orders, .channels]
    var title: String
    struct Line: Encodable { var title, properties, outer, price, quantity, payment, status, stock, stockState: String }
    struct Change: Encodable { var status, at, sourcePath: String }
    struct RefundRow: Encodable { var id, fee, status, phase, reason, created: String }
    struct ShipmentRow: Encodable { var carrier, waybill, lines, status, statusLabel, created, error: String }
    struct Unshipped: Encodable { var oid, title: String }
    struct ReviewRow: Encodable { var result, resultLabel, content, reply, created, item: String }
    struct ReceiverFacts: Encodable {
        var known, masked: Bool
        var name, mobile, phone, address: String
    }
    var store: StoreRow
    var tid, status, statusLabel, buyer, payment, postFee, totalFee, created, paid, countedPaid, consigned, finished, message, memo: String
    var preSale, attention: Bool
    var receiver: ReceiverFacts
    var lines: [Line]
    var history: [Change]
    var refunds: [RefundRow]
    var shipments: [ShipmentRow]
    var reviews: [ReviewRow]
    var canShip: Bool
    var carriers: [Choice]
    var unshipped: [Unshipped]
    var sourceID, sourceName, sourceSHA, sourceReceived: String
    var sourcePath, shipPath: String

    init(
        store: Store, clientName: String, detail: OrderDetail, shipments: [Shipment], reviews: [Review], canShip: Bool,
        seesContacts: Bool, _ l10n: Localizer
    ) {
        let o = detail.order
        let time = ShanghaiTime.format
        title = "\(l10n["order_title"]) \(o.tid)"
        self.store = StoreRow(store, clientName: clientName, l10n)
        tid = o.tid
        status = o.status.rawValue
        statusLabel = l10n["status_\(o.status.rawValue)"]
        buyer = o.buyerNick
        payment = l10n.money(o.payment)
        postFee = l10n.money(o.postFee)
        // 商品总额 is the goods alone, the lines' price × quantity: the channel's total_fee
        // includes the postage in some exports.
        totalFee = detail.lines.isEmpty ? "—" : l10n.money(detail.lines.reduce(Money.zero) { $0 + $1.line.totalFee })
        created = time(o.createdAt)
        paid = o.paidAt.map(time) ?? "—"
        countedPaid = o.countedPaidAt.map(time) ?? "—"
        consigned = o.consignedAt.map(time) ?? "—"
        finished = o.finishedAt.map(time) ?? "—"
        message = o.buyerMessage
        memo = o.sellerMemo
        preSale = o.isPreSale
        attention = detail.needsAttention
        let shown = o.receiver.shown(inFull: seesContacts)
        receiver = ReceiverFacts(
            known: !o.receiver.isEmpty, masked: !seesContacts, name: shown.name, mobile: shown.mobile, phone: shown.phone,
            address: shown.address)
        lines = detail.lines.map {
            Line(
                title: $0.line.title, properties: $0.line.skuProperties, outer: $0.line.outerSkuID, price: l10n.money($0.line.price),
                quantity: String($0.line.quantity), payment: l10n.money($0.line.payment), status: l10n["status_\($0.line.status.rawValue)"],
                stock: l10n["stock_\($0.stockState.rawValue)"], stockState: $0.stockState.rawValue)
        }
        history = detail.history.map {
            Change(status: l10n["status_\($0.status)"], at: time($0.observedAt), sourcePath: SiteURL.sourceRecord($0.sourceRecordID).path)
        }
        refunds = detail.refunds.map {
            RefundRow(
                id: $0.refundID, fee: l10n.money($0.refundFee), status: l10n["refund_status_\($0.status.rawValue)"],
                phase: l10n["refund_phase_\($0.phase.rawValue)"], reason: $0.reason,
                created: time($0.createdAt))
        }
        self.shipments = shipments.map { shipment in
            ShipmentRow(
                carrier: ShipmentDraft.carriers.first { $0.code == shipment.companyCode }?.name ?? shipment.companyCode,
                waybill: shipment.waybill,
                lines: shipment.oids.joined(separator: ", "), status: shipment.status, statusLabel: l10n["shipment_\(shipment.status)"],
                created: time(shipment.createdAt), error: shipment.error ?? "")
        }
        self.reviews = reviews.map {
            ReviewRow(
                result: $0.result.rawValue, resultLabel: l10n["review_\($0.result.rawValue)"], content: $0.content, reply: $0.reply,
                created: time($0.createdAt), item: $0.itemTitle)
        }
        self.canShip = canShip
        carriers = ShipmentDraft.carriers.map { Choice(value: $0.code, label: "\($0.name) \($0.code)", selected: false) }
        unshipped = o.unshippedLines.map { Unshipped(oid: $0.oid, title: "\($0.title) \($0.skuProperties)") }
        sourceID = detail.source?.id.uuidString.lowercased() ?? ""
        sourceName = detail.source?.name ?? ""
        sourceSHA = detail.source?.sha256 ?? ""
        sourceReceived = detail.source.map { time($0.receivedAt) } ?? ""
        sourcePath = detail.source.map { SiteURL.sourceRecord($0.id).path } ?? ""
        shipPath = SiteURL.orderShipments(store.id, tid: o.tid).path
    }
}
