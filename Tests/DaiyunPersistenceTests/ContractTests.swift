import DaiyunCore
import DaiyunTestSupport
import Foundation
import SQLKit
import Testing

@testable import DaiyunPersistence

@Suite("Contracts and statements")
struct ContractTests {
    static func contract(client: Client, store: ID<Store>) -> Contract {
        let tiers = Commission(
            base: .netSales, mode: .marginal,
            tiers: [
                CommissionTier(from: .zero, upTo: Money(fen: 5_000_000), rateBP: 300),
                CommissionTier(from: Money(fen: 5_000_000), upTo: nil, rateBP: 500),
            ], minimum: Money(fen: 10_000))
        let gmv = KPI(
            metric: .gmv,
            targets: [
                KPITarget(from: BusinessMonth("2025-10")!, value: 100_000),
                KPITarget(from: BusinessMonth("2025-11")!, value: 900_000_000),
            ],
            missRefundBP: 1_000)
        return Contract(
            id: ID(UUID()), clientID: client.id, name: "花漾 2025", start: BusinessDay("2025-10-10")!, end: nil, noticeDays: 30,
            versions: [
                ContractVersion(
                    number: 1, effectiveFrom: BusinessDay("2025-10-10")!,
                    terms: ContractTerms(stores: [store], fee: FeeModel(monthlyFee: Money(fen: 2_000_000), commission: tiers), kpis: [gmv]))
            ])
    }

