import DaiyunCore
import Foundation
import Synchronization

/// Ids a test can predict: a marker in the first four bytes, then a count. Random ids are
/// version 4 and time-ordered ids version 7, as the kernel's are; both count on one counter.
public final class CountingIDs: IDGenerator {
    /// The first four bytes of every id, so a test tells these ids from any other.
    public let marker: UInt32
    private let count = Mutex<UInt64>(0)

    public init(marker: UInt32 = 0xDA1_0000) {
        self.marker = marker
    }

    public func random() -> UUID { next(version: 4) }

    public func timeOrdered(at time: Date) -> UUID { next(version: 7) }

    /// How many ids were made.
    public var made: UInt64 { count.withLock { $0 } }

    /// Whether `id` is one of these.
    public func made(_ id: UUID) -> Bool {
        withUnsafeBytes(of: id.uuid) { $0.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) } } == marker
    }

    private func next(version: UInt8) -> UUID {
        let n = count.withLock { value in
            value += 1
            return value
        }
        let m = marker
        return UUID(
            uuid: (
                UInt8(m >> 24), UInt8(truncatingIfNeeded: m >> 16), UInt8(truncatingIfNeeded: m >> 8), UInt8(truncatingIfNeeded: m),
                0, 0, version << 4, 0, 0x80, 0, UInt8(truncatingIfNeeded: n >> 40), UInt8(truncatingIfNeeded: n >> 32),
                UInt8(truncatingIfNeeded: n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8),
                UInt8(truncatingIfNeeded: n)
            ))
    }
}
