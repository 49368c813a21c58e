import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import VaporTesting
import ZIPFoundation

@Suite("The receiver: in full for the roles that ship and the brand, masked for the rest")
struct ReceiverTests {
    static let receiver = Receiver(name: "张晓明", mobile: "13812345678", phone: "0571-88886666", address: "浙江省 杭州市 西湖区 文三路 90 号")

    static func seed(_ app: Application, _ t: TestTenancy) async throws {
        let context = WriteContext(actor: "job:test", now: Date())
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("raw".utf8), name: "raw.csv", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
        ).record.id
        let line = OrderLine(
            oid: "90011", outerSkuID: "SKU", title: "面霜", price: Money(fen: 129_900), quantity: 1, payment: Money(fen: 129_900),
            status: .waitSellerSendGoods)
        let order = Order(
            storeID: t.storeA1.id, tid: "9001", status: .waitSellerSendGoods, buyerNick: "a", payment: Money(fen: 129_900),
            totalFee: Money(fen: 129_900), createdAt: Date().addingTimeInterval(-120), paidAt: Date().addingTimeInterval(-60),
            receiver: receiver, lines: [line])
        _ = try await app.db.transaction { tx in
            try await OrderWriter(database: tx).apply([order], store: t.storeA1, source: source, by: context)
        }
    }

    @Test("page, API, export and raw file per role", arguments: TestDatabase.available)
    func perRole(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await Self.seed(app, t)
            let detail = "/stores/\(t.storeA1.id)/orders/9001"
            for (login, full) in [
                ("warehouse", true), ("store_manager", true), ("admin", true), ("viewerA1", true), ("cs_agent", false), ("promoter", false),
                ("designer", false),
            ] {
                let session = BrowserSession(app: app)
                try await session.signIn(login, password: TestTenancy.password)
                let page = try await session.get(detail).body.string
                #expect(page.contains(full ? ">张晓明<" : ">张**<"), "\(login): the name")
                #expect(page.contains(full ? ">13812345678<" : ">138****5678<"), "\(login): the mobile")
                #expect(page.contains(full ? "文三路 90 号" : "浙江省 杭州市 西湖区 ****"), "\(login): the address")
                #expect(page.contains("receiver-masked") == !full, "\(login): the masking said")
                #expect(page.contains("13812345678") == full, "\(login): the number nowhere else on the page")

                let csv = try await session.get("/stores/\(t.storeA1.id)/orders.csv").body.string
                #expect(csv.contains(full ? "张晓明,13812345678,0571-88886666" : "张**,138****5678,*********6666"), "\(login): the export")

                let token = try await t.token(for: login, on: app)
                let api = try await app.testing().sendRequest(.GET, "/api/v1\(detail)", headers: HTTP.api(token))
                let receiver = (HTTP.object(api)["order"] as? [String: Any])?["receiver"] as? [String: Any]
                #expect(receiver?["mobile"] as? String == (full ? "13812345678" : "138****5678"), "\(login): the API")

                let source = try await OrderRepository(database: app.db).detail(store: t.storeA1.id, tid: "9001")!.source!.id
                let raw = try await session.get("/source-records/\(source.uuidString.lowercased())")
                #expect(raw.status == (full ? .ok : .forbidden), "\(login): the raw file carries the contacts")
            }
        }
    }

    @Test("the orders export as an Excel workbook: text cells, amounts as numbers", arguments: TestDatabase.available)
    func xlsx(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await Self.seed(app, t)
            let session = BrowserSession(app: app)
            try await session.signIn("warehouse", password: TestTenancy.password)
            let response = try await session.get("/stores/\(t.storeA1.id)/orders.xlsx")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(response.headers.first(name: .contentDisposition)?.contains(".xlsx") == true)
            let archive = try Archive(data: Data(buffer: response.body), accessMode: .read)
            let names = Set(archive.map(\.path))
            #expect(names.isSuperset(of: ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml"]))
            var sheet = Data()
            _ = try archive.extract(archive["xl/worksheets/sheet1.xml"]!) { sheet.append($0) }
            let xml = String(decoding: sheet, as: UTF8.self)
            #expect(xml.contains(#"<c r="A1" t="inlineStr" s="2"><is><t xml:space="preserve">订单编号</t></is></c>"#))
            #expect(xml.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">9001</t></is></c>"#), "the order number as text")
            #expect(xml.contains(#"<c r="D2" s="1"><v>1299.00</v></c>"#), "the payment as a number in yuan")
            #expect(xml.contains("张晓明"))
            #expect(try await session.get("/stores/\(t.storeA1.id)/orders.csv?encoding=latin1").status == .unprocessableEntity)
        }
    }
}
