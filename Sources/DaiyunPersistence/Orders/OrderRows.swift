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
    var countedDay: String?
    var confirmedDay: String?
    var consignedAt: Date?
    var finishedAt: Date?
    var modifiedAt: Date?
    var buyerMessage: String = ""
    var sellerMemo: String = ""
    var receiverName: String = ""
    var receiverMobile: String = ""
    var receiverPhone: String = ""
    var receiverState: String = ""
    var receiverAddress: String = ""
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
        countedDay = order.countedDay?.description
        confirmedDay = order.confirmedDay?.description
        consignedAt = order.consignedAt
        finishedAt = order.finishedAt
        modifiedAt = order.modifiedAt
        buyerMessage = order.buyerMessage
        sellerMemo = order.sellerMemo
        receiverName = order.receiver.name
        receiverMobile = order.receiver.mobile
        receiverPhone = order.receiver.phone
        receiverState = order.receiver.state
        receiverAddress = order.receiver.address
        self.needsAttention = needsAttention
        sourceRecordId = source
    }

    static let columns = [
        "id", "store_id", "tid", "status", "type", "step_status", "buyer_nick", "buyer_open_uid", "payment_fen",
        "post_fee_fen", "total_fee_fen", "discount_fee_fen", "created_at", "paid_at", "counted_paid_at", "counted_day",
        "confirmed_day", "consigned_at", "finished_at", "modified_at", "buyer_message", "seller_memo", "receiver_name", "receiver_mobile",
        "receiver_phone",
        "receiver_state", "receiver_address", "needs_attention", "source_record_id",
    ]

    var values: [ColumnValue] {
        [
            .uuid(id), .uuid(storeId), .text(tid), .text(status), .text(type), .text(stepStatus), .text(buyerNick),
            .text(buyerOpenUid), .integer(paymentFen), .integer(postFeeFen), .integer(totalFeeFen), .integer(discountFeeFen),
            .date(createdAt), .date(paidAt), .date(countedPaidAt), .text(countedDay), .text(confirmedDay),
            .date(consignedAt), .date(finishedAt),
            .date(modifiedAt),
            .text(buyerMessage), .text(sellerMemo), .text(receiverName), .text(receiverMobile), .text(receiverPhone),
            .text(receiverState), .text(receiverAddress), .bool(needsAttention), .uuid(sourceRecordId),
        ]
    }

    init(_ row: inout ColumnReader) throws {
        id = try row.uuid()
        storeId = try row.uuid()
        tid = try row.text()
        status = try row.text()
        type = try row.text()
        stepStatus = try row.optionalText()
        buyerNick = try row.text()
        buyerOpenUid = try row.optionalText()
        paymentFen = try row.integer()
        postFeeFen = try row.integer()
        totalFeeFen = try row.integer()
        discountFeeFen = try row.integer()
        createdAt = try row.date()
        paidAt = try row.optionalDate()
        countedPaidAt = try row.optionalDate()
        countedDay = try row.optionalText()
        confirmedDay = try row.optionalText()
        consignedAt = try row.optionalDate()
        finishedAt = try row.optionalDate()
        modifiedAt = try row.optionalDate()
        buyerMessage = try row.text()
        sellerMemo = try row.text()
        receiverName = try row.text()
        receiverMobile = try row.text()
        receiverPhone = try row.text()
        receiverState = try row.text()
        receiverAddress = try row.text()
        needsAttention = try row.bool()
        sourceRecordId = try row.uuid()
    }

    func domain(lines: [OrderLine]) throws -> Order {
        guard let status = OrderStatus(rawValue: status) else { throw PersistenceError.corruptRow(table: "orders", id: id.uuidString) }
        return Order(
            storeID: ID(storeId), tid: tid, status: status, type: type, stepStatus: stepStatus.flatMap(StepStatus.init(rawValue:)),
            buyerNick: buyerNick, buyerOpenUID: buyerOpenUid, payment: Money(fen: paymentFen), postFee: Money(fen: postFeeFen),
            totalFee: Money(fen: totalFeeFen), discountFee: Money(fen: discountFeeFen), createdAt: createdAt, paidAt: paidAt,
            consignedAt: consignedAt, finishedAt: finishedAt, modifiedAt: modifiedAt, buyerMessage: buyerMessage,
            sellerMemo: sellerMemo,
            receiver: Receiver(
                name: receiverName, mobile: receiverMobile, phone: receiverPhone, state: receiverState, address: receiverAddress),
            lines: lines
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

    static let columns = [
        "id", "store_id", "tid", "oid", "item_id", "sku_id", "outer_sku_id", "title", "sku_properties", "price_fen",
        "quantity", "total_fee_fen", "payment_fen", "status", "refund_status", "stock_state", "source_record_id",
    ]

    var values: [ColumnValue] {
        [
            .uuid(id), .uuid(storeId), .text(tid), .text(oid), .text(itemId), .text(skuId), .text(outerSkuId), .text(title),
            .text(skuProperties), .integer(priceFen), .integer(quantity), .integer(totalFeeFen), .integer(paymentFen), .text(status),
            .text(refundStatus), .text(stockState), .uuid(sourceRecordId),
        ]
    }

    init(_ row: inout ColumnReader) throws {
        id = try row.uuid()
        storeId = try row.uuid()
        tid = try row.text()
        oid = try row.text()
        itemId = try row.text()
        skuId = try row.text()
        outerSkuId = try row.text()
        title = try row.text()
        skuProperties = try row.text()
        priceFen = try row.integer()
        quantity = try row.int()
        totalFeeFen = try row.integer()
        paymentFen = try row.integer()
        status = try row.text()
        refundStatus = try row.text()
        stockState = try row.text()
        sourceRecordId = try row.uuid()
    }

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

    static let columns = ["id", "store_id", "tid", "status", "observed_at", "source_record_id"]

    var values: [ColumnValue] {
        [.uuid(id), .uuid(storeId), .text(tid), .text(status), .date(observedAt), .uuid(sourceRecordId)]
    }
}

extension StatusChangeRow {
    // In an extension, so that the memberwise initialiser stays.
    init(_ row: inout ColumnReader) throws {
        id = try row.uuid()
        storeId = try row.uuid()
        tid = try row.text()
        status = try row.text()
        observedAt = try row.date()
        sourceRecordId = try row.uuid()
    }
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
    var completedDay: String?
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
        completedDay = refund.completedDay?.description
        sourceRecordId = source
    }

    static let columns = [
        "id", "store_id", "refund_id", "tid", "oid", "status", "phase", "refund_fee_fen", "reason", "good_status",
        "created_at", "modified_at", "completed_day", "source_record_id",
    ]

    var values: [ColumnValue] {
        [
            .uuid(id), .uuid(storeId), .text(refundId), .text(tid), .text(oid), .text(status), .text(phase), .integer(refundFeeFen),
            .text(reason), .text(goodStatus), .date(createdAt), .date(modifiedAt), .text(completedDay),
            .uuid(sourceRecordId),
        ]
    }

    init(_ row: inout ColumnReader) throws {
        id = try row.uuid()
        storeId = try row.uuid()
        refundId = try row.text()
        tid = try row.text()
        oid = try row.text()
        status = try row.text()
        phase = try row.text()
        refundFeeFen = try row.integer()
        reason = try row.text()
        goodStatus = try row.text()
        createdAt = try row.date()
        modifiedAt = try row.optionalDate()
        completedDay = try row.optionalText()
        sourceRecordId = try row.uuid()
    }

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
