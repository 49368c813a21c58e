/// The modules of half hosting (半托管) an agency may take on.
public enum ServiceModule: String, Sendable, Codable, CaseIterable {
    case storeSetup = "store_setup"
    case design, ads, content
    case customerService = "customer_service"
    case warehouse, reports
}

/// Full hosting (全托管), every module, or half hosting with the chosen ones.
public struct ContractScope: Sendable, Equatable, Codable {
    public var fullHosting: Bool
    public var modules: [ServiceModule]

    public static let full = ContractScope(fullHosting: true, modules: ServiceModule.allCases)

    public init(fullHosting: Bool, modules: [ServiceModule]) {
        self.fullHosting = fullHosting
        self.modules = fullHosting ? ServiceModule.allCases : modules
    }
}

/// A role on a contract's team.
public enum TeamRole: String, Sendable, Codable, CaseIterable {
    case accountManager = "account_manager"
    case storeOperator = "operator"
    case adSpecialist = "ads"
    case designer
    case customerService = "customer_service"
    case warehouse
}

/// A named person in a role on a contract's team.
public struct TeamMember: Sendable, Equatable, Codable {
    public var role: TeamRole
    public var userID: ID<User>

    public init(role: TeamRole, userID: ID<User>) {
        self.role = role
        self.userID = userID
    }
}

/// What a version of a contract agrees to: the stores it covers, the scope, the team, the fee
/// model and the KPIs.
public struct ContractTerms: Sendable, Equatable, Codable {
    public var stores: [ID<Store>]
    public var scope: ContractScope
    public var team: [TeamMember]
    public var fee: FeeModel
    public var kpis: [KPI]

    public init(stores: [ID<Store>], scope: ContractScope = .full, team: [TeamMember] = [], fee: FeeModel, kpis: [KPI] = []) {
        self.stores = stores
        self.scope = scope
        self.team = team
        self.fee = fee
        self.kpis = kpis
    }

    /// Refuses terms that cannot be computed: no store, a half-hosting scope without a module,
    /// a fee model or a KPI that `FeeModel.validate` or `KPI.validate` refuses (`channels`: the
    /// channel of each covered store).
    public func validate(channels: [Channel]) throws {
        guard !stores.isEmpty else { throw ValidationError(field: "stores", rule: .required) }
        guard Set(stores).count == stores.count else { throw ValidationError(field: "stores", rule: .duplicate) }
        guard scope.fullHosting || !scope.modules.isEmpty else { throw ValidationError(field: "modules", rule: .required) }
        try fee.validate()
        for (index, kpi) in kpis.enumerated() { try kpi.validate(field: "kpis[\(index)]", channels: channels) }
    }
}

/// A version of a contract's terms, in force from its day until the next version's.
public struct ContractVersion: Sendable, Equatable, Codable {
    public var number: Int
    public var effectiveFrom: BusinessDay
    public var terms: ContractTerms

    public init(number: Int, effectiveFrom: BusinessDay, terms: ContractTerms) {
        self.number = number
        self.effectiveFrom = effectiveFrom
        self.terms = terms
    }
}

/// An agency's contract with a client: its term (start, end, notice period) and its versions;
/// an amendment is a new version with the day it takes effect.
public struct Contract: Sendable, Equatable, Codable {
    public var id: ID<Contract>
    public var clientID: ID<Client>
    public var name: String
    public var start: BusinessDay
    public var end: BusinessDay?
    public var noticeDays: Int
    public var versions: [ContractVersion]

    public init(
        id: ID<Contract>, clientID: ID<Client>, name: String, start: BusinessDay, end: BusinessDay?, noticeDays: Int,
        versions: [ContractVersion]
    ) {
        self.id = id
        self.clientID = clientID
        self.name = name
        self.start = start
        self.end = end
        self.noticeDays = noticeDays
        self.versions = versions
    }

    /// Whether the day is within the term.
    public func covers(_ day: BusinessDay) -> Bool {
        day >= start && end.map { day <= $0 } ?? true
    }

    /// The version in force on the day, nil outside the term.
    public func version(on day: BusinessDay) -> ContractVersion? {
        guard covers(day) else { return nil }
        return versions.last { $0.effectiveFrom <= day }
    }

    /// The month's runs of days under one version, in order: a month is settled under the
    /// version in force on each of its days.
    public func segments(of month: BusinessMonth) -> [ContractSegment] {
        let days = month.days
        var segments: [ContractSegment] = []
        for day in days {
            guard let version = version(on: day) else { continue }
            if let last = segments.last, last.version == version.number, last.last.advanced(by: 1) == day {
                segments[segments.count - 1].last = day
                segments[segments.count - 1].share.days += 1
            } else {
                segments.append(ContractSegment(version: version.number, first: day, last: day, share: MonthShare(days: 1, of: days.count)))
            }
        }
        return segments
    }

    /// The months the term covers that have ended by `today`, oldest first: those a statement
    /// can be sent for.
    public func settleableMonths(today: BusinessDay) -> [BusinessMonth] {
        var months: [BusinessMonth] = []
        var month = BusinessMonth(of: start)
        while month.next.firstDay <= today, end.map({ month.firstDay <= $0 }) ?? true {
            months.append(month)
            month = month.next
        }
        return months
    }

    /// Refuses a term that ends before it starts, a notice period outside 0–365 days, and
    /// versions not numbered 1, 2, … with effective days rising from the start within the term.
    public func validateTerm() throws {
        if let end, end < start { throw ValidationError(field: "end", rule: .period(maxDays: 36_500)) }
        guard (0...365).contains(noticeDays) else { throw ValidationError(field: "notice_days", rule: .between(min: 0, max: 365)) }
        guard let first = versions.first, first.effectiveFrom == start else {
            throw ValidationError(field: "versions[0].effective_from", rule: .versionOrder)
        }
        for (index, version) in versions.enumerated() {
            guard version.number == index + 1, index == 0 || version.effectiveFrom > versions[index - 1].effectiveFrom,
                covers(version.effectiveFrom)
            else { throw ValidationError(field: "versions[\(index)].effective_from", rule: .versionOrder) }
        }
    }
}

/// Days of a month in a row under one version of a contract.
public struct ContractSegment: Sendable, Equatable, Codable {
    public var version: Int
    public var first: BusinessDay
    public var last: BusinessDay
    public var share: MonthShare

    public init(version: Int, first: BusinessDay, last: BusinessDay, share: MonthShare) {
        self.version = version
        self.first = first
        self.last = last
        self.share = share
    }
}
