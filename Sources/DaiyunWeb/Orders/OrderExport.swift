import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Foundation

/// The filtered orders of a store as a table to download, one row per line (an order without lines
/// has one row without line fields), headed and worded in the reader's language, with the receiver
/// masked for the roles that do not ship.
enum OrderExport {
    /// An export stops here; a filter narrows it.
    static let maxOrders = 100_000

    static func table(_ orders: [Order], seesContacts: Bool, _ l10n: Localizer) -> SpreadsheetTable {
        let header = [
            l10n["export_tid"], l10n["export_status"], l10n["export_buyer"], l10n["export_payment"], l10n["export_post_fee"],
            l10n["export_created"], l10n["export_paid"], l10n["export_consigned"], l10n["receiver_name"], l10n["receiver_mobile"],
            l10n["receiver_phone"], l10n["receiver_address"], l10n["export_oid"], l10n["export_outer"], l10n["export_title"],
            l10n["export_properties"], l10n["export_price"], l10n["export_quantity"], l10n["export_line_payment"],
            l10n["export_line_status"],
        ]
        let time = { (date: Date?) in SpreadsheetTable.Cell.text(date.map(ShanghaiTime.format) ?? "") }
        var table = SpreadsheetTable(header: header)
        for order in orders {
            let receiver = order.receiver.shown(inFull: seesContacts)
            let head: [SpreadsheetTable.Cell] = [
                .text(order.tid), .text(l10n["status_\(order.status.rawValue)"]), .text(order.buyerNick), .money(order.payment),
                .money(order.postFee), time(order.createdAt), time(order.paidAt), time(order.consignedAt), .text(receiver.name),
                .text(receiver.mobile), .text(receiver.phone), .text(receiver.address),
            ]
            guard !order.lines.isEmpty else {
                table.rows.append(head + Array(repeating: .text(""), count: 8))
                continue
            }
            for line in order.lines {
                table.rows.append(
                    head + [
                        .text(line.oid), .text(line.outerSkuID), .text(line.title), .text(line.skuProperties), .money(line.price),
                        .integer(Int64(line.quantity)), .money(line.payment), .text(l10n["status_\(line.status.rawValue)"]),
                    ])
            }
        }
        return table
    }
}
