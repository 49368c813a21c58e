import DaiyunCore
import Foundation
import Testing

@Suite("Staff KPIs")
struct StaffKPIsTests {
    static let opened = Date(timeIntervalSince1970: 1_790_000_000)

    @Test(
        "an alert is acknowledged in time up to two hours after it opened; a shipment up to the store's promised hours after payment",
        arguments: [
            (7_199.0, 48, true), (7_200, 48, true), (7_201, 48, false), (0, 1, true),
        ] as [(Double, Int, Bool)])
    func inTime(_ seconds: Double, _ promiseHours: Int, _ alertInTime: Bool) {
        var kpis = StaffKPIs()
        kpis.acknowledged(opened: Self.opened, at: Self.opened.addingTimeInterval(seconds))
        #expect((kpis.alertsInTime == 1) == alertInTime && kpis.alertsAcknowledged == 1)
        let promise = ShippingPromise(hours: promiseHours)
        kpis.shipped(paid: Self.opened, at: Self.opened.addingTimeInterval(Double(promiseHours) * 3_600), promise: promise)
        kpis.shipped(paid: Self.opened, at: Self.opened.addingTimeInterval(Double(promiseHours) * 3_600 + 1), promise: promise)
        #expect(kpis.shipments == 2 && kpis.shipmentsInTime == 1 && kpis.shipmentsInTimeBP == 5_000)
        #expect(StaffKPIs().alertsInTimeBP == nil, "no alert, no rate")
    }
}
