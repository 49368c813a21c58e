import DaiyunCore
import Foundation

/// The 千牛/淘宝 "已卖出的宝贝" order report (订单报表), one row per order, read by header name.
public enum TaobaoOrderExport {
    static let required = [["订单编号"], ["订单状态"], ["买家实际支付金额"], ["订单创建时间"]]

    /// Parses the file into order reports for `store`. A repeated order number is an error on the
    /// later row, naming the line of the first.
    public static func parse(_ data: Data, store: ID<Store>) throws -> ParsedFile<Order> {
        let (table, parse) = try reader(data, store: store)
        return table.parse(parse)
    }

    /// Parses the file as `parse` does, handing its orders to `each` a chunk at a time.
    public static func stream(_ data: Data, store: ID<Store>, chunksOf size: Int, each: ([Order]) async throws -> Void) async throws
        -> ParsedFile<Order>
    {
        let (table, parse) = try reader(data, store: store)
        return try await table.stream(chunksOf: size, parse, each: each)
    }

    /// The file's table and the parser of its rows (which remembers each order number's line).
    static func reader(_ data: Data, store: ID<Store>) throws -> (ExportTable, (ExportRow) throws -> Order) {
        let table = try ExportTable(data)
        try table.require(required)
        let column = (
            tid: table.column("订单编号"), payment: table.column("买家实际支付金额"), postFee: table.column("买家应付邮费"),
            goods: table.column("买家应付货款"), created: table.column("订单创建时间"), paid: table.column("订单付款时间"),
            status: table.column("订单状态"), total: table.column("总金额"), buyer: table.column("买家会员名"),
            message: table.column("买家留言"), memo: table.column("订单备注"), receiver: table.column("收货人姓名"),
            address: table.column("收货地址"), phone: table.column("联系电话"), mobile: table.column("联系手机")
        )
        var firstLine: [String: Int] = [:]
        return (
            table,
            { row in
                let tid = try row.number(column.tid)
                if let first = firstLine[tid] {
                    throw row.error(
                        column.tid.name,
                        Message("row_duplicate_order", [tid, "\(first)"], english: "duplicate order \(tid), first on line \(first)"))
                }
                let payment = try row.money(column.payment)
                let postFee = try row.money(column.postFee, default: .zero)
                let goods = try row.money(column.goods, default: payment - postFee)
                let created = try row.time(column.created, required: true)!
                let paid = try row.time(column.paid, required: false)
                let statusText = try row.required(column.status)
                guard let status = OrderStatus(channelText: statusText, paid: paid != nil) else {
                    throw row.error(
                        column.status.name, Message("row_unknown_status", [statusText], english: "unknown status: \(statusText)"))
                }
                if status.isPaid && paid == nil {
                    throw row.error(
                        column.paid.name, Message("row_paid_missing", [statusText], english: "is empty, but the order is \(statusText)"))
                }
                let total = try row.money(column.total, default: goods + postFee)
                let order = Order(
                    storeID: store, tid: tid, status: status, buyerNick: try row.optional(column.buyer) ?? "",
                    payment: payment, postFee: postFee, totalFee: total, discountFee: .zero, createdAt: created, paidAt: paid,
                    buyerMessage: try row.optional(column.message) ?? "", sellerMemo: try row.optional(column.memo) ?? "",
                    receiver: Receiver(
                        name: try row.optional(column.receiver) ?? "", mobile: try row.phone(column.mobile),
                        phone: try row.phone(column.phone), address: try row.optional(column.address) ?? "")
                )
                firstLine[tid] = row.line
                return order
            }
        )
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
        let column = (
            tid: table.column("订单编号"), price: table.column("价格"), quantity: table.column("购买数量"),
            status: table.column("订单状态"), properties: table.column("商品属性"), package: table.column("套餐信息"),
            outerSkuID: table.column("商家编码", "外部系统编号"), title: table.column("标题")
        )
        var counts: [String: Int] = [:]
        return table.parse { row in
            let tid = try row.number(column.tid)
            let price = try row.money(column.price)
            let quantity = try row.int(column.quantity)
            guard quantity > 0 else { throw row.error(column.quantity.name, Message("row_quantity_zero", english: "must be at least 1")) }
            guard let payment = try? price.times(quantity, field: column.quantity.name) else {
                throw row.error(
                    column.quantity.name, Message("row_line_too_large", english: "price × quantity is beyond ¥1,000,000,000.00"))
            }
            let statusText = try row.optional(column.status) ?? ""
            let status = OrderStatus(channelText: statusText, paid: true) ?? .waitSellerSendGoods
            let n = (counts[tid] ?? 0) + 1
            counts[tid] = n
            let properties = [try row.optional(column.properties), try row.optional(column.package)].compactMap { $0 }.filter {
                !$0.isEmpty
            }.joined(separator: ";")
            let line = OrderLine(
                oid: "\(tid)-\(n)", outerSkuID: try row.optional(column.outerSkuID) ?? "", title: try row.required(column.title),
                skuProperties: properties, price: price, quantity: quantity,
                payment: payment, status: status
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
        let (table, parse) = try reader(data, store: store)
        return table.parse(parse)
    }

    /// Parses the file as `parse` does, handing its refunds to `each` a chunk at a time.
    public static func stream(_ data: Data, store: ID<Store>, chunksOf size: Int, each: ([Refund]) async throws -> Void) async throws
        -> ParsedFile<Refund>
    {
        let (table, parse) = try reader(data, store: store)
        return try await table.stream(chunksOf: size, parse, each: each)
    }

    static func reader(_ data: Data, store: ID<Store>) throws -> (ExportTable, (ExportRow) throws -> Refund) {
        let table = try ExportTable(data)
        try table.require(required)
        let column = (
            refundID: table.column("退款编号"), tid: table.column("订单编号"), status: table.column("退款状态"),
            phase: table.column("退款阶段", "售中或售后"), oid: table.column("子订单编号"), fee: table.column("买家退款金额", "退款金额"),
            reason: table.column("退款原因", "退款的原因"), goodStatus: table.column("货物状态"),
            created: table.column("退款申请时间", "申请时间"), modified: table.column("退款修改时间", "修改时间", "退款完结时间")
        )
        return (
            table,
            { row in
                let refundID = try row.number(column.refundID)
                let tid = try row.number(column.tid)
                let statusText = try row.required(column.status)
                guard let status = RefundStatus(channelText: statusText) else {
                    throw row.error(
                        column.status.name, Message("row_unknown_status", [statusText], english: "unknown status: \(statusText)"))
                }
                let phaseText = try row.optional(column.phase) ?? ""
                let phase: RefundPhase = phaseText.contains("售中") || phaseText == "onsale" ? .onsale : .aftersale
                return Refund(
                    storeID: store, refundID: refundID, tid: tid,
                    oid: try row.optional(column.oid).flatMap { $0.isEmpty ? nil : $0 } ?? tid,
                    status: status, phase: phase, refundFee: try row.money(column.fee),
                    reason: try row.optional(column.reason) ?? "", goodStatus: try row.optional(column.goodStatus) ?? "",
                    createdAt: try row.time(column.created, required: true)!,
                    modifiedAt: try row.time(column.modified, required: false)
                )
            }
        )
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
        let column = (
            list: table.column("售价", "list_price"), floor: table.column("最低价", "floor_price"), outer: table.column("商家编码", "outer_id"),
            title: table.column("商品标题", "title"), category: table.column("类目", "category"), image: table.column("主图", "main_image_url"),
            points: table.column("卖点", "selling_points"), detail: table.column("详情", "detail"), barcode: table.column("条码", "barcode"),
            properties: table.column("销售属性", "properties"), cost: table.column("成本", "cost")
        )
        var firstLine: [String: Int] = [:]
        return table.parse { row in
            let list = try row.money(column.list)
            let floor = try row.money(column.floor, default: list)
            let outer = try row.required(column.outer)
            if let first = firstLine[outer] {
                throw row.error(
                    column.outer.name,
                    Message("row_duplicate_sku", [outer, "\(first)"], english: "duplicate merchant code \(outer), first on line \(first)"))
            }
            do {
                let product = try ProductDraft(
                    title: try row.required(column.title), category: try row.optional(column.category) ?? "",
                    mainImageURL: try row.optional(column.image) ?? "", sellingPoints: try row.optional(column.points) ?? "",
                    detail: try row.optional(column.detail) ?? "")
                let sku = try SKUDraft(
                    outerID: outer, barcode: try row.optional(column.barcode) ?? "", properties: try row.optional(column.properties) ?? "",
                    listPrice: list, floorPrice: floor, cost: try row.money(column.cost, default: .zero))
                firstLine[outer] = row.line
                return Row(product: product, sku: sku)
            } catch let error as ValidationError {
                throw row.error(error.field, error.message)
            }
        }
    }
}
