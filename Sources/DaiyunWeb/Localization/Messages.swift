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
