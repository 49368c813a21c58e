import DaiyunCore
import Foundation
import SQLKit

/// The `orders` table as rows for bulk reads and writes.
struct OrderRow: Sendable, TableRow {
    var id: UUID
    var storeId: UUID
    var tid: String
    var status: String
    var type: String
    var stepStatus: String?
    var buyerNick: String
    var buyerOpenUid: String?
    var paymentFen: Int64
    var postFeeFen: Int64
    var totalFeeFen: Int64
    var discountFeeFen: Int64
    var createdAt: Date
    var paidAt: Date?
    var countedPaidAt: Date?
    var consignedAt: Date?
    var finishedAt: Date?
    var modifiedAt: Date?
    var buyerMessage: String
    var sellerMemo: String
    var needsAttention: Bool
    var sourceRecordId: UUID

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

    static let columns = ["id", "store_id", "tid", "status", "type", "step_status", "buyer_nick", "buyer_open_uid", "payment_fen",
                          "post_fee_fen", "total_fee_fen", "discount_fee_fen", "created_at", "paid_at", "counted_paid_at", "consigned_at",
                          "finished_at", "modified_at", "buyer_message", "seller_memo", "needs_attention", "source_record_id"]

    var values: [ColumnValue] {
        [.uuid(id), .uuid(storeId), .text(tid), .text(status), .text(type), .text(stepStatus), .text(buyerNick),
         .text(buyerOpenUid), .integer(paymentFen), .integer(postFeeFen), .integer(totalFeeFen), .integer(discountFeeFen),
         .date(createdAt), .date(paidAt), .date(countedPaidAt), .date(consignedAt), .date(finishedAt), .date(modifiedAt),
         .text(buyerMessage), .text(sellerMemo), .bool(needsAttention), .uuid(sourceRecordId)]
    }

    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        storeId = try row.decode(column: "store_id", as: UUID.self)
        tid = try row.decode(column: "tid", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        type = try row.decode(column: "type", as: String.self)
        stepStatus = try row.decode(column: "step_status", as: String?.self)
        buyerNick = try row.decode(column: "buyer_nick", as: String.self)
        buyerOpenUid = try row.decode(column: "buyer_open_uid", as: String?.self)
        paymentFen = try row.decode(column: "payment_fen", as: Int64.self)
        postFeeFen = try row.decode(column: "post_fee_fen", as: Int64.self)
        totalFeeFen = try row.decode(column: "total_fee_fen", as: Int64.self)
        discountFeeFen = try row.decode(column: "discount_fee_fen", as: Int64.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
        paidAt = try row.decode(column: "paid_at", as: Date?.self)
        countedPaidAt = try row.decode(column: "counted_paid_at", as: Date?.self)
        consignedAt = try row.decode(column: "consigned_at", as: Date?.self)
        finishedAt = try row.decode(column: "finished_at", as: Date?.self)
        modifiedAt = try row.decode(column: "modified_at", as: Date?.self)
        buyerMessage = try row.decode(column: "buyer_message", as: String.self)
        sellerMemo = try row.decode(column: "seller_memo", as: String.self)
        needsAttention = try row.decode(column: "needs_attention", as: Bool.self)
        sourceRecordId = try row.decode(column: "source_record_id", as: UUID.self)
    }

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
    var id: UUID
    var storeId: UUID
    var tid: String
    var oid: String
    var itemId: String
    var skuId: String
    var outerSkuId: String
    var title: String
    var skuProperties: String
    var priceFen: Int64
    var quantity: Int
    var totalFeeFen: Int64
    var paymentFen: Int64
    var status: String
    var refundStatus: String
    var stockState: String
    var sourceRecordId: UUID

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

    static let columns = ["id", "store_id", "tid", "oid", "item_id", "sku_id", "outer_sku_id", "title", "sku_properties", "price_fen",
                          "quantity", "total_fee_fen", "payment_fen", "status", "refund_status", "stock_state", "source_record_id"]

    var values: [ColumnValue] {
        [.uuid(id), .uuid(storeId), .text(tid), .text(oid), .text(itemId), .text(skuId), .text(outerSkuId), .text(title),
         .text(skuProperties), .integer(priceFen), .integer(quantity), .integer(totalFeeFen), .integer(paymentFen), .text(status),
         .text(refundStatus), .text(stockState), .uuid(sourceRecordId)]
    }

    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        storeId = try row.decode(column: "store_id", as: UUID.self)
        tid = try row.decode(column: "tid", as: String.self)
        oid = try row.decode(column: "oid", as: String.self)
        itemId = try row.decode(column: "item_id", as: String.self)
        skuId = try row.decode(column: "sku_id", as: String.self)
        outerSkuId = try row.decode(column: "outer_sku_id", as: String.self)
        title = try row.decode(column: "title", as: String.self)
        skuProperties = try row.decode(column: "sku_properties", as: String.self)
        priceFen = try row.decode(column: "price_fen", as: Int64.self)
        quantity = try row.decode(column: "quantity", as: Int.self)
        totalFeeFen = try row.decode(column: "total_fee_fen", as: Int64.self)
        paymentFen = try row.decode(column: "payment_fen", as: Int64.self)
        status = try row.decode(column: "status", as: String.self)
        refundStatus = try row.decode(column: "refund_status", as: String.self)
        stockState = try row.decode(column: "stock_state", as: String.self)
        sourceRecordId = try row.decode(column: "source_record_id", as: UUID.self)
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

/// The `refunds` table as rows.
struct RefundRow: Sendable, TableRow {
    var id: UUID
    var storeId: UUID
    var refundId: String
    var tid: String
    var oid: String
    var status: String
    var phase: String
    var refundFeeFen: Int64
    var reason: String
    var goodStatus: String
    var createdAt: Date
    var modifiedAt: Date?
    var sourceRecordId: UUID

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

    static let columns = ["id", "store_id", "refund_id", "tid", "oid", "status", "phase", "refund_fee_fen", "reason", "good_status",
                          "created_at", "modified_at", "source_record_id"]

    var values: [ColumnValue] {
        [.uuid(id), .uuid(storeId), .text(refundId), .text(tid), .text(oid), .text(status), .text(phase), .integer(refundFeeFen),
         .text(reason), .text(goodStatus), .date(createdAt), .date(modifiedAt), .uuid(sourceRecordId)]
    }

    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        storeId = try row.decode(column: "store_id", as: UUID.self)
        refundId = try row.decode(column: "refund_id", as: String.self)
        tid = try row.decode(column: "tid", as: String.self)
        oid = try row.decode(column: "oid", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        phase = try row.decode(column: "phase", as: String.self)
        refundFeeFen = try row.decode(column: "refund_fee_fen", as: Int64.self)
        reason = try row.decode(column: "reason", as: String.self)
        goodStatus = try row.decode(column: "good_status", as: String.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
        modifiedAt = try row.decode(column: "modified_at", as: Date?.self)
        sourceRecordId = try row.decode(column: "source_record_id", as: UUID.self)
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
