import DaiyunCore
import Foundation

/// A refund as `taobao.refunds.receive.get` returns it.
struct TOPRefund: Decodable, Sendable {
    var refund_id: FlexibleText
    var tid: FlexibleText
    var oid: FlexibleText?
    var status: String
    var refund_phase: String?
    var refund_fee: String?
    var reason: String?
    var good_status: String?
    var created: String
    var modified: String?
}

/// A page of `taobao.refunds.receive.get`.
public struct TOPRefundPage: Decodable, Sendable {
    var total_results: Int?
    var has_next: Bool?
    var refunds: WrappedList<TOPRefund>?

    public var hasNext: Bool { has_next ?? false }
    public var refundCount: Int { refunds?.elements.count ?? 0 }

    public func refunds(store: ID<Store>) throws -> [Refund] {
        try (refunds?.elements ?? []).map { try $0.refund(store: store) }
    }
}

extension TOPRefund {
    func refund(store: ID<Store>) throws -> Refund {
        let id = refund_id.text
        func fail(_ field: String, _ reason: String) -> ChannelDataError {
            ChannelDataError(record: "refund \(id)", field: field, reason: reason)
        }
        guard let status = RefundStatus(rawValue: status) else { throw fail("status", "unknown status \(self.status)") }
        let phase = RefundPhase(rawValue: refund_phase ?? "onsale") ?? .onsale
        guard let createdAt = ShanghaiTime.parse(created) else { throw fail("created", "not a time: \(created)") }
        let fee: Money
        do { fee = try Money(yuan: refund_fee ?? "0", field: "refund_fee") } catch {
            throw fail("refund_fee", "not an amount in yuan: \(refund_fee ?? "")")
        }
        return Refund(
            storeID: store, refundID: id, tid: tid.text, oid: oid?.text ?? "", status: status, phase: phase, refundFee: fee,
            reason: reason ?? "", goodStatus: good_status ?? "", createdAt: createdAt,
            modifiedAt: modified.flatMap { ShanghaiTime.parse($0) })
    }
}
