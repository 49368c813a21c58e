import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import Foundation

/// The generated orders written as a 千牛 order report in GB18030 with CRLF, as Excel saves it.
enum BenchExportFile {
    static let header =
        "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,买家实际支付金额,买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址,运送方式,联系电话,联系手机,订单创建时间,订单付款时间,宝贝标题,宝贝种类,物流单号,物流公司,订单备注,宝贝总数量,店铺Id,店铺名称,订单关闭原因,卖家服务费,买家服务费,发票抬头,是否手机订单,分阶段订单信息,定金排名,修改后的sku,修改后的收货地址,异常信息"

    static func render(_ orders: [Order]) -> Data {
        var text = header + "\r\n"
        text.reserveCapacity(orders.count * 260)
        for o in orders {
            let status: String =
                switch o.status {
                case .waitBuyerPay: "等待买家付款"
                case .waitSellerSendGoods: "买家已付款，等待卖家发货"
                case .waitBuyerConfirmGoods, .sellerConsignedPart: "卖家已发货，等待买家确认"
                case .finished, .buyerSigned: "交易成功"
                default: "交易关闭"
                }
            let paid = o.paidAt.map(ShanghaiTime.format) ?? ""
            let goods = o.totalFee - o.postFee
            let title = o.lines.first?.title ?? ""
            let fields = [
                o.tid, o.buyerNick, "", goods.yuanString, o.postFee.yuanString, "0", o.totalFee.yuanString, "0",
                o.payment.yuanString, "0", status, "", o.receiver.name, o.receiver.address, "快递", o.receiver.phone, o.receiver.mobile,
                ShanghaiTime.format(o.createdAt),
                paid, title, "1", "", "", "", String(o.lines.reduce(0) { $0 + $1.quantity }), "", "Bench store", "", "0", "0", "", "手机订单",
                "", "", "", "", "",
            ]
            text += fields.joined(separator: ",") + "\r\n"
        }
        return text.data(using: String.Encoding(rawValue: 0x8000_0632)) ?? Data(text.utf8)
    }
}
