import DaiyunCore

/// A step on a month's statement as the pages and the API name it: `draft` (compute it again
/// and keep it, before it is sent) or one of the `StatementAction`s.
enum StatementStep: Equatable {
    case draft
    case act(StatementAction)

    init?(_ text: String) {
        if text == "draft" {
            self = .draft
        } else if let action = StatementAction(rawValue: text) {
            self = .act(action)
        } else {
            return nil
        }
    }

    var name: String {
        switch self {
        case .draft: "draft"
        case .act(let action): action.rawValue
        }
    }

    /// Every step, as the OpenAPI document lists them.
    static let names = ["draft"] + StatementAction.allCases.map(\.rawValue)

    /// What the step needs: the brand answers a statement, the agency's admins do the rest.
    var permission: Permission {
        if case .act(let action) = self, action.isTheBrands { return .answerStatements }
        return .manageContracts
    }
}
