import DaiyunCore
import DaiyunPersistence

/// A contract: its term, each version's terms in words (stores, scope, team, fee model, KPIs),
/// its months with their statements, and the KPI scorecard month by month.
struct ContractPage: PageContent {
    static let template = "contracts/contract"
    static let strings: [StringTable] = [.contracts]
    var title: String
    var clientName: String
    var term: String
    var versions: [Version]
    var months: [Month]
    var scorecard: [Scorecard]

    struct Version: Encodable {
        var heading: String
        var stores: String
        var scope: String
        var team: String?
        var fee: [String]
        var kpis: [String]
    }

    /// A month of the term: its statement's state and total, or what the data gives now.
    struct Month: Encodable {
        var month: String
        var path: String
        var state: String
        var stateLabel: String
        var total: String
        var revision: String?
    }

    /// A KPI month by month, met or missed, and the months left before its next ramp step.
    struct Scorecard: Encodable {
        var metric: String
        var cells: [Cell]
        var next: String?
    }

    struct Cell: Encodable {
        var month: String
        var outcome: String
        var label: String
        var actual: String
        var target: String
    }

    /// `months`: the term's months to show, oldest first, each with its kept statement (if any)
    /// and what the data gives now; the scorecard judges those before `current`, which have ended.
    init(
        contract: Contract, clientName: String, months: [(BusinessMonth, StoredStatement?, StatementFigures)], current: BusinessMonth,
        stores: [ID<Store>: Store], names: [String: String], _ l10n: Localizer
    ) {
        title = contract.name
        self.clientName = clientName
        term = l10n.format(
            "contract_term", contract.start.description, contract.end?.description ?? l10n["contract_open_ended"],
            String(contract.noticeDays))
        versions = contract.versions.reversed().map { Self.version($0, stores: stores, names: names, l10n) }
        self.months = months.reversed().map { month, stored, now in
            let state = stored?.state.rawValue ?? "none"
            return Month(
                month: month.description, path: SiteURL.statement(contract.id, month).path, state: state,
                stateLabel: l10n["statement_state_" + state], total: l10n.money(stored?.figures.total ?? now.total),
                revision: stored.map { l10n.format("statement_revision", String($0.revision)) })
        }
        let judged = months.filter { $0.0 < current }.map { ($0.0, $0.1?.figures ?? $0.2) }
        let count = judged.map(\.1.kpis.count).max() ?? 0
        scorecard = (0..<count).compactMap { index in
            let results = judged.compactMap { month, figures in figures.kpis.first { $0.index == index }.map { (month, $0) } }
            guard let last = results.last?.1 else { return nil }
            return Scorecard(
                metric: StatementWords.metricName(last.metric, l10n),
                cells: results.map { month, result in
                    let words = StatementWords.kpi(result, l10n)
                    return Cell(
                        month: month.description, outcome: result.outcome.rawValue, label: words.outcomeLabel, actual: words.actual,
                        target: words.target)
                },
                next: StatementWords.kpi(last, l10n).next)
        }
    }

    static func version(_ version: ContractVersion, stores: [ID<Store>: Store], names: [String: String], _ l10n: Localizer)
        -> Version
    {
        let terms = version.terms
        let scope =
            terms.scope.fullHosting
            ? l10n["contract_full_hosting"]
            : l10n.format(
                "contract_half_hosting",
                terms.scope.modules.map { l10n["service_module_" + $0.rawValue] }.joined(separator: l10n["statement_separator"]))
        let team = terms.team.map { member in
            l10n["team_role_" + member.role.rawValue] + "：" + (names[member.userID.description] ?? member.userID.description)
        }
        var fee: [String] = []
        if terms.fee.monthlyFee > .zero { fee.append(l10n.format("contract_monthly_fee", l10n.money(terms.fee.monthlyFee))) }
        if let commission = terms.fee.commission {
            fee.append(
                l10n.format(
                    "contract_commission", l10n["commission_base_" + commission.base.rawValue],
                    l10n["tier_mode_" + commission.mode.rawValue]))
            for (index, tier) in commission.tiers.enumerated() {
                let bounds =
                    tier.upTo.map { l10n.format("statement_tier_bounds", l10n.money(tier.from), l10n.money($0)) }
                    ?? l10n.format("statement_tier_open", l10n.money(tier.from))
                fee.append(l10n.format("contract_tier", String(index + 1), bounds, l10n.percent(tier.rateBP)))
            }
            if let minimum = commission.minimum { fee.append(l10n.format("contract_minimum", l10n.money(minimum))) }
            if let cap = commission.cap { fee.append(l10n.format("contract_cap", l10n.money(cap))) }
        }
        fee.append(l10n["contract_ad_spend_" + terms.fee.adSpend.rawValue])
        let kpis = terms.kpis.map { kpi in
            let targets = kpi.targets.map {
                l10n.format("contract_kpi_target", $0.from.description, StatementWords.value($0.value, of: kpi.metric, l10n))
            }
            var text = StatementWords.metricName(kpi.metric, l10n) + "：" + targets.joined(separator: l10n["statement_separator"])
            if kpi.missRefundBP > 0 {
                text += l10n["statement_separator"] + l10n.format("contract_kpi_refund", l10n.percent(kpi.missRefundBP))
            }
            if let misses = kpi.terminateAfterMisses {
                text += l10n["statement_separator"] + l10n.format("contract_kpi_terminate", String(misses))
            }
            if let bonus = kpi.bonus, let at = kpi.bonusAt {
                text +=
                    l10n["statement_separator"]
                    + l10n.format("contract_kpi_bonus", StatementWords.value(at, of: kpi.metric, l10n), l10n.money(bonus))
            }
            return text
        }
        return Version(
            heading: l10n.format("contract_version", String(version.number), version.effectiveFrom.description),
            stores: terms.stores.map { stores[$0]?.name ?? $0.description }.joined(separator: l10n["statement_separator"]),
            scope: scope, team: team.isEmpty ? nil : team.joined(separator: l10n["statement_separator"]), fee: fee, kpis: kpis)
    }
}

/// The contracts the reader may see, each with its client, term and latest statement.
struct ContractsPage: PageContent {
    static let template = "contracts/contracts"
    static let strings: [StringTable] = [.contracts]
    var title: String
    var rows: [Row]

    struct Row: Encodable {
        var name: String
        var path: String
        var client: String
        var term: String
        var fee: String
        var latest: String?
        var latestPath: String?
    }

    init(_ contracts: [(Contract, Client, StoredStatement?)], _ l10n: Localizer) {
        title = l10n["contracts_title"]
        rows = contracts.map { contract, client, latest in
            let terms = contract.versions.last?.terms
            var fee: [String] = []
            if let terms, terms.fee.monthlyFee > .zero { fee.append(l10n.format("contract_monthly_fee", l10n.money(terms.fee.monthlyFee))) }
            if let commission = terms?.fee.commission {
                fee.append(
                    l10n.format(
                        "contract_commission", l10n["commission_base_" + commission.base.rawValue],
                        l10n["tier_mode_" + commission.mode.rawValue]))
            }
            return Row(
                name: contract.name, path: SiteURL.contract(contract.id).path, client: client.name,
                term: l10n.format("statement_period", contract.start.description, contract.end?.description ?? l10n["contract_open_ended"]),
                fee: fee.joined(separator: l10n["statement_separator"]),
                latest: latest.map { l10n.format("contracts_latest", $0.month.description, l10n["statement_state_" + $0.state.rawValue]) },
                latestPath: latest.map { SiteURL.statement(contract.id, $0.month).path })
        }
    }
}
