import DaiyunChannels
import DaiyunCore

/// A statement's lines in the reader's language, with their arithmetic step by step and the
/// rollup pages each figure is read from: what the statement page shows and its file holds.
struct StatementWords: Encodable {
    /// One line: what it is, for which days, the steps that give its amount, the amount, and
    /// where each store's part comes from.
    struct Line: Encodable {
        var index: Int
        var number: Int
        var kind: String
        var label: String
        var period: String
        var steps: [String]
        var sources: [Source]
        var amount: String
        var value: Money
        var negative: Bool
    }

    /// A store's part of a line, linking to the dashboard (or ads) page of those days.
    struct Source: Encodable {
        var label: String
        var amount: String
        var value: Money
        var path: String
    }

    /// A KPI judged on the month.
    struct KPI: Encodable {
        var metric: String
        var target: String
        var actual: String
        var outcome: String
        var outcomeLabel: String
        var consequence: String
        var next: String?
    }

    var lines: [Line]
    var kpis: [KPI]
    var total: String
    var totalValue: Money

    init(_ figures: StatementFigures, stores: [ID<Store>: Store], _ l10n: Localizer) {
        lines = figures.lines.enumerated().map { index, line in Self.line(line, index: index, stores: stores, l10n) }
        kpis = figures.kpis.map { Self.kpi($0, l10n) }
        total = l10n.money(figures.total)
        totalValue = figures.total
    }

    static func line(_ line: StatementLine, index: Int, stores: [ID<Store>: Store], _ l10n: Localizer) -> Line {
        var period = l10n.format("statement_period", line.first.description, line.last.description)
        if let version = line.version { period += " · " + l10n.format("statement_version", String(version)) }
        var steps: [String] = []
        var label = l10n["statement_line_" + line.kind.rawValue]
        let days = try? DashboardPeriod(first: line.first, last: line.last)
        let sources = line.stores.map { part in
            let store = stores[part.store]
            let path =
                store.map { line.kind == .adSpend ? SiteURL.ads($0.id, days).path : SiteURL.dashboard($0.id, days).path }
                ?? SiteURL.contracts.path
            return Source(label: store?.name ?? part.store.description, amount: l10n.money(part.base), value: part.base, path: path)
        }
        switch line.kind {
        case .fee:
            let share = line.share ?? .whole
            steps.append(
                l10n.format(
                    "statement_fee_steps", l10n.money(line.monthlyFee ?? .zero), String(share.days), String(share.monthDays),
                    l10n.money(line.amount)))
        case .commission:
            if let base = line.commissionBase {
                label = l10n.format("statement_line_commission_on", l10n["commission_base_" + base.rawValue])
            }
            if let charge = line.commission { steps = commissionSteps(charge, share: line.share ?? .whole, l10n) }
        case .kpiRefund, .kpiBonus:
            if let result = line.kpi {
                let kpi = kpi(result, l10n)
                steps.append(l10n.format("statement_kpi_steps", kpi.metric, kpi.target, kpi.actual, kpi.consequence))
            }
        case .adSpend:
            steps.append(l10n["statement_ad_spend_steps"])
        case .adjustment:
            if let adjustment = line.adjustment {
                label = l10n.format("statement_line_adjustment_for", adjustment.month.description)
                steps.append(l10n["statement_adjustment_" + adjustment.reason])
            }
        }
        return Line(
            index: index, number: index + 1, kind: line.kind.rawValue, label: label, period: period, steps: steps, sources: sources,
            amount: l10n.money(line.amount), value: line.amount, negative: line.amount < .zero)
    }

