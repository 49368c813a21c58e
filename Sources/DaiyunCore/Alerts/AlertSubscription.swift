/// Which of a store's alerts reach a person's inbox: all, those from warning up, critical ones
/// only, or none. A store the person has set nothing for sends them all.
public enum AlertSubscription: String, Sendable, CaseIterable, Codable {
    case all, warning, critical, none

    /// Whether an alert of this severity reaches the inbox.
    public func shows(_ severity: AlertSeverity) -> Bool {
        switch self {
        case .all: true
        case .warning: severity <= .warning
        case .critical: severity == .critical
        case .none: false
        }
    }
}
