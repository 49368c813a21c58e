import Foundation

/// A shipment as someone entered it: the carrier, the waybill, and the lines it carries (all of
/// the order's unshipped lines when none are named), checked against the order.
public struct ShipmentDraft: Sendable, Equatable {
    /// Carrier codes as `taobao.logistics.companies.get` names them, with their Chinese names.
    public static let carriers: [(code: String, name: String)] = [
        ("SF", "顺丰速运"), ("ZTO", "中通快递"), ("YTO", "圆通速递"), ("STO", "申通快递"), ("YUNDA", "韵达快递"),
        ("JTSD", "极兔速递"), ("EMS", "EMS"), ("POSTB", "邮政快递包裹"), ("JD", "京东物流"), ("DBL", "德邦快递"),
    ]

    public var companyCode: String
    public var waybill: String
    /// The lines shipped, sorted; all of the order's unshipped lines when the whole order ships.
    public var oids: [String]

    public init(companyCode: String, waybill: String, oids requested: [String], order: Order) throws {
        guard Self.carriers.contains(where: { $0.code == companyCode }) else {
            throw ValidationError(field: "company_code", rule: .oneOf(Self.carriers.map(\.code)))
        }
        let waybill = waybill.trimmingCharacters(in: .whitespaces)
        guard (6...40).contains(waybill.count) else {
            throw ValidationError(field: "waybill", rule: waybill.count < 6 ? .tooShort(min: 6) : .tooLong(max: 40))
        }
        guard waybill.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw ValidationError(field: "waybill", rule: .lettersAndDigits)
        }
        guard order.isShippable else {
            throw ValidationError(
                field: "order", rule: .oneOf([OrderStatus.waitSellerSendGoods.rawValue, OrderStatus.sellerConsignedPart.rawValue]))
        }
        guard !order.lines.isEmpty else { throw ValidationError(field: "oids", rule: .orderHasNoLines) }
        let unshipped = order.unshippedLines.map(\.oid)
        let wanted = requested.isEmpty ? unshipped : requested
        guard !wanted.isEmpty, Set(wanted).isSubset(of: Set(unshipped)) else {
            throw ValidationError(field: "oids", rule: .unknownReference)
        }
        self.companyCode = companyCode
        self.waybill = waybill
        oids = wanted.sorted()
    }
}

extension Order {
    /// Paid (the final payment, for pre-sale) and not yet wholly shipped.
    public var isShippable: Bool {
        countsAsPaid && (status == .waitSellerSendGoods || status == .sellerConsignedPart)
    }

    /// The lines still to ship: neither shipped nor closed.
    public var unshippedLines: [OrderLine] {
        lines.filter { !$0.status.isShipped && !$0.status.isClosed }
    }

    /// Whether shipping `oids` is a split shipment: not all of the lines still to ship, or after
    /// an earlier parcel.
    public func isSplitShipment(of oids: [String]) -> Bool {
        Set(oids) != Set(unshippedLines.map(\.oid)) || status == .sellerConsignedPart
    }
}
