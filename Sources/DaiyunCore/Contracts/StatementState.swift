/// Where a month's statement is: computed and not yet sent (draft), sent to the brand, disputed
/// or confirmed by the brand, and final. A final statement never changes: what the data says
/// later about its month goes into a later statement as an adjustment.
public enum StatementState: String, Sendable, Codable, CaseIterable {
    case draft, sent, disputed, confirmed, final
}

/// What someone does to a statement.
public enum StatementAction: String, Sendable, Codable, CaseIterable {
    case send, dispute, revise, confirm, finalize

    /// Whether the brand's viewers take it (they confirm or dispute what was sent to them); the
    /// agency takes the others.
    public var isTheBrands: Bool { self == .confirm || self == .dispute }
}

extension StatementState {
    /// The state the action leads to, nil where it is not allowed: the agency sends a draft; the
    /// brand confirms or disputes what was sent; the agency revises a disputed statement (computed
    /// again as a new revision and sent again) and makes a confirmed one final.
    public func after(_ action: StatementAction) -> StatementState? {
        switch (self, action) {
        case (.draft, .send): .sent
        case (.sent, .confirm): .confirmed
        case (.sent, .dispute): .disputed
        case (.disputed, .revise): .sent
        case (.confirmed, .finalize): .final
        default: nil
        }
    }

    /// Whether the statement's figures may still be computed again (only before it is sent).
    public var isOpen: Bool { self == .draft }
}

/// The brand's objection to a line of a statement, with what they say.
public struct StatementDispute: Sendable, Equatable, Codable {
    public var line: Int
    public var comment: String

    /// Refuses a line the statement does not have and an empty or overlong comment.
    public init(line: Int, comment: String, of statement: StatementFigures) throws {
        guard statement.lines.indices.contains(line) else {
            throw ValidationError(field: "line", rule: .between(min: 0, max: max(0, statement.lines.count - 1)))
        }
        self.line = line
        self.comment = try TextRules.required(comment, field: "comment", maxLength: 1_000)
    }

    /// A dispute as it was kept, checked when it was made.
    public init(kept line: Int, comment: String) {
        self.line = line
        self.comment = comment
    }
}
