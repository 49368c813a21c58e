import DaiyunCore
import Foundation
import Testing

@Suite("Money and channel times")
struct MoneyAndTimeTests {
    @Test("yuan text parses to exact fen", arguments: [
        ("12.30", 1230), ("12.3", 1230), ("12", 1200), ("0.01", 1), ("-0.50", -50), ("1,234.56", 123_456),
        ("¥8.80", 880), ("￥8.80", 880), ("=\"99.00\"", 9900), ("\t15.00", 1500), (" 7.05 ", 705),
        ("99999999.99", 9_999_999_999), ("0.1", 10), ("19.99", 1999), ("¥-3", -300),
        ("999999999999999.99", 99_999_999_999_999_999),
    ] as [(String, Int64)])
    func parses(_ text: String, _ fen: Int64) throws {
        #expect(try Money(yuan: text).fen == fen)
    }

    @Test("anything but a yuan amount is refused, never rounded", arguments: ["12.345", "1.2.3", "", "abc", "12.", ".5", "1e3", "--1", "12,3a", "1234567890123456", "=\"", "¥", "-", "1.-5", "12 .5", "１２"])
    func refuses(_ text: String) {
        #expect(throws: ValidationError.self) { _ = try Money(yuan: text, field: "payment") }
    }

    @Test("fen prints back as yuan")
    func prints() {
        #expect(Money(fen: 1230).yuanString == "12.30")
        #expect(Money(fen: -5).yuanString == "-0.05")
        #expect(Money(fen: 100_007).yuanString == "1000.07" && Money(fen: 0).yuanString == "0.00")
        #expect(Money(fen: 1230) + Money(fen: 70) == Money(fen: 1300))
    }

    @Test("channel times are Beijing wall-clock times", arguments: [
        ("2026-11-11 00:00:05", 1_794_326_405), ("2026/11/11 00:00:05", 1_794_326_405), ("2026-11-11T00:00:05", 1_794_326_405),
        ("2026-11-11 00:00", 1_794_326_400), ("2024-02-29 23:59:59", 1_709_222_399),
    ] as [(String, Int)])
    func times(_ text: String, _ epoch: Int) throws {
        let date = try #require(ShanghaiTime.parse(text))
        #expect(Int(date.timeIntervalSince1970) == epoch)
    }

    @Test("bad times are refused", arguments: ["2026-02-30 10:00:00", "2026-13-01 00:00:00", "2026-11-11 24:00:00", "11/11/2026", "2026-11-11 10:00:00Z", "", "2026-11-1x 10:00:00", "2026-11-11 10:00:00:00", "2026-11-11"])
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
