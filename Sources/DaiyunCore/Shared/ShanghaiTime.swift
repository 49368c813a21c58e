import Foundation

/// Wall-clock times as the channels and export files write them (`2026-11-11 00:00:05`, Beijing
/// time, UTC+8 all year), parsed without a formatter: export files hold millions of them.
public enum ShanghaiTime {
    static let offsetSeconds: Int64 = 8 * 3600

    /// Parses `YYYY-MM-DD HH:mm:ss` (also `/` as the date separator, `T` between date and time,
    /// or no seconds); nil for anything else or a day that does not exist.
    public static func parse(_ text: some StringProtocol) -> Date? {
        // One generic call, then a loop over plain bytes: called from another module, a loop over
        // the generic `text.utf8` went through protocol witnesses byte by byte.
        text.utf8.withContiguousStorageIfAvailable(parse(utf8:)) ?? parse(utf8: Array(text.utf8))
    }

    private static func parse(utf8 text: some Collection<UInt8>) -> Date? {
        // Up to six numbers, year to second, kept in locals rather than an array: no allocation per time.
        var y = 0
        var mo = 0
        var d = 0
        var h = 0
        var mi = 0
        var s = 0
        var found = 0
        func keep(_ value: Int) {
            switch found {
            case 0: y = value
            case 1: mo = value
            case 2: d = value
            case 3: h = value
            case 4: mi = value
            case 5: s = value
            default: break
            }
            found += 1
        }
        var current = -1
        var count = 0
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                current = (current < 0 ? 0 : current) * 10 + Int(byte - UInt8(ascii: "0"))
                count += 1
                if count > 4 { return nil }
            case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: "T"):
                guard current >= 0 else {
                    if byte == UInt8(ascii: " ") && found == 0 { continue }
                    return nil
                }
                keep(current)
                current = -1
                count = 0
            default:
                return nil
            }
        }
        if current >= 0 { keep(current) }
        guard found == 5 || found == 6 else { return nil }
        guard (1970...2200).contains(y), (1...12).contains(mo), (1...daysIn(month: mo, year: y)).contains(d),
            (0...23).contains(h), (0...59).contains(mi), (0...59).contains(s)
        else { return nil }
        let days = daysFromCivil(year: y, month: mo, day: d)
        let seconds = days * 86_400 + Int64(h * 3600 + mi * 60 + s) - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The instant written back as Beijing wall-clock time, `YYYY-MM-DD HH:mm:ss`.
    public static func format(_ date: Date) -> String {
        let total = Int64(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondsOfDay = Int(total - days * 86_400)
        let (y, m, d) = civilFromDays(days)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, secondsOfDay / 3600, secondsOfDay / 60 % 60, secondsOfDay % 60)
    }

    /// A minute of the day (0 = midnight) as `HH:mm`.
    public static func clock(minute: Int) -> String {
        String(format: "%02d:%02d", minute / 60, minute % 60)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The Gregorian (year, month, day) of a count of days since 1970-01-01.
    public static func civilFromDays(_ z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }
}
