import Foundation

/// Input that breaks a domain rule, naming the field so that a form or an API client can point at
/// it, and the rule, so that the interface can say it in the user's language.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rules that input can break.
    public enum Rule: Sendable, Equatable {
        case required
        case tooLong(max: Int)
        case tooShort(min: Int)
        case oneOf([String])
        case dayFormat
        case identifierCharacters
        case loginFormat
        case lettersAndDigits
        case brandViewerNeedsClient
        case onlyBrandViewersHaveClient
        case onlyStaffAreAssigned
        case unknownReference
        case moneyFormat
        case timeFormat
        case wholeNumber
        case floorAboveList
        case webAddress
        case between(min: Int, max: Int)
        /// An amount beyond ¥1,000,000,000.00 either way (`InputBounds.moneyFen`).
        case amountTooLarge
        /// A gateway that is neither a channel's official one nor one the operator allowed.
        case gatewayNotAllowed
        /// A confirmation that differs from what it confirms.
        case mismatch
        /// The current password given is not the account's.
        case wrongPassword
        /// A new password the same as the one it replaces.
        case samePassword
        /// An admin may not do this to their own account (disable it).
        case notYourself
        /// The same item twice where it may come once.
        case duplicate
        /// A line of pasted input that is not the two fields it should be.
        case twoFields
        /// An order without lines (imported from the order report alone) cannot ship.
        case orderHasNoLines
        /// More lines than one submission takes.
        case tooManyLines(max: Int)
        /// A file or a row of it that cannot be read, as its reader said.
        case unreadable(Message)
        /// An import into a client where its kind goes into a store, or the other way round.
        case wrongTarget(needsStore: Bool)
        /// A period whose last day comes before its first, or longer than `maxDays`.
        case period(maxDays: Int)
        /// A day outside the years the figures can cover.
        case dayBetween(first: String, last: String)
        /// A ratio (an ROI) that is not a number with at most two decimals within the bounds.
        case ratio(min: String, max: String)
        /// The first tier of a commission starts above ¥0.
        case tiersStartAtZero
        /// Tiers that overlap or leave a gap.
        case tiersJoin
        /// A closed last tier, or an open tier before the last.
        case lastTierOpen
        /// A cap below the minimum.
        case capBelowMinimum
        /// A fee model that charges nothing.
        case feeOrCommission
        /// A KPI on a metric the contract's stores have no data for.
        case noDataSource
        /// A negative amount.
        case notNegative
        /// A percentage outside 0–100 or with more than two decimals.
        case percent
        /// A version taking effect before the contract starts, or on or before the version it amends.
        case versionOrder
        /// Not a month written YYYY-MM.
        case monthFormat
        /// A month to settle that has not ended yet, or that the contract does not cover.
        case monthToSettle
    }

    public let field: String
    public let rule: Rule

    public init(field: String, rule: Rule) {
        self.field = field
        self.rule = rule
    }

    /// The English reason, for the API and logs.
    public var reason: String {
        switch rule {
        case .required: "must not be empty"
        case .tooLong(let max): "must be at most \(max) characters"
        case .tooShort(let min): "must be at least \(min) characters"
        case .oneOf(let options): "must be one of \(options.joined(separator: ", "))"
        case .dayFormat: "must be a day written YYYY-MM-DD"
        case .identifierCharacters: "may hold ASCII letters, digits, '-' and '_' only"
        case .loginFormat: "must be 3–40 ASCII letters, digits or . _ - @"
        case .lettersAndDigits: "must mix letters and digits"
        case .brandViewerNeedsClient: "a brand viewer needs the client they belong to"
        case .onlyBrandViewersHaveClient: "only brand viewers belong to a client"
        case .onlyStaffAreAssigned: "only staff members are assigned to stores"
        case .unknownReference: "refers to nothing you can see"
        case .webAddress: "must be an http:// or https:// address"
        case .between(let min, let max): "must be a whole number from \(min) to \(max)"
        case .moneyFormat: "must be an amount in yuan with at most two decimals, such as 12.30"
        case .timeFormat: "must be a time written YYYY-MM-DD HH:mm:ss"
        case .wholeNumber: "must be a whole number"
        case .floorAboveList: "must not be above the list price"
        case .amountTooLarge: "must be within ¥1,000,000,000.00 either way"
        case .gatewayNotAllowed: "must be the channel's official gateway, or one the operator allows (DAIYUN_ALLOWED_GATEWAYS)"
        case .mismatch: "does not match"
        case .wrongPassword: "is not the account's password"
        case .samePassword: "must differ from the current password"
        case .notYourself: "may not be your own account"
        case .duplicate: "is given twice"
        case .twoFields: "must be two fields: the order number, then the waybill"
        case .orderHasNoLines: "the order has no lines yet: import its item report (宝贝报表) or let the channel sync bring them"
        case .tooManyLines(let max): "must be at most \(max) lines; send the rest in another part"
        case .unreadable(let said): said.english
        case .wrongTarget(let needsStore):
            needsStore ? "must be a store for this kind of file" : "must be a client: a catalog goes into a client"
        case .period(let maxDays): "must end on or after the first day and span at most \(maxDays) days"
        case .dayBetween(let first, let last): "must be a day from \(first) to \(last)"
        case .ratio(let min, let max): "must be a number with at most two decimals from \(min) to \(max), such as 3.25"
        case .tiersStartAtZero: "the first tier must start at ¥0"
        case .tiersJoin: "each tier must start where the one before ends, and end above where it starts"
        case .lastTierOpen: "only the last tier is open-ended, and it must be"
        case .capBelowMinimum: "must not be below the minimum"
        case .feeOrCommission: "a contract charges a monthly fee, a commission, or both"
        case .noDataSource: "the contract's stores have no data for this metric"
        case .notNegative: "must not be negative"
        case .percent: "must be a percentage from 0 to 100 with at most two decimals, such as 3.5"
        case .versionOrder: "must be after the version before, and within the contract's term"
        case .monthFormat: "must be a month written YYYY-MM"
        case .monthToSettle: "must be a month that has ended and that the contract covers"
        }
    }

    public var description: String { "\(field): \(reason)" }
}

