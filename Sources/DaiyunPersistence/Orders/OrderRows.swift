import DaiyunCore
import Foundation

/// The `orders` table as rows for bulk reads and writes.
struct OrderRow: Sendable, TableRow {
    var id: UUID = .zero
    var storeId: UUID = .zero
    var tid: String = ""
    var status: String = ""
    var type: String = ""
    var stepStatus: String?
    var buyerNick: String = ""
    var buyerOpenUid: String?
    var paymentFen: Int64 = 0
    var postFeeFen: Int64 = 0
    var totalFeeFen: Int64 = 0
    var discountFeeFen: Int64 = 0
    var createdAt: Date = Date(timeIntervalSince1970: 0)
    var paidAt: Date?
    var countedPaidAt: Date?
    var consignedAt: Date?
    var finishedAt: Date?
    var modifiedAt: Date?
    var buyerMessage: String = ""
    var sellerMemo: String = ""
    var needsAttention: Bool = false
    var sourceRecordId: UUID = .zero

    init() {}

    init(_ order: Order, id: UUID, needsAttention: Bool, source: UUID) {
        self.id = id
        storeId = order.storeID.rawValue
        tid = order.tid
        status = order.status.rawValue
        type = order.type
        stepStatus = order.stepStatus?.rawValue
        buyerNick = order.buyerNick
        buyerOpenUid = order.buyerOpenUID
        paymentFen = order.payment.fen
        postFeeFen = order.postFee.fen
        totalFeeFen = order.totalFee.fen
        discountFeeFen = order.discountFee.fen
        createdAt = order.createdAt
        paidAt = order.paidAt
        countedPaidAt = order.countedPaidAt
        consignedAt = order.consignedAt
        finishedAt = order.finishedAt
        modifiedAt = order.modifiedAt
        buyerMessage = order.buyerMessage
        sellerMemo = order.sellerMemo
        self.needsAttention = needsAttention
        sourceRecordId = source
    }

    static let schema: [TableColumn<OrderRow>] = [
        .uuid("id", { $0.id }, { $0.id = $1 }),
        .uuid("store_id", { $0.storeId }, { $0.storeId = $1 }),
        .text("tid", { $0.tid }, { $0.tid = $1 }),
        .text("status", { $0.status }, { $0.status = $1 }),
        .text("type", { $0.type }, { $0.type = $1 }),
        .optionalText("step_status", { $0.stepStatus }, { $0.stepStatus = $1 }),
        .text("buyer_nick", { $0.buyerNick }, { $0.buyerNick = $1 }),
        .optionalText("buyer_open_uid", { $0.buyerOpenUid }, { $0.buyerOpenUid = $1 }),
        .integer("payment_fen", { $0.paymentFen }, { $0.paymentFen = $1 }),
        .integer("post_fee_fen", { $0.postFeeFen }, { $0.postFeeFen = $1 }),
        .integer("total_fee_fen", { $0.totalFeeFen }, { $0.totalFeeFen = $1 }),
        .integer("discount_fee_fen", { $0.discountFeeFen }, { $0.discountFeeFen = $1 }),
        .date("created_at", { $0.createdAt }, { $0.createdAt = $1 }),
        .optionalDate("paid_at", { $0.paidAt }, { $0.paidAt = $1 }),
        .optionalDate("counted_paid_at", { $0.countedPaidAt }, { $0.countedPaidAt = $1 }),
        .optionalDate("consigned_at", { $0.consignedAt }, { $0.consignedAt = $1 }),
        .optionalDate("finished_at", { $0.finishedAt }, { $0.finishedAt = $1 }),
        .optionalDate("modified_at", { $0.modifiedAt }, { $0.modifiedAt = $1 }),
        .text("buyer_message", { $0.buyerMessage }, { $0.buyerMessage = $1 }),
        .text("seller_memo", { $0.sellerMemo }, { $0.sellerMemo = $1 }),
        .bool("needs_attention", { $0.needsAttention }, { $0.needsAttention = $1 }),
        .uuid("source_record_id", { $0.sourceRecordId }, { $0.sourceRecordId = $1 }),
    ]

