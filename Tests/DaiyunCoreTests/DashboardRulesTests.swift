import DaiyunCore
import Foundation
import Testing

@Suite("Dashboard rules")
struct DashboardRulesTests {
    static func day(_ text: String) -> BusinessDay { BusinessDay(text)! }

    @Test("a period is compared with as many days just before and with the same dates a year earlier, 29 February on the 28th")
    func comparisons() throws {
        let period = try DashboardPeriod(first: Self.day("2028-02-27"), last: Self.day("2028-03-01"))
        #expect(period.length == 4)
        #expect(period.previous == (try DashboardPeriod(first: Self.day("2028-02-23"), last: Self.day("2028-02-26"))))
        #expect(period.lastYear == (try DashboardPeriod(first: Self.day("2027-02-27"), last: Self.day("2027-03-01"))))
        #expect(Self.day("2028-02-29").yearEarlier == Self.day("2027-02-28"))
        #expect(period.range.from == Self.day("2028-02-27").start && period.range.until == Self.day("2028-03-02").start)
        #expect(DashboardPeriod.recent(before: Self.day("2026-12-02")).first == Self.day("2026-11-02"))
        #expect(DashboardPeriod.recent(before: Self.day("2026-12-02")).last == Self.day("2026-12-01"))
    }

    @Test("a period that ends before it starts, or is longer than 366 days, is refused on until")
    func refused() throws {
        #expect(throws: ValidationError(field: "until", rule: .period(maxDays: 366))) {
            try DashboardPeriod(first: Self.day("2026-11-02"), last: Self.day("2026-11-01"))
        }
        #expect(throws: ValidationError(field: "until", rule: .period(maxDays: 366))) {
            try DashboardPeriod(first: Self.day("2026-01-01"), last: Self.day("2027-01-02"))
        }
        #expect(try DashboardPeriod(first: Self.day("2026-01-01"), last: Self.day("2027-01-01")).length == 366)
        #expect(throws: ValidationError(field: "from", rule: .dayBetween(first: "2000-01-01", last: "2100-12-31"))) {
            try DashboardPeriod(first: Self.day("0001-01-01"), last: Self.day("0001-01-30"))
        }
        #expect(try DashboardPeriod(first: Self.day("2026-11-01"), last: Self.day("2026-11-01")).length == 1)
    }

    @Test("rates floor to basis points and changes round toward zero; nothing to compare with gives no rate")
    func rates() {
        let cases: [(Int, Int?, Int?)] = [(3, 150, 200), (1, 3, 3_333), (0, 10, 0), (5, 0, nil), (5, nil, nil)]
        for (part, whole, expected) in cases {
            #expect(Rate.basisPoints(part, of: whole) == expected, "\(part)/\(String(describing: whole))")
        }
        let changes: [(Int64?, Int64?, Int?)] = [
            (100, 75, -2_500), (3, 4, 3_333), (3, 2, -3_333), (0, 5, nil), (nil, 5, nil), (-100, -50, 5_000),
        ]
        for (before, now, expected) in changes { #expect(Rate.change(from: before, to: now) == expected) }
    }

    @Test("a period's conversion is its days' buyers over their visitors, for the days with traffic only")
    func conversion() {
        let store = ID<Store>(UUID())
        let days = [
            DayFigures(
                day: Self.day("2026-11-01"), sales: SalesFigures(paidOrders: 3, gmv: Money(fen: 900), payingBuyers: 3),
                traffic: TrafficDay(storeID: store, day: Self.day("2026-11-01"), visitors: 100, dsrDescription: 48_000)),
            // Sales without traffic imported: not in the conversion.
            DayFigures(day: Self.day("2026-11-02"), sales: SalesFigures(paidOrders: 9, gmv: Money(fen: 900), payingBuyers: 9)),
            DayFigures(
                day: Self.day("2026-11-03"), sales: SalesFigures(paidOrders: 1, gmv: Money(fen: 100), payingBuyers: 1),
                refundAmount: Money(fen: 50),
                traffic: TrafficDay(storeID: store, day: Self.day("2026-11-03"), visitors: 100)),
        ]
        let period = PeriodFigures(days: days, payingBuyers: 11)
        #expect(period.sales == SalesFigures(paidOrders: 13, gmv: Money(fen: 1_900), payingBuyers: 11))
        #expect(period.visitors == 200 && period.buyersOnTrafficDays == 4 && period.conversionBP == 200)
        #expect(period.netSales == Money(fen: 1_850))
        // The latest day that reports a DSR, not the latest day.
        #expect(period.dsr?.day == Self.day("2026-11-01"))
        #expect(PeriodFigures(days: [days[1]], payingBuyers: 9).conversionBP == nil)
    }

    @Test("attention: a fall of 20 % or more in GMV, visitors or conversion, a DSR down 0.05, or no traffic")
    func attention() {
        let store = ID<Store>(UUID())
        func period(gmv: Int64, visitors: Int?, buyers: Int, dsr: Int? = nil) -> PeriodFigures {
            PeriodFigures(
                sales: SalesFigures(paidOrders: buyers, gmv: Money(fen: gmv), payingBuyers: buyers), visitors: visitors,
                buyersOnTrafficDays: buyers,
                dsr: dsr.map { TrafficDay(storeID: store, day: Self.day("2026-11-01"), visitors: 1, dsrDescription: $0) })
        }
        let before = period(gmv: 10_000, visitors: 1_000, buyers: 50, dsr: 48_000)
        let cases: [(PeriodFigures, [AttentionReason])] = [
            (period(gmv: 10_000, visitors: 1_000, buyers: 50, dsr: 48_000), []),
            (period(gmv: 8_001, visitors: 1_000, buyers: 50, dsr: 47_501), []),
            (period(gmv: 8_000, visitors: 1_000, buyers: 50, dsr: 47_500), [.gmvDown, .dsrDown]),
            (period(gmv: 10_000, visitors: 800, buyers: 40), [.visitorsDown]),
            (period(gmv: 10_000, visitors: 1_000, buyers: 40), [.conversionDown]),
            (period(gmv: 10_000, visitors: nil, buyers: 50), [.noTraffic]),
        ]
        for (now, expected) in cases { #expect(AttentionReason.reasons(current: now, previous: before) == expected) }
    }

    @Test("the overview compares today with yesterday, and the month so far with as many days of the month before")
    func overviewPeriods() {
        let now = ShanghaiTime.parse("2026-03-31 10:00:00")!
        #expect(OverviewPeriod.today.comparison(at: now) == .yesterday(now))
        let month = OverviewPeriod.monthToDate.comparison(at: now)
        #expect(month.firstDay == Self.day("2026-02-01") && month.lastDay == Self.day("2026-02-28"))
        let week = OverviewPeriod.last7Days.comparison(at: now)
        #expect(week.firstDay == Self.day("2026-03-17") && week.lastDay == Self.day("2026-03-23"))
        #expect(OverviewPeriod.last7Days.range(at: now).lastDay == Self.day("2026-03-30"))
        #expect(OverviewPeriod.yesterday.comparison(at: now).firstDay == Self.day("2026-03-29"))
    }

    @Test("the big promotions of a period, across a year's end")
    func promotions() {
        let days = PromotionCalendar.days(from: Self.day("2026-11-11"), through: Self.day("2027-03-08"))
        #expect(days.map(\.day.description) == ["2026-11-11", "2026-12-12", "2027-03-08"])
        #expect(days.map(\.name) == ["1111", "1212", "women"])
    }
}
