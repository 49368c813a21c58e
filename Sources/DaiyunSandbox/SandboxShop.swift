import DaiyunChannels
import DaiyunCore
import DaiyunSimulation
import Foundation

/// One simulated Taobao shop: its listings with stock, and its trades and refunds, living on:
/// new orders arrive, paid orders ship, shipped orders finish, some are refunded. Every change
/// stamps the trade's `modified` time, as the platform does, so the increment API finds it.
public actor SandboxShop {
    public nonisolated let nick: String
    /// The seller's access token (`session`) for this shop.
    public nonisolated let session: String
    public nonisolated let pace: Pace

    /// How fast the shop lives.
    public struct Pace: Sendable {
        public var ordersPerMinute: Double
        public var shipAfter: TimeInterval
        public var finishAfter: TimeInterval
        public var refundChance: Double

        public init(
            ordersPerMinute: Double = 6, shipAfter: TimeInterval = 120, finishAfter: TimeInterval = 600, refundChance: Double = 0.04
        ) {
            self.ordersPerMinute = ordersPerMinute
            self.shipAfter = shipAfter
            self.finishAfter = finishAfter
            self.refundChance = refundChance
        }
    }

    /// A listing's SKU on the platform.
    public struct Listing: Sendable, Equatable {
        public var itemID: String
        public var skuID: String
        public var outerID: String
        public var title: String
        public var properties: String
        public var price: Money
        public var quantity: Int
    }

    /// A shipment the seller reported with `taobao.logistics.offline.send`.
    public struct Shipment: Sendable, Equatable {
        public var tid: String
        public var oids: [String]
        public var companyCode: String
        public var waybill: String
        public var at: Date
    }

    private(set) var trades: [String: Order] = [:] {
        didSet { version += 1 }
    }
    /// Counts the changes to `trades`, so a kept window answer knows when it is stale.
    private var version = 0
    private var lastWindow: (query: WindowQuery, version: Int, trades: [Order])?
    /// The last ad report read, kept while the trades stay the same: a sync pages through it.
    private var lastAdRows: (first: BusinessDay, last: BusinessDay, version: Int, rows: [AdReportRow])?
    private(set) var refunds: [String: Refund] = [:]
    public private(set) var listings: [Listing]
    public private(set) var shipments: [Shipment] = []
    private var nextNumber: UInt64
    private var nextRefund: UInt64
    private var random: SeededRandom
    private var lastTick: Date
    private let store = ID<Store>(UUID())

    /// `historyDays` whole days of orders are kept (by default as many as the platform answers
    /// for, `TOPHistory`). They are generated from `anchor` when given (a fixed day, so that a
    /// restarted sandbox gives every order the same number and fate as before), or from
    /// `historyDays` ago.
    public init(
        nick: String, session: String, skus: [SimulatedSKU], baseOrdersPerDay: Double, seed: UInt64,
        historyDays: Int = TOPHistory.days, anchor: BusinessDay? = nil, pace: Pace = Pace(), stock: Int = 500, now: Date = Date()
    ) {
        self.nick = nick
        self.session = session
        self.pace = pace
        listings = skus.map { sku in
            Listing(
                itemID: StoreSimulator.itemID(of: sku), skuID: String(Self.stableNumber(sku.outerID) % 10_000_000_000),
                outerID: sku.outerID,
                title: sku.title, properties: sku.properties, price: sku.price, quantity: stock)
        }
        let firstNumber = 3_000_000_000_000_000_000 + (seed % 1000) * 1_000_000_000_000
        let today = BusinessDay(containing: now)
        let kept = today.start.addingTimeInterval(-Double(historyDays) * 86_400)
        let history = StoreSimulator(
            store: store, skus: skus, baseOrdersPerDay: baseOrdersPerDay, firstOrderNumber: firstNumber, seed: seed
        )
        .generate(
            from: anchor ?? BusinessDay(containing: kept),
            until: BusinessDay(containing: today.start.addingTimeInterval(86_400 + 3600)), now: now)
        var trades: [String: Order] = [:]
        for var order in history.orders where (order.modifiedAt ?? order.createdAt) >= kept {
            for i in order.lines.indices {
                order.lines[i].oid = Self.oid(tid: order.tid, line: i + 1)
                order.lines[i].skuID = listings.first { $0.outerID == order.lines[i].outerSkuID }?.skuID ?? ""
            }
            trades[order.tid] = order
        }
        self.trades = trades
        refunds = Dictionary(
            history.refunds.filter { trades[$0.tid] != nil }.map { refund in
                var refund = refund
                refund.oid = Self.oid(tid: refund.tid, line: 1)  // the simulator refunds an order's first line
                return (refund.refundID, refund)
            }, uniquingKeysWith: { a, _ in a })
        // Orders placed while the sandbox runs get numbers of their own, from the start time, so a
        // restarted sandbox never reuses one it gave out before.
        nextNumber = 3_100_000_000_000_000_000 + UInt64(max(0, now.timeIntervalSince1970)) * 1000
        nextRefund = (history.refunds.compactMap { UInt64($0.refundID) }.max() ?? firstNumber / 1000) + 1
        random = SeededRandom(seed: seed &* 31 &+ 7)
        lastTick = now
    }

    /// The shop's 生意参谋-style daily export for the days from `first` through `last`, from the
    /// trades it sold on them.
    public func trafficExport(from first: BusinessDay, through last: BusinessDay) -> String {
        let days = first.days(until: last.advanced(by: 1))
        return TrafficSimulator.csv(TrafficSimulator.sold(Array(trades.values), on: days), seed: Self.stableNumber(nick))
    }

    /// The shop's ad report rows for the days, as its export has them (the store id is the export's reader's to set).
    public func adRows(from first: BusinessDay, through last: BusinessDay) -> [AdReportRow] {
        if let kept = lastAdRows, kept.first == first, kept.last == last, kept.version == version { return kept.rows }
        let parsed = try? AdReportExport.parse(Data(adExport(from: first, through: last).utf8), store: ID(UUID()))
        let rows = parsed?.rows.map(\.value) ?? []
        lastAdRows = (first, last, version, rows)
        return rows
    }

    /// The shop's 直通车 / 万相台 report export for the days, consistent with what it sold.
    public func adExport(from first: BusinessDay, through last: BusinessDay) -> String {
        let days = first.days(until: last.advanced(by: 1))
        let sold = Array(trades.values)
        return AdSimulator.csv(TrafficSimulator.sold(sold, on: days), seed: Self.stableNumber(nick), words: AdSimulator.words(of: sold))
    }

    /// A sub-order number that, like the platform's, fits a 64-bit integer (the simulator's
    /// `<tid><n>` has twenty digits).
    static func oid(tid: String, line: Int) -> String {
        String((UInt64(tid) ?? 0) &+ UInt64(line) * 1_000_000_000_000_000_000)
    }

    static func wholeSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    static func stableNumber(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    // MARK: Reading, as the APIs answer

    /// Trades modified in `[start, end]`, newest change first (the increment API's order). A
    /// sync asks for the same window page after page: the last answer is kept until the shop changes.
    public func trades(modifiedFrom start: Date, to end: Date, types: Set<String>) -> [Order] {
        let query = WindowQuery(start: start, end: end, types: types)
        if let cached = lastWindow, cached.query == query, cached.version == version { return cached.trades }
        // The platform keeps whole seconds: a change at 10:00:05.7 is "10:00:05".
        let found = trades.values.filter { order in
            guard let modified = order.modifiedAt.map(Self.wholeSecond), modified >= start, modified <= end else { return false }
            return types.contains(order.type)
        }.sorted { ($0.modifiedAt!, $0.tid) > ($1.modifiedAt!, $1.tid) }
        lastWindow = (query, version, found)
        return found
    }

    private struct WindowQuery: Equatable {
        var start: Date, end: Date, types: Set<String>
    }

    public func trade(_ tid: String) -> Order? { trades[tid] }

    func refunds(modifiedFrom start: Date, to end: Date) -> [Refund] {
        refunds.values.filter { refund in
            let modified = Self.wholeSecond(refund.modifiedAt ?? refund.createdAt)
            return modified >= start && modified <= end
        }.sorted { ($0.modifiedAt ?? $0.createdAt, $0.refundID) > ($1.modifiedAt ?? $1.createdAt, $1.refundID) }
    }

    public var tradeCount: Int { trades.count }

    /// Buyers' reviews created in `[start, end]`, newest first. About a third of finished orders
    /// get one, a few of them bad; which, and what they say, follows from the order number.
    public func reviews(createdFrom start: Date, to end: Date) -> [Review] {
        trades.values.compactMap { order -> Review? in
            guard order.status == .finished, let finished = order.finishedAt, let line = order.lines.first else { return nil }
            let draw = Self.stableNumber("review" + order.tid) % 1000
            guard draw < 350 else { return nil }
            let created = Self.wholeSecond(finished.addingTimeInterval(Double(draw % 60)))
            guard created >= start, created <= end else { return nil }
            let (result, content): (ReviewResult, String) =
                switch draw {
                case ..<10: (.bad, "质量太差了，和描述不符，不推荐")
                case ..<25: (.neutral, "一般般，物流有点慢")
                default: (.good, ["很好用，会回购", "包装精美，发货快", "质量不错，推荐购买", "和描述一致，满意"][Int(draw) % 4])
                }
            return Review(
                storeID: store, tid: order.tid, oid: line.oid, result: result, content: content, buyerNick: order.buyerNick,
                itemTitle: line.title, createdAt: created)
        }.sorted { ($0.createdAt, $0.oid) > ($1.createdAt, $1.oid) }
    }

    // MARK: Writing, as the seller does through the APIs

    public enum WriteError: Error, Equatable {
        case noSuchItem, noSuchTrade
        case notShippable(OrderStatus)
        case negativeQuantity
    }

    /// `taobao.item.quantity.update`: type 1 sets the quantity, type 2 adds to it (never below 0).
    func updateQuantity(itemID: String, skuID: String?, outerID: String?, quantity: Int, incremental: Bool) throws -> Listing {
        let index = listings.firstIndex { listing in
            guard listing.itemID == itemID else { return false }
            if let skuID { return listing.skuID == skuID }  // sku_id wins over outer_id, as on the platform
            if let outerID { return listing.outerID == outerID }
            return true
        }
        guard let index else {
            throw WriteError.noSuchItem
        }
        if incremental {
            listings[index].quantity = max(0, listings[index].quantity + quantity)
        } else {
            guard quantity >= 0 else { throw WriteError.negativeQuantity }
            listings[index].quantity = quantity
        }
        return listings[index]
    }

    /// `taobao.logistics.offline.send`: the trade (or the named lines of it) ships now.
    public func ship(tid: String, oids: [String]?, companyCode: String, waybill: String, at now: Date) throws {
        guard var order = trades[tid] else { throw WriteError.noSuchTrade }
        guard order.status == .waitSellerSendGoods || order.status == .sellerConsignedPart else {
            throw WriteError.notShippable(order.status)
        }
        let shipped = Set(oids ?? order.lines.map(\.oid))
        for i in order.lines.indices where shipped.contains(order.lines[i].oid) {
            order.lines[i].status = .waitBuyerConfirmGoods
        }
        let allShipped = order.lines.allSatisfy { $0.status == .waitBuyerConfirmGoods }
        order.status = allShipped ? .waitBuyerConfirmGoods : .sellerConsignedPart
        order.consignedAt = order.consignedAt ?? now
        order.modifiedAt = now
        trades[tid] = order
        shipments.append(Shipment(tid: tid, oids: Array(shipped).sorted(), companyCode: companyCode, waybill: waybill, at: now))
    }

    // MARK: Living

    /// Moves the shop on to `now`: new orders for the time passed, and the due status changes.
    public func tick(now: Date = Date()) {
        let elapsed = max(0, now.timeIntervalSince(lastTick))
        lastTick = now
        let expected = pace.ordersPerMinute * elapsed / 60
        let count = Int(expected) + (random.chance(expected - Double(Int(expected))) ? 1 : 0)
        for _ in 0..<count { placeOrder(at: now) }
        advanceStatuses(now: now)
    }

    /// Places `count` orders on one listing at once, as a flash sale does; the listing's stock
    /// only covers what it has, the rest are closed unpaid. Returns the orders paid.
    public func flashSale(outerID: String, count: Int, now: Date = Date()) -> Int {
        guard count > 0, let listing = listings.first(where: { $0.outerID == outerID }) else { return 0 }
        var paid = 0
        for _ in 0..<count where placeOrder(at: now, only: listing) { paid += 1 }
        return paid
    }

    @discardableResult
    private func placeOrder(at now: Date, only fixed: Listing? = nil) -> Bool {
        guard !listings.isEmpty else { return false }
        let listing = fixed ?? listings[Int(pow(random.unit(), 1.6) * Double(listings.count)) % listings.count]
        let tid = String(nextNumber)
        nextNumber += 1
        let buyer = Int(pow(random.unit(), 2.2) * 400)
        let quantity = fixed == nil && random.chance(0.15) ? 2 : 1
        guard let index = listings.firstIndex(where: { $0.outerID == listing.outerID }), listings[index].quantity >= quantity else {
            trades[tid] = Order(
                storeID: store, tid: tid, status: .closedByTaobao, buyerNick: "buyer\(buyer)**", buyerOpenUID: "AAH\(buyer)",
                payment: .zero, totalFee: .zero, createdAt: now, modifiedAt: now,
                lines: [line(tid: tid, listing: listing, quantity: quantity, status: .closedByTaobao)])
            return false
        }
        listings[index].quantity -= quantity
        let goods = Money(fen: listing.price.fen * Int64(quantity))
        let postFee = goods.fen < 9_900 ? Money(fen: 800) : .zero
        trades[tid] = Order(
            storeID: store, tid: tid, status: .waitSellerSendGoods, buyerNick: "buyer\(buyer)**", buyerOpenUID: "AAH\(buyer)",
            payment: goods + postFee, postFee: postFee, totalFee: goods + postFee, createdAt: now, paidAt: now, modifiedAt: now,
            lines: [line(tid: tid, listing: listing, quantity: quantity, status: .waitSellerSendGoods)])
        return true
    }

    private func line(tid: String, listing: Listing, quantity: Int, status: OrderStatus) -> OrderLine {
        let amount = Money(fen: listing.price.fen * Int64(quantity))
        return OrderLine(
            oid: Self.oid(tid: tid, line: 1), itemID: listing.itemID, skuID: listing.skuID, outerSkuID: listing.outerID,
            title: listing.title,
            skuProperties: listing.properties, price: listing.price, quantity: quantity, payment: amount, status: status)
    }

    private func advanceStatuses(now: Date) {
        for (tid, order) in trades {
            var order = order
            switch order.status {
            case .waitSellerSendGoods where (order.paidAt ?? now) <= now.addingTimeInterval(-pace.shipAfter):
                if random.chance(pace.refundChance) {
                    refund(&order, phase: .onsale, now: now)
                } else {
                    order.status = .waitBuyerConfirmGoods
                    order.consignedAt = now
                }
            case .waitBuyerConfirmGoods where (order.consignedAt ?? now) <= now.addingTimeInterval(-pace.finishAfter):
                order.status = .finished
                order.finishedAt = now
            default:
                continue
            }
            for i in order.lines.indices { order.lines[i].status = order.status }
            order.modifiedAt = now
            trades[tid] = order
        }
    }

    /// The buyer asks for a refund before shipment and gets it at once: the trade closes.
    private func refund(_ order: inout Order, phase: RefundPhase, now: Date) {
        let id = String(nextRefund)
        nextRefund += 1
        refunds[id] = Refund(
            storeID: store, refundID: id, tid: order.tid, oid: order.lines.first?.oid ?? "", status: .success, phase: phase,
            refundFee: order.payment, reason: "不想要了", goodStatus: "BUYER_NOT_RECEIVED", createdAt: now, modifiedAt: now)
        order.status = .closed
        for line in order.lines {
            if let index = listings.firstIndex(where: { $0.outerID == line.outerSkuID }) { listings[index].quantity += line.quantity }
        }
    }
}
