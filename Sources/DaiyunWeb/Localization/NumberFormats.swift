import DaiyunCore
import Foundation

extension Localizer {
    /// `¥1,299.00`: every amount a page shows, to the fen, with thousands separators.
    func money(_ amount: Money) -> String {
        let magnitude = amount.fen.magnitude
        let cents = magnitude % 100
        return "\(amount.fen < 0 ? "-" : "")¥\(Self.grouped(magnitude / 100)).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// `¥12.3万` (`¥123.4K` in English) where space is short: amounts from ¥10,000 up, to one
    /// decimal, rounded half up; smaller ones in full. Show `money` beside it (a tooltip).
    func compactMoney(_ amount: Money) -> String {
        let fen = amount.fen.magnitude
        let sign = amount.fen < 0 ? "-" : ""
        let steps: [(unit: UInt64, suffix: String)] =
            language == .zhCN ? [(100_000_000, "亿"), (10_000, "万")] : [(1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")]
        guard fen >= 1_000_000 else { return money(amount) }
        for step in steps where fen >= step.unit * 100 {
            let tenths = (fen + step.unit * 5) / (step.unit * 10)  // the amount in tenths of the unit, rounded
            return "\(sign)¥\(Self.grouped(tenths / 10)).\(tenths % 10)\(step.suffix)"
        }
        return money(amount)
    }

    /// `1,234`.
    func count(_ number: Int) -> String {
        (number < 0 ? "-" : "") + Self.grouped(UInt64(number.magnitude))
    }

    /// `12.34%`: a rate in basis points, to the hundredth of a percent.
    func percent(_ basisPoints: Int) -> String {
        let magnitude = basisPoints.magnitude
        return "\(basisPoints < 0 ? "-" : "")\(magnitude / 100).\(magnitude % 100 < 10 ? "0" : "")\(magnitude % 100)%"
    }

    /// `+12.3%` or `-4.0%`: a change in basis points, to a tenth of a percent (toward zero).
    func change(_ basisPoints: Int) -> String {
        let tenths = basisPoints.magnitude / 10
        return "\(basisPoints < 0 ? "-" : "+")\(Self.grouped(UInt64(tenths / 10))).\(tenths % 10)%"
    }

    /// `3.25`: a ratio kept in hundredths (an ROI).
    func hundredths(_ value: Int) -> String {
        "\(value < 0 ? "-" : "")\(value.magnitude / 100).\(value.magnitude % 100 < 10 ? "0" : "")\(value.magnitude % 100)"
    }

    /// `4.8123`: a DSR score kept in ten-thousandths of a point.
    func score(_ tenThousandths: Int) -> String {
        let fraction = String(tenThousandths % 10_000)
        return "\(tenThousandths / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
    }

    /// An axis label for an amount: `¥800`, `¥12.3万` (compact from ¥10,000).
    func axisMoney(_ amount: Money) -> String {
        amount.fen.magnitude >= 1_000_000 ? compactMoney(amount) : "\(amount.fen < 0 ? "-" : "")¥\(count(Int(amount.fen.magnitude / 100)))"
    }

    private static func grouped(_ number: UInt64) -> String {
        let digits = String(number)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
