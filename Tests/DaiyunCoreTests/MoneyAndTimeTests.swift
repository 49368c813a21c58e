import DaiyunCore
import Foundation
import Testing

@Suite("Money and channel times")
struct MoneyAndTimeTests {
    @Test(
        "yuan text parses to exact fen",
        arguments: [
            ("12.30", 1230), ("12.3", 1230), ("12", 1200), ("0.01", 1), ("-0.50", -50), ("1,234.56", 123_456),
            ("¥8.80", 880), ("￥8.80", 880), ("=\"99.00\"", 9900), ("\t15.00", 1500), (" 7.05 ", 705),
            ("99999999.99", 9_999_999_999), ("0.1", 10), ("19.99", 1999), ("¥-3", -300),
            ("1,000,000,000.00", 100_000_000_000), ("-1000000000", -100_000_000_000),
        ] as [(String, Int64)])
    func parses(_ text: String, _ fen: Int64) throws {
        #expect(try Money(yuan: text).fen == fen)
    }

    @Test(
        "anything but a yuan amount is refused, never rounded",
        arguments: [
            "12.345", "1.2.3", "", "abc", "12.", ".5", "1e3", "--1", "12,3a", "1234567890123456", "=\"", "¥", "-", "1.-5", "12 .5", "１２",
        ])
    func refuses(_ text: String) {
        #expect(throws: ValidationError.self) { _ = try Money(yuan: text, field: "payment") }
    }

    @Test(
        "an amount beyond ¥1,000,000,000.00 either way is refused as too large",
        arguments: [
            "1000000000.01", "-1000000000.01", "999999999999999.99", "99999999999",
        ])
    func tooLarge(_ text: String) {
        #expect(throws: ValidationError(field: "payment", rule: .amountTooLarge)) { _ = try Money(yuan: text, field: "payment") }
    }

    @Test("a line's price × quantity is refused when the quantity or the product leaves its bounds")
    func lineAmount() throws {
        #expect(try Money(fen: 1999).times(3, field: "num") == Money(fen: 5997))
        #expect(try Money(fen: 100_000).times(1_000_000, field: "num") == Money(fen: 100_000_000_000))
        #expect(throws: ValidationError.self) { _ = try Money(fen: 100_001).times(1_000_000, field: "num") }
        #expect(throws: ValidationError.self) { _ = try Money(fen: 1).times(1_000_001, field: "num") }
        #expect(throws: ValidationError.self) { _ = try Money(fen: 1).times(-1, field: "num") }
        #expect(throws: ValidationError.self) { _ = try Money(fen: .max).times(Int.max, field: "num") }
    }

    @Test(
        "whole numbers from text are kept in their range, named by field",
        arguments: [
            ("12", 12 as Int?, nil as ValidationError.Rule?), (" -3 ", -3, nil), ("1000000000", 1_000_000_000, nil),
            ("1000000001", nil, .between(min: -1_000_000_000, max: 1_000_000_000)),
            ("9223372036854775807", nil, .between(min: -1_000_000_000, max: 1_000_000_000)),
            ("-9223372036854775808", nil, .between(min: -1_000_000_000, max: 1_000_000_000)),
            ("184467440737095516150", nil, .between(min: -1_000_000_000, max: 1_000_000_000)),
            ("lots", nil, .wholeNumber), ("1.5", nil, .wholeNumber), ("", nil, .wholeNumber), ("-", nil, .wholeNumber),
        ])
    func bounded(_ text: String, _ value: Int?, _ rule: ValidationError.Rule?) throws {
        if let value {
            #expect(try InputBounds.parse(text, in: InputBounds.stockChange, field: "quantity") == value)
        } else if let rule {
            #expect(throws: ValidationError(field: "quantity", rule: rule)) {
                _ = try InputBounds.parse(text, in: InputBounds.stockChange, field: "quantity")
            }
        }
    }

    @Test(
        "file names lose what could break a header or a path",
        arguments: [
            ("report.csv", "report.csv"),
            ("report.csv\"\r\nContent-Type: text/html\r\n\r\n<script>", "report.csvContent-Type: texthtml<script>"),
            ("../../etc/passwd", "....etcpasswd"), ("订单报表 11月.csv", "订单报表 11月.csv"), ("\u{0}\u{7}", "upload"), ("  ", "upload"),
            ("a\u{2028}b\u{202E}c", "abc"),
        ])
    func fileNames(_ name: String, _ kept: String) {
        #expect(FileName.sanitized(name, fallback: "upload") == kept)
    }

    @Test("fen prints back as yuan")
    func prints() {
        #expect(Money(fen: 1230).yuanString == "12.30")
        #expect(Money(fen: -5).yuanString == "-0.05")
        #expect(Money(fen: 100_007).yuanString == "1000.07" && Money(fen: 0).yuanString == "0.00")
        #expect(Money(fen: 1230) + Money(fen: 70) == Money(fen: 1300))
    }

    @Test(
        "channel times are Beijing wall-clock times",
        arguments: [
            ("2026-11-11 00:00:05", 1_794_326_405), ("2026/11/11 00:00:05", 1_794_326_405), ("2026-11-11T00:00:05", 1_794_326_405),
            ("2026-11-11 00:00", 1_794_326_400), ("2024-02-29 23:59:59", 1_709_222_399),
        ] as [(String, Int)])
    func times(_ text: String, _ epoch: Int) throws {
        let date = try #require(ShanghaiTime.parse(text))
        #expect(Int(date.timeIntervalSince1970) == epoch)
    }

    @Test(
        "bad times are refused",
        arguments: [
            "2026-02-30 10:00:00", "2026-13-01 00:00:00", "2026-11-11 24:00:00", "11/11/2026", "2026-11-11 10:00:00Z", "",
            "2026-11-1x 10:00:00", "2026-11-11 10:00:00:00", "2026-11-11",
        ])
    func badTimes(_ text: String) {
        #expect(ShanghaiTime.parse(text) == nil)
    }

    @Test("times print back the way they were written")
    func roundTrip() {
        for text in ["2026-11-11 00:00:05", "1999-12-31 23:59:59", "2024-02-29 12:00:00"] {
            #expect(ShanghaiTime.format(ShanghaiTime.parse(text)!) == text)
        }
    }
}
