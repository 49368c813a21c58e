import DaiyunCore
import Foundation

/// Douyin 抖店 orders through `order.searchList`: system parameters in the query, the canonical
/// `param_json` as the body, pages from 0, amounts in fen, times in unix seconds.
public struct DouyinOrderPlatform: OrderListPlatform {
    public var gateway = "https://openapi-fxg.jinritemai.com"
    public var appKey: String
    public var appSecret: String
    public var accessToken: String

    public init(appKey: String, appSecret: String, accessToken: String) {
        self.appKey = appKey
        self.appSecret = appSecret
        self.accessToken = accessToken
    }

    public func orderListRequest(from start: Date, to end: Date, page: Int, pageSize: Int, at now: Date) -> ChannelRequest {
        let body = CanonicalParamJSON.canonical([
            "update_time_start": .number(String(Int64(start.timeIntervalSince1970))),
            "update_time_end": .number(String(Int64(end.timeIntervalSince1970))),
            "page": .number(String(page - 1)), "size": .number(String(pageSize)), "order_by": .string("update_time"),
            "order_asc": .bool(false),
        ])
        let timestamp = Int64(now.timeIntervalSince1970)
        let method = "order.searchList"
        let query = [
            "app_key": appKey, "method": method, "timestamp": String(timestamp), "v": "2", "sign_method": "hmac-sha256",
            "access_token": accessToken,
            "sign": DouyinSignature.sign(appKey: appKey, secret: appSecret, method: method, paramJSON: body, timestamp: timestamp),
        ]
        return ChannelRequest(url: gateway + "/order/searchList", query: query, body: .json(body))
    }

    public func orderPage(_ body: Data, store: ID<Store>) throws -> (orders: [Order], hasNext: Bool) {
        let root = try LooseJSON.object(body)
        let code = LooseJSON.text(root["code"]) ?? ""
        guard code == "10000" else {
            throw ChannelAPIError(
                channel: "Douyin", code: LooseJSON.text(root["sub_code"]) ?? code,
                message: LooseJSON.text(root["sub_msg"]) ?? LooseJSON.text(root["msg"]) ?? "")
        }
        let data = root["data"] as? [String: Any] ?? [:]
        let list = data["shop_order_list"] as? [[String: Any]] ?? []
        let orders = try list.map { try Self.order($0, store: store) }
        let total = LooseJSON.int(data["total"]) ?? 0
        let page = LooseJSON.int(data["page"]) ?? 0
        let size = LooseJSON.int(data["size"]) ?? max(orders.count, 1)
        return (orders, (page + 1) * size < total)
    }

    /// Douyin's `order_status` onto ours; `paid` tells a cancelled paid order from an unpaid one.
    public static func status(_ code: Int, paid: Bool) -> OrderStatus? {
        switch code {
        case 1: .waitBuyerPay
        case 105, 2: .waitSellerSendGoods
        case 101: .sellerConsignedPart
        case 3: .waitBuyerConfirmGoods
        case 4: paid ? .closed : .closedByTaobao
        case 5: .finished
        default: nil
        }
    }

    static func order(_ o: [String: Any], store: ID<Store>) throws -> Order {
        let id = LooseJSON.text(o["order_id"]) ?? ""
        let record = "Douyin order \(id)"
        let paidAt = LooseJSON.time(o["pay_time"])
        let code = LooseJSON.int(o["order_status"]) ?? -1
        guard let status = status(code, paid: paidAt != nil) else {
            throw ChannelDataError(record: record, field: "order_status", reason: "unknown status \(code)")
        }
        guard let created = LooseJSON.time(o["create_time"]) else {
            throw ChannelDataError(record: record, field: "create_time", reason: "missing")
        }
        let lines = try (o["sku_order_list"] as? [[String: Any]] ?? []).map { sku -> OrderLine in
            let quantity = LooseJSON.int(sku["item_num"]) ?? 1
            let price = try LooseJSON.fen(sku["goods_price"] ?? sku["origin_amount"], record: record, field: "goods_price")
            _ = try LooseJSON.amount(price, times: quantity, record: record, field: "item_num")
            return OrderLine(
                oid: LooseJSON.text(sku["order_id"]) ?? "", itemID: LooseJSON.text(sku["product_id"]) ?? "",
                skuID: LooseJSON.text(sku["sku_id"]) ?? "", outerSkuID: LooseJSON.text(sku["out_sku_id"]) ?? "",
                title: LooseJSON.text(sku["product_name"]) ?? "", price: price, quantity: quantity,
                payment: try LooseJSON.fen(sku["pay_amount"], record: record, field: "sku_order_list.pay_amount"), status: status)
        }
        return Order(
            storeID: store, tid: id, status: status, buyerNick: LooseJSON.text(o["user_nickname"]) ?? "",
            payment: try LooseJSON.fen(o["pay_amount"], record: record, field: "pay_amount"),
            postFee: try LooseJSON.fen(o["post_amount"], record: record, field: "post_amount"),
            totalFee: try LooseJSON.fen(o["order_amount"], record: record, field: "order_amount"),
            discountFee: try LooseJSON.fen(o["promotion_amount"], record: record, field: "promotion_amount"),
            createdAt: created, paidAt: paidAt, modifiedAt: LooseJSON.time(o["update_time"]), lines: lines)
    }
}
