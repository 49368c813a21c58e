import DaiyunCore
import Foundation

/// A catalog item the simulated store sells.
public struct SimulatedSKU: Sendable {
    public var outerID: String
    public var title: String
    public var properties: String
    public var price: Money

    public init(outerID: String, title: String, properties: String, price: Money) {
        self.outerID = outerID
        self.title = title
        self.properties = properties
        self.price = price
    }
}

/// Generates a store's orders and refunds the way a real one has them: more at weekends and in the
/// evening, spikes on 618 and 双11 with pre-sale deposits before them, a long tail of buyers with
/// some coming back, and about 6 % of paid orders refunded. Seeded: the same inputs give the same
/// orders, byte for byte.
public struct StoreSimulator: Sendable {
    public var store: ID<Store>
    public var skus: [SimulatedSKU]
    /// Orders on an ordinary weekday.
    public var baseOrdersPerDay: Double
    /// Order numbers start here; each store should get its own range.
    public var firstOrderNumber: UInt64
    public var seed: UInt64

    public init(store: ID<Store>, skus: [SimulatedSKU], baseOrdersPerDay: Double, firstOrderNumber: UInt64, seed: UInt64) {
        self.store = store
        self.skus = skus
        self.baseOrdersPerDay = baseOrdersPerDay
        self.firstOrderNumber = firstOrderNumber
        self.seed = seed
    }

    /// What the simulator produced.
    public struct Year: Sendable {
        public var orders: [Order]
        public var refunds: [Refund]
    }

    /// How busy a day is, relative to an ordinary weekday.
    public static func demandFactor(_ day: BusinessDay) -> Double {
        let weekday = BusinessDay.calendar.component(.weekday, from: day.start)  // 1 = Sunday
        let weekdays: [Int: Double] = [1: 1.25, 2: 0.9, 3: 0.9, 4: 0.95, 5: 1.0, 6: 1.1, 7: 1.3]
        var factor = weekdays[weekday] ?? 1
        switch (day.month, day.day) {
        case (11, 11): factor *= 9
        case (11, 1...10): factor *= 1.6
        case (11, 12...13): factor *= 1.8
        case (6, 18): factor *= 6
        case (6, 1...17): factor *= 1.5
        case (12, 12): factor *= 3
        case (1, 5...20): factor *= 1.4  // 年货节
        case (3, 8): factor *= 2  // 38 女王节
        case (2, 1...10): factor *= 0.5  // 春节前后快递停运
        default: break
        }
        return factor
    }

    /// The pre-sale window before a big day, and when its final payment opens.
    static func preSale(on day: BusinessDay) -> (finalPayment: Date, chance: Double)? {
        switch (day.month, day.day) {
        case (10, 20...31), (11, 1...10): return (BusinessDay(year: day.year, month: 11, day: 11)!.start, 0.25)
        case (5, 20...31), (6, 1...17): return (BusinessDay(year: day.year, month: 6, day: 18)!.start, 0.2)
        default: return nil
        }
    }

    /// Orders created from `from` (inclusive) to `until` (exclusive), with statuses as they stand at `now`.
    public func generate(from: BusinessDay, until: BusinessDay, now: Date) -> Year {
        var random = SeededRandom(seed: seed)
        var orders: [Order] = []
        var refunds: [Refund] = []
        var number = firstOrderNumber
        var refundNumber = firstOrderNumber / 1000
        var day = from
        // About a year's orders' worth of buyers, most of whom buy once (see `makeOrder`).
        let buyers = 40 + Int(baseOrdersPerDay * 250)
        while day < until {
            let expected = baseOrdersPerDay * Self.demandFactor(day) * (0.85 + 0.3 * random.unit())
            let count = Int(expected) + (random.chance(expected - Double(Int(expected))) ? 1 : 0)
            for _ in 0..<count {
                number += 1
                let (order, refund) = makeOrder(
                    tid: String(number), day: day, now: now, buyers: buyers, refundID: &refundNumber, random: &random)
                guard order.createdAt < now else { continue }
                orders.append(Self.toTheSecond(order))
                if let refund { refunds.append(Self.toTheSecond(refund)) }
            }
            day = BusinessDay(containing: day.start.addingTimeInterval(86_400 + 3600))
        }
        return Year(orders: orders, refunds: refunds)
    }

