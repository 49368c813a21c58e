import DaiyunChannels
import DaiyunCore
import Foundation
import Testing

/// JD, Douyin and Pinduoduo behind the common interface: the signed order-list request, and
/// their orders, amounts (yuan or fen) and statuses read onto ours.
@Suite("Channel platforms")
struct ChannelPlatformsTests {
    static let store = ID<Store>(UUID())
    static let start = ShanghaiTime.parse("2026-11-21 00:00:00")!, end = ShanghaiTime.parse("2026-11-22 00:00:00")!
    static let now = ShanghaiTime.parse("2026-11-22 10:00:00")!

    static func form(_ request: ChannelRequest) -> [String: String] {
        guard case .form(let parameters) = request.body else { return [:] }
        return parameters
    }

    @Test("JD: business parameters in 360buy_param_json, signed; yuan amounts and states mapped")
    func jd() throws {
        let platform = JDOrderPlatform(appKey: "JDAPPKEY01", appSecret: "jdsecret", accessToken: "jdtoken")
        let request = platform.orderListRequest(from: Self.start, to: Self.end, page: 2, pageSize: 50, at: Self.now)
        var sent = Self.form(request)
        let removed = sent.removeValue(forKey: "sign")
        let sign = try #require(removed)
        #expect(sign == JDSignature.sign(sent, secret: "jdsecret") && sent["method"] == "jingdong.pop.order.search")
        let business = try #require(sent["360buy_param_json"])
        #expect(business.contains(#""page":"2""#) && business.contains(#""start_date":"2026-11-21 00:00:00""#))

        let answer = #"""
            {"jingdong_pop_order_search_responce":{"searchorderinfo_result":{"orderTotal":1,"orderInfoList":[{"orderId":"290012345678",
              "orderState":"WAIT_SELLER_STOCK_OUT","orderTotalPrice":"259.00","orderPayment":"239.00","freightPrice":"0.00","sellerDiscount":"20.00",
              "orderStartTime":"2026-11-21 20:00:00","paymentConfirmTime":"2026-11-21 20:01:00","modified":"2026-11-21 20:01:00","pin":"jd_buyer",
              "itemInfoList":[{"skuId":"100012","outerSkuId":"ZJ-SILK-M","skuName":"桑蚕丝衬衫 M","jdPrice":"259.00","itemTotal":"1","wareId":"900"}]}]}}}
            """#
        let (orders, more) = try platform.orderPage(Data(answer.utf8), store: Self.store)
        let order = try #require(orders.first)
        #expect(!more && order.tid == "290012345678" && order.status == .waitSellerSendGoods && order.payment == Money(fen: 23_900))
        #expect(order.discountFee == Money(fen: 2_000) && order.lines[0].outerSkuID == "ZJ-SILK-M" && order.countsAsPaid)
        #expect(
            JDOrderPlatform.status("TRADE_CANCELED", paid: false) == .closedByTaobao
                && JDOrderPlatform.status("FINISHED_L", paid: true) == .finished)
        #expect(throws: ChannelAPIError.self) {
            try platform.orderPage(Data(#"{"error_response":{"code":"19","zh_desc":"token已过期"}}"#.utf8), store: Self.store)
        }
    }

    @Test("Douyin: signed query, canonical JSON body with 0-based pages; fen amounts and unix times mapped")
    func douyin() throws {
        let platform = DouyinOrderPlatform(appKey: "7043675397937989128", appSecret: "secret123", accessToken: "dytoken")
        let request = platform.orderListRequest(from: Self.start, to: Self.end, page: 1, pageSize: 10, at: Self.now)
        guard case .json(let body) = request.body else {
            Issue.record("Douyin sends JSON")
            return
        }
        #expect(body.contains(#""page":0"#) && body.hasPrefix(#"{"order_asc":false,"order_by":"update_time","page":0"#))
        let timestamp = Int64(Self.now.timeIntervalSince1970)
        #expect(
            request.query["sign"]
                == DouyinSignature.sign(
                    appKey: "7043675397937989128", secret: "secret123", method: "order.searchList", paramJSON: body, timestamp: timestamp))
        #expect(request.url.hasSuffix("/order/searchList") && request.query["v"] == "2")

        let answer = #"""
            {"code":10000,"msg":"success","data":{"total":1,"page":0,"size":10,"shop_order_list":[{"order_id":"6920012345678901234",
              "order_status":3,"pay_time":1763726460,"create_time":1763726400,"update_time":1763730000,"order_amount":13900,"pay_amount":12900,
              "post_amount":0,"promotion_amount":1000,"user_nickname":"抖音用户",
              "sku_order_list":[{"order_id":"6920012345678901235","sku_id":"1771","out_sku_id":"HY-SERUM-30","product_name":"烟酰胺精华液","item_num":1,
                "goods_price":13900,"pay_amount":12900}]}]}}
            """#
        let (orders, more) = try platform.orderPage(Data(answer.utf8), store: Self.store)
        let order = try #require(orders.first)
        #expect(
            !more && order.status == .waitBuyerConfirmGoods && order.payment == Money(fen: 12_900) && order.totalFee == Money(fen: 13_900))
        #expect(order.createdAt == Date(timeIntervalSince1970: 1_763_726_400) && order.lines[0].oid == "6920012345678901235")
        #expect(DouyinOrderPlatform.status(4, paid: true) == .closed && DouyinOrderPlatform.status(4, paid: false) == .closedByTaobao)
        #expect(throws: ChannelAPIError(channel: "Douyin", code: "isv.token-expired", message: "access_token已过期")) {
            try platform.orderPage(
                Data(#"{"code":30002,"msg":"fail","sub_code":"isv.token-expired","sub_msg":"access_token已过期"}"#.utf8), store: Self.store)
        }
    }

    @Test("Pinduoduo: every parameter signed, unix timestamps; yuan amounts and statuses mapped")
    func pdd() throws {
        let platform = PDDOrderPlatform(clientID: "pddclient01", clientSecret: "pddsecret", accessToken: "pddtoken")
        let request = platform.orderListRequest(from: Self.start, to: Self.end, page: 1, pageSize: 50, at: Self.now)
        var sent = Self.form(request)
        let removed = sent.removeValue(forKey: "sign")
        let sign = try #require(removed)
        #expect(sign == PDDSignature.sign(sent, secret: "pddsecret"))
        #expect(sent["start_confirm_at"] == String(Int64(Self.start.timeIntervalSince1970)) && sent["type"] == "pdd.order.list.get")

        let answer = #"""
            {"order_list_get_response":{"total_count":1,"has_next":true,"order_list":[{"order_sn":"261121-123456789012345","order_status":1,
              "refund_status":1,"pay_amount":"86.90","goods_amount":"89.00","discount_amount":"10.10","postage":"8.00",
              "created_time":"2026-11-21 19:00:00","confirm_time":"2026-11-21 19:00:30","updated_at":"2026-11-21 19:00:30",
              "item_list":[{"goods_id":"1001","sku_id":"2002","outer_id":"HT-RICE-5","goods_name":"五常大米 5kg","goods_count":1,"goods_price":"89.00"}]}]}}
            """#
        let (orders, more) = try platform.orderPage(Data(answer.utf8), store: Self.store)
        let order = try #require(orders.first)
        #expect(more && order.tid == "261121-123456789012345" && order.status == .waitSellerSendGoods)
        #expect(order.payment == Money(fen: 8_690) && order.totalFee == Money(fen: 9_700) && order.postFee == Money(fen: 800))
        #expect(PDDOrderPlatform.status(orderStatus: 2, refundStatus: 4) == .closed, "a refunded order is closed")
        let bad = answer.replacingOccurrences(of: #""pay_amount":"86.90""#, with: #""pay_amount":"86.905""#)
        #expect(throws: ChannelDataError.self) { try platform.orderPage(Data(bad.utf8), store: Self.store) }
    }
}
