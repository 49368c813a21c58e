import DaiyunCore
import Foundation
import Testing

@Suite("Ad figures")
struct AdFiguresTests {
    @Test(
        "derived figures come from the summed counts: CTR and CVR floored, CPC, CPM and cart cost half up, ROI in hundredths floored",
        arguments: [
            // impressions, clicks, cost fen, orders, gmv fen, cart adds → ctr, cpc, cpm, cvr, roi, cart cost
            (10_000, 250, 50_000, 10, 162_500, 40, 250, 200, 5_000, 400, 325, 1_250),
            (3, 1, 1, 0, 0, 0, 3_333, 1, 333, 0, 0, nil),
            (0, 0, 0, 0, 0, 0, nil, nil, nil, nil, nil, nil),
            (7, 3, 100, 1, 99, 3, 4_285, 33, 14_286, 3_333, 99, 33),
        ] as [(Int, Int, Int64, Int, Int64, Int, Int?, Int64?, Int64?, Int?, Int?, Int64?)])
    func derived(
        _ impressions: Int, _ clicks: Int, _ cost: Int64, _ orders: Int, _ gmv: Int64, _ cart: Int, _ ctr: Int?, _ cpc: Int64?,
        _ cpm: Int64?,
        _ cvr: Int?, _ roi: Int?, _ cartCost: Int64?
    ) {
        let f = AdFigures(
            impressions: impressions, clicks: clicks, cost: Money(fen: cost), orders: orders, gmv: Money(fen: gmv), cartAdds: cart)
        #expect(
            f.ctrBP == ctr && f.cpc?.fen == cpc && f.cpm?.fen == cpm && f.cvrBP == cvr && f.roiHundredths == roi
                && f.cartCost?.fen == cartCost)
    }

    @Test("a period's ROI is its GMV over its spend, not the mean of its days' ROIs")
    func notAveraged() {
        let store = ID<Store>(UUID())
        func row(_ day: String, cost: Int64, gmv: Int64) -> AdReportRow {
            AdReportRow(
                storeID: store, day: BusinessDay(day)!, product: .ztc, campaignID: "C", campaignName: "c", model: .lastClick,
                windowDays: 15,
                impressions: 100, clicks: 10, cost: Money(fen: cost), directOrders: 1, directGMV: Money(fen: gmv))
        }
        let days = [AdFigures(row("2026-11-01", cost: 100, gmv: 1_000)), AdFigures(row("2026-11-02", cost: 900, gmv: 900))]
        #expect(days.map(\.roiHundredths) == [1_000, 100])
        #expect(days.reduce(AdFigures(), +).roiHundredths == 190, "1,900 / 1,000, not (10 + 1) / 2")
    }
}
