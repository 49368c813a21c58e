import Foundation

/// A buyer's order (Taobao trade, `tid`) on one store, as the channel or an export reports it.
public struct Order: Sendable, Equatable, Codable {
    public var storeID: ID<Store>
    /// The channel's order number, kept as text: it exceeds what a double holds exactly.
    public var tid: String
    public var status: OrderStatus
    /// The channel's order type (`fixed`, `step` for pre-sale, ...).
    public var type: String
    public var stepStatus: StepStatus?
    public var buyerNick: String
    public var buyerOpenUID: String?
    /// 实付: what the buyer paid, post fee included.
    public var payment: Money
    public var postFee: Money
    /// Price × quantity of all lines.
    public var totalFee: Money
    public var discountFee: Money
    public var createdAt: Date
    public var paidAt: Date?
    public var consignedAt: Date?
    public var finishedAt: Date?
    /// The channel's last-modified time; nil when the source has none (most export files).
    public var modifiedAt: Date?
    public var buyerMessage: String
    public var sellerMemo: String
    public var receiver: Receiver
    public var lines: [OrderLine]

    public init(
        storeID: ID<Store>, tid: String, status: OrderStatus, type: String = "fixed", stepStatus: StepStatus? = nil,
        buyerNick: String, buyerOpenUID: String? = nil, payment: Money, postFee: Money = .zero, totalFee: Money,
        discountFee: Money = .zero, createdAt: Date, paidAt: Date? = nil, consignedAt: Date? = nil,
        finishedAt: Date? = nil, modifiedAt: Date? = nil, buyerMessage: String = "", sellerMemo: String = "",
        receiver: Receiver = .none, lines: [OrderLine] = []
    ) {
        self.storeID = storeID
        self.tid = tid
        self.status = status
        self.type = type
        self.stepStatus = stepStatus
        self.buyerNick = buyerNick
        self.buyerOpenUID = buyerOpenUID
        self.payment = payment
        self.postFee = postFee
        self.totalFee = totalFee
        self.discountFee = discountFee
        self.createdAt = createdAt
        self.paidAt = paidAt
        self.consignedAt = consignedAt
        self.finishedAt = finishedAt
        self.modifiedAt = modifiedAt
        self.buyerMessage = buyerMessage
        self.sellerMemo = sellerMemo
        self.receiver = receiver
        self.lines = lines
    }

    public var isPreSale: Bool { stepStatus != nil }

    /// Whether the order counts as paid for GMV: a pre-sale order only once its final payment is
    /// made; any other order once its status says the buyer paid.
    public var countsAsPaid: Bool {
        if let stepStatus { return stepStatus == .fullyPaid && status.isPaid }
        return status.isPaid
    }

    /// The moment the order counts as paid (the final payment for pre-sale orders), or nil.
    public var countedPaidAt: Date? { countsAsPaid ? paidAt : nil }

    /// The Asia/Shanghai day the order counts on in the daily figures, or nil.
    public var countedDay: BusinessDay? { countedPaidAt.map(BusinessDay.init(containing:)) }

    /// The Asia/Shanghai day the buyer confirmed receipt (交易成功), when the confirmed-receipts
    /// base counts the order; nil until it is finished with its finish time.
    public var confirmedDay: BusinessDay? { status == .finished ? finishedAt.map(BusinessDay.init(containing:)) : nil }

    /// The order after a later report about it. The status and pre-sale stage only move forward;
    /// the other fields come from the report unless it is older than what is kept, so a late or
    /// repeated report never moves anything back.
    public func applying(_ report: Order) -> Order {
        precondition(report.tid == tid && report.storeID == storeID, "a report about another order")
        let reportIsOlder =
            (report.modifiedAt != nil && modifiedAt != nil && report.modifiedAt! < modifiedAt!)
            || report.status.rank < status.rank
        var merged = reportIsOlder ? self : report
        merged.status = status.merged(with: report.status)
        merged.stepStatus =
            switch (stepStatus, report.stepStatus) {
            case (let kept?, let reported?): kept.merged(with: reported)
            case (let kept, let reported): kept ?? reported
            }
        // Times once known stay known, whichever report carries them.
        merged.paidAt = merged.paidAt ?? paidAt ?? report.paidAt
        merged.consignedAt = merged.consignedAt ?? consignedAt ?? report.consignedAt
        merged.finishedAt = merged.finishedAt ?? finishedAt ?? report.finishedAt
        merged.modifiedAt = [modifiedAt, report.modifiedAt].compactMap { $0 }.max()
        // A report without the receiver (an export without its columns) keeps the one known.
        if merged.receiver.isEmpty { merged.receiver = receiver.isEmpty ? report.receiver : receiver }
        merged.lines = OrderLine.merge(kept: lines, reported: report.lines, reportIsOlder: reportIsOlder)
        return merged
    }
}

/// One line of an order (Taobao sub-order, `oid`): one SKU, a quantity and its amounts.
public struct OrderLine: Sendable, Equatable, Codable {
    public var oid: String
    /// The channel's item id (`num_iid`).
    public var itemID: String
    /// The channel's SKU id; empty for an item without SKUs.
    public var skuID: String
    /// 商家编码: the merchant code joining the line to our catalog.
    public var outerSkuID: String
    public var title: String
    /// `颜色:黑色;尺码:M`.
    public var skuProperties: String
    public var price: Money
    public var quantity: Int
    public var totalFee: Money
    public var payment: Money
    public var status: OrderStatus
    public var refundStatus: String

    public init(
        oid: String, itemID: String = "", skuID: String = "", outerSkuID: String, title: String,
        skuProperties: String = "", price: Money, quantity: Int, totalFee: Money? = nil, payment: Money,
        status: OrderStatus, refundStatus: String = ""
    ) {
        self.oid = oid
        self.itemID = itemID
        self.skuID = skuID
        self.outerSkuID = outerSkuID
        self.title = title
        self.skuProperties = skuProperties
        self.price = price
        self.quantity = quantity
        // Every entry point checks price and quantity against their bounds first (`Money.times`), so
        // the fallback to the payment is never taken by a row that gets stored.
        self.totalFee = totalFee ?? (try? price.times(quantity, field: "quantity")) ?? payment
        self.payment = payment
        self.status = status
        self.refundStatus = refundStatus
    }

    /// Lines merged by `oid`: kept lines move forward with the report, new ones are added.
    static func merge(kept: [OrderLine], reported: [OrderLine], reportIsOlder: Bool) -> [OrderLine] {
        var byOID = Dictionary(kept.map { ($0.oid, $0) }, uniquingKeysWith: { first, _ in first })
        var order = kept.map(\.oid)
        for line in reported {
            if let existing = byOID[line.oid] {
                var merged = reportIsOlder ? existing : line
                merged.status = existing.status.merged(with: line.status)
                byOID[line.oid] = merged
            } else {
                byOID[line.oid] = line
                order.append(line.oid)
            }
        }
        return order.compactMap { byOID[$0] }
    }
}
