/// An order's status in the Taobao/Tmall vocabulary, which Daiyun uses for every channel (the
/// other channels' statuses are mapped onto it).
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    case noCreatePay = "TRADE_NO_CREATE_PAY"
    case waitBuyerPay = "WAIT_BUYER_PAY"
    case payPending = "PAY_PENDING"
    case waitPreAuthConfirm = "WAIT_PRE_AUTH_CONFIRM"
    case waitSellerSendGoods = "WAIT_SELLER_SEND_GOODS"
    case sellerConsignedPart = "SELLER_CONSIGNED_PART"
    case waitBuyerConfirmGoods = "WAIT_BUYER_CONFIRM_GOODS"
    case buyerSigned = "TRADE_BUYER_SIGNED"
    case finished = "TRADE_FINISHED"
    /// Closed after payment (full refund).
    case closed = "TRADE_CLOSED"
    /// Closed before payment: never ship.
    case closedByTaobao = "TRADE_CLOSED_BY_TAOBAO"

    /// Position along the life of an order; a status never moves to a lower one.
    public var rank: Int {
        switch self {
        case .noCreatePay: 0
        case .waitBuyerPay: 1
        case .payPending, .waitPreAuthConfirm: 2
        case .waitSellerSendGoods: 3
        case .sellerConsignedPart: 4
        case .waitBuyerConfirmGoods: 5
        case .buyerSigned: 6
        case .finished, .closed, .closedByTaobao: 7
        }
    }

    /// No report moves an order out of these.
    public var isTerminal: Bool { rank == 7 }

    /// The buyer has paid (whether or not the order was later shipped, finished or refunded).
    public var isPaid: Bool {
        switch self {
        case .waitSellerSendGoods, .sellerConsignedPart, .waitBuyerConfirmGoods, .buyerSigned, .finished, .closed: true
        default: false
        }
    }

    /// Goods have left the warehouse.
    public var isShipped: Bool {
        switch self {
        case .sellerConsignedPart, .waitBuyerConfirmGoods, .buyerSigned, .finished: true
        default: false
        }
    }

    public var isClosed: Bool { self == .closed || self == .closedByTaobao }

    /// The status after a channel reports `reported`: channels report out of order and repeat
    /// themselves, so a status only ever moves forward, and a terminal one never moves.
    public func merged(with reported: OrderStatus) -> OrderStatus {
        if isTerminal { return self }
        return reported.rank > rank ? reported : self
    }

    /// Parses the API code or the Chinese text of the 千牛 export (`交易成功`, `买家已付款，等待卖家发货`…).
    /// `paid` tells a closed order that was paid (TRADE_CLOSED) from one that never was.
    public init?(channelText text: String, paid: Bool) {
        guard let (status, isCode) = channelStatus(text, codes: OrderStatus.init(rawValue:), texts: Self.exportTexts) else { return nil }
        self = !isCode && status == .closed && !paid ? .closedByTaobao : status
    }

    /// The export's Chinese texts (交易关闭 is `.closed` here; unpaid, it is `.closedByTaobao`).
    private static let exportTexts: [(String, OrderStatus)] = [
        ("等待买家付款", .waitBuyerPay), ("待付款", .waitBuyerPay),
        ("买家已付款，等待卖家发货", .waitSellerSendGoods), ("买家已付款,等待卖家发货", .waitSellerSendGoods),
        ("买家已付款", .waitSellerSendGoods), ("等待卖家发货", .waitSellerSendGoods), ("待发货", .waitSellerSendGoods),
        ("卖家部分发货", .sellerConsignedPart), ("部分发货", .sellerConsignedPart),
        ("卖家已发货，等待买家确认", .waitBuyerConfirmGoods), ("卖家已发货,等待买家确认", .waitBuyerConfirmGoods),
        ("卖家已发货", .waitBuyerConfirmGoods), ("等待买家确认收货", .waitBuyerConfirmGoods), ("已发货", .waitBuyerConfirmGoods),
        ("买家已签收", .buyerSigned), ("已签收", .buyerSigned),
        ("交易成功", .finished), ("已完成", .finished),
        ("交易关闭", .closed), ("已关闭", .closed),
    ]
}

