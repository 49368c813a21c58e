import DaiyunCore

/// A JSON value for a request's parameter body (Douyin's `param_json`, JD's `360buy_param_json`).
/// Numbers are kept as their text, so an order id or an amount is sent exactly as given.
public indirect enum ParamJSONValue: Sendable, Equatable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([ParamJSONValue])
    case object([String: ParamJSONValue])
}

/// A parameter body as Douyin signs and receives its `param_json`: keys sorted at every depth, no
/// spaces, and `<`, `>`, `&` escaped as Go's encoder does (the official SDK marshals with Go). JD's
/// `360buy_param_json` is written the same way.
public enum CanonicalParamJSON {
    public static func canonical(_ object: [String: ParamJSONValue]) -> String {
        var out = ""
        write(.object(object), to: &out)
        return out
    }

    static func write(_ value: ParamJSONValue, to out: inout String) {
        switch value {
        case .string(let text): writeString(text, to: &out)
        case .number(let text): out += text
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { out += "," }
                writeString(key, to: &out)
                out += ":"
                write(members[key]!, to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, to out: inout String) {
        out += CanonicalJSON.string(text) { ["<", ">", "&", "\u{2028}", "\u{2029}"].contains($0) }
    }
}