    func domain(lines: [OrderLine]) throws -> Order {
        guard let status = OrderStatus(rawValue: status) else { throw PersistenceError.corruptRow(table: "orders", id: id.uuidString) }
        return Order(
            storeID: ID(storeId), tid: tid, status: status, type: type, stepStatus: stepStatus.flatMap(StepStatus.init(rawValue:)),
            buyerNick: buyerNick, buyerOpenUID: buyerOpenUid, payment: Money(fen: paymentFen), postFee: Money(fen: postFeeFen),
            totalFee: Money(fen: totalFeeFen), discountFee: Money(fen: discountFeeFen), createdAt: createdAt, paidAt: paidAt,
            consignedAt: consignedAt, finishedAt: finishedAt, modifiedAt: modifiedAt, buyerMessage: buyerMessage,
            sellerMemo: sellerMemo, lines: lines
        )
    }
}

/// The `order_lines` table as rows.
struct OrderLineRow: Sendable, TableRow {
    var id: UUID = .zero
    var storeId: UUID = .zero
    var tid: String = ""
    var oid: String = ""
    var itemId: String = ""
    var skuId: String = ""
    var outerSkuId: String = ""
    var title: String = ""
    var skuProperties: String = ""
    var priceFen: Int64 = 0
    var quantity: Int = 0
    var totalFeeFen: Int64 = 0
    var paymentFen: Int64 = 0
    var status: String = ""
    var refundStatus: String = ""
    var stockState: String = ""
    var sourceRecordId: UUID = .zero

    init() {}

    init(_ line: OrderLine, of order: Order, id: UUID, stockState: LineStockState, source: UUID) {
        self.id = id
        storeId = order.storeID.rawValue
        tid = order.tid
        oid = line.oid
        itemId = line.itemID
        skuId = line.skuID
        outerSkuId = line.outerSkuID
        title = line.title
        skuProperties = line.skuProperties
        priceFen = line.price.fen
        quantity = line.quantity
        totalFeeFen = line.totalFee.fen
        paymentFen = line.payment.fen
        status = line.status.rawValue
        refundStatus = line.refundStatus
        self.stockState = stockState.rawValue
        sourceRecordId = source
    }

    static let schema: [TableColumn<OrderLineRow>] = [
        .uuid("id", { $0.id }, { $0.id = $1 }),
        .uuid("store_id", { $0.storeId }, { $0.storeId = $1 }),
        .text("tid", { $0.tid }, { $0.tid = $1 }),
        .text("oid", { $0.oid }, { $0.oid = $1 }),
        .text("item_id", { $0.itemId }, { $0.itemId = $1 }),
        .text("sku_id", { $0.skuId }, { $0.skuId = $1 }),
        .text("outer_sku_id", { $0.outerSkuId }, { $0.outerSkuId = $1 }),
        .text("title", { $0.title }, { $0.title = $1 }),
        .text("sku_properties", { $0.skuProperties }, { $0.skuProperties = $1 }),
        .integer("price_fen", { $0.priceFen }, { $0.priceFen = $1 }),
        .int("quantity", { $0.quantity }, { $0.quantity = $1 }),
        .integer("total_fee_fen", { $0.totalFeeFen }, { $0.totalFeeFen = $1 }),
        .integer("payment_fen", { $0.paymentFen }, { $0.paymentFen = $1 }),
        .text("status", { $0.status }, { $0.status = $1 }),
        .text("refund_status", { $0.refundStatus }, { $0.refundStatus = $1 }),
        .text("stock_state", { $0.stockState }, { $0.stockState = $1 }),
        .uuid("source_record_id", { $0.sourceRecordId }, { $0.sourceRecordId = $1 }),
    ]