/// The status an API code (`isCode`) or an export's Chinese text names, trimmed of spaces. Compared as
/// UTF-8 bytes: a `switch` over Chinese strings compared each case Unicode-normalised, the
/// largest cost of parsing a large export. Only a text with other than ASCII spaces around it
/// (an ideographic space, say) goes through Foundation's trimming.
func channelStatus<Status>(_ text: String, codes: (String) -> Status?, texts: [(String, Status)]) -> (Status, isCode: Bool)? {
    func find(_ text: Substring) -> (Status, isCode: Bool)? {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return codes(String(text)).map { ($0, true) } }
        return texts.first { $0.0.utf8.elementsEqual(text.utf8) }.map { ($0.1, false) }
    }
    if let status = find(text.trimmedASCII) { return status }
    return find(Substring(text.trimmingCharacters(in: .whitespaces)))
}

/// Where a pre-sale (预售) order is between its deposit and final payment.
public enum StepStatus: String, Sendable, Codable, CaseIterable {
    case nothingPaid = "FRONT_NOPAID_FINAL_NOPAID"
    case depositPaid = "FRONT_PAID_FINAL_NOPAID"
    case fullyPaid = "FRONT_PAID_FINAL_PAID"
    /// The buyer paid the deposit and never the rest: the deposit is forfeited (定金罚没).
    case depositForfeited = "FRONT_PAID_FRONT_FORFEITED"

    var rank: Int {
        switch self {
        case .nothingPaid: 0
        case .depositPaid: 1
        case .fullyPaid, .depositForfeited: 2
        }
    }

    public func merged(with reported: StepStatus) -> StepStatus {
        rank >= 2 ? self : (reported.rank > rank ? reported : self)
    }
}

/// A refund's status in the Taobao vocabulary.
public enum RefundStatus: String, Sendable, Codable, CaseIterable {
    case waitSellerAgree = "WAIT_SELLER_AGREE"
    case sellerRefused = "SELLER_REFUSE_BUYER"
    case waitBuyerReturnGoods = "WAIT_BUYER_RETURN_GOODS"
    case waitSellerConfirmGoods = "WAIT_SELLER_CONFIRM_GOODS"
    case waitSellerConsignGoods = "WAIT_SELLER_CONSIGN_GOODS"
    case waitBuyerConfirmExchange = "WAIT_BUYER_CONFIRM_EXCHANGE_SELLER_SEND_GOODS"
    case exchangeToRefund = "EXCHANGE_TRANSFORM_TO_REFUND"
    case success = "SUCCESS"
    case closed = "CLOSED"

    /// A refund that succeeded or closed never changes again (a new request gets a new id).
    public var isTerminal: Bool { self == .success || self == .closed }

    /// Parses the API code or the Chinese text of the refund export.
    public init?(channelText text: String) {
        guard let (status, _) = channelStatus(text, codes: RefundStatus.init(rawValue:), texts: Self.exportTexts) else { return nil }
        self = status
    }

    private static let exportTexts: [(String, RefundStatus)] = [
        ("买家已经申请退款，等待卖家同意", .waitSellerAgree), ("等待卖家同意", .waitSellerAgree), ("退款待处理", .waitSellerAgree),
        ("卖家拒绝退款", .sellerRefused), ("卖家拒绝", .sellerRefused),
        ("卖家已经同意退款，等待买家退货", .waitBuyerReturnGoods), ("等待买家退货", .waitBuyerReturnGoods),
        ("买家已经退货，等待卖家确认收货", .waitSellerConfirmGoods), ("等待卖家确认收货", .waitSellerConfirmGoods),
        ("退款成功", .success), ("退款关闭", .closed),
    ]
}

/// When a refund was requested: before shipment (售中) or after (售后).
public enum RefundPhase: String, Sendable, Codable, CaseIterable {
    case onsale, aftersale
}
