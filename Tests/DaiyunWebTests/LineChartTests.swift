import Foundation
import Testing

@testable import DaiyunWeb

@Suite("Line charts")
struct LineChartTests {
    static func chart(_ values: [Double?], fromZero: Bool = true) -> LineChart {
        var chart = LineChart(
            title: "成交额", days: values.indices.map { "11-\($0 + 1)" },
            series: [LineChart.Series(label: "本期", style: "series-current", values: values)], marks: [(index: 1, name: "双11")],
            axisText: { "¥\(Int($0))" }, exactText: { "¥\(Int($0)).00" }, emptyText: "本期无数据")
        chart.fromZero = fromZero
        return chart
    }

    @Test("the y axis steps by 1, 2 or 5 times a power of ten")
    func steps() {
        let cases: [(Double, Double)] = [(0, 1), (4, 1), (7, 2), (18, 5), (40, 10), (3_999, 1_000), (62_000, 20_000)]
        for (maximum, step) in cases { #expect(LineChart.step(for: maximum) == step, "\(maximum)") }
    }

    @Test("a day without a value breaks the line; each point and the promotion carry their text in a tooltip")
    func svg() {
        let svg = Self.chart([10, 20, nil, 40, 30]).svg
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2, "two segments around the missing day")
        #expect(svg.components(separatedBy: "<circle").count - 1 == 4)
        #expect(svg.contains("<title>11-4 本期：¥40.00</title>"))
        #expect(svg.contains("<title>11-2 双11</title>"))
        #expect(svg.contains(">¥40<") && svg.contains(">¥0<"), "ticks from zero to the rounded maximum")
        #expect(!svg.contains("本期无数据"))
        #expect(Self.chart([nil, nil]).svg.contains("本期无数据"))
    }

    @Test("scores near their top start the axis near their lowest value; text is escaped")
    func scores() {
        let svg = Self.chart([48_000, 48_300, 47_700], fromZero: false).svg
        #expect(svg.contains(">¥47600<") && !svg.contains(">¥0<"))
        var chart = Self.chart([1])
        chart.title = "<b>&"
        #expect(chart.svg.contains("&lt;b&gt;&amp;") && !chart.svg.contains("<b>"))
    }
}
