extension String {
    /// The text without leading and trailing ASCII spaces, tabs and line breaks. Much cheaper than
    /// Foundation's `trimmingCharacters(in:)`, which matters on files with millions of fields.
    public var trimmedASCII: Substring {
        let utf8 = self.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return Substring(self[start..<end])
    }
}

extension ArraySlice where Element == UInt8 {
    /// The bytes without leading and trailing ASCII spaces, tabs and line breaks.
    public var trimmedASCII: ArraySlice<UInt8> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var start = startIndex
        var end = endIndex
        while start < end, isSpace(self[start]) { start += 1 }
        while end > start, isSpace(self[end - 1]) { end -= 1 }
        return self[start..<end]
    }
}
