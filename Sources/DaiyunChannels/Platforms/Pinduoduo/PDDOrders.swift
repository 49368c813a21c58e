import DaiyunCore
import Foundation

/// Pinduoduo orders through `pdd.order.list.get` (by confirm time, as protocols.md §4 gives it):
/// every parameter signed, timestamps in unix seconds, amounts in yuan.
public struct PDDOrderPlatform: OrderListPlatform {
    public var endpoint = "https://gw-api.pinduoduo.com/api/router"
    public var clientID: String
    public var clientSecret: String
    public var accessToken: String

    public init(clientID: String, clientSecret: String, accessToken: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.accessToken = accessToken
    }

    public func orderListRequest(from start: Date, to end: Date, page: Int, pageSize: Int, at now: Date) -> ChannelRequest {
        var parameters = [
            "type": "pdd.order.list.get", "client_id": clientID, "access_token": accessToken,
            "timestamp": String(Int64(now.timeIntervalSince1970)), "data_type": "JSON",
            "order_status": "5", "refund_status": "5",
            "start_confirm_at": String(Int64(start.timeIntervalSince1970)), "end_confirm_at": String(Int64(end.timeIntervalSince1970)),
            "page": String(page), "page_size": String(pageSize), "use_has_next": "true",
        ]
        parameters["sign"] = PDDSignature.sign(parameters, secret: clientSecret)
        return ChannelRequest(url: endpoint, query: [:], body: .form(parameters))
    }

    public func orderPage(_ body: Data, store: ID<Store>) throws -> (orders: [Order], hasNext: Bool) {
        let root = try LooseJSON.object(body)
        if let error = root["error_response"] as? [String: Any] {
            throw ChannelAPIError(
                channel: "Pinduoduo", code: LooseJSON.text(error["error_code"]) ?? "?",
                message: LooseJSON.text(error["sub_msg"]) ?? LooseJSON.text(error["error_msg"]) ?? "")
        }
        let response = root["order_list_get_response"] as? [String: Any] ?? [:]
        let orders = try (response["order_list"] as? [[String: Any]] ?? []).map { try Self.order($0, store: store) }
        return (orders, (response["has_next"] as? Bool) ?? false)
    }

    /// Pinduoduo's `order_status` and `refund_status` onto ours.
    public static func status(orderStatus: Int, refundStatus: Int) -> OrderStatus? {
        if refundStatus == 4 { return .closed }
        return switch orderStatus {
        case 1: .waitSellerSendGoods
        case 2: .waitBuyerConfirmGoods
        case 3: .finished
        default: nil
        }
    }

    static func order(_ o: [String: Any], store: ID<Store>) throws -> Order {
        let id = LooseJSON.text(o["order_sn"]) ?? ""
        let record = "Pinduoduo order \(id)"
        let code = LooseJSON.int(o["order_status"]) ?? -1
        guard let status = status(orderStatus: code, refundStatus: LooseJSON.int(o["refund_status"]) ?? 1) else {
            throw ChannelDataError(record: record, field: "order_status", reason: "unknown status \(code)")
        }
        guard let created = LooseJSON.time(o["created_time"]) else {
            throw ChannelDataError(record: record, field: "created_time", reason: "missing")
        }
        let lines = try (o["item_list"] as? [[String: Any]] ?? []).enumerated().map { index, item -> OrderLine in
            let price = try LooseJSON.yuan(item["goods_price"], record: record, field: "goods_price")
            let quantity = LooseJSON.int(item["goods_count"]) ?? 1
            return OrderLine(
                oid: "\(id)-\(index + 1)", itemID: LooseJSON.text(item["goods_id"]) ?? "", skuID: LooseJSON.text(item["sku_id"]) ?? "",
                outerSkuID: LooseJSON.text(item["outer_id"]) ?? "", title: LooseJSON.text(item["goods_name"]) ?? "",
                price: price, quantity: quantity,
                payment: try LooseJSON.amount(price, times: quantity, record: record, field: "goods_count"), status: status)
        }
        let goods = try LooseJSON.yuan(o["goods_amount"], record: record, field: "goods_amount")
        let postage = try LooseJSON.yuan(o["postage"], record: record, field: "postage")
        return Order(
            storeID: store, tid: id, status: status, buyerNick: "",
            payment: try LooseJSON.yuan(o["pay_amount"], record: record, field: "pay_amount"), postFee: postage,
            totalFee: goods + postage, discountFee: try LooseJSON.yuan(o["discount_amount"], record: record, field: "discount_amount"),
            createdAt: created, paidAt: LooseJSON.time(o["confirm_time"]), consignedAt: LooseJSON.time(o["shipping_time"]),
            finishedAt: LooseJSON.time(o["receive_time"]), modifiedAt: LooseJSON.time(o["updated_at"]), lines: lines)
    }
}
