import DaiyunCore
import Foundation

/// The 生意参谋 store-level daily export (CSV or XLSX), one row per day, read by header name:
/// counts with or without thousands separators, rates as `12.34%` or as fractions, `-` for no
/// value, days as `2026-11-01`, `2026/11/01`, `20261101` or an Excel date.
public enum TrafficExport {
    static let required = [["统计日期", "日期"], ["访客数"]]

    /// Parses the file into traffic days of `store`. A repeated day is an error on the later row.
    public static func parse(_ data: Data, store: ID<Store>) throws -> ParsedFile<TrafficDay> {
        let table = try ExportTable(data)
        try table.require(required)
        let c = (
            day: table.column("统计日期", "日期"), visitors: table.column("访客数"), pageViews: table.column("浏览量"),
            paying: table.column("支付买家数"), ordering: table.column("下单买家数"), cart: table.column("加购人数"),
            favorite: table.column("商品收藏人数", "收藏人数", "商品收藏买家数"), bounce: table.column("跳失率"),
            stay: table.column("平均停留时长", "人均停留时长"), new: table.column("新访客数"), returning: table.column("老访客数"),
            description: table.column("描述相符"), service: table.column("服务态度"), logistics: table.column("物流服务"),
            payment: table.column("支付金额")
        )
        var firstLine: [BusinessDay: Int] = [:]
        return table.parse { row in
            let dayText = try row.required(c.day)
            guard let day = Self.day(dayText) else {
                throw row.error(
                    c.day.name, Message("row_not_day", [String(dayText.prefix(30))], english: "is not a day: \(dayText.prefix(30))"))
            }
            if let first = firstLine[day] {
                throw row.error(
                    c.day.name, Message("row_duplicate_day", ["\(day)", "\(first)"], english: "day \(day) twice, first on line \(first)"))
            }
            func count(_ column: ExportColumn) throws -> Int? {
                try Self.read(row, column, { Message("row_not_count", [$0], english: "is not a count: \($0)") }) {
                    Int($0.replacingOccurrences(of: ",", with: "")).flatMap { InputBounds.stockLevel.contains($0) ? $0 : nil }
                }
            }
            func rate(_ column: ExportColumn) throws -> Int? {
                try Self.read(row, column, { Message("row_not_rate", [$0], english: "is not a rate: \($0)") }) {
                    Self.basisPoints($0).flatMap { (0...10_000).contains($0) ? $0 : nil }
                }
            }
            func score(_ column: ExportColumn) throws -> Int? {
                try Self.read(row, column, { Message("row_not_score", [$0], english: "is not a score from 0 to 5: \($0)") }) { text in
                    Decimal(string: text).flatMap {
                        $0 >= 0 && $0 <= 5 ? NSDecimalNumber(decimal: $0 * 10_000).rounding(accordingToBehavior: nil).intValue : nil
                    }
                }
            }
            guard let visitors = try count(c.visitors) else { throw row.error(c.visitors.name, .empty) }
            let payment = try Self.read(row, c.payment, { Message("row_not_amount", [$0], english: "is not an amount in yuan: \($0)") }) {
                try? Money(yuan: $0.replacingOccurrences(of: ",", with: ""))
            }
            let traffic = TrafficDay(
                storeID: store, day: day, visitors: visitors, pageViews: try count(c.pageViews), payingBuyers: try count(c.paying),
                orderBuyers: try count(c.ordering), cartBuyers: try count(c.cart), favoriteBuyers: try count(c.favorite),
                bounceRateBP: try rate(c.bounce),
                averageStaySeconds: try Self.read(
                    row, c.stay, { Message("row_not_duration", [$0], english: "is not a duration: \($0)") }, Self.seconds),
                newVisitors: try count(c.new),
                returningVisitors: try count(c.returning), dsrDescription: try score(c.description), dsrService: try score(c.service),
                dsrLogistics: try score(c.logistics), reportedPayment: payment)
            firstLine[day] = row.line
            return traffic
        }
    }

    /// The cell read by `parse`, nil when it holds no value; a value `parse` cannot read is an error
    /// on the row, saying what the column should hold.
    static func read<Value>(
        _ row: ExportRow, _ column: ExportColumn, _ refusal: (String) -> Message, _ parse: (String) -> Value?
    ) throws -> Value? {
        guard let text = try value(row, column) else { return nil }
        guard let parsed = parse(text) else { throw row.error(column.name, refusal(String(text.prefix(30)))) }
        return parsed
    }

    /// The cell's text, or nil when the column is absent, empty or `-` (no value that day).
    static func value(_ row: ExportRow, _ column: ExportColumn) throws -> String? {
        guard let text = try row.optional(column), !text.isEmpty, text != "-", text != "--" else { return nil }
        return text
    }

    /// `2026-11-01`, `2026/11/01`, `20261101`, or an Excel date's `2026-11-01 00:00:00`.
    static func day(_ text: String) -> BusinessDay? {
        let date = String(text.prefix { $0 != " " }).replacingOccurrences(of: "/", with: "-")
        if date.count == 8, date.allSatisfy(\.isNumber) {
            return BusinessDay("\(date.prefix(4))-\(date.dropFirst(4).prefix(2))-\(date.suffix(2))")
        }
        let parts = date.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return BusinessDay(year: y, month: m, day: d)
    }

    /// `12.34%` → 1234; a fraction `0.1234` → 1234 (rounded half up).
    static func basisPoints(_ text: String) -> Int? {
        let percent = text.hasSuffix("%")
        guard let value = Decimal(string: percent ? String(text.dropLast()) : text) else { return nil }
        let bp = value * (percent ? 100 : 10_000)
        return NSDecimalNumber(decimal: bp).rounding(
            accordingToBehavior: NSDecimalNumberHandler(
                roundingMode: .plain, scale: 0, raiseOnExactness: false, raiseOnOverflow: false, raiseOnUnderflow: false,
                raiseOnDivideByZero: false)
        ).intValue
    }

    /// Seconds as `12.5`, or a clock `00:01:23` / `01:23`; rounded to the second.
    static func seconds(_ text: String) -> Int? {
        if text.contains(":") {
            let parts = text.split(separator: ":").map { Int($0) }
            guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
            return parts.reduce(0) { $0 * 60 + $1! }
        }
        guard let value = Double(text), value >= 0, value < 86_400 else { return nil }
        return Int(value.rounded())
    }
}
