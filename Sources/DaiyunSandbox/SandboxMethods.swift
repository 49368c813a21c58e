import DaiyunChannels
import DaiyunCore
import Foundation

/// The API methods the sandbox answers, each as the platform pages, orders and limits it.
struct SandboxMethods {
    let shop: SandboxShop
    let parameters: [String: String]
    let now: Date
    let partialLists: Bool

    /// Types returned when a call names none (protocols.md §1.4: the rest go missing).
    static let defaultTypes: Set<String> = ["guarantee_trade", "auto_delivery", "ec", "cod", "step"]

    func answer(_ method: String) async throws -> [String: Any] {
        switch method {
        case "taobao.trades.sold.increment.get": return try await increment()
        case "taobao.trade.fullinfo.get": return try await fullInfo()
        case "taobao.refunds.receive.get": return try await refunds()
        case "taobao.item.quantity.update": return try await quantityUpdate()
        case "taobao.logistics.offline.send": return try await offlineSend()
        case "taobao.items.onsale.get": return await onSale()
        case "taobao.traderates.get": return try await tradeRates()
        case let method where method.hasPrefix("taobao.universalbp.report.query."):
            guard let level = TOPAdReportLevel.allCases.first(where: { $0.method == method }) else {
                throw SandboxFailure(22, "Invalid Method", subMessage: "不存在的方法名:\(method)")
            }
            return try await adReport(level)
        default: throw SandboxFailure(22, "Invalid Method", subMessage: "不存在的方法名:\(method)")
        }
    }

    func required(_ name: String) throws -> String {
        guard let value = parameters[name], !value.isEmpty else { throw SandboxFailure.missing(name) }
        return value
    }

    func time(_ name: String) throws -> Date {
        guard let date = ShanghaiTime.parse(try required(name)) else {
            throw SandboxFailure.invalid(name, "\(name)格式错误，应为yyyy-MM-dd HH:mm:ss")
        }
        return date
    }

    /// page_no (from 1) and page_size (up to `maxSize`).
    func paging(defaultSize: Int, maxSize: Int) throws -> (page: Int, size: Int) {
        let page = Int(parameters["page_no"] ?? "1") ?? 0
        let size = Int(parameters["page_size"] ?? String(defaultSize)) ?? 0
        guard (1...1_000_000).contains(page) else { throw SandboxFailure.invalid("page_no", "page_no必须在1到1000000之间") }
        guard (1...maxSize).contains(size) else { throw SandboxFailure.invalid("page_size", "page_size必须在1到\(maxSize)之间") }
        return (page, size)
    }

    func page<T>(_ all: [T], _ paging: (page: Int, size: Int)) -> [T] {
        let start = (paging.page - 1) * paging.size
        return start < all.count ? Array(all[start..<min(start + paging.size, all.count)]) : []
    }

    func listResult<T>(_ all: [T], _ paging: (page: Int, size: Int), key: String, element: String, render: (T) -> [String: Any]) -> [String:
        Any]
    {
        let items = page(all, paging).map(render)
        var result: [String: Any] = [:]
        if parameters["use_has_next"] == "true" {
            result["has_next"] = paging.page * paging.size < all.count
        } else {
            result["total_results"] = all.count
        }
        if !items.isEmpty { result[key] = [element: items] }
        return result
    }

