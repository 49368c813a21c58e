import DaiyunCore
import DaiyunTestSupport
import Foundation
import Testing

@testable import DaiyunChannels

@Suite("Export file parsing")
struct ExportParsingTests {
    static let store = ID<Store>(UUID())

    @Test(
        "GB18030 with CRLF, UTF-8, and UTF-8 with a BOM read the same orders",
        arguments: ["orders-gb18030.csv", "orders-utf8.csv", "orders-utf8-bom.csv"])
    func encodings(_ name: String) throws {
        let file = try TaobaoOrderExport.parse(try Fixture.data(name), store: Self.store)
        #expect(file.errors.isEmpty)
        #expect(file.encoding == (name.contains("gb18030") ? .gb18030 : .utf8))
        #expect(file.rowsRead == 6)
        let orders = file.rows.map(\.value)
        #expect(orders.map(\.tid) == (67...72).map { "40123456789012345\($0)" }, "long numbers stay text, =\"…\" unwrapped")
        let first = orders[0]
        #expect(first.status == .waitSellerSendGoods && first.payment == Money(fen: 19_900) && first.buyerNick == "花花**")
        #expect(first.buyerMessage == "请尽快发货, 谢谢", "a quoted field keeps its comma")
        #expect(first.createdAt == ShanghaiTime.parse("2026-11-11 00:00:05"))
        #expect(first.receiver == Receiver(name: "张*", mobile: "", phone: "", state: "浙江省", address: "浙江省 杭州市 西湖区 ***"))
        #expect(
            orders[1].payment == Money(fen: 38_050) && orders[1].postFee == Money(fen: 1_000) && orders[1].totalFee == Money(fen: 40_800))
        #expect(orders[2].buyerNick == "小\"明\"", "doubled quotes inside a quoted field")
        #expect(orders[3].status == .waitBuyerPay && orders[3].paidAt == nil)
        #expect(orders[4].status == .closed, "closed after payment")
        #expect(orders[5].status == .closedByTaobao, "closed before payment")
    }

    @Test("columns are found by name, in any order, with stray spaces")
    func byName() throws {
        let file = try TaobaoOrderExport.parse(try Fixture.data("orders-reordered.csv"), store: Self.store)
        #expect(file.errors.isEmpty)
        #expect(file.rows.map(\.value.tid) == ["4012345678901234567", "4012345678901234568", "4012345678901234569"])
        #expect(file.rows[1].value.payment == Money(fen: 38_050))
        #expect(file.rows[1].value.paidAt == ShanghaiTime.parse("2026-11-11 00:01:30"))
    }

    @Test("each malformed row is reported with its line, column and reason; good rows are kept")
    func malformed() throws {
        let file = try TaobaoOrderExport.parse(try Fixture.data("orders-malformed.csv"), store: Self.store)
        #expect(file.rowsRead == 7)
        #expect(file.rows.map(\.line) == [2, 8])
        #expect(file.rows.map(\.value.tid) == ["4012345678901234580", "4012345678901234585"])
        let errors = file.errors.map { "\($0.line) \($0.column)" }
        #expect(errors == ["3 订单创建时间", "4 买家实际支付金额", "5 买家实际支付金额", "6 订单编号", "7 买家会员名"])
        #expect(file.errors[0].reason.contains("2026-02-30"))
        #expect(file.errors[1].reason.contains("九十九"))
        #expect(file.errors[2].reason.contains("fewer than the header"))
        #expect(file.errors[3].reason.contains("duplicate order 4012345678901234580, first on line 2"))
        #expect(file.errors[4].reason.contains("GB18030") && file.errors[4].reason.contains("truncated"))
    }

    @Test("a file without a required column is refused, naming it")
    func missingColumn() {
        let data = Data("订单编号,订单状态,订单创建时间\n1,交易成功,2026-01-01 00:00:00\n".utf8)
        #expect {
            _ = try TaobaoOrderExport.parse(data, store: Self.store)
        } throws: { ($0 as? FileProblem)?.reason.contains("missing column(s): 买家实际支付金额") == true }
        #expect(throws: FileProblem.self) { _ = try TaobaoOrderExport.parse(Data(), store: Self.store) }
    }

    @Test(
        "a file that is not CSV text is refused before its rows, saying what it is",
        arguments: [
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52], "binary"),
            ([0xFF, 0xFE, 0xA2, 0x8B, 0x55, 0x53], "UTF-16"), ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "ZIP"),
        ] as [([UInt8], String)])
    func notText(_ bytes: [UInt8], _ said: String) {
        #expect {
            _ = try TaobaoOrderExport.parse(Data(bytes), store: Self.store)
        } throws: { ($0 as? FileProblem)?.reason.contains(said) == true }
    }

    @Test("a NUL byte, a quote never closed and a file cut inside a character are each reported as what they are")
    func brokenRows() throws {
        let header = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间\r\n"
        let good = "4012345678901234567,花花,199.00,等待买家付款,2026-11-11 00:00:05\r\n"
        // Past the first 8 KiB, where the whole file would be refused as binary.
        let many = (0..<200).map { "40123456789012\(String(format: "%05d", $0)),花花,199.00,等待买家付款,2026-11-11 00:00:05\r\n" }.joined()
        var nul = Data((header + many).utf8)
        nul.append(Data("4012345678901234568,bad".utf8) + Data([0]) + Data("nick,1.00,等待买家付款,2026-11-11 00:00:05\r\n".utf8))
        let withNul = try TaobaoOrderExport.parse(nul, store: Self.store)
        #expect(withNul.rows.count == 200 && withNul.errors.first?.reason.contains("NUL byte") == true && withNul.errors.first?.line == 202)

        let unclosed = try TaobaoOrderExport.parse(
            Data((header + good + "4012345678901234568,\"open,1.00,等待买家付款,2026-11-11 00:00:05\r\n" + good).utf8), store: Self.store)
        #expect(unclosed.rows.count == 1, "the row after the open quote is not silently swallowed into a good row: \(unclosed.errors)")
        #expect(unclosed.errors.first?.line == 3 && unclosed.errors.first?.reason.contains("never closed") == true, "\(unclosed.errors)")

        var cut = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间\r\n4012345678901234567,花花,199.00,等待买家付款,2026-11-11 00:00:05\r\n4012345678901234568,小"
            .data(using: String.Encoding(rawValue: 0x8000_0632))!
        cut.removeLast()
        let truncated = try TaobaoOrderExport.parse(cut, store: Self.store)
        #expect(
            truncated.rows.count == 1 && truncated.errors.first?.reason.contains("cut off inside a character") == true,
            "\(truncated.errors)")
    }

    @Test(
        "an exported cell that starts like a formula is neutralised, and reads back as it was",
        arguments: ["=HYPERLINK(x)", "=1+2", "@SUM(1)", "+1", "-2", "\tx", "a=b"])
    func formulas(_ text: String) throws {
        let field = CSVWriter.field(text)
        if text.first == "a" { #expect(field == text) } else { #expect(field.hasPrefix("'") || field.hasPrefix("\"'")) }
        #expect(CSVWriter.restored(field.hasPrefix("\"") ? String(field.dropFirst().dropLast()) : field) == text)
    }

    @Test("line items number their lines per order; refunds and catalog rows parse")
    func otherKinds() throws {
        let lines = try TaobaoLineExport.parse(try Fixture.data("lines-gb18030.csv"))
        #expect(lines.errors.isEmpty && lines.rows.count == 4)
        #expect(lines.rows[1].value.line.oid == "4012345678901234568-1" && lines.rows[1].value.line.quantity == 2)
        #expect(lines.rows[1].value.line.outerSkuID == "HY-CREAM-50" && lines.rows[1].value.line.skuProperties == "规格:50ml")

        let refunds = try RefundExport.parse(try Fixture.data("refunds-utf8.csv"), store: Self.store)
        #expect(refunds.errors.isEmpty)
        #expect(refunds.rows.map(\.value.status) == [.success, .waitSellerAgree])
        #expect(refunds.rows[0].value.phase == .onsale && refunds.rows[1].value.refundFee == Money(fen: 19_025))

        let catalog = try CatalogFile.parse(try Fixture.data("catalog-utf8-bom.csv"))
        #expect(catalog.rows.map(\.value.sku.outerID) == ["HY-CREAM-50", "HY-CREAM-100", "HY-SERUM-30"])
        #expect(catalog.errors.map(\.description) == ["line 5, floor_price: must not be above the list price"])
    }

    @Test("the CSV reader keeps quoted line breaks and counts lines across them")
    func quotedBreaks() {
        let records = Array(CSVReader(Data("a,b\r\n\"x\r\ny\",2\n\n3,\"\"\"q\"\"\"\n".utf8)))
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records.map { $0.fields.map { String(decoding: $0, as: UTF8.self) } } == [["a", "b"], ["x\r\ny", "2"], ["3", "\"q\""]])
    }
}

