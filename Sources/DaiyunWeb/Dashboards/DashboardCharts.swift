import DaiyunCore

/// The store dashboard's charts: each figure day by day for the period, the previous period and
/// the same days last year, the big promotions shaded; DSR as its three dimensions.
enum DashboardCharts {
    static func store(_ board: StoreDashboard, _ l10n: Localizer) -> [LineChart] {
        let labels = board.days.map { String(format: "%02d-%02d", $0.day.month, $0.day.day) }
        let marks = board.promotions.compactMap { promotion in
            board.days.firstIndex { $0.day == promotion.day }.map { (index: $0, name: l10n["promotion_" + promotion.name]) }
        }
        // A chart's value as the axis shows it and as its tooltip does.
        func formats(axis: @escaping (Int64) -> String, exact: ((Int64) -> String)? = nil) -> (
            axis: (Double) -> String, exact: (Double) -> String
        ) {
            ({ axis(Int64($0.rounded())) }, { (exact ?? axis)(Int64($0.rounded())) })
        }
        let money = formats(axis: { l10n.axisMoney(Money(fen: $0)) }, exact: { l10n.money(Money(fen: $0)) })
        let count = formats(axis: { l10n.count(Int($0)) })
        let rate = formats(axis: { l10n.percent(Int($0)) })
        let hundredths = formats(axis: { l10n.hundredths(Int($0)) })
        let score = formats(axis: { l10n.score(Int($0)) })
        func compared(_ title: String, _ value: (DayFigures) -> Int64?, _ text: (axis: (Double) -> String, exact: (Double) -> String))
            -> LineChart
        {
            let series: [(String, String, [DayFigures])] = [
                (l10n["dashboard_series_current"], "series-current", board.days),
                (l10n["dashboard_series_previous"], "series-previous", board.previousDays),
                (l10n["dashboard_series_last_year"], "series-last-year", board.lastYearDays),
            ]
            return LineChart(
                title: title, days: labels,
                series: series.map { label, style, days in
                    // Before the agency took the store over, or in a period without a row, Daiyun has
                    // no figures: no line, not a zero.
                    let empty = days.allSatisfy { $0.sales.paidOrders == 0 && $0.refunds == 0 && $0.traffic == nil }
                    return LineChart.Series(
                        label: label, style: style,
                        values: days.map { empty || $0.day < board.store.takenOverOn ? nil : value($0).map(Double.init) })
                }, marks: marks, axisText: text.axis, exactText: text.exact, emptyText: l10n["chart_empty"])
        }
        var dsr = LineChart(
            title: l10n["chart_dsr"], days: labels,
            series: [
                LineChart.Series(
                    label: l10n["fig_dsr_description"], style: "series-current",
                    values: board.days.map { $0.traffic?.dsrDescription.map(Double.init) }),
                LineChart.Series(
                    label: l10n["fig_dsr_service"], style: "series-previous",
                    values: board.days.map { $0.traffic?.dsrService.map(Double.init) }),
                LineChart.Series(
                    label: l10n["fig_dsr_logistics"], style: "series-last-year",
                    values: board.days.map { $0.traffic?.dsrLogistics.map(Double.init) }),
            ], marks: marks, axisText: score.axis, exactText: score.exact, emptyText: l10n["chart_empty"])
        dsr.fromZero = false
        return [
            compared(l10n["chart_gmv"], { $0.sales.gmv.fen }, money),
            compared(l10n["chart_visitors"], { $0.traffic.map { Int64($0.visitors) } }, count),
            compared(l10n["chart_conversion"], { $0.conversionBP.map(Int64.init) }, rate),
            compared(l10n["chart_aov"], { $0.sales.aov?.fen }, money),
            compared(l10n["chart_refunds"], { $0.refundAmount.fen }, money),
            compared(l10n["chart_ad_cost"], { $0.ads?.cost.fen }, money),
            compared(l10n["chart_ad_roi"], { $0.ads?.roiHundredths.map(Int64.init) }, hundredths),
            dsr,
        ]
    }
}
