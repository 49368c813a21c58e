import DaiyunCore

/// A value of an enum offered in a form's select.
struct Choice: Encodable {
    var value: String
    var label: String
    var selected: Bool
}

extension Localizer {
    func channelChoices() -> [Choice] {
        Channel.allCases.map { Choice(value: $0.rawValue, label: channel($0), selected: false) }
    }

    func statusChoices(selected: StoreStatus?) -> [Choice] {
        StoreStatus.allCases.map { Choice(value: $0.rawValue, label: status($0), selected: $0 == selected) }
    }

    func roleChoices() -> [Choice] {
        StoreRole.allCases.map { Choice(value: $0.rawValue, label: role($0), selected: false) }
    }

    func kindChoices() -> [Choice] {
        UserKind.allCases.map { Choice(value: $0.rawValue, label: kind($0), selected: false) }
    }
}