@Suite("GB18030 decoding")
struct GB18030DecodingTests {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    @Test("the fast decoder agrees with Foundation on every two-byte character and on four-byte ones")
    func agreesWithFoundation() throws {
        var text = ""
        // Every CJK unified ideograph of the BMP's main block, plus symbols, full-width forms and
        // characters outside GBK that GB18030 writes in four bytes (€ is two bytes; 𠀀 and 㐀 are four).
        for value in 0x4E00...0x9FA5 { text.unicodeScalars.append(Unicode.Scalar(value)!) }
        text += "，。；：“”《》（）【】￥％＠ａＡ１€㐀𠀀ä Ω №"
        let bytes = try #require(text.data(using: Self.gb18030))
        let fields = Array(CSVReader(bytes + Data("\n".utf8)))
        #expect(FileEncoding.gb18030.decode(fields[0].fields[0]) == text)
    }

    @Test(
        "a cut character, a stray byte or an impossible code is refused",
        arguments: [[0xD6], [0xD6, 0x20], [0xFF, 0x41], [0x81, 0x30, 0x81], [0x41, 0x80]] as [[UInt8]])
    func invalid(_ bytes: [UInt8]) {
        #expect(FileEncoding.gb18030.decode(ArraySlice(bytes)) == nil)
    }