    private func makeOrder(tid: String, day: BusinessDay, now: Date, buyers: Int, refundID: inout UInt64, random: inout SeededRandom) -> (
        Order, Refund?
    ) {
        // Evening-heavy time of day; 双11 and 618 start at midnight.
        let hour: Double = {
            if (day.month == 11 && day.day == 11) || (day.month == 6 && day.day == 18), random.chance(0.3) { return random.unit() * 1.0 }
            let r = random.unit()
            return r < 0.55 ? 19 + random.unit() * 4.9 : r < 0.85 ? 9 + random.unit() * 10 : random.unit() * 9
        }()
        let created = day.start.addingTimeInterval(hour * 3600 + random.unit() * 59)
        // A long tail: a few buyers come back often, most once.
        let buyer = Int(pow(random.unit(), 2.2) * Double(buyers))
        let lineCount = random.chance(0.75) ? 1 : random.chance(0.7) ? 2 : 3
        var lines: [OrderLine] = []
        for n in 1...lineCount {
            let sku = skus[Int(pow(random.unit(), 1.6) * Double(skus.count)) % skus.count]
            let quantity = random.chance(0.85) ? 1 : 2
            lines.append(
                OrderLine(
                    oid: "\(tid)\(n)", itemID: Self.itemID(of: sku), outerSkuID: sku.outerID,
                    title: sku.title, skuProperties: sku.properties, price: sku.price, quantity: quantity,
                    payment: Money(fen: sku.price.fen * Int64(quantity)), status: .waitSellerSendGoods))
        }
        let goods = lines.reduce(Money.zero) { $0 + $1.totalFee }
        let bigDay = Self.demandFactor(day) > 2.5
        let discount = bigDay ? Money(fen: goods.fen / 10) : (goods.fen > 20_000 && random.chance(0.3) ? Money(fen: 2_000) : .zero)
        let postFee = goods.fen < 9_900 && random.chance(0.5) ? Money(fen: 800) : .zero
        let payment = goods - discount + postFee
        // Allocate the discount to lines so that line payments add up to the order's.
        var allocated = Money.zero
        for i in lines.indices {
            let share = i == lines.count - 1 ? discount - allocated : Money(fen: discount.fen * lines[i].totalFee.fen / max(goods.fen, 1))
            allocated = allocated + share
            lines[i].payment = lines[i].totalFee - share
        }

        var order = Order(
            storeID: store, tid: tid, status: .waitBuyerPay, buyerNick: "buyer\(buyer)**", buyerOpenUID: "AAH\(buyer)",
            payment: payment, postFee: postFee, totalFee: goods + postFee, discountFee: discount, createdAt: created,
            modifiedAt: created, receiver: Self.receiver(of: buyer), lines: lines)
        if let preSale = Self.preSale(on: day), random.chance(preSale.chance) {
            order.type = "step"
            order.stepStatus = .depositPaid
            let final = preSale.finalPayment.addingTimeInterval(random.unit() * 3 * 3600)
            // Drawn whether or not the final payment is due yet: an order's draws never depend on
            // `now`, so the same order keeps its number and its fate whenever it is generated.
            let paysFinal = random.chance(0.93)
            if final < now {
                if paysFinal {
                    order.stepStatus = .fullyPaid
                    order.paidAt = final
                } else {
                    order.stepStatus = .depositForfeited
                    order.status = .closedByTaobao
                    return (stamped(order, at: final, now: now), nil)
                }
            } else {
                return (stamped(order, at: created, now: now), nil)
            }
        } else if random.chance(0.04) {
            order.status = created.addingTimeInterval(86_400) < now ? .closedByTaobao : .waitBuyerPay
            return (stamped(order, at: created.addingTimeInterval(3600), now: now), nil)
        } else {
            order.paidAt = created.addingTimeInterval(20 + random.unit() * 300)
        }
        let paidAt = order.paidAt!
        order.status = .waitSellerSendGoods
        let shipAt = paidAt.addingTimeInterval((6 + random.unit() * 40) * 3600)
        let finishAt = shipAt.addingTimeInterval((3 + random.unit() * 7) * 86_400)
        var refund: Refund?
        if random.chance(0.06) {
            refundID += 1
            let beforeShipment = random.chance(0.4)
            let asked =
                beforeShipment
                ? paidAt.addingTimeInterval(random.unit() * 5 * 3600) : shipAt.addingTimeInterval((1 + random.unit() * 5) * 86_400)
            let done = asked.addingTimeInterval((0.2 + random.unit() * 2) * 86_400)
            let succeeds = random.chance(0.9)
            let reason = ["不想要了", "拍错了/多拍了", "质量问题", "尺码不合适", "未按约定时间发货"][Int(random.unit() * 5)]
            if asked < now {
                let line = order.lines[0]
                let status: RefundStatus = done < now ? (succeeds ? .success : .closed) : .waitSellerAgree
                refund = Refund(
                    storeID: store, refundID: String(refundID), tid: tid, oid: line.oid, status: status,
                    phase: beforeShipment ? .onsale : .aftersale, refundFee: beforeShipment ? order.payment : line.payment,
                    reason: reason,
                    goodStatus: beforeShipment ? "BUYER_NOT_RECEIVED" : "BUYER_RETURNED_GOODS", createdAt: asked,
                    modifiedAt: status == .waitSellerAgree ? asked : done)
                if beforeShipment && status == .success {
                    order.status = .closed
                    return (stamped(order, at: done, now: now), refund)
                }
            }
        }
        if shipAt < now {
            order.status = .waitBuyerConfirmGoods
            order.consignedAt = shipAt
        }
        if finishAt < now {
            order.status = .finished
            order.finishedAt = finishAt
        }
        return (stamped(order, at: [finishAt, shipAt, paidAt].filter { $0 < now }.max() ?? paidAt, now: now), refund)
    }

