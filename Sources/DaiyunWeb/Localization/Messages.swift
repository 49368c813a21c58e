import DaiyunChannels
import DaiyunCore

extension Localizer {
    /// A message code composed, in this language; its English where no string has its key.
    func say(_ message: Message) -> String {
        guard StringTable.merged[message.key] != nil else { return message.english }
        var text = self[message.key]
        for argument in message.arguments {
            guard let slot = text.range(of: "%@") else { break }
            text.replaceSubrange(slot, with: argument)
        }
        return text
    }

    /// Why a row was refused, in this language (rows stored before messages: as stored).
    func reason(_ error: RowError) -> String {
        error.message.map(say) ?? error.reason
    }
}

/// A refused row of an import, as the preview and the batch pages list it.
struct ImportErrorRow: Encodable {
    var line: Int
    var column: String
    var reason: String

    init(_ error: RowError, _ l10n: Localizer) {
        line = error.line
        column = error.column
        reason = l10n.reason(error)
    }
}

extension Localizer {
    /// The actors that are not a person, by what they are: `job:sync` reads 渠道同步.
    static let machineActors = ["job:sync", "job:demo", "job:bench", "cli:import", "cli:connect", "system:sign-in"]

    /// Who did something: a person by their login (or name, when `names` knows it), a job or a
    /// command by what it is.
    func actor(_ actor: String, names: [String: String] = [:]) -> String {
        if actor.hasPrefix("user:") {
            let login = String(actor.dropFirst(5))
            return names[login].map { "\($0)（\(login)）" } ?? login
        }
        guard Self.machineActors.contains(actor) else { return actor }
        return self["actor_\(Self.actorKey(actor))"]
    }

    static func actorKey(_ actor: String) -> String {
        actor.replacingOccurrences(of: ":", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// The reasons the order writer gives its movements, by their English.
    static let movementReasons = [
        "paid order": "paid", "order closed": "closed", "shipped": "shipped", "shipped without reservation": "shipped_unreserved",
    ]

    /// Why stock moved: an order's reason in words; a person's reason as they wrote it.
    func movementReason(_ reason: String) -> String {
        Self.movementReasons[reason].map { self["movement_reason_\($0)"] } ?? reason
    }
}
