import Foundation

/// A daily line chart drawn as SVG on the server, so it prints and needs no script: a y axis with
/// round steps in the figure's unit, day labels under the x axis, one polyline per series (the
/// period, the previous one, last year), promotion days shaded, and each point's value in a
/// `<title>` tooltip. Text arrives localised; the chart only lays it out.
struct LineChart {
    /// One line: its label in the legend and tooltips, its CSS class, and a value per day (nil:
    /// no data that day, the line breaks).
    struct Series {
        var label: String
        var style: String
        var values: [Double?]
    }

    var title: String
    /// A label per day, in order; the x axis shows a few of them.
    var days: [String]
    var series: [Series]
    /// The indexes of days to shade (big promotions), with their names.
    var marks: [(index: Int, name: String)]
    /// Formats a y value for the axis (short: ¥1.2万) and for a tooltip (exact).
    var axisText: (Double) -> String
    var exactText: (Double) -> String
    /// What the chart says when no series has a value (no traffic imported, say).
    var emptyText: String
    /// Whether the y axis starts at zero; scores near their top (DSR) start near their lowest value.
    var fromZero = true

    static let width = 720.0
    static let height = 240.0
    private static let left = 64.0
    private static let right = 24.0
    private static let top = 16.0
    private static let bottom = 40.0

    /// A round step (1, 2 or 5 × 10ⁿ) giving about `count` intervals up to `maximum`.
    static func step(for maximum: Double, count: Int = 4) -> Double {
        guard maximum > 0 else { return 1 }
        let raw = maximum / Double(count)
        let power = pow(10, floor(log10(raw)))
        for factor in [1.0, 2.0, 5.0, 10.0] where raw <= factor * power { return factor * power }
        return 10 * power
    }

    var svg: String {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let values = series.flatMap { $0.values.compactMap { $0 } }
        let maximum = values.max() ?? 0
        let lowest = fromZero ? 0 : values.min() ?? 0
        let step = Self.step(for: fromZero ? maximum : max(maximum - lowest, 1))
        let base = fromZero ? 0 : (lowest / step).rounded(.down) * step
        let ceiling = max(base + step, (maximum / step).rounded(.up) * step)
        let count = max(days.count, 1)
        func x(_ index: Int) -> Double {
            count == 1 ? Self.left + plotWidth / 2 : Self.left + plotWidth * Double(index) / Double(count - 1)
        }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - (value - base) / (ceiling - base)) }
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" aria-label=\"\(escape(title))\">",
            "<title>\(escape(title))</title>",
        ]
        let band = count == 1 ? plotWidth : plotWidth / Double(count - 1)
        for mark in marks where days.indices.contains(mark.index) {
            parts.append(
                "<rect class=\"chart-mark\" x=\(attr(x(mark.index) - band / 2)) y=\(attr(Self.top)) width=\(attr(band)) height=\(attr(plotHeight))><title>\(escape(days[mark.index])) \(escape(mark.name))</title></rect>"
            )
        }
        var tick = base
        while tick <= ceiling + step / 2 {
            parts.append(
                "<line class=\"chart-grid\" x1=\(attr(Self.left)) x2=\(attr(Self.width - Self.right)) y1=\(attr(y(tick))) y2=\(attr(y(tick)))/>"
            )
            parts.append(
                "<text class=\"chart-axis\" x=\(attr(Self.left - 6)) y=\(attr(y(tick) + 4)) text-anchor=\"end\">\(escape(axisText(tick)))</text>"
            )
            tick += step
        }
        let labelEvery = max(1, Int((Double(count) / 7).rounded(.up)))
        for index in days.indices where index % labelEvery == 0 || index == days.count - 1 {
            parts.append(
                "<text class=\"chart-axis\" x=\(attr(x(index))) y=\(attr(Self.height - Self.bottom + 16)) text-anchor=\"middle\">\(escape(days[index]))</text>"
            )
        }
        for line in series {
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    parts.append("<polyline class=\"chart-line \(line.style)\" points=\"\(segment.joined(separator: " "))\"/>")
                }
                segment = []
            }
            for (index, value) in line.values.enumerated() {
                guard let value, days.indices.contains(index) else {
                    flush()
                    continue
                }
                segment.append("\(format(x(index))),\(format(y(value)))")
                parts.append(
                    "<circle class=\"chart-point \(line.style)\" cx=\(attr(x(index))) cy=\(attr(y(value))) r=\"3\"><title>\(escape(days[index])) \(escape(line.label))：\(escape(exactText(value)))</title></circle>"
                )
            }
            flush()
        }
        if values.isEmpty {
            parts.append(
                "<text class=\"chart-empty\" x=\(attr(Self.left + plotWidth / 2)) y=\(attr(Self.top + plotHeight / 2)) text-anchor=\"middle\">\(escape(emptyText))</text>"
            )
        }
        var legendX = Self.left
        for line in series {
            parts.append(
                "<rect class=\"chart-key \(line.style)\" x=\(attr(legendX)) y=\(attr(Self.height - 14)) width=\"12\" height=\"4\"/>")
            parts.append("<text class=\"chart-legend\" x=\(attr(legendX + 16)) y=\(attr(Self.height - 8))>\(escape(line.label))</text>")
            legendX += 24 + Double(line.label.count) * 13
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
    private func attr(_ value: Double) -> String { "\"\(format(value))\"" }
    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
