import DaiyunCore
import DaiyunPersistence
import Foundation

/// A contract's month: every line with its arithmetic and the pages its figures come from, the
/// KPIs, the total; its state, revision, content hash (and whether the kept figures still hash
/// to it and the data still gives them), what was done to it, and the steps the reader may take.
struct StatementPage: PageContent {
    static let template = "contracts/statement"
    static let strings: [StringTable] = [.contracts]
    var title: String
    var contractName: String
    var contractPath: String
    var clientName: String
    var month: String
    var previousPath: String?
    var nextPath: String?
    var state: String
    var stateLabel: String
    /// Computed now and not kept: the month was never drafted.
    var preview: Bool
    var revision: String?
    var contentHash: String?
    var intact: Bool
    /// What the data gives now, when it differs from what is kept.
    var drift: String?
    var words: StatementWords
    var events: [Event]
    var steps: [Step]
    var dispute: Dispute?
    var hasSteps: Bool
    var csvPath: String
    var xlsxPath: String

    struct Event: Encodable {
        var label: String
        var actor: String
        var at: String
        var dispute: String?
    }

    /// A step the reader may take, as a button posting to `path`.
    struct Step: Encodable {
        var label: String
        var path: String
        var primary: Bool
    }

    /// The brand's dispute form: the lines to object to.
    struct Dispute: Encodable {
        var path: String
        var lines: [Choice]
    }

    /// What the reader may do to the month.
    struct Abilities {
        var manage: Bool
        var answer: Bool
        /// The month has ended and the contract covers it.
        var settleable: Bool
    }

    init(
        contract: Contract, clientName: String, month: BusinessMonth, stored: StoredStatement?, earlier: [StoredStatement] = [],
        now: StatementFigures,
        stores: [ID<Store>: Store], can: Abilities, names: [String: String], _ l10n: Localizer
    ) {
        title = l10n.format("statement_title", contract.name, month.description)
        contractName = contract.name
        contractPath = SiteURL.contract(contract.id).path
        self.clientName = clientName
        self.month = month.description
        let first = BusinessMonth(of: contract.start)
        previousPath = month > first ? SiteURL.statement(contract.id, month.advanced(by: -1)).path : nil
        nextPath = contract.end.map { month.next <= BusinessMonth(of: $0) } ?? true ? SiteURL.statement(contract.id, month.next).path : nil
        let figures = stored?.figures ?? now
        state = stored?.state.rawValue ?? "none"
        stateLabel = l10n["statement_state_" + state]
        preview = stored == nil
        revision = stored.map { l10n.format("statement_revision", String($0.revision)) }
        contentHash = stored?.contentHash
        intact = stored.map { StatementRepository.hash($0.figures) == $0.contentHash } ?? true
        if let stored, StatementRepository.hash(now) != stored.contentHash {
            let difference = now.ownTotal - stored.figures.ownTotal
            let (total, change) = (l10n.money(now.total), l10n.money(difference))
            drift =
                stored.state == .draft
                ? l10n.format("statement_drift_draft", total, change) : l10n.format("statement_drift_kept", total, change)
        }
        words = StatementWords(figures, stores: stores, l10n)
        // The month's history across its revisions, oldest first, each event under its revision.
        let revisions = earlier + (stored.map { [$0] } ?? [])
        events = revisions.flatMap { revision in revision.events.map { (revision.revision, $0) } }.map { number, event in
            Event(
                label: l10n.format("statement_event", String(number), l10n["statement_action_" + event.action.rawValue]),
                actor: l10n.actor(event.actor, names: names),
                at: ShanghaiTime.format(event.at),
                dispute: event.dispute.map {
                    l10n.format("statement_dispute_of_line", String($0.line + 1), $0.comment)
                })
        }
        let step = { (name: String, primary: Bool) in
            Step(label: l10n["statement_step_" + name], path: SiteURL.statementStep(contract.id, month, name).path, primary: primary)
        }
        var steps: [Step] = []
        if can.manage {
            switch stored?.state {
            case nil: if can.settleable { steps.append(step("draft", true)) }
            case .draft?: steps += [step("draft", false), step("send", true)]
            case .disputed?: steps.append(step("revise", true))
            case .confirmed?: steps.append(step("finalize", true))
            case .sent?, .final?: break
            }
        }
        if can.answer, stored?.state == .sent { steps.append(step("confirm", true)) }
        self.steps = steps
        dispute =
            can.answer && stored?.state == .sent
            ? Dispute(
                path: SiteURL.statementStep(contract.id, month, "dispute").path,
                lines: words.lines.map {
                    Choice(value: String($0.index), label: "\($0.index + 1). \($0.label) \($0.amount)", selected: false)
                })
            : nil
        hasSteps = !steps.isEmpty || dispute != nil
        csvPath = SiteURL.statementFile(contract.id, month, xlsx: false).path
        xlsxPath = SiteURL.statementFile(contract.id, month, xlsx: true).path
    }
}
