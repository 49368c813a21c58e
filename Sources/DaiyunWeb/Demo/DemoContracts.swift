import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// The demo's contracts, one fee model per brand, each from the first day of the month a year
/// before the demo's last day: 花漾 pays a monthly fee and a marginal tiered commission on net
/// sales, with a DSR KPI, amended half-way to a higher fee; 织锦 pays a commission on confirmed
/// receipts only, with an ad-ROI KPI that ramps up and a bonus; 禾田 pays a fixed fee with the
/// ad spend included, and a GMV KPI. Each has its statements: every month before the last made
/// final (花漾's ninth disputed on its commission and revised first), the last a draft to send.
public enum DemoContracts {
    /// Each brand's contract, by its viewer's login, unless it has one.
    static func seed(_ made: [(viewer: String, client: Client, stores: [Store])], now: Date, context: WriteContext, on app: Application)
        async throws
    {
        let repository = ContractRepository(database: app.db)
        let users = try await UserRepository(database: app.db).users(of: made.first?.client.agencyID ?? ID(UUID()))
        func team(_ members: [(TeamRole, String)]) -> [TeamMember] {
            members.compactMap { role, login in users.first { $0.login == login }.map { TeamMember(role: role, userID: $0.id) } }
        }
        let start = BusinessMonth(of: BusinessDay(containing: now)).advanced(by: -12).firstDay
        func month(_ offset: Int) -> BusinessMonth { BusinessMonth(of: start).advanced(by: offset) }
        for (viewer, client, stores) in made where try await repository.contracts(of: [client.id]).isEmpty {
            let ids = stores.map(\.id)
            let contract: Contract
            let amendment: (BusinessDay, ContractTerms)?
            switch viewer {
            case "huayang.brand":
                let commission = Commission(
                    base: .netSales, mode: .marginal,
                    tiers: [
                        CommissionTier(from: .zero, upTo: Money(fen: 10_000_000), rateBP: 200),
                        CommissionTier(from: Money(fen: 10_000_000), upTo: Money(fen: 30_000_000), rateBP: 300),
                        CommissionTier(from: Money(fen: 30_000_000), upTo: nil, rateBP: 400),
                    ], minimum: Money(fen: 200_000), cap: Money(fen: 6_000_000))
                let dsr = KPI(
                    metric: .dsr(.service), targets: [KPITarget(from: month(0), value: 47_700)], missRefundBP: 1_000, warnOnMiss: true,
                    terminateAfterMisses: 3)
                var terms = ContractTerms(
                    stores: ids,
                    team: team([
                        (.accountManager, "li.manager"), (.adSpecialist, "zhao.promo"), (.designer, "wang.design"),
                        (.customerService, "chen.cs"),
                    ]), fee: FeeModel(monthlyFee: Money(fen: 2_000_000), commission: commission), kpis: [dsr])
                contract = Self.contract(client, "花漾美妆 全托管运营合同", start, terms, context)
                terms.fee.monthlyFee = Money(fen: 2_500_000)
                amendment = (month(6).firstDay.advanced(by: 15), terms)
            case "zhijin.brand":
                let roi = KPI(
                    metric: .adROI(.lastClick, windowDays: 15),
                    targets: [KPITarget(from: month(0), value: 250), KPITarget(from: month(3), value: 300)], warnOnMiss: true,
                    terminateAfterMisses: 3, bonus: Money(fen: 300_000), bonusAt: 350)
                let terms = ContractTerms(
                    stores: ids, scope: ContractScope(fullHosting: false, modules: [.ads, .content, .customerService, .reports]),
                    team: team([(.accountManager, "zhou.manager"), (.adSpecialist, "zhao.promo"), (.customerService, "chen.cs")]),
                    fee: FeeModel(commission: .flat(600, on: .confirmedReceipts, minimum: Money(fen: 500_000))), kpis: [roi])
                contract = Self.contract(client, "织锦服饰 半托管佣金合同", start, terms, context)
                amendment = nil
            default:
                let gmv = KPI(metric: .gmv, targets: [KPITarget(from: month(0), value: 7_000_000)], missRefundBP: 2_000, warnOnMiss: true)
                let terms = ContractTerms(
                    stores: ids, team: team([(.accountManager, "zhou.manager"), (.warehouse, "sun.warehouse")]),
                    fee: FeeModel(monthlyFee: Money(fen: 1_500_000), adSpend: .included), kpis: [gmv])
                contract = Self.contract(client, "禾田食品 固定服务费合同", start, terms, context)
                amendment = nil
            }
            var created = try await repository.create(contract, client: client, by: context)
            if let (day, terms) = amendment {
                created = try await repository.amend(created, from: day, terms: terms, client: client, by: context)
            }
        }
    }

