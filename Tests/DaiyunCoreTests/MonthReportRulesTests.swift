import Foundation
import Testing

@testable import DaiyunCore

@Suite("Month report rules")
struct MonthReportRulesTests {
    @Test("the JSON has exactly the documented keys, money in fen, AOV half up and the repurchase rate floored")
    func json() throws {
        let month = BusinessMonth("2025-11")!
        let report = MonthReport(
            monthly: [MonthReport.Month(month: month, orders: 3, buyers: 2, gmvFen: 1_001)],
            topSKUs: MonthReport.ranking([("B", 500, 1), ("A", 500, 2), ("C", 900, 1)]),
            daily: [MonthReport.Day(day: month.firstDay, orders: 3, buyers: 2, gmvFen: 1_001)],
            refunds: [MonthReport.MonthRefunds(month: month, refunds: 1, amountFen: 300)],
            repurchase: MonthReport.Repurchase(buyers: 3, repeatBuyers: 2))
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report)) as! [String: Any]
        #expect(Set(object.keys) == ["monthly", "top_skus", "daily", "refunds", "repurchase"])
        let monthly = (object["monthly"] as! [[String: Any]])[0]
        #expect(Set(monthly.keys) == ["month", "orders", "buyers", "gmv_fen", "aov_fen"])
        #expect(monthly["month"] as? String == "2025-11" && monthly["aov_fen"] as? Int == 501, "1001 / 2 = 500.5, half up")
        let top = object["top_skus"] as! [[String: Any]]
        #expect(Set(top[0].keys) == ["rank", "sku", "sales_fen", "qty"])
        #expect(top.map { $0["sku"] as! String } == ["C", "A", "B"], "by line payment, ties by merchant code")
        #expect(Set((object["daily"] as! [[String: Any]])[0].keys) == ["day", "orders", "buyers", "gmv_fen"])
        #expect(Set((object["refunds"] as! [[String: Any]])[0].keys) == ["month", "refunds", "amount_fen"])
        let repurchase = object["repurchase"] as! [String: Any]
        #expect(Set(repurchase.keys) == ["buyers", "repeat_buyers", "rate_bp"] && repurchase["rate_bp"] as? Int == 6_666)
    }

    @Test("a month knows its days, across February and the year's end")
    func months() {
        #expect(BusinessMonth("2024-02")!.days.count == 29 && BusinessMonth("2025-02")!.days.count == 28)
        #expect(BusinessMonth("2025-12")!.next.description == "2026-01" && BusinessMonth("2025-13") == nil)
        #expect(BusinessDay("2025-12-31")!.advanced(by: 1).description == "2026-01-01")
    }
}
