import DaiyunCore
import Foundation
import Testing

@Suite("Workbench rules")
struct WorkbenchRulesTests {
    static let agency = ID<Agency>(UUID())
    static let store = ID<Store>(UUID())

    @Test(
        "each role sees its sections of the workbench",
        arguments: [
            (UserKind.agencyAdmin, [StoreRole](), Set(WorkbenchSection.allCases)),
            (.brandViewer, [], [.sales]),
            (.staff, [.storeManager], Set(WorkbenchSection.allCases)),
            (.staff, [.warehouse], [.shipping, .stock]),
            (.staff, [.csAgent], [.refunds, .reviews]),
            (.staff, [.promoter], [.sales]),
            (.staff, [.designer], []),
            (.staff, [.csAgent, .warehouse], [.refunds, .reviews, .shipping, .stock]),
            (.staff, [], []),
        ] as [(UserKind, [StoreRole], Set<WorkbenchSection>)])
    func sections(_ kind: UserKind, _ roles: [StoreRole], _ expected: Set<WorkbenchSection>) {
        let principal = Principal(
            userID: ID(UUID()), agencyID: Self.agency, kind: kind, assignments: roles.isEmpty ? [:] : [Self.store: Set(roles)])
        #expect(WorkbenchSection.sections(for: principal, store: Self.store) == expected)
        #expect(WorkbenchSection.sections(for: principal, store: ID(UUID())) == (kind == .staff ? [] : expected), "another store")
    }

    @Test("an order is overdue only once its promised hours have passed, to the second")
    func overdue() throws {
        let paid = Date(timeIntervalSince1970: 1_796_000_000)
        let promise = ShippingPromise()
        #expect(!promise.isOverdue(paidAt: paid, at: paid.addingTimeInterval(48 * 3600)))
        #expect(promise.isOverdue(paidAt: paid, at: paid.addingTimeInterval(48 * 3600 + 1)))
        // The list filter and the count agree at the edge.
        let now = paid.addingTimeInterval(48 * 3600)
        #expect(!(paid < promise.overdueIfPaidBefore(now)))
        #expect(paid < promise.overdueIfPaidBefore(now.addingTimeInterval(1)))
        #expect(try ShippingPromise(text: " 24 ").hours == 24)
        #expect(throws: ValidationError.self) { try ShippingPromise(text: "0") }
        #expect(throws: ValidationError.self) { try ShippingPromise(text: "721") }
        #expect(throws: ValidationError.self) { try ShippingPromise(text: "两天") }
    }

    @Test(
        "stock is low at its warning level or with under a week of cover at two weeks' pace",
        arguments: [
            (0, 0, 0, true, Int?.none),  // nothing left, nothing sold
            (5, 0, 0, false, nil),  // nothing sold: lasts
            (5, 0, 5, true, nil),  // at the warning level
            (6, 0, 5, false, nil),
            (13, 28, 0, true, 65),  // 28 sold in 14 days = 2 a day: 6.5 days
            (14, 28, 0, false, 70),  // exactly 7 days is enough
            (-3, 10, 0, true, 0),  // oversold
        ] as [(Int, Int, Int, Bool, Int?)])
    func stockCover(_ available: Int, _ sold: Int, _ warnAt: Int, _ low: Bool, _ tenths: Int?) {
        let cover = StockCover(available: available, soldInPace: sold, warnAt: warnAt)
        #expect(cover.isLow == low)
        #expect(cover.daysOfCoverTenths == tenths)
    }

    @Test("AOV is GMV over paying buyers to the fen, half up; totals add per store")
    func salesFigures() {
        #expect(SalesFigures(paidOrders: 3, gmv: Money(fen: 1000), payingBuyers: 3).aov == Money(fen: 333))
        #expect(SalesFigures(paidOrders: 3, gmv: Money(fen: 1001), payingBuyers: 2).aov == Money(fen: 501))
        #expect(SalesFigures(paidOrders: 2, gmv: Money(fen: 5), payingBuyers: 2).aov == Money(fen: 3))
        #expect(SalesFigures.zero.aov == nil)
        let sum =
            SalesFigures(paidOrders: 1, gmv: Money(fen: 100), payingBuyers: 1)
            + SalesFigures(paidOrders: 2, gmv: Money(fen: 50), payingBuyers: 2)
        #expect(sum == SalesFigures(paidOrders: 3, gmv: Money(fen: 150), payingBuyers: 3))
    }

    @Test("days run midnight to midnight in Shanghai: today, yesterday, the month so far, the last 14 days")
    func dayRanges() throws {
        let now = try #require(ShanghaiTime.parse("2026-12-01 00:30:00"))
        #expect(DayRange.today(now) == DayRange(from: ShanghaiTime.parse("2026-12-01 00:00:00")!, until: now))
        #expect(
            DayRange.yesterday(now)
                == DayRange(from: ShanghaiTime.parse("2026-11-30 00:00:00")!, until: ShanghaiTime.parse("2026-12-01 00:00:00")!))
        #expect(DayRange.monthToDate(now).from == ShanghaiTime.parse("2026-12-01 00:00:00")!)
        #expect(DayRange.last(14, before: now).from == ShanghaiTime.parse("2026-11-17 00:00:00")!)
    }

    @Test(
        "a sync is failing after an error, behind after a quarter of an hour, otherwise healthy",
        arguments: [
            (Double?.none, Double?.none, Double?.none, SyncHealth.notSyncing),
            (nil, nil, -60, .failing),
            (-60, -60, nil, .healthy),
            (-16 * 60, -16 * 60, nil, .behind),
            (-60, -120, -30, .failing),
            (-60, -30, -120, .healthy),
        ] as [(Double?, Double?, Double?, SyncHealth)])
    func syncHealth(_ until: Double?, _ success: Double?, _ error: Double?, _ expected: SyncHealth) {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let health = SyncHealth(
            syncedUntil: until.map(now.addingTimeInterval), lastSuccessAt: success.map(now.addingTimeInterval),
            lastErrorAt: error.map(now.addingTimeInterval), at: now)
        #expect(health == expected)
    }
}