    @Test("a table saves as a workbook Excel reads: escaped text, column letters past Z, a valid sheet name")
    func workbook() throws {
        #expect(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"] == [0, 25, 26, 51, 52, 701, 702].map(XLSXWriter.columnName))
        #expect(XLSXWriter.escaped("a<b>&\"c\"\u{1}") == "a&lt;b&gt;&amp;&quot;c&quot;")
        #expect(XLSXWriter.sheetTitle("订单/导出[11]") == "订单导出11")
        let table = SpreadsheetTable(header: ["单号", "金额"], rows: [[.text("=1+1"), .money(Money(fen: -1_050))]])
        let sheet = XLSXWriter.sheet(table)
        #expect(sheet.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c>"#), "text, never a formula")
        #expect(sheet.contains(#"<c r="B2" s="1"><v>-10.50</v></c>"#))
        let first = try XLSXWriter.workbook(table, sheetName: "订单")
        #expect(first == (try XLSXWriter.workbook(table, sheetName: "订单")), "the same table, the same bytes")
        #expect(first.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a ZIP file")
        #expect(table.csv == "单号,金额\r\n'=1+1,-10.50\r\n", "CSV neutralises the formula")
    }

    @Test("an Excel workbook's first sheet reads as Excel shows it: shared strings, dates, numbers, rows by their number")
    func workbookCells() throws {
        let rows = try XLSXReader.sheetRows(try Fixture.data("shared-strings.xlsx"))
        #expect(rows.map(\.0) == [1, 2, 4, 5], "the first sheet of the workbook's list, not sheet1.xml")
        #expect(rows[0].1 == ["统计日期", "访客数", "支付转化率", "", "支付金额"], "rich text joined, a gap kept")
        #expect(rows[1].1 == ["2026-11-01 00:00:00", "1234", "0.0321", "店铺 & \"首页\"", "12345.6"], "a built-in date, no phonetics")
        #expect(rows[2].1 == ["2026-11-02 12:00:00", "1235", "TRUE", "", "0.3"], "a custom date, a formula's value, no float noise")
        #expect(rows[3].1 == [], "an empty cell and a string that is not there read as nothing")
        let csv = String(decoding: try XLSXReader.csv(try Fixture.data("shared-strings.xlsx")), as: UTF8.self)
        #expect(csv.split(separator: "\n", omittingEmptySubsequences: false).count == 6, "rows 3 and 5 stay blank lines")
        #expect(XLSXReader.column(of: "AB7") == 27 && XLSXReader.column(of: "7") == nil)
    }

