import DaiyunCore
import Foundation
import SQLKit

/// The `orders` table as rows for bulk reads and writes. Property names are the columns in
/// camel case (`storeId` ↔ `store_id`), so that SQLKit's snake-case strategies map them both ways.
struct OrderRow: Codable, Sendable {
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
struct OrderLineRow: Codable, Sendable {
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
struct RefundRow: Codable, Sendable {
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

/// One encoder and decoder for all row types: snake-case columns, explicit NULLs (so that every
/// row of a multi-row INSERT has the same columns).
enum RowCoding {
    static let encoder = SQLQueryEncoder(keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
    static let decoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)

    /// Every column of a row type, for `ON CONFLICT DO UPDATE SET col = excluded.col`.
    static func columns<Row: Encodable>(of sample: Row) throws -> [String] {
        try encoder.encode(sample).map(\.0)
    }
}
