/// To whom and where an order ships (收货人), as the channel or the export reports it: buyer
/// personal data, shown in full only to the roles that ship (`Permission.viewBuyerContact`).
public struct Receiver: Sendable, Equatable, Codable {
    public var name: String
    /// 手机.
    public var mobile: String
    /// 固定电话.
    public var phone: String
    /// 省份: the address's first part, kept apart for regional figures.
    public var state: String
    /// The whole address on one line: province, city, district, street.
    public var address: String

    public init(name: String = "", mobile: String = "", phone: String = "", state: String = "", address: String = "") {
        self.name = name
        self.mobile = mobile
        self.phone = phone
        self.state = state
        self.address = address
    }

    /// No receiver reported (an export without the columns, a trade read without the fields).
    public static let none = Receiver()

    public var isEmpty: Bool { self == .none }

    /// The receiver from the parts TOP reports (`receiver_state`, `_city`, `_district`, `_town`,
    /// `_address`), joined by spaces as the 订单报表 writes them.
    public init(name: String, mobile: String, phone: String, parts: [String]) {
        let parts = parts.map { String($0.trimmedASCII) }.filter { !$0.isEmpty }
        self.init(name: name, mobile: mobile, phone: phone, state: parts.first ?? "", address: parts.joined(separator: " "))
    }

    /// The receiver from the 订单报表's one address cell: `浙江省 杭州市 西湖区 文三路 90 号(310000)`.
    public init(name: String, mobile: String, phone: String, address: String) {
        let address = String(address.trimmedASCII)
        let state = address.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        self.init(name: name, mobile: mobile, phone: phone, state: state, address: address)
    }

    /// The receiver as the roles that do not ship see it, the way the channels' back offices mask
    /// it: the family name (张**), the mobile's first three and last four digits (138****5678), a
    /// landline's last four, the address down to the district with the street hidden.
    public func masked() -> Receiver {
        Receiver(
            name: Self.maskName(name), mobile: Self.maskDigits(mobile, keepFirst: 3, keepLast: 4),
            phone: Self.maskDigits(phone, keepFirst: 0, keepLast: 4), state: state, address: Self.maskAddress(address))
    }

    /// The receiver as a reader sees it: in full, or masked.
    public func shown(inFull: Bool) -> Receiver { inFull ? self : masked() }

    static func maskName(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(name.count - 1, 1))
    }

    static func maskDigits(_ text: String, keepFirst: Int, keepLast: Int) -> String {
        let characters = Array(text)
        guard !characters.isEmpty else { return "" }
        // Too short to keep anything and still hide most of it.
        guard characters.count > keepFirst + keepLast + 2 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(keepFirst)) + String(repeating: "*", count: characters.count - keepFirst - keepLast)
            + String(characters.suffix(keepLast))
    }

    /// Province, city and district stay (the first three parts, or all but the last of a shorter
    /// address); the rest becomes `****`. An address without spaces keeps its first six characters.
    static func maskAddress(_ address: String) -> String {
        guard !address.isEmpty else { return "" }
        let parts = address.split(separator: " ")
        let region = parts.count > 1 ? parts.prefix(min(3, parts.count - 1)).joined(separator: " ") : String(address.prefix(6))
        return region + " ****"
    }
}