/// Rules shared by every free-text field a person types.
public enum TextRules {
    /// Trims the text and requires it to be non-empty and at most `maxLength` characters.
    public static func required(_ text: String, field: String, maxLength: Int = 120) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ValidationError(field: field, rule: .required) }
        guard trimmed.count <= maxLength else { throw ValidationError(field: field, rule: .tooLong(max: maxLength)) }
        return trimmed
    }

    /// Parses one of an enum's raw values.
    public static func choice<E: RawRepresentable & CaseIterable>(_ text: String, field: String, as type: E.Type) throws -> E
    where E.RawValue == String {
        guard let value = E(rawValue: text) else {
            throw ValidationError(field: field, rule: .oneOf(E.allCases.map(\.rawValue)))
        }
        return value
    }
}

extension ValidationError {
    /// The broken rule as a message: the interface string that says it, with what it takes.
    public var message: Message {
        switch rule {
        case .required: Message("rule_required", english: reason)
        case .tooLong(let max): Message("rule_too_long", ["\(max)"], english: reason)
        case .tooShort(let min): Message("rule_too_short", ["\(min)"], english: reason)
        case .oneOf(let options): Message("rule_one_of", [options.joined(separator: ", ")], english: reason)
        case .dayFormat: Message("rule_day_format", english: reason)
        case .identifierCharacters: Message("rule_identifier", english: reason)
        case .loginFormat: Message("rule_login", english: reason)
        case .lettersAndDigits: Message("rule_letters_digits", english: reason)
        case .brandViewerNeedsClient: Message("rule_viewer_client", english: reason)
        case .onlyBrandViewersHaveClient: Message("rule_only_viewers_client", english: reason)
        case .onlyStaffAreAssigned: Message("rule_only_staff", english: reason)
        case .unknownReference: Message("rule_unknown", english: reason)
        case .moneyFormat: Message("rule_money", english: reason)
        case .timeFormat: Message("rule_time", english: reason)
        case .wholeNumber: Message("rule_whole_number", english: reason)
        case .floorAboveList: Message("rule_floor_above_list", english: reason)
        case .webAddress: Message("rule_web_address", english: reason)
        case .between(let min, let max): Message("rule_between", ["\(min)", "\(max)"], english: reason)
        case .amountTooLarge: Message("rule_amount_too_large", english: reason)
        case .gatewayNotAllowed: Message("rule_gateway_not_allowed", english: reason)
        case .mismatch: Message("rule_mismatch", english: reason)
        case .wrongPassword: Message("rule_wrong_password", english: reason)
        case .samePassword: Message("rule_same_password", english: reason)
        case .notYourself: Message("rule_not_yourself", english: reason)
        case .duplicate: Message("rule_duplicate", english: reason)
        case .twoFields: Message("rule_two_fields", english: reason)
        case .orderHasNoLines: Message("rule_no_lines", english: reason)
        case .tooManyLines(let max): Message("rule_too_many_lines", ["\(max)"], english: reason)
        case .unreadable(let said): said
        case .wrongTarget(let needsStore):
            needsStore ? Message("rule_target_store", english: reason) : Message("rule_target_client", english: reason)
        case .period(let maxDays): Message("rule_period", ["\(maxDays)"], english: reason)
        case .dayBetween(let first, let last): Message("rule_day_between", [first, last], english: reason)
        case .ratio(let min, let max): Message("rule_ratio", [min, max], english: reason)
        case .tiersStartAtZero: Message("rule_tiers_start_at_zero", english: reason)
        case .tiersJoin: Message("rule_tiers_join", english: reason)
        case .lastTierOpen: Message("rule_last_tier_open", english: reason)
        case .capBelowMinimum: Message("rule_cap_below_minimum", english: reason)
        case .feeOrCommission: Message("rule_fee_or_commission", english: reason)
        case .noDataSource: Message("rule_no_data_source", english: reason)
        case .notNegative: Message("rule_not_negative", english: reason)
        case .percent: Message("rule_percent", english: reason)
        case .versionOrder: Message("rule_version_order", english: reason)
        case .monthFormat: Message("rule_month_format", english: reason)
        case .monthToSettle: Message("rule_month_to_settle", english: reason)
        }
    }
}
