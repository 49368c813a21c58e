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
        .uuid("id", \.id),
        .uuid("store_id", \.storeId),
        .text("tid", \.tid),
        .text("status", \.status),
        .text("type", \.type),
        .optionalText("step_status", \.stepStatus),
        .text("buyer_nick", \.buyerNick),
        .optionalText("buyer_open_uid", \.buyerOpenUid),
        .integer("payment_fen", \.paymentFen),
        .integer("post_fee_fen", \.postFeeFen),
        .integer("total_fee_fen", \.totalFeeFen),
        .integer("discount_fee_fen", \.discountFeeFen),
        .date("created_at", \.createdAt),
        .optionalDate("paid_at", \.paidAt),
        .optionalDate("counted_paid_at", \.countedPaidAt),
        .optionalDate("consigned_at", \.consignedAt),
        .optionalDate("finished_at", \.finishedAt),
        .optionalDate("modified_at", \.modifiedAt),
        .text("buyer_message", \.buyerMessage),
        .text("seller_memo", \.sellerMemo),
        .bool("needs_attention", \.needsAttention),
        .uuid("source_record_id", \.sourceRecordId),
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
        .uuid("id", \.id),
        .uuid("store_id", \.storeId),
        .text("tid", \.tid),
        .text("oid", \.oid),
        .text("item_id", \.itemId),
        .text("sku_id", \.skuId),
        .text("outer_sku_id", \.outerSkuId),
        .text("title", \.title),
        .text("sku_properties", \.skuProperties),
        .integer("price_fen", \.priceFen),
        .int("quantity", \.quantity),
        .integer("total_fee_fen", \.totalFeeFen),
        .integer("payment_fen", \.paymentFen),
        .text("status", \.status),
        .text("refund_status", \.refundStatus),
        .text("stock_state", \.stockState),
        .uuid("source_record_id", \.sourceRecordId),
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
        .uuid("id", \.id),
        .uuid("store_id", \.storeId),
        .text("tid", \.tid),
        .text("status", \.status),
        .date("observed_at", \.observedAt),
        .uuid("source_record_id", \.sourceRecordId),
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
        .uuid("id", \.id),
        .uuid("store_id", \.storeId),
        .text("refund_id", \.refundId),
        .text("tid", \.tid),
        .text("oid", \.oid),
        .text("status", \.status),
        .text("phase", \.phase),
        .integer("refund_fee_fen", \.refundFeeFen),
        .text("reason", \.reason),
        .text("good_status", \.goodStatus),
        .date("created_at", \.createdAt),
        .optionalDate("modified_at", \.modifiedAt),
        .uuid("source_record_id", \.sourceRecordId),
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