    func domain() throws -> OrderLine {
        guard let status = OrderStatus(rawValue: status) else { throw PersistenceError.corruptRow(table: "order_lines", id: id.uuidString) }
        return OrderLine(
            oid: oid, itemID: itemId, skuID: skuId, outerSkuID: outerSkuId, title: title, skuProperties: skuProperties,
            price: Money(fen: priceFen), quantity: quantity, totalFee: Money(fen: totalFeeFen), payment: Money(fen: paymentFen),
            status: status, refundStatus: refundStatus
        )
    }

    var lineStockState: LineStockState { LineStockState(rawValue: stockState) ?? .untouched }
}

/// The `order_status_history` table as rows: each status an order was seen in, when and from what.
struct StatusChangeRow: Sendable, TableRow {
    var id: UUID = .zero
    var storeId: UUID = .zero
    var tid: String = ""
    var status: String = ""
    var observedAt: Date = Date(timeIntervalSince1970: 0)
    var sourceRecordId: UUID = .zero

    static let schema: [TableColumn<StatusChangeRow>] = [
        .uuid("id", { $0.id }, { $0.id = $1 }),
        .uuid("store_id", { $0.storeId }, { $0.storeId = $1 }),
        .text("tid", { $0.tid }, { $0.tid = $1 }),
        .text("status", { $0.status }, { $0.status = $1 }),
        .date("observed_at", { $0.observedAt }, { $0.observedAt = $1 }),
        .uuid("source_record_id", { $0.sourceRecordId }, { $0.sourceRecordId = $1 }),
    ]
}

/// The `refunds` table as rows.
struct RefundRow: Sendable, TableRow {
    var id: UUID = .zero
    var storeId: UUID = .zero
    var refundId: String = ""
    var tid: String = ""
    var oid: String = ""
    var status: String = ""
    var phase: String = ""
    var refundFeeFen: Int64 = 0
    var reason: String = ""
    var goodStatus: String = ""
    var createdAt: Date = Date(timeIntervalSince1970: 0)
    var modifiedAt: Date?
    var sourceRecordId: UUID = .zero

    init() {}

    init(_ refund: Refund, id: UUID, source: UUID) {
        self.id = id
        storeId = refund.storeID.rawValue
        refundId = refund.refundID
        tid = refund.tid
        oid = refund.oid
        status = refund.status.rawValue
        phase = refund.phase.rawValue
        refundFeeFen = refund.refundFee.fen
        reason = refund.reason
        goodStatus = refund.goodStatus
        createdAt = refund.createdAt
        modifiedAt = refund.modifiedAt
        sourceRecordId = source
    }

    static let schema: [TableColumn<RefundRow>] = [
        .uuid("id", { $0.id }, { $0.id = $1 }),
        .uuid("store_id", { $0.storeId }, { $0.storeId = $1 }),
        .text("refund_id", { $0.refundId }, { $0.refundId = $1 }),
        .text("tid", { $0.tid }, { $0.tid = $1 }),
        .text("oid", { $0.oid }, { $0.oid = $1 }),
        .text("status", { $0.status }, { $0.status = $1 }),
        .text("phase", { $0.phase }, { $0.phase = $1 }),
        .integer("refund_fee_fen", { $0.refundFeeFen }, { $0.refundFeeFen = $1 }),
        .text("reason", { $0.reason }, { $0.reason = $1 }),
        .text("good_status", { $0.goodStatus }, { $0.goodStatus = $1 }),
        .date("created_at", { $0.createdAt }, { $0.createdAt = $1 }),
        .optionalDate("modified_at", { $0.modifiedAt }, { $0.modifiedAt = $1 }),
        .uuid("source_record_id", { $0.sourceRecordId }, { $0.sourceRecordId = $1 }),
    ]

    func domain() throws -> Refund {
        guard let status = RefundStatus(rawValue: status), let phase = RefundPhase(rawValue: phase) else {
            throw PersistenceError.corruptRow(table: "refunds", id: id.uuidString)
        }
        return Refund(
            storeID: ID(storeId), refundID: refundId, tid: tid, oid: oid, status: status, phase: phase,
            refundFee: Money(fen: refundFeeFen), reason: reason, goodStatus: goodStatus, createdAt: createdAt, modifiedAt: modifiedAt
        )
    }
}
