import Foundation

/// Decodes GB18030 text fast: ASCII and the two-byte (GBK) range, which hold nearly every
/// character of an export file, come from a table built once from Foundation's own decoder, so
/// the two always agree; four-byte sequences go to Foundation. Invalid or truncated bytes give nil.
enum GB18030Decoder {
    /// Unicode scalar per two-byte code, indexed (lead − 0x81) × 191 + (trail − 0x40); 0 when the
    /// code has no character.
    static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 126 * 191)
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                let bytes = Data([UInt8(lead), UInt8(trail)])
                if let text = String(data: bytes, encoding: FileEncoding.gb18030Encoding), text.unicodeScalars.count == 1 {
                    table[(lead - 0x81) * 191 + (trail - 0x40)] = text.unicodeScalars.first!.value
                }
            }
        }
        return table
    }()

    static func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        var scalars = String.UnicodeScalarView()
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 {
                scalars.append(Unicode.Scalar(b))
                i += 1
                continue
            }
            guard b >= 0x81, b <= 0xFE, i + 1 < bytes.endIndex else { return nil }
            let t = bytes[i + 1]
            if t >= 0x30 && t <= 0x39 {
                // A four-byte sequence: rare in exports; Foundation decodes it.
                guard i + 3 < bytes.endIndex,
                    let text = String(data: Data(bytes[i...(i + 3)]), encoding: FileEncoding.gb18030Encoding)
                else { return nil }
                scalars.append(contentsOf: text.unicodeScalars)
                i += 4
                continue
            }
            guard t >= 0x40, t <= 0xFE, t != 0x7F else { return nil }
            let value = table[Int(b - 0x81) * 191 + Int(t - 0x40)]
            guard value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            scalars.append(scalar)
            i += 2
        }
        return String(scalars)
    }
}
