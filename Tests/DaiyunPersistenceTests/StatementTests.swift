import DaiyunCore
import DaiyunTestSupport
import Foundation
import SQLKit
import Testing
import Vapor

@testable import DaiyunPersistence

@Suite("Statements")
struct StatementTests {
    /// Store A1's year of 2025 orders (`MonthReportTests.orders`) and its contract
    /// (`ContractTests.contract`: a fee and marginal tiers on net sales, from 10 October 2025,
    /// here without its minimum, so that every refund shows in the commission).
    static func seed(_ app: Application, _ t: TestTenancy) async throws -> (Contract, [Order]) {
        let context = WriteContext(actor: "job:test", now: Date())
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("statements".utf8), name: "s", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
        ).record.id
        var draws = SalesRollupTests.Draws(state: 2025_12)
        let orders = MonthReportTests.orders(&draws, store: t.storeA1.id, version: 0)
        _ = try await app.db.transaction {
            try await OrderWriter(database: $0).apply(orders, store: t.storeA1, source: source, by: context)
        }
        var contract = ContractTests.contract(client: t.clientA1, store: t.storeA1.id)
        contract.versions[0].terms.fee.commission?.minimum = nil
        return (try await ContractRepository(database: app.db).create(contract, client: t.clientA1, by: context), orders)
    }

    /// The seeded orders paid in November 2025 and not closed: those a November refund counts against.
    static func paidInNovember(_ orders: [Order]) -> [Order] {
        orders.filter { order in
            order.status != .closed && order.paidAt.map { BusinessMonth(of: BusinessDay(containing: $0)) } == BusinessMonth("2025-11")
        }
    }

    static func refund(_ id: String, of order: Order, fen: Int64, completed: String, _ app: Application, _ t: TestTenancy) async throws {
        let context = WriteContext(actor: "job:test", now: Date())
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("refund \(id)".utf8), name: "r", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
        ).record.id
        let refund = Refund(
            storeID: t.storeA1.id, refundID: id, tid: order.tid, oid: order.lines[0].oid, status: .success, phase: .aftersale,
            refundFee: Money(fen: fen), createdAt: ShanghaiTime.parse(completed)!, modifiedAt: ShanghaiTime.parse(completed)!)
        _ = try await app.db.transaction {
            try await RefundWriter(database: $0).apply([refund], store: t.storeA1, source: source, by: context)
        }
    }

    @Test(
        "draft → sent → confirmed by the brand → final, each step once, by the side it belongs to; a final month never changes",
        arguments: TestDatabase.available)
    func lifecycle(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let (contract, _) = try await Self.seed(app, t)
            let statements = StatementRepository(database: app.db)
            let agency = WriteContext(actor: "user:admin", now: Date(timeIntervalSince1970: 1_790_000_000))
            let brand = WriteContext(actor: "user:viewer", now: Date(timeIntervalSince1970: 1_790_000_600))
            let november = BusinessMonth("2025-11")!
            var statement = try await statements.draft(contract, month: november, client: t.clientA1, by: agency)
            #expect(statement.state == .draft && statement.contentHash == StatementRepository.hash(statement.figures))
            #expect(
                try await statements.draft(contract, month: november, client: t.clientA1, by: agency).id == statement.id,
                "a draft is replaced")
            await #expect(throws: StatementRefusal.notYours(.send)) {
                try await statements.act(.send, on: statement, contract: contract, client: t.clientA1, byBrand: true, by: brand)
            }
            statement = try await statements.act(.send, on: statement, contract: contract, client: t.clientA1, byBrand: false, by: agency)
            await #expect(throws: StatementRefusal.notYours(.confirm)) {
                try await statements.act(.confirm, on: statement, contract: contract, client: t.clientA1, byBrand: false, by: agency)
            }
            let sent = statement
            statement = try await statements.act(.confirm, on: statement, contract: contract, client: t.clientA1, byBrand: true, by: brand)
            await #expect(throws: StatementRefusal.notAllowed(.sent, .confirm), "the sent state was left already") {
                try await statements.act(.confirm, on: sent, contract: contract, client: t.clientA1, byBrand: true, by: brand)
            }
            statement = try await statements.act(
                .finalize, on: statement, contract: contract, client: t.clientA1, byBrand: false, by: agency)
            #expect(try await statements.statement(of: contract.id, month: november) == statement)
            #expect(statement.events.map(\.action) == [.send, .confirm, .finalize] && statement.state == .final)
            for action in StatementAction.allCases {
                await #expect(throws: StatementRefusal.self) {
                    try await statements.act(
                        action, on: statement, dispute: action == .dispute ? StatementDispute(kept: 0, comment: "x") : nil,
                        contract: contract,
                        client: t.clientA1, byBrand: action.isTheBrands, by: agency)
                }
            }
            await #expect(throws: StatementRefusal.notAllowed(.final, .revise)) {
                try await statements.draft(contract, month: november, client: t.clientA1, by: agency)
            }
            let actions = try await (app.db as! any SQLDatabase).raw(
                "SELECT action FROM audit_entries WHERE entity_type = 'statement' ORDER BY seq"
            ).all().map { try $0.decode(column: "action", as: String.self) }
            #expect(actions == ["statement.draft", "statement.draft", "statement.send", "statement.confirm", "statement.finalize"])

            // Verified: the kept figures hash as kept, and the data gives them again; edited, they do not.
            let verified = try await statements.verify(statement, contract: contract)
            #expect(verified.intact && StatementRepository.hash(verified.now) == statement.contentHash)
            try await (app.db as! any SQLDatabase).raw(
                "UPDATE statements SET figures = REPLACE(figures, \(bind: "\"total\":\(statement.figures.total.fen)"), '\"total\":1')"
            ).run()
            let edited = try #require(try await statements.statement(of: contract.id, month: november))
            #expect(try await statements.verify(edited, contract: contract).intact == false)
        }
    }

    @Test(
        "a disputed line is revised into a new revision sent again; a refund of a final month reaching Daiyun later is carried once, into the next draft",
        arguments: TestDatabase.available)
    func disputeAndAdjustment(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let (contract, orders) = try await Self.seed(app, t)
            let november2025 = Self.paidInNovember(orders)
            try #require(november2025.count >= 2)
            let statements = StatementRepository(database: app.db)
            let agency = WriteContext(actor: "user:admin", now: Date(timeIntervalSince1970: 1_790_000_000))
            let brand = WriteContext(actor: "user:viewer", now: Date(timeIntervalSince1970: 1_790_000_600))
            let (november, december) = (BusinessMonth("2025-11")!, BusinessMonth("2025-12")!)
            var sent = try await statements.act(
                .send, on: try await statements.draft(contract, month: november, client: t.clientA1, by: agency), contract: contract,
                client: t.clientA1, byBrand: false, by: agency)
            let dispute = try StatementDispute(line: 1, comment: "11 月 20 日的退款未扣", of: sent.figures)
            sent = try await statements.act(
                .dispute, on: sent, dispute: dispute, contract: contract, client: t.clientA1, byBrand: true, by: brand)
            #expect(sent.state == .disputed && sent.events.last?.dispute == dispute)
            // The refund the brand means arrives; the revision counts it.
            try await Self.refund("LATE1", of: november2025[0], fen: 500, completed: "2025-11-20 12:00:00", app, t)
            let revised = try await statements.act(.revise, on: sent, contract: contract, client: t.clientA1, byBrand: false, by: agency)
            #expect(revised.revision == 2 && revised.state == .sent && revised.id != sent.id)
            #expect(revised.figures.total != sent.figures.total && revised.contentHash != sent.contentHash)
            #expect(try await statements.statements(of: contract.id).map(\.revision) == [2, 1], "both revisions are kept")
            let confirmed = try await statements.act(
                .confirm, on: revised, contract: contract, client: t.clientA1, byBrand: true, by: brand)
            let final = try await statements.act(
                .finalize, on: confirmed, contract: contract, client: t.clientA1, byBrand: false, by: agency)

            // Another November refund, imported in December: December carries what November owes now.
            let before = try await SettlementRepository(database: app.db).statement(of: contract, month: november)
            try await Self.refund("LATE2", of: november2025[1], fen: 700, completed: "2025-11-28 09:00:00", app, t)
            let owed = try await SettlementRepository(database: app.db).statement(of: contract, month: november).total - before.total
            #expect(owed < .zero)
            let draft = try await statements.draft(contract, month: december, client: t.clientA1, by: agency)
            let carried = draft.figures.lines.filter { $0.kind == .adjustment }
            #expect(carried.map(\.amount) == [owed] && carried.first?.adjustment?.month == november)
            #expect(try await statements.statement(of: contract.id, month: november) == final, "the final month is as it was")
            // January's draft owes nothing more: December carries it already.
            let january = try await statements.draft(contract, month: BusinessMonth("2026-01")!, client: t.clientA1, by: agency)
            #expect(!january.figures.lines.contains { $0.kind == .adjustment })
        }
    }

    @Test("the same data gives the same statement and hash on every database, computed again later")
    func reproducible() async throws {
        var hashes: [String] = []
        for database in TestDatabase.available {
            try await withTestDatabase(database) { app in
                let t = try await TestTenancy.create(on: app)
                var (contract, _) = try await Self.seed(app, t)
                // The test tenancy's ids differ between databases; the hash covers them, so fix them.
                contract.id = ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000c0")!)
                let figures = try await SettlementRepository(database: app.db).statement(of: contract, month: BusinessMonth("2025-11")!)
                let again = try await SettlementRepository(database: app.db).statement(of: contract, month: BusinessMonth("2025-11")!)
                #expect(StatementRepository.hash(again) == StatementRepository.hash(figures))
                var anonymous = figures
                for index in anonymous.lines.indices {
                    for store in anonymous.lines[index].stores.indices {
                        anonymous.lines[index].stores[store].store = ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!)
                    }
                }
                hashes.append(StatementRepository.hash(anonymous))
            }
        }
        #expect(Set(hashes).count == 1, "\(hashes)")
    }
}
