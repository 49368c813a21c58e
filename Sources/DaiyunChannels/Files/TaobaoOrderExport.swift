import DaiyunCore
import Foundation

/// The 千牛/淘宝 "已卖出的宝贝" order report (订单报表), one row per order, read by header name.
public enum TaobaoOrderExport {
    static let required = [["订单编号"], ["订单状态"], ["买家实际支付金额"], ["订单创建时间"]]

    /// Parses the file into order reports for `store`. A repeated order number is an error on the
    /// later row, naming the line of the first.
    public static func parse(_ data: Data, store: ID<Store>) throws -> ParsedFile<Order> {
        let table = try ExportTable(data)
        try table.require(required)
        var firstLine: [String: Int] = [:]
        return table.parse { row in
            let tid = try row.number("订单编号")
            if let first = firstLine[tid] { throw row.error("订单编号", "duplicate order \(tid), first on line \(first)") }
            let payment = try row.money("买家实际支付金额")
            let postFee = try row.money("买家应付邮费", default: .zero)
            let goods = try row.money("买家应付货款", default: payment - postFee)
            let created = try row.time("订单创建时间", required: true)!
            let paid = try row.time("订单付款时间", required: false)
            let statusText = try row.required("订单状态")
            guard let status = OrderStatus(channelText: statusText, paid: paid != nil) else {
                throw row.error("订单状态", "unknown status: \(statusText)")
            }
            if status.isPaid && paid == nil { throw row.error("订单付款时间", "is empty, but the order is \(statusText)") }
            let total = try row.money("总金额", default: goods + postFee)
            let order = Order(
                storeID: store, tid: tid, status: status, buyerNick: try row.optional("买家会员名") ?? "",
                payment: payment, postFee: postFee, totalFee: total, discountFee: .zero, createdAt: created, paidAt: paid,
                buyerMessage: try row.optional("买家留言") ?? "", sellerMemo: try row.optional("订单备注") ?? ""
            )
            firstLine[tid] = row.line
            return order
        }
    }
}

/// The 宝贝报表: one row per order line, joined to orders by 订单编号. Lines get the id
/// `<订单编号>-<n>`, n counting the order's lines in file order, so a re-import finds the same lines.
public enum TaobaoLineExport {
    static let required = [["订单编号"], ["标题"], ["价格"], ["购买数量"]]

    public struct Line: Sendable {
        public var tid: String
        public var line: OrderLine
    }

    public static func parse(_ data: Data) throws -> ParsedFile<Line> {
        let table = try ExportTable(data)
        try table.require(required)
        var counts: [String: Int] = [:]
        return table.parse { row in
            let tid = try row.number("订单编号")
            let price = try row.money("价格")
            let quantity = try row.int("购买数量")
            guard quantity > 0 else { throw row.error("购买数量", "must be at least 1") }
            let statusText = try row.optional("订单状态") ?? ""
            let status = OrderStatus(channelText: statusText, paid: true) ?? .waitSellerSendGoods
            let n = (counts[tid] ?? 0) + 1
            counts[tid] = n
            let properties = [try row.optional("商品属性"), try row.optional("套餐信息")].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ";")
            let line = OrderLine(
                oid: "\(tid)-\(n)", outerSkuID: try row.optional("商家编码", "外部系统编号") ?? "", title: try row.required("标题"),
                skuProperties: properties, price: price, quantity: quantity,
                payment: Money(fen: price.fen * Int64(quantity)), status: status
            )
            return Line(tid: tid, line: line)
        }
    }
}

/// The refund report (退款报表). Its headers vary by back office; the usual names and their
/// variants are accepted.
public enum RefundExport {
    static let required = [["退款编号"], ["订单编号"], ["退款状态"], ["买家退款金额", "退款金额"], ["退款申请时间", "申请时间"]]

    public static func parse(_ data: Data, store: ID<Store>) throws -> ParsedFile<Refund> {
        let table = try ExportTable(data)
        try table.require(required)
        return table.parse { row in
            let refundID = try row.number("退款编号")
            let tid = try row.number("订单编号")
            let statusText = try row.required("退款状态")
            guard let status = RefundStatus(channelText: statusText) else { throw row.error("退款状态", "unknown status: \(statusText)") }
            let phaseText = try row.optional("退款阶段", "售中或售后") ?? ""
            let phase: RefundPhase = phaseText.contains("售中") || phaseText == "onsale" ? .onsale : .aftersale
            return Refund(
                storeID: store, refundID: refundID, tid: tid, oid: try row.optional("子订单编号").flatMap { $0.isEmpty ? nil : $0 } ?? tid,
                status: status, phase: phase, refundFee: try row.money("买家退款金额", "退款金额"),
                reason: try row.optional("退款原因", "退款的原因") ?? "", goodStatus: try row.optional("货物状态") ?? "",
                createdAt: try row.time("退款申请时间", "申请时间", required: true)!,
                modifiedAt: try row.time("退款修改时间", "修改时间", "退款完结时间", required: false)
            )
        }
    }
}

/// The catalog CSV (Daiyun's own, also written by the catalog export): one row per SKU; rows with
/// the same product title belong to one product. Chinese or English headers.
public enum CatalogFile {
    static let required = [["商品标题", "title"], ["商家编码", "outer_id"], ["售价", "list_price"]]

    /// The header the catalog export writes.
    public static let header = ["商品标题", "类目", "主图", "卖点", "详情", "商家编码", "条码", "销售属性", "售价", "最低价", "成本"]

    public struct Row: Sendable {
        public var product: ProductDraft
        public var sku: SKUDraft
    }

    public static func parse(_ data: Data) throws -> ParsedFile<Row> {
        let table = try ExportTable(data)
        try table.require(required)
        var firstLine: [String: Int] = [:]
        return table.parse { row in
            let list = try row.money("售价", "list_price")
            let floor = try row.money("最低价", "floor_price", default: list)
            let outer = try row.required("商家编码", "outer_id")
            if let first = firstLine[outer] { throw row.error("商家编码", "duplicate merchant code \(outer), first on line \(first)") }
            do {
                let product = try ProductDraft(
                    title: try row.required("商品标题", "title"), category: try row.optional("类目", "category") ?? "",
                    mainImageURL: try row.optional("主图", "main_image_url") ?? "", sellingPoints: try row.optional("卖点", "selling_points") ?? "",
                    detail: try row.optional("详情", "detail") ?? "")
                let sku = try SKUDraft(
                    outerID: outer, barcode: try row.optional("条码", "barcode") ?? "", properties: try row.optional("销售属性", "properties") ?? "",
                    listPrice: list, floorPrice: floor, cost: try row.money("成本", "cost", default: .zero))
                firstLine[outer] = row.line
                return Row(product: product, sku: sku)
            } catch let error as ValidationError {
                throw row.error(error.field, error.reason)
            }
        }
    }
}