    /// Each demo contract's statements through the last month ended, unless it has some: run
    /// once the year's data is in (after the sandbox's first sync, when there is one).
    public static func settle(now: Date, on app: Application) async throws {
        let tenancy = TenancyRepository(database: app.db)
        for seed in DemoData.clients {
            guard let client = try await tenancy.clients(named: seed.name).first else { continue }
            for contract in try await ContractRepository(database: app.db).contracts(of: [client.id])
            where try await StatementRepository(database: app.db).statements(of: contract.id).isEmpty {
                let disputed = seed.viewer == "huayang.brand" ? BusinessMonth(of: contract.start).advanced(by: 8) : nil
                try await statements(
                    contract, client: client, viewer: seed.viewer, disputed: disputed, now: now, app.writeContext(actor: "job:demo"), app)
            }
        }
    }

    /// The contract's statements up to `now`, each step a few days into the month after, by the
    /// admin or by the brand's viewer.
    private static func statements(
        _ contract: Contract, client: Client, viewer: String, disputed: BusinessMonth?, now: Date, _ context: WriteContext,
        _ app: Application
    ) async throws {
        let statements = StatementRepository(database: app.db)
        let months = contract.settleableMonths(today: BusinessDay(containing: now))
        for month in months {
            func on(_ day: Int, _ actor: String) -> WriteContext {
                let at = ShanghaiTime.parse("\(month.next.firstDay.advanced(by: day - 1)) 10:00:00") ?? now
                return WriteContext(actor: actor, now: min(at, now), ids: context.ids)
            }
            let (agency, brand) = ("user:admin", "user:" + viewer)
            var statement = try await statements.draft(contract, month: month, client: client, by: on(2, agency))
            func act(_ action: StatementAction, _ day: Int, dispute: StatementDispute? = nil) async throws {
                statement = try await statements.act(
                    action, on: statement, dispute: dispute, contract: contract, client: client, byBrand: action.isTheBrands,
                    by: on(day, action.isTheBrands ? brand : agency))
            }
            // The last month waits for the admin to send it.
            guard month != months.last else { continue }
            try await act(.send, 3)
            if month == disputed, let line = statement.figures.lines.firstIndex(where: { $0.kind == .commission }) {
                try await act(
                    .dispute, 4, dispute: try StatementDispute(line: line, comment: "双11 预售尾款的退款是否已从净销售额中扣除？请核对。", of: statement.figures))
                try await act(.revise, 5)
            }
            try await act(.confirm, 6)
            try await act(.finalize, 7)
        }
    }

    /// A two-year contract from `start` with one version.
    static func contract(_ client: Client, _ name: String, _ start: BusinessDay, _ terms: ContractTerms, _ context: WriteContext)
        -> Contract
    {
        Contract(
            id: ID(context.ids.random()), clientID: client.id, name: name, start: start,
            end: BusinessMonth(of: start).advanced(by: 24).firstDay.advanced(by: -1),
            noticeDays: 30, versions: [ContractVersion(number: 1, effectiveFrom: start, terms: terms)])
    }
}