    /// The commission's arithmetic: the base, each tier's part, and the minimum or cap applied.
    static func commissionSteps(_ charge: CommissionCharge, share: MonthShare, _ l10n: Localizer) -> [String] {
        var steps = [l10n.format("statement_commission_base", l10n.money(charge.base), l10n["tier_mode_" + charge.mode.rawValue])]
        if !share.isWhole { steps.append(l10n.format("statement_commission_share", String(share.days), String(share.monthDays))) }
        for part in charge.parts {
            let bounds =
                part.upTo.map { l10n.format("statement_tier_bounds", l10n.money(part.from), l10n.money($0)) }
                ?? l10n.format("statement_tier_open", l10n.money(part.from))
            steps.append(
                l10n.format(
                    "statement_tier_step", String(part.tier), bounds, l10n.money(part.portion), l10n.percent(part.rateBP),
                    l10n.money(part.amount)))
        }
        switch charge.limit {
        case .minimum: steps.append(l10n.format("statement_commission_minimum", l10n.money(charge.calculated), l10n.money(charge.amount)))
        case .cap: steps.append(l10n.format("statement_commission_cap", l10n.money(charge.calculated), l10n.money(charge.amount)))
        case nil: steps.append(l10n.format("statement_commission_total", l10n.money(charge.amount)))
        }
        return steps
    }

    static func kpi(_ result: KPIResult, _ l10n: Localizer) -> KPI {
        var consequence: [String] = []
        if result.feeRefund > .zero { consequence.append(l10n.format("kpi_consequence_refund", l10n.money(result.feeRefund))) }
        if result.bonus > .zero { consequence.append(l10n.format("kpi_consequence_bonus", l10n.money(result.bonus))) }
        if result.warning { consequence.append(l10n["kpi_consequence_warning"]) }
        if result.mayTerminate { consequence.append(l10n.format("kpi_consequence_terminate", String(result.missesInRow))) }
        if result.outcome == .missed, result.missesInRow > 1 {
            consequence.append(l10n.format("kpi_misses_in_row", String(result.missesInRow)))
        }
        return KPI(
            metric: metricName(result.metric, l10n), target: result.target.map { value($0, of: result.metric, l10n) } ?? "—",
            actual: result.actual.map { value($0, of: result.metric, l10n) } ?? "—", outcome: result.outcome.rawValue,
            outcomeLabel: l10n["kpi_outcome_" + result.outcome.rawValue],
            consequence: consequence.isEmpty ? "—" : consequence.joined(separator: l10n["statement_separator"]),
            next: result.next.map { l10n.format("kpi_next_target", $0.from.description, value($0.value, of: result.metric, l10n)) })
    }

    /// A KPI's metric as the reader says it: `DSR 服务态度`, `投产比（末次点击，15 天）`.
    static func metricName(_ metric: KPIMetric, _ l10n: Localizer) -> String {
        switch metric {
        case .gmv: l10n["kpi_metric_gmv"]
        case .netSales: l10n["kpi_metric_net_sales"]
        case .dsr(let dimension): l10n.format("kpi_metric_dsr", l10n["dsr_dimension_" + dimension.rawValue])
        case .adROI(let model, let window): l10n.format("kpi_metric_ad_roi", l10n["ad_model_" + model.rawValue], String(window))
        case .conversion: l10n["kpi_metric_conversion"]
        case .responseRate: l10n["kpi_metric_response_rate"]
        }
    }

    /// A target or an actual in the metric's unit.
    static func value(_ value: Int64, of metric: KPIMetric, _ l10n: Localizer) -> String {
        switch metric {
        case .gmv, .netSales: l10n.money(Money(fen: value))
        case .dsr: l10n.score(Int(value))
        case .adROI: l10n.hundredths(Int(value))
        case .conversion, .responseRate: l10n.percent(Int(value))
        }
    }

    /// The statement as a table to download: a row per line and per step, and the total.
    func table(_ l10n: Localizer) -> SpreadsheetTable {
        var table = SpreadsheetTable(header: [
            l10n["statement_col_line"], l10n["statement_col_item"], l10n["statement_col_period"], l10n["statement_col_detail"],
            l10n["statement_col_amount"],
        ])
        for line in lines {
            table.rows.append([.integer(Int64(line.index + 1)), .text(line.label), .text(line.period), .text(""), .money(line.value)])
            for step in line.steps { table.rows.append([.text(""), .text(""), .text(""), .text(step), .text("")]) }
            for source in line.sources {
                table.rows.append([.text(""), .text(""), .text(""), .text(source.label), .money(source.value)])
            }
        }
        table.rows.append([.text(""), .text(l10n["statement_total"]), .text(""), .text(""), .money(totalValue)])
        return table
    }
}
