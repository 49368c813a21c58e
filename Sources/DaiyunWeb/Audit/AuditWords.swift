import DaiyunCore
import Foundation

/// An audit entry said in words: what was done, to what, and which fields changed from what to
/// what, with amounts in yuan and times as Shanghai times. The entry's own JSON stays as stored
/// (it is what the chain hashes); only its reading changes.
enum AuditWords {
    /// The actions Daiyun records, each with an `audit_action_…` string.
    static let actions = [
        "ad_target.update", "agency.create", "alert.acknowledge", "alert.resolve", "alert_rule.update", "robot.add", "robot.remove",
        "robot.update",
        "api_token.create",
        "api_token.revoke",
        "assignment.create", "assignment.delete", "audit_chain.head",
        "channel.connect", "client.create", "contract.create", "contract.amend", "statement.draft", "statement.send",
        "statement.dispute", "statement.revise", "statement.confirm", "statement.finalize", "client.update", "import.orders",
        "import.refunds",
        "import.lines", "import.catalog",
        "import.traffic", "import.ads",
        "listing.create", "order.ship", "product.create", "safety_stock.set", "sku.create", "sku.update", "stock.receipt",
        "stock.adjustment", "stock.stocktake", "stock_warning.set", "store.create", "store.update", "user.create", "user.update",
        "user.sign_in_locked", "user.unlock", "user.password_reset", "user.password_change", "user.disable", "user.enable",
        "invitation.create", "invitation.accept",
        "warehouse.create",
    ]

    /// Fields that hold fen, shown as yuan.
    static let moneyFields: Set<String> = ["listPrice", "floorPrice", "cost", "payment", "postFee", "totalFee", "refundFee", "discountFee"]
    /// Fields that hold a time (seconds since 2001, as the encoder writes a `Date`).
    static let timeFields: Set<String> = ["createdAt", "paidAt", "at", "until", "expiresAt", "consignedAt", "modifiedAt", "startedAt"]

    static func key(_ action: String) -> String { action.replacingOccurrences(of: ".", with: "_") }

    static func action(_ action: String, _ l10n: Localizer) -> String {
        actions.contains(action) ? l10n["audit_action_\(key(action))"] : action
    }

    /// `店铺 ab186b5a`, or an order by its number.
    static func entity(type: String, id: String, _ l10n: Localizer) -> String {
        let label = StringTable.merged["audit_entity_\(type)"] == nil ? type : l10n["audit_entity_\(type)"]
        if type == "order", let tid = id.split(separator: "/").last { return "\(label) \(tid)" }
        return "\(label) \(id.prefix(8))"
    }

    /// The fields that changed, `名称：旧 → 新`, or the new record for a creation.
    static func summary(_ entry: AuditEntry, _ l10n: Localizer) -> String {
        func object(_ json: String?) -> [String: Any] {
            guard let data = json?.data(using: .utf8), let dict = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return [:] }
            return dict
        }
        let before = object(entry.before)
        let after = object(entry.after)
        if let words = contractWords(entry.entityType, after, l10n) { return words }
        if entry.before == nil {
            return after.keys.sorted().map { "\(field($0, l10n))=\(value(after[$0], field: $0, l10n))" }.joined(separator: "，")
        }
        if entry.after == nil { return l10n["audit_deleted"] }
        return Set(before.keys).union(after.keys).sorted().compactMap { key in
            let old = value(before[key], field: key, l10n)
            let new = value(after[key], field: key, l10n)
            return old == new ? nil : "\(field(key, l10n))：\(old) → \(new)"
        }.joined(separator: "；")
    }

    /// A contract, a version of it or a statement in a line: their JSON holds nested terms and
    /// figures that read as nothing field by field.
    static func contractWords(_ type: String, _ after: [String: Any], _ l10n: Localizer) -> String? {
        switch type {
        case "statement":
            guard let month = after["month"] as? String, let revision = after["revision"] as? Int, let state = after["state"] as? String,
                let total = after["total"] as? NSNumber, let hash = after["contentHash"] as? String,
                StatementState(rawValue: state) != nil
            else { return nil }
            return l10n.format(
                "audit_statement_words", month, String(revision), l10n["statement_state_" + state],
                l10n.money(Money(fen: total.int64Value)),
                String(hash.prefix(12)))
        case "contract":
            if let name = after["name"] as? String, let start = after["start"] as? String {
                let end = after["end"] as? String ?? l10n["contract_open_ended"]
                return l10n.format("audit_contract_words", name, start, end)
            }
            if let number = after["number"] as? Int, let from = after["effectiveFrom"] as? String {
                return l10n.format("contract_version", String(number), from)
            }
            return nil
        default:
            return nil
        }
    }

    /// `listPrice` reads as its label (售价) when there is one, else as itself.
    static func field(_ name: String, _ l10n: Localizer) -> String {
        l10n.field(
            name.reduce(into: "") { snake, character in
                if character.isUppercase { snake += "_" + character.lowercased() } else { snake.append(character) }
            })
    }

    /// Fields whose values are codes, and the string families that word them.
    static let codeFields: [String: [String]] = [
        "status": ["alert_status_", "status_"], "severity": ["alert_severity_"], "kind": ["alert_kind_", "robots_kind_"],
    ]

    static func value(_ value: Any?, field: String, _ l10n: Localizer) -> String {
        guard let value, !(value is NSNull) else { return "∅" }
        if let code = value as? String, let families = codeFields[field],
            let key = families.map({ $0 + code }).first(where: { StringTable.merged[$0] != nil })
        {
            return l10n[key]
        }
        if let number = value as? NSNumber {
            if field == "enabled" { return l10n[number.boolValue ? "audit_switch_on" : "audit_switch_off"] }
            if moneyFields.contains(field) { return l10n.money(Money(fen: number.int64Value)) }
            if timeFields.contains(field) { return ShanghaiTime.format(Date(timeIntervalSinceReferenceDate: number.doubleValue)) }
        }
        return "\(value)"
    }
}
