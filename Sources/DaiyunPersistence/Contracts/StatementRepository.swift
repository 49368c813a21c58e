import DaiyunCore
import DaiyunCrypto
import Fluent
import Foundation
import SQLKit

/// A kept revision of a contract's month: its state, its figures and their SHA-256, and what was
/// done to it.
public struct StoredStatement: Sendable, Equatable {
    /// One thing done to the statement.
    public struct Event: Sendable, Equatable {
        public var action: StatementAction
        public var actor: String
        public var at: Date
        public var dispute: StatementDispute?
    }

    public var id: UUID
    public var contractID: ID<Contract>
    public var month: BusinessMonth
    public var revision: Int
    public var state: StatementState
    public var figures: StatementFigures
    public var contentHash: String
    public var events: [Event]
}

/// Why a statement write was refused.
public enum StatementRefusal: Error, Equatable, Sendable {
    /// The action cannot be taken from the statement's state (a final statement never changes).
    case notAllowed(StatementState, StatementAction)
    /// The action is the brand's and an agency user took it, or the other way round.
    case notYours(StatementAction)
}

/// The contracts' statements: drafted from the rollups, sent, confirmed or disputed by the brand,
/// revised, made final, each step audited in the client's chain. A month keeps every revision;
/// the latest is the statement. A final month never changes: when the data later gives it another
/// total, the difference is carried into the next draft as an adjustment.
public struct StatementRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The SHA-256 of the statement's figures as canonical JSON: what `verify` recomputes.
    public static func hash(_ figures: StatementFigures) -> String {
        SHA256Digest().sha256Hex(CanonicalJSON.encode(figures))
    }

    /// Computes the month from the data with the adjustments due, and keeps it as the month's
    /// draft (replacing an unsent draft's figures); refused once the month was sent.
    public func draft(_ contract: Contract, month: BusinessMonth, client: Client, by context: WriteContext) async throws -> StoredStatement
    {
        let latest = try await statement(of: contract.id, month: month)
        if let latest, !latest.state.isOpen { throw StatementRefusal.notAllowed(latest.state, .revise) }
        let figures = try await compute(contract, month: month)
        let id = latest?.id ?? context.ids.random()
        return try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
            if latest == nil {
                try await Self.insert(id: id, contract.id, month, revision: 1, state: .draft, figures, tx, at: context.now)
            } else {
                try await tx.sql().raw(
                    """
                    UPDATE statements SET figures = \(bind: CanonicalJSON.encode(figures)), total_fen = \(bind: figures.total.fen),
                        content_hash = \(bind: Self.hash(figures)) WHERE id = \(bind: id) AND state = 'draft'
                    """
                ).run()
            }
            let stored = StoredStatement(
                id: id, contractID: contract.id, month: month, revision: latest?.revision ?? 1, state: .draft, figures: figures,
                contentHash: Self.hash(figures), events: latest?.events ?? [])
            return (stored, [Self.audit("statement.draft", stored, before: latest)])
        }
    }

    /// Takes the action on the statement: `byBrand` says whether a brand viewer takes it (they
    /// confirm or dispute; the agency does the rest). Revising keeps the disputed revision and
    /// sends a new one computed again from the data.
    public func act(
        _ action: StatementAction, on statement: StoredStatement, dispute: StatementDispute? = nil, contract: Contract, client: Client,
        byBrand: Bool, by context: WriteContext
    ) async throws -> StoredStatement {
        guard action.isTheBrands == byBrand else { throw StatementRefusal.notYours(action) }
        guard let state = statement.state.after(action) else { throw StatementRefusal.notAllowed(statement.state, action) }
        precondition((action == .dispute) == (dispute != nil), "a dispute, and only a dispute, names its line")
        let revised = action == .revise ? try await compute(contract, month: statement.month) : nil
        let newID = context.ids.random()
        return try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
            var after = statement
            let event = StoredStatement.Event(action: action, actor: context.actor, at: context.now, dispute: dispute)
            if let revised {
                after = StoredStatement(
                    id: newID, contractID: statement.contractID, month: statement.month, revision: statement.revision + 1, state: state,
                    figures: revised, contentHash: Self.hash(revised), events: [event])
                try await Self.insert(
                    id: newID, statement.contractID, statement.month, revision: after.revision, state: state, revised, tx, at: context.now)
            } else {
                // Only from the state it was read in: two people acting at once cannot both move it.
                let moved = try await tx.sql().raw(
                    """
                    UPDATE statements SET state = \(bind: state.rawValue)
                    WHERE id = \(bind: statement.id) AND state = \(bind: statement.state.rawValue) RETURNING id
                    """
                ).all()
                guard !moved.isEmpty else { throw StatementRefusal.notAllowed(statement.state, action) }
                after.state = state
                after.events.append(event)
            }
            try await tx.sql().raw(
                """
                INSERT INTO statement_events (id, statement_id, position, action, actor, at, line, comment)
                VALUES (\(bind: context.ids.random()), \(bind: after.id), \(bind: after.events.count - 1), \(bind: action.rawValue), \(bind: context.actor), \(bind: context.now),
                    \(bind: dispute?.line), \(bind: dispute?.comment))
                """
            ).run()
            return (after, [Self.audit("statement.\(action.rawValue)", after, before: statement)])
        }
    }

    /// The month's latest revision, nil before its first draft.
    public func statement(of contract: ID<Contract>, month: BusinessMonth) async throws -> StoredStatement? {
        try await statements(
            SQLQueryString(
                "contract_id = \(bind: contract.rawValue) AND month = \(bind: month.description) ORDER BY revision DESC LIMIT 1")
        ).first
    }

    /// Every revision of the contract's months, the latest revision of each month first.
    public func statements(of contract: ID<Contract>) async throws -> [StoredStatement] {
        try await statements(SQLQueryString("contract_id = \(bind: contract.rawValue) ORDER BY month DESC, revision DESC"))
    }

    /// Whether the kept figures still hash to the kept hash (nobody edited them), and what the
    /// data gives for the month now, with its hash.
    public func verify(_ statement: StoredStatement, contract: Contract) async throws -> (intact: Bool, now: StatementFigures) {
        (Self.hash(statement.figures) == statement.contentHash, try await compute(contract, month: statement.month))
    }

    /// The month from the data, with the adjustments due for the contract's earlier final months:
    /// what each gives now, less what it was made final with and what later months carried. The
    /// contract's months are computed once, in one pass.
    public func compute(_ contract: Contract, month: BusinessMonth) async throws -> StatementFigures {
        let latest = Dictionary(grouping: try await statements(of: contract.id), by: \.month).compactMapValues(\.first)
        let months = try await SettlementRepository(database: database).months(of: contract, through: month)
        let now = Dictionary(months.map { ($0.month, $0) }) { first, _ in first }
        var adjustments: [StatementAdjustment] = []
        for (earlier, final) in latest where earlier < month && final.state == .final {
            guard let recomputed = now[earlier] else { continue }
            let carried = latest.values.filter { $0.month > earlier && $0.month != month }.flatMap(\.figures.lines)
                .compactMap(\.adjustment).filter { $0.month == earlier }.reduce(Money.zero) { $0 + $1.amount }
            if let due = Settlement.adjustment(final: final.figures, recomputed: recomputed, carried: carried, reason: "late_data") {
                adjustments.append(due)
            }
        }
        return months[months.count - 1].carrying(adjustments.sorted { $0.month < $1.month })
    }

    private static func insert(
        id: UUID, _ contract: ID<Contract>, _ month: BusinessMonth, revision: Int, state: StatementState, _ figures: StatementFigures,
        _ database: any Database, at now: Date
    ) async throws {
        try await database.sql().raw(
            """
            INSERT INTO statements (id, contract_id, month, revision, state, figures, total_fen, content_hash, created_at)
            VALUES (\(bind: id), \(bind: contract.rawValue), \(bind: month.description), \(bind: revision), \(bind: state.rawValue),
                \(bind: CanonicalJSON.encode(figures)), \(bind: figures.total.fen), \(bind: hash(figures)), \(bind: now))
            """
        ).run()
    }

    private static func audit(_ action: String, _ statement: StoredStatement, before: StoredStatement?) -> AuditRecord {
        struct Shown: Encodable {
            var month: String, revision: Int, state: String, total: Money, contentHash: String
            init(_ s: StoredStatement) {
                (month, revision, state, total, contentHash) = (
                    s.month.description, s.revision, s.state.rawValue, s.figures.total, s.contentHash
                )
            }
        }
        return AuditRecord(
            action: action, entityType: "statement", entityID: statement.id.uuidString.lowercased(), before: before.map(Shown.init),
            after: Shown(statement))
    }

    private func statements(_ filter: SQLQueryString) async throws -> [StoredStatement] {
        let rows = try await database.sql().raw("SELECT * FROM statements WHERE \(filter)").all()
        guard !rows.isEmpty else { return [] }
        var events: [UUID: [StoredStatement.Event]] = [:]
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        for row in try await database.sql().raw(
            "SELECT * FROM statement_events WHERE statement_id IN \(SQLBind.group(ids)) ORDER BY statement_id, position"
        ).all() {
            guard let action = StatementAction(rawValue: try row.decode(column: "action", as: String.self)) else { continue }
            let line = try row.decode(column: "line", as: Int?.self)
            let comment = try row.decode(column: "comment", as: String?.self)
            events[try row.decode(column: "statement_id", as: UUID.self), default: []].append(
                StoredStatement.Event(
                    action: action, actor: try row.decode(column: "actor", as: String.self),
                    at: try row.decode(column: "at", as: Date.self),
                    dispute: line.map { StatementDispute(kept: $0, comment: comment ?? "") }))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            guard let month = BusinessMonth(try row.decode(column: "month", as: String.self)),
                let state = StatementState(rawValue: try row.decode(column: "state", as: String.self))
            else { throw PersistenceError.corruptRow(table: "statements", id: id.uuidString) }
            return StoredStatement(
                id: id, contractID: ID(try row.decode(column: "contract_id", as: UUID.self)), month: month,
                revision: try row.decode(column: "revision", as: Int.self), state: state,
                figures: try JSONDecoder().decode(
                    StatementFigures.self, from: Data(try row.decode(column: "figures", as: String.self).utf8)),
                contentHash: try row.decode(column: "content_hash", as: String.self), events: events[id] ?? [])
        }
    }
}