    func increment() async throws -> [String: Any] {
        _ = try required("fields")
        let start = try time("start_modified")
        let end = try time("end_modified")
        guard start <= end else { throw SandboxFailure.invalid("end_modified", "end_modified必须大于start_modified") }
        guard end.timeIntervalSince(start) <= 86_400 else {
            throw SandboxFailure.invalid("end_modified", "start_modified与end_modified的间隔不能超过一天")
        }
        let paging = try paging(defaultSize: 40, maxSize: 100)
        let types =
            parameters["type"].map { Set($0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }) }
            ?? Self.defaultTypes
        let trades = await shop.trades(modifiedFrom: start, to: end, types: types)
        return listResult(trades, paging, key: "trades", element: "trade") { trade in
            var rendered = SandboxJSON.trade(trade)
            if partialLists { rendered["orders"] = nil }
            return rendered
        }
    }

    func fullInfo() async throws -> [String: Any] {
        _ = try required("fields")
        let tid = try required("tid")
        guard let trade = await shop.trade(tid) else {
            throw SandboxFailure(15, "Remote service error", sub: "isv.trade-not-exist", subMessage: "交易\(tid)不存在")
        }
        return ["trade": SandboxJSON.trade(trade)]
    }

    func refunds() async throws -> [String: Any] {
        _ = try required("fields")
        let start = parameters["start_modified"].flatMap { ShanghaiTime.parse($0) } ?? TOPHistory.earliest(at: now)
        let end = parameters["end_modified"].flatMap { ShanghaiTime.parse($0) } ?? now
        let paging = try paging(defaultSize: 40, maxSize: 100)
        let refunds = await shop.refunds(modifiedFrom: start, to: end)
        return listResult(refunds, paging, key: "refunds", element: "refund", render: SandboxJSON.refund)
    }

    func quantityUpdate() async throws -> [String: Any] {
        let item = try required("num_iid")
        guard let quantity = Int(try required("quantity")) else { throw SandboxFailure.invalid("quantity", "quantity必须是整数") }
        let incremental = parameters["type"] == "2"
        do {
            let listing = try await shop.updateQuantity(
                itemID: item, skuID: parameters["sku_id"], outerID: parameters["outer_id"],
                quantity: quantity, incremental: incremental)
            return ["item": ["num_iid": Int64(listing.itemID) ?? 0, "num": listing.quantity, "modified": ShanghaiTime.format(now)]]
        } catch SandboxShop.WriteError.negativeQuantity {
            throw SandboxFailure.invalid("quantity", "全量更新时quantity不能小于0")
        } catch {
            throw SandboxFailure(15, "Remote service error", sub: "isv.item-not-exist", subMessage: "商品\(item)不存在或SKU不存在")
        }
    }

    func offlineSend() async throws -> [String: Any] {
        let tid = try required("tid")
        let waybill = try required("out_sid")
        let company = try required("company_code")
        let split = parameters["is_split"] == "1"
        let oids = split ? try required("sub_tid").split(separator: ",").map(String.init) : nil
        do {
            try await shop.ship(tid: tid, oids: oids, companyCode: company, waybill: waybill, at: now)
            return ["shipping": ["is_success": true]]
        } catch SandboxShop.WriteError.notShippable(let status) {
            throw SandboxFailure(
                15, "Remote service error", sub: "isv.logistics-offline-service-error:B04", subMessage: "订单状态\(status.rawValue)不允许发货")
        } catch {
            throw SandboxFailure(15, "Remote service error", sub: "isv.trade-not-exist", subMessage: "交易\(tid)不存在")
        }
    }

    /// Reviews: only buyers' reviews of the seller are simulated; the last 180 days at most.
    func tradeRates() async throws -> [String: Any] {
        _ = try required("fields")
        guard try required("rate_type") == "get", try required("role") == "buyer" else {
            return parameters["use_has_next"] == "true" ? ["has_next": false] : ["total_results": 0]
        }
        let earliest = now.addingTimeInterval(-180 * 86_400)
        let start = max(parameters["start_date"].flatMap { ShanghaiTime.parse($0) } ?? earliest, earliest)
        let end = parameters["end_date"].flatMap { ShanghaiTime.parse($0) } ?? now
        let paging = try paging(defaultSize: 40, maxSize: 150)
        guard paging.page <= 200 else { throw SandboxFailure.invalid("page_no", "page_no不能大于200") }
        let reviews = await shop.reviews(createdFrom: start, to: end)
        return listResult(reviews, paging, key: "trade_rates", element: "trade_rate", render: SandboxJSON.review)
    }

    func onSale() async -> [String: Any] {
        let listings = await shop.listings
        let items = Dictionary(grouping: listings, by: \.itemID).sorted { $0.key < $1.key }.map { itemID, skus -> [String: Any] in
            [
                "num_iid": Int64(itemID) ?? 0, "title": skus[0].title, "num": skus.reduce(0) { $0 + $1.quantity },
                "approve_status": "onsale",
                "price": skus.map(\.price).min()!.yuanString,
            ]
        }
        return ["total_results": items.count, "items": ["item": items]]
    }
}

