import DaiyunCore
import Foundation

/// How far back the Taobao Open Platform answers trade and refund queries: the last three months,
/// counted in whole Asia/Shanghai days (protocols.md §1.4). The sync's first back-fill and the
/// sandbox's kept history both start here, so the back-fill misses nothing the platform returns.
public enum TOPHistory {
    /// The days kept, today not counted.
    public static let days = 90

    /// The first moment the platform still answers for at `now`: the start of the Shanghai day
    /// `days` days before today.
    public static func earliest(at now: Date) -> Date {
        BusinessDay(containing: now).start.addingTimeInterval(-Double(days) * 86_400)
    }
}
