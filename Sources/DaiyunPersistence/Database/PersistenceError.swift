/// Failures of the storage layer that callers map to a user-facing answer.
public enum PersistenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A unique key is already taken; `field` names the one a person can change.
    case duplicate(field: String)
    /// A row refers to something that does not exist.
    case missingReference(field: String)
    /// A stored row holds a value the domain does not know (an edited enum value, say).
    case corruptRow(table: String, id: String)
    /// A column of a bulk read does not hold the type its table declares (column counted from 1).
    case unreadableColumn(table: String, column: Int, expected: String)

    public var description: String {
        switch self {
        case .duplicate(let field): "\(field) is already taken"
        case .missingReference(let field): "\(field) refers to nothing"
        case .corruptRow(let table, let id): "row \(id) of \(table) holds a value this version does not know"
        case .unreadableColumn(let table, let column, let expected): "column \(column) of a row of \(table) is not \(expected)"
        }
    }
}