/// Trades and refunds in the platform's JSON: numbers for ids, yuan strings for money.
enum SandboxJSON {
    static func trade(_ order: Order) -> [String: Any] {
        var trade: [String: Any] = [
            "tid": Int64(order.tid) ?? 0, "status": order.status.rawValue, "type": order.type,
            "created": ShanghaiTime.format(order.createdAt),
            "payment": order.payment.yuanString, "post_fee": order.postFee.yuanString, "total_fee": order.totalFee.yuanString,
            "discount_fee": order.discountFee.yuanString, "buyer_nick": order.buyerNick,
            "orders": ["order": order.lines.map(line)],
        ]
        trade["buyer_open_uid"] = order.buyerOpenUID
        trade["pay_time"] = order.paidAt.map(ShanghaiTime.format)
        trade["modified"] = order.modifiedAt.map(ShanghaiTime.format)
        trade["consign_time"] = order.consignedAt.map(ShanghaiTime.format)
        trade["end_time"] = order.finishedAt.map(ShanghaiTime.format)
        trade["step_trade_status"] = order.stepStatus?.rawValue
        if !order.receiver.isEmpty {
            // TOP reports the address in parts; the sandbox's are the simulator's spaced line.
            let parts = order.receiver.address.split(separator: " ", maxSplits: 3).map(String.init)
            for (key, part) in zip(["receiver_state", "receiver_city", "receiver_district", "receiver_address"], parts) {
                trade[key] = part
            }
            trade["receiver_name"] = order.receiver.name
            trade["receiver_mobile"] = order.receiver.mobile
            trade["receiver_phone"] = order.receiver.phone
        }
        return trade
    }

    static func line(_ line: OrderLine) -> [String: Any] {
        var result: [String: Any] = [
            "oid": Int64(line.oid) ?? 0, "num_iid": Int64(line.itemID) ?? 0, "outer_sku_id": line.outerSkuID, "title": line.title,
            "sku_properties_name": line.skuProperties, "price": line.price.yuanString, "num": line.quantity,
            "total_fee": line.totalFee.yuanString, "payment": line.payment.yuanString, "status": line.status.rawValue,
        ]
        if !line.skuID.isEmpty { result["sku_id"] = line.skuID }
        if !line.refundStatus.isEmpty { result["refund_status"] = line.refundStatus }
        return result
    }

    static func review(_ review: Review) -> [String: Any] {
        [
            "tid": Int64(review.tid) ?? 0, "oid": Int64(review.oid) ?? 0, "role": "buyer", "nick": review.buyerNick,
            "result": review.result.rawValue,
            "created": ShanghaiTime.format(review.createdAt), "item_title": review.itemTitle, "content": review.content,
            "reply": review.reply,
        ]
    }

    static func refund(_ refund: Refund) -> [String: Any] {
        var result: [String: Any] = [
            "refund_id": Int64(refund.refundID) ?? 0, "tid": Int64(refund.tid) ?? 0, "oid": Int64(refund.oid) ?? 0,
            "status": refund.status.rawValue, "refund_phase": refund.phase.rawValue, "refund_fee": refund.refundFee.yuanString,
            "reason": refund.reason, "good_status": refund.goodStatus, "created": ShanghaiTime.format(refund.createdAt),
        ]
        result["modified"] = refund.modifiedAt.map(ShanghaiTime.format)
        return result
    }
}
