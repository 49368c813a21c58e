import DaiyunChannels
import DaiyunCore

/// The dashboards' tables as files to download (CSV with BOM, or XLSX), headed in the reader's
/// language: amounts as numbers Excel can add up, rates as the page writes them.
enum DashboardTables {
    static func days(_ board: StoreDashboard, _ l10n: Localizer) -> SpreadsheetTable {
        let header = [
            l10n["fig_day"], l10n["fig_orders"], l10n["fig_gmv"], l10n["fig_buyers"], l10n["fig_new_buyers"], l10n["fig_aov"],
            l10n["fig_visitors"], l10n["fig_conversion"], l10n["fig_refunds"], l10n["fig_refund_amount"], l10n["fig_net_sales"],
            l10n["fig_reported_payment"], l10n["fig_payment_difference"], l10n["fig_dsr_description"], l10n["fig_dsr_service"],
            l10n["fig_dsr_logistics"],
        ]
        let optional = { (value: Int?, text: (Int) -> String) in SpreadsheetTable.Cell.text(value.map(text) ?? "") }
        let money = { (value: Money?) in value.map(SpreadsheetTable.Cell.money) ?? .text("") }
        return SpreadsheetTable(
            header: header,
            rows: board.days.map { day in
                [
                    .text(day.day.description), .integer(Int64(day.sales.paidOrders)), .money(day.sales.gmv),
                    .integer(Int64(day.sales.payingBuyers)), .integer(Int64(day.newBuyers)), money(day.sales.aov),
                    day.traffic.map { .integer(Int64($0.visitors)) } ?? .text(""), optional(day.conversionBP, l10n.percent),
                    .integer(Int64(day.refunds)), .money(day.refundAmount), .money(day.sales.gmv - day.refundAmount),
                    money(day.traffic?.reportedPayment), money(day.paymentDifference), optional(day.traffic?.dsrDescription, l10n.score),
                    optional(day.traffic?.dsrService, l10n.score), optional(day.traffic?.dsrLogistics, l10n.score),
                ]
            })
    }

    static func skus(_ board: StoreDashboard, _ l10n: Localizer) -> SpreadsheetTable {
        let header = [
            l10n["fig_rank"], l10n["fig_outer_id"], l10n["fig_title"], l10n["fig_units"], l10n["fig_sales"], l10n["fig_refunds"],
            l10n["fig_refund_amount"], l10n["fig_available"], l10n["fig_cover"],
        ]
        return SpreadsheetTable(
            header: header,
            rows: board.skus.enumerated().map { index, line in
                let cover = line.stock?.cover
                return [
                    .integer(Int64(index + 1)), .text(line.sales.outerSKUID),
                    .text(line.stock.map { [$0.title, $0.properties].filter { !$0.isEmpty }.joined(separator: " ") } ?? ""),
                    .integer(Int64(line.sales.units)), .money(line.sales.sales), .integer(Int64(line.sales.refunds)),
                    .money(line.sales.refundAmount), cover.map { .integer(Int64($0.available)) } ?? .text(""),
                    .text(cover?.daysOfCoverTenths.map { "\($0 / 10).\($0 % 10)" } ?? ""),
                ]
            })
    }

    static func overview(_ overview: Overview, _ l10n: Localizer) -> SpreadsheetTable {
        let header = [
            l10n["fig_store"], l10n["fig_client"], l10n["fig_gmv"], l10n["fig_orders"], l10n["fig_buyers"], l10n["fig_aov"],
            l10n["fig_visitors"], l10n["fig_conversion"], l10n["fig_refund_amount"], l10n["fig_net_sales"], l10n["fig_dsr_description"],
            l10n["fig_dsr_service"], l10n["fig_dsr_logistics"], l10n["fig_attention"],
        ]
        let optional = { (value: Int?, text: (Int) -> String) in SpreadsheetTable.Cell.text(value.map(text) ?? "") }
        return SpreadsheetTable(
            header: header,
            rows: overview.lines.map { line in
                let now = line.current
                return [
                    .text(line.store.name), .text(line.clientName), .money(now.sales.gmv), .integer(Int64(now.sales.paidOrders)),
                    .integer(Int64(now.sales.payingBuyers)), now.sales.aov.map(SpreadsheetTable.Cell.money) ?? .text(""),
                    now.visitors.map { .integer(Int64($0)) } ?? .text(""), optional(now.conversionBP, l10n.percent),
                    .money(now.refundAmount), .money(now.netSales), optional(now.dsr?.dsrDescription, l10n.score),
                    optional(now.dsr?.dsrService, l10n.score), optional(now.dsr?.dsrLogistics, l10n.score),
                    .text(line.reasons.map { l10n["attention_" + $0.rawValue] }.joined(separator: "、")),
                ]
            })
    }
}