    @Test("a workbook that unpacks to more than the limit is refused before it is read (a ZIP bomb)")
    func zipBomb() throws {
        let workbook = try Fixture.data("shared-strings.xlsx")
        #expect(throws: XLSXReader.tooLarge) { try XLSXReader.sheetRows(workbook, maxUnpacked: 1_000) }
        #expect(try XLSXReader.sheetRows(workbook, maxUnpacked: 1 << 20).count == 4)
    }

    @Test("an order report saved as XLSX imports like its CSV: errors name the sheet's row")
    func workbookOrders() throws {
        let file = try TaobaoOrderExport.parse(try Fixture.data("orders.xlsx"), store: ExportParsingTests.store)
        #expect(file.rows.map(\.line) == [2, 3, 6])
        #expect(file.errors.map { "\($0.line) \($0.column)" } == ["5 买家实际支付金额"])
        let first = file.rows[0].value
        #expect(first.tid == "4012345678901234567" && first.payment == Money(fen: 19_900))
        #expect(first.createdAt == ShanghaiTime.parse("2026-11-11 00:00:05") && first.paidAt == ShanghaiTime.parse("2026-11-11 00:00:09"))
        #expect(first.receiver.mobile == "13812345678" && first.receiver.state == "浙江省")
        #expect(file.rows[1].value.payment == Money(fen: 38_050) && file.rows[1].value.postFee == Money(fen: 1_000))
        #expect(file.rows[2].value.payment == Money(fen: 30) && file.rows[2].value.buyerNick == "x<y&z")
        #expect(throws: FileProblem.self) {
            try TaobaoOrderExport.parse(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), store: ExportParsingTests.store)
        }
    }
}

@Suite("生意参谋 traffic export")
struct TrafficExportTests {
    static let store = ID<Store>(UUID())

    @Test("counts with separators, rates as percentages or fractions, '-' for none, three day formats; bad rows named")
    func csv() throws {
        let file = try TrafficExport.parse(try Fixture.data("traffic-utf8.csv"), store: Self.store)
        #expect(file.rows.map(\.line) == [2, 3])
        #expect(
            file.errors.map { "\($0.line) \($0.column)" } == ["4 访客数", "5 跳失率", "6 统计日期", "7 描述相符"],
            "\(file.errors)")
        let first = file.rows[0].value
        #expect(first.day == BusinessDay("2026-11-01") && first.visitors == 1_234 && first.pageViews == 5_678)
        #expect(first.reportedPayment == Money(fen: 1_234_560) && first.bounceRateBP == 4_567 && first.averageStaySeconds == 13)
        #expect(first.dsrDescription == 48_123 && first.dsrService == 49_000 && first.dsrLogistics == 47_500)
        #expect(first.payingBuyers == 56 && first.orderBuyers == 70 && first.cartBuyers == 120 && first.favoriteBuyers == 33)
        let second = file.rows[1].value
        #expect(second.day == BusinessDay("2026-11-02") && second.pageViews == nil && second.reportedPayment == nil)
        #expect(second.bounceRateBP == 4_321 && second.averageStaySeconds == 83, "a fraction, and a clock time")
        #expect(TrafficExport.day("20261103") == BusinessDay("2026-11-03") && TrafficExport.day("2026-02-30") == nil)
    }

    @Test("the same export as an Excel workbook: date cells and percentage-formatted numbers")
    func workbook() throws {
        let file = try TrafficExport.parse(try Fixture.data("traffic.xlsx"), store: Self.store)
        #expect(file.errors.isEmpty, "\(file.errors)")
        #expect(file.rows.map(\.value.day) == [BusinessDay("2026-11-01"), BusinessDay("2026-11-02")])
        #expect(file.rows[0].value.bounceRateBP == 4_567 && file.rows[0].value.reportedPayment == Money(fen: 1_234_560))
        #expect(file.rows[1].value.pageViews == nil && file.rows[1].value.dsrDescription == 48_123)
    }
}
