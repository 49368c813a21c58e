import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Foundation

/// The filtered orders of a store as a CSV file, one row per line (an order without lines has one
/// row without line fields), headed and worded in the reader's language; UTF-8 with a BOM, which
/// Excel opens as Unicode, or GB18030.
enum OrderExport {
    /// An export stops here; a filter narrows it.
    static let maxOrders = 100_000

    static func file(_ orders: [Order], encoding: FileEncoding, _ l10n: Localizer) -> Data {
        let header = [
            l10n["export_tid"], l10n["export_status"], l10n["export_buyer"], l10n["export_payment"], l10n["export_post_fee"],
            l10n["export_created"], l10n["export_paid"], l10n["export_consigned"], l10n["export_oid"], l10n["export_outer"],
            l10n["export_title"], l10n["export_properties"], l10n["export_price"], l10n["export_quantity"], l10n["export_line_payment"],
            l10n["export_line_status"],
        ]
        let time = { (date: Date?) in date.map(ShanghaiTime.format) ?? "" }
        var rows: [[String]] = [header]
        for order in orders {
            let head = [
                order.tid, l10n["status_\(order.status.rawValue)"], order.buyerNick, order.payment.yuanString, order.postFee.yuanString,
                time(order.createdAt), time(order.paidAt), time(order.consignedAt),
            ]
            guard !order.lines.isEmpty else {
                rows.append(head + Array(repeating: "", count: 8))
                continue
            }
            for line in order.lines {
                rows.append(
                    head + [
                        line.oid, line.outerSkuID, line.title, line.skuProperties, line.price.yuanString, String(line.quantity),
                        line.payment.yuanString, l10n["status_\(line.status.rawValue)"],
                    ])
            }
        }
        return encoding.file(CSVWriter.text(rows))
    }
}
