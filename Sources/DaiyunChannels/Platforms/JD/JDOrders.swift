import DaiyunCore
import Foundation

/// JD 宙斯/JOS orders through `jingdong.pop.order.search`: business parameters in the one JSON
/// field `360buy_param_json`, amounts in yuan, statuses mapped onto ours. The answer's field
/// names follow third-party clients (protocols.md §2: unconfirmed against the JOS documents).
public struct JDOrderPlatform: OrderListPlatform {
    public var endpoint = "https://api.jd.com/routerjson"
    public var appKey: String
    public var appSecret: String
    public var accessToken: String

    public init(appKey: String, appSecret: String, accessToken: String) {
        self.appKey = appKey
        self.appSecret = appSecret
        self.accessToken = accessToken
    }

    public func orderListRequest(from start: Date, to end: Date, page: Int, pageSize: Int, at now: Date) -> ChannelRequest {
        let business = CanonicalParamJSON.canonical([
            "start_date": .string(ShanghaiTime.format(start)), "end_date": .string(ShanghaiTime.format(end)),
            "order_state": .string(
                "WAIT_SELLER_STOCK_OUT,WAIT_GOODS_RECEIVE_CONFIRM,WAIT_SELLER_DELIVERY,POP_ORDER_PAUSE,FINISHED_L,TRADE_CANCELED,LOCKED"),
            "optional_fields": .string(
                "orderId,orderState,orderTotalPrice,orderPayment,freightPrice,sellerDiscount,orderStartTime,paymentConfirmTime,modified,pin,itemInfoList"
            ),
            "page": .string(String(page)), "page_size": .string(String(pageSize)), "dateType": .string("0"), "sortType": .string("1"),
        ])
        var parameters = [
            "method": "jingdong.pop.order.search", "app_key": appKey, "access_token": accessToken,
            "timestamp": ShanghaiTime.format(now), "v": "2.0", "format": "json", "sign_method": "md5", "360buy_param_json": business,
        ]
        parameters["sign"] = JDSignature.sign(parameters, secret: appSecret)
        return ChannelRequest(url: endpoint, query: [:], body: .form(parameters))
    }

    public func orderPage(_ body: Data, store: ID<Store>) throws -> (orders: [Order], hasNext: Bool) {
        let root = try LooseJSON.object(body)
        if let error = root["error_response"] as? [String: Any] {
            throw ChannelAPIError(
                channel: "JD", code: LooseJSON.text(error["code"]) ?? "?",
                message: LooseJSON.text(error["zh_desc"]) ?? LooseJSON.text(error["en_desc"]) ?? "")
        }
        let response = root["jingdong_pop_order_search_responce"] as? [String: Any]
        let result = response?["searchorderinfo_result"] as? [String: Any] ?? [:]
        let list = result["orderInfoList"] as? [[String: Any]] ?? []
        let orders = try list.map { try Self.order($0, store: store) }
        let total = LooseJSON.int(result["orderTotal"]) ?? orders.count
        return (orders, orders.count > 0 && total > orders.count)
    }

    /// JD's order states onto ours; `paid` tells a cancelled paid order from an unpaid one.
    public static func status(_ state: String, paid: Bool) -> OrderStatus? {
        switch state {
        case "WAIT_SELLER_STOCK_OUT", "WAIT_SELLER_DELIVERY", "POP_ORDER_PAUSE", "LOCKED", "WAIT_SEND_CODE": .waitSellerSendGoods
        case "WAIT_GOODS_RECEIVE_CONFIRM": .waitBuyerConfirmGoods
        case "FINISHED_L": .finished
        case "TRADE_CANCELED": paid ? .closed : .closedByTaobao
        default: nil
        }
    }

    static func order(_ o: [String: Any], store: ID<Store>) throws -> Order {
        let id = LooseJSON.text(o["orderId"]) ?? ""
        let record = "JD order \(id)"
        let paidAt = LooseJSON.time(o["paymentConfirmTime"])
        let state = LooseJSON.text(o["orderState"]) ?? ""
        guard let status = status(state, paid: paidAt != nil) else {
            throw ChannelDataError(record: record, field: "orderState", reason: "unknown state \(state)")
        }
        guard let created = LooseJSON.time(o["orderStartTime"]) else {
            throw ChannelDataError(record: record, field: "orderStartTime", reason: "missing")
        }
        let items = o["itemInfoList"] as? [[String: Any]] ?? []
        let lines = try items.enumerated().map { index, item -> OrderLine in
            let price = try LooseJSON.yuan(item["jdPrice"], record: record, field: "jdPrice")
            let quantity = LooseJSON.int(item["itemTotal"]) ?? 1
            return OrderLine(
                oid: "\(id)-\(index + 1)", itemID: LooseJSON.text(item["wareId"]) ?? "", skuID: LooseJSON.text(item["skuId"]) ?? "",
                outerSkuID: LooseJSON.text(item["outerSkuId"]) ?? "", title: LooseJSON.text(item["skuName"]) ?? "",
                price: price, quantity: quantity, payment: try LooseJSON.amount(price, times: quantity, record: record, field: "itemTotal"),
                status: status)
        }
        return Order(
            storeID: store, tid: id, status: status, buyerNick: LooseJSON.text(o["pin"]) ?? "",
            payment: try LooseJSON.yuan(o["orderPayment"], record: record, field: "orderPayment"),
            postFee: try LooseJSON.yuan(o["freightPrice"], record: record, field: "freightPrice"),
            totalFee: try LooseJSON.yuan(o["orderTotalPrice"], record: record, field: "orderTotalPrice"),
            discountFee: try LooseJSON.yuan(o["sellerDiscount"], record: record, field: "sellerDiscount"),
            createdAt: created, paidAt: paidAt, modifiedAt: LooseJSON.time(o["modified"]), lines: lines)
    }
}
