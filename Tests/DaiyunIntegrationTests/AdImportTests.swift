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
    static let header = "日期,推广产品,计划ID,计划名称,关键词,展现量,点击量,花费,直接成交金额,间接成交金额,直接成交笔数,间接成交笔数,总购物车数,归因模型,转化周期\r\n"

    @Test(
        "rows with their attribution import, bad ones are named with their line; the same file again changes nothing",
        arguments: TestDatabase.available)
    func importing(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let csv =
                Self.header
                + "2026-11-01,直通车,C1,面霜,保湿面霜,\"10,000\",250,500.00,1200.00,425.00,6,4,40,末次点击,15天\r\n"
                + "2026-11-01,直通车,C1,面霜,补水面霜,2000,50,100.00,0,0,0,0,5,末次点击,15\r\n"
                + "2026-11-01,直通车,C1,面霜,保湿面霜,10000,250,500.00,1300.00,425.00,7,4,40,多触点,15\r\n"
                + "2026-11-01,直通车,C2,精华,,100,1,1.00,0,0,0,0,0,,15\r\n"
                + "2026-11-01,淘宝客,C3,x,,100,1,1.00,0,0,0,0,0,末次点击,15\r\n"
                + "2026-11-01,万相台,C4,x,,100,1,1.00,0,0,0,0,0,末次点击,5天\r\n"
            let service = ImportService(database: app.db)
            let target = ImportTarget(client: t.clientA1, store: t.storeA1)
            let context = WriteContext(actor: "user:admin", now: Date())
            let first = try await service.run(Data(csv.utf8), name: "ads.csv", kind: .ads, mode: .skipBadRows, target: target, by: context)
            #expect(first.batch.outcome == "imported" && first.batch.inserted == 3)
            #expect(first.errors.map(\.line) == [5, 6, 7])
            #expect(first.errors.map(\.column) == ["归因模型", "推广产品", "转化周期"])
            let again = try await service.run(Data(csv.utf8), name: "ads.csv", kind: .ads, mode: .skipBadRows, target: target, by: context)
            #expect(again.batch.unchanged == 3 && again.batch.inserted == 0 && again.sameFileSeenBefore)

            let ads = AdReportRepository(database: app.db)
            let day = BusinessDay("2026-11-01")!
            let lastClick = try #require(try await ads.figures(of: [t.storeA1.id], from: day, through: day)[t.storeA1.id])
            #expect(
                lastClick
                    == AdFigures(
                        impressions: 12_000, clicks: 300, cost: Money(fen: 60_000), orders: 10, gmv: Money(fen: 162_500), cartAdds: 45))
            #expect(lastClick.roiHundredths == 270)
            let multi = try await ads.figures(of: [t.storeA1.id], from: day, through: day, model: .multiTouch)[t.storeA1.id]
            #expect(multi?.gmv == Money(fen: 172_500), "each attribution kept apart, never added together")
            let campaigns = try await ads.campaigns(store: t.storeA1.id, from: day, through: day)
            #expect(campaigns.map(\.model) == [.lastClick, .multiTouch] && campaigns.allSatisfy { $0.campaignID == "C1" })

            // A later report of a row replaces it.
            let corrected = Self.header + "2026-11-01,直通车,C1,面霜,补水面霜,2000,50,100.00,300.00,0,1,0,5,末次点击,15\r\n"
            let later = try await service.run(
                Data(corrected.utf8), name: "ads2.csv", kind: .ads, mode: .skipBadRows, target: target, by: context)
            #expect(later.batch.updated == 1)
            #expect(try await ads.figures(of: [t.storeA1.id], from: day, through: day)[t.storeA1.id]?.gmv == Money(fen: 192_500))
        }
    }
}
