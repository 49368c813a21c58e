import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import DaiyunTestSupport
import Fluent
import Foundation
import Testing
import Vapor

@Suite("Ad report import")
struct AdImportTests {
    static let header = "日期,推广产品,计划ID,计划名称,关键词,展现量,点击量,花费,直接成交金额,间接成交金额,直接成交笔数,间接成交笔数,总购物车数,日限额,撞线时间,归因模型,转化周期\r\n"

    @Test(
        "rows with their attribution import, bad ones are named with their line; the same file again changes nothing",
        arguments: TestDatabase.available)
    func importing(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let csv =
                Self.header
                + "2026-11-01,直通车,C1,面霜,,\"12,000\",300,600.00,1200.00,425.00,6,4,45,800.00,15:30,末次点击,15天\r\n"
                + "2026-11-01,直通车,C1,面霜,保湿面霜,10000,250,500.00,1200.00,425.00,6,4,40,,,末次点击,15天\r\n"
                + "2026-11-01,直通车,C1,面霜,补水面霜,2000,50,100.00,0,0,0,0,5,,,末次点击,15\r\n"
                + "2026-11-01,直通车,C1,面霜,,12000,300,600.00,1300.00,425.00,7,4,45,800.00,0.6458,多触点,15\r\n"
                + "2026-11-01,直通车,C2,精华,,100,1,1.00,0,0,0,0,0,,,,15\r\n"
                + "2026-11-01,淘宝客,C3,x,,100,1,1.00,0,0,0,0,0,,,末次点击,15\r\n"
                + "2026-11-01,万相台,C4,x,,100,1,1.00,0,0,0,0,0,,,末次点击,5天\r\n"
                + "2026-11-01,万相台,C5,x,,100,1,1.00,0,0,0,0,0,100.00,25:00,末次点击,15\r\n"
            let service = ImportService(database: app.db)
            let target = ImportTarget(client: t.clientA1, store: t.storeA1)
            let context = WriteContext(actor: "user:admin", now: Date())
            let first = try await service.run(Data(csv.utf8), name: "ads.csv", kind: .ads, mode: .skipBadRows, target: target, by: context)
            #expect(first.batch.outcome == "imported" && first.batch.inserted == 4)
            #expect(first.errors.map(\.line) == [6, 7, 8, 9])
            #expect(first.errors.map(\.column) == ["归因模型", "推广产品", "转化周期", "撞线时间"])
            let again = try await service.run(Data(csv.utf8), name: "ads.csv", kind: .ads, mode: .skipBadRows, target: target, by: context)
            #expect(again.batch.unchanged == 4 && again.batch.inserted == 0 && again.sameFileSeenBefore)

            let ads = AdReportRepository(database: app.db)
            let day = BusinessDay("2026-11-01")!
            let lastClick = try #require(try await ads.figures(of: [t.storeA1.id], from: day, through: day)[t.storeA1.id])
            #expect(
                lastClick
                    == AdFigures(
                        impressions: 12_000, clicks: 300, cost: Money(fen: 60_000), orders: 10, gmv: Money(fen: 162_500), cartAdds: 45))
            #expect(lastClick.roiHundredths == 270, "the campaign's own row: its keyword rows split it again and are not added")
            let budgets = try await ads.budgetDays(store: t.storeA1.id, from: day, through: day)["ztc:C1"]
            #expect(
                budgets == [AdBudgetDay(day: day, budget: Money(fen: 80_000), exhaustedMinute: 15 * 60 + 30)],
                "15:30, and 0.6458 of a day from Excel is 15:30 too")
            let keywords = try await ads.breakdown(.keyword, store: t.storeA1.id, from: day, through: day, model: .lastClick, window: 15)
            #expect(keywords.map(\.value) == ["保湿面霜", "补水面霜"] && keywords.map(\.figures.cost) == [Money(fen: 50_000), Money(fen: 10_000)])
            _ = try await AdTargetRepository(database: app.db).set(
                AdTarget(roiHundredths: 300, model: .multiTouch, windowDays: 15), campaigns: [], store: t.storeA1, by: context)
            let multi = try await ads.figures(of: [t.storeA1.id], from: day, through: day)[t.storeA1.id]
            #expect(
                multi?.gmv == Money(fen: 172_500), "the store's target names multi-touch: each attribution kept apart, never added together"
            )
            let campaigns = try await ads.campaigns(store: t.storeA1.id, from: day, through: day)
            #expect(Set(campaigns.map(\.model)) == [.lastClick, .multiTouch] && campaigns.allSatisfy { $0.campaignID == "C1" })

            // A later report of a row replaces it.
            _ = try await AdTargetRepository(database: app.db).set(.standard, campaigns: [], store: t.storeA1, by: context)
            let corrected = Self.header + "2026-11-01,直通车,C1,面霜,,12000,300,600.00,1500.00,425.00,7,4,45,800.00,15:30,末次点击,15\r\n"
            let later = try await service.run(
                Data(corrected.utf8), name: "ads2.csv", kind: .ads, mode: .skipBadRows, target: target, by: context)
            #expect(later.batch.updated == 1)
            #expect(try await ads.figures(of: [t.storeA1.id], from: day, through: day)[t.storeA1.id]?.gmv == Money(fen: 192_500))
        }
    }
}