    @Test(
        "a contract and its amendment are kept as written and audited; a store of another client is refused",
        arguments: TestDatabase.available)
    func keptAndAudited(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let repository = ContractRepository(database: app.db)
            let context = WriteContext(actor: "user:admin", now: Date())
            let created = try await repository.create(
                Self.contract(client: t.clientA1, store: t.storeA1.id), client: t.clientA1, by: context)
            let receipts = ContractTerms(
                stores: [t.storeA1.id, t.storeA1b.id], fee: FeeModel(commission: .flat(500, on: .confirmedReceipts)))
            let amended = try await repository.amend(
                created, from: BusinessDay("2025-11-16")!, terms: receipts, client: t.clientA1, by: context)
            #expect(try await repository.contract(created.id) == amended && amended.versions.map(\.number) == [1, 2])
            #expect(try await repository.contracts(of: [t.clientA1.id, t.clientA2.id]) == [amended])
            let actions = try await (app.db as! any SQLDatabase).raw(
                "SELECT action FROM audit_entries WHERE entity_type = 'contract' ORDER BY seq"
            ).all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(actions == ["contract.create", "contract.amend"])

            await #expect(throws: ValidationError(field: "versions[0].stores", rule: .unknownReference)) {
                try await repository.create(Self.contract(client: t.clientA1, store: t.storeA2.id), client: t.clientA1, by: context)
            }
            await #expect(throws: ValidationError(field: "versions[2].effective_from", rule: .versionOrder)) {
                try await repository.amend(amended, from: BusinessDay("2025-11-16")!, terms: receipts, client: t.clientA1, by: context)
            }
            await #expect(throws: ValidationError(field: "kpis[0].metric", rule: .noDataSource)) {
                let unmeasured = KPI(metric: .responseRate, targets: [KPITarget(from: BusinessMonth("2025-12")!, value: 9_000)])
                var terms = receipts
                terms.kpis = [unmeasured]
                try await repository.amend(amended, from: BusinessDay("2025-12-01")!, terms: terms, client: t.clientA1, by: context)
            }
        }
    }

    @Test(
        "a month's statement reads its bases from the rollups, equal to the order and refund rows counted directly, under each version on its days",
        arguments: TestDatabase.available)
    func statementFromRollups(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let store = t.storeA1
            let context = WriteContext(actor: "job:test", now: Date())
            let source = try await SourceRecordRepository(database: app.db).keep(
                Data("contract".utf8), name: "c", kind: "upload", agency: t.agencyA.id, store: store.id, by: context
            ).record.id
            var draws = SalesRollupTests.Draws(state: 2025_12)
            let orders = MonthReportTests.orders(&draws, store: store.id, version: 0)
            let refunds = (0..<150).map { n in
                Refund(
                    storeID: store.id, refundID: "F\(n)", tid: "M\(n)", oid: "\(n)-0",
                    status: [.success, .success, .closed][draws.next(3)],
                    phase: .aftersale, refundFee: Money(fen: Int64(100 + draws.next(5_000))),
                    createdAt: ShanghaiTime.parse("2025-11-01 08:00:00")!,
                    modifiedAt: ShanghaiTime.parse("2025-10-20 00:00:00")!.addingTimeInterval(Double(draws.next(60)) * 86_400))
            }
            _ = try await app.db.transaction {
                try await RefundWriter(database: $0).apply(refunds, store: store, source: source, by: context)
            }
            _ = try await app.db.transaction {
                try await OrderWriter(database: $0).apply(orders, store: store, source: source, by: context)
            }

            let repository = ContractRepository(database: app.db)
            let created = try await repository.create(Self.contract(client: t.clientA1, store: store.id), client: t.clientA1, by: context)
            let receipts = ContractTerms(
                stores: [store.id], fee: FeeModel(monthlyFee: Money(fen: 2_000_000), commission: .flat(500, on: .confirmedReceipts)))
            let contract = try await repository.amend(
                created, from: BusinessDay("2025-11-16")!, terms: receipts, client: t.clientA1, by: context)
            let statement = try await SettlementRepository(database: app.db).statement(of: contract, month: BusinessMonth("2025-11")!)

            // The bases counted from the rows, day by day.
            let kept = try await OrderRepository(database: app.db).orders(orders.map(\.tid), store: store.id)
            let refundRows = try await app.db.select(
                RefundRow.self, from: "refunds", store: store.id.rawValue, where: "refund_id", in: refunds.map(\.refundID)
            )
            .map { try $0.domain() }
            func base(_ from: String, _ through: String, _ kind: CommissionBase) -> Int64 {
                let days = BusinessDay(from)!...BusinessDay(through)!
                let gmv = kept.values.filter { $0.countedDay.map(days.contains) ?? false }.reduce(0) { $0 + $1.payment.fen }
                let refunded = refundRows.filter { $0.completedDay.map(days.contains) ?? false }.reduce(0) { $0 + $1.refundFee.fen }
                let received = kept.values.filter { $0.confirmedDay.map(days.contains) ?? false }
                let receivedRefunds = refundRows.filter { refund in refund.completedDay != nil && received.contains { $0.tid == refund.tid }
                }
                .reduce(0) { $0 + $1.refundFee.fen }
                switch kind {
                case .gmv: return gmv
                case .netSales: return gmv - refunded
                case .confirmedReceipts: return received.reduce(0) { $0 + $1.payment.fen } - receivedRefunds
                }
            }
            let commissions = statement.lines.filter { $0.kind == .commission }
            #expect(
                commissions.map { "\($0.first)…\($0.last) v\($0.version ?? 0)" } == [
                    "2025-11-01…2025-11-15 v1", "2025-11-16…2025-11-30 v2",
                ])
            #expect(commissions[0].commission?.base.fen == base("2025-11-01", "2025-11-15", .netSales))
            #expect(commissions[1].commission?.base.fen == base("2025-11-16", "2025-11-30", .confirmedReceipts))
            #expect(commissions.allSatisfy { ($0.commission?.base.fen ?? 0) > 0 }, "both halves have sales")
            #expect(statement.lines.filter { $0.kind == .fee }.map(\.amount.fen) == [1_000_000, 1_000_000])
            // November's KPI is judged under the version in force at its end, which has none.
            #expect(statement.kpis.isEmpty)

            // October: a partial month (from the 10th), its GMV KPI met against the first target.
            let october = try await SettlementRepository(database: app.db).statement(of: contract, month: BusinessMonth("2025-10")!)
            #expect(october.lines.first?.share == MonthShare(days: 22, of: 31) && october.kpis.first?.outcome == .met)
            #expect(october.kpis.first?.actual == base("2025-10-01", "2025-10-31", .gmv))
        }
    }
}