    /// A stable channel item id for a SKU (Swift's own hash differs from run to run).
    public static func itemID(of sku: SimulatedSKU) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in sku.outerID.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return "6\(hash % 100_000_000_000)"
    }

    /// Channels report times to the second (`yyyy-MM-dd HH:mm:ss`), and so does the simulation:
    /// a time with a fraction would not survive PostgreSQL's microseconds unchanged.
    private static func toTheSecond(_ order: Order) -> Order {
        var order = order
        order.createdAt = toTheSecond(order.createdAt)
        order.paidAt = order.paidAt.map(toTheSecond)
        order.consignedAt = order.consignedAt.map(toTheSecond)
        order.finishedAt = order.finishedAt.map(toTheSecond)
        order.modifiedAt = order.modifiedAt.map(toTheSecond)
        return order
    }

    private static func toTheSecond(_ refund: Refund) -> Refund {
        var refund = refund
        refund.createdAt = toTheSecond(refund.createdAt)
        refund.modifiedAt = refund.modifiedAt.map(toTheSecond)
        return refund
    }

    private static func toTheSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    private func stamped(_ order: Order, at modified: Date, now: Date) -> Order {
        var order = order
        order.modifiedAt = min(modified, now)
        for i in order.lines.indices { order.lines[i].status = order.status }
        return order
    }
}

extension StoreSimulator {
    static let familyNames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高")
    static let givenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "军", "杰", "婷", "雪", "晨", "欣怡", "子涵", "浩然"]
    static let regions = [
        "浙江省 杭州市 西湖区", "上海 上海市 浦东新区", "广东省 深圳市 南山区", "北京 北京市 朝阳区", "江苏省 南京市 鼓楼区",
        "四川省 成都市 武侯区", "湖北省 武汉市 洪山区", "广东省 广州市 天河区", "山东省 青岛市 市南区", "福建省 厦门市 思明区",
        "河南省 郑州市 金水区", "陕西省 西安市 雁塔区",
    ]
    static let streets = ["文三路", "人民路", "中山路", "解放路", "建设路", "和平路", "科技园路", "长江路"]

    /// A buyer's receiver, the same for every order of the buyer and drawn from the buyer's number
    /// alone, so that receivers take nothing from the seeded draws of the orders.
    static func receiver(of buyer: Int) -> Receiver {
        let n = buyer &* 2_654_435_761 & 0x7FFF_FFFF
        let name = String(familyNames[n % familyNames.count]) + givenNames[(n / 7) % givenNames.count]
        let mobile = "1" + ["38", "39", "58", "86", "77", "35"][(n / 13) % 6] + String(format: "%08d", n % 100_000_000)
        let region = regions[(n / 17) % regions.count]
        let street = "\(streets[(n / 19) % streets.count]) \(1 + n % 300) 号"
        return Receiver(name: name, mobile: mobile, phone: "", parts: region.split(separator: " ").map(String.init) + [street])
    }
}
