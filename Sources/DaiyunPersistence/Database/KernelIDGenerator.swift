import DaiyunCore
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The ids of a running Daiyun, from the kernel's random device. On Linux `UUID()` opens, reads
/// and closes `/dev/urandom` for every id; this reads the kept-open device once per 256 ids. An
/// import makes one id per order, line and history row.
///
/// Time-ordered ids carry the Unix time in milliseconds, then a counter that keeps the ids one
/// process makes within a millisecond in order, then random bits. Rows of the large append-mostly
/// tables (orders, lines, their history, refunds) take these, so each insert lands at the right
/// edge of the id index rather than on a random page of it: fewer pages touched and split per
/// import, on SQLite and PostgreSQL alike. The time is only the row's creation time, which those
/// rows show anyway.
public struct KernelIDGenerator: IDGenerator {
    public init() {}

    public func random() -> UUID {
        RandomBytes.shared.withLock { $0.uuid() }
    }

    public func timeOrdered(at time: Date) -> UUID {
        RandomBytes.shared.withLock { $0.timeOrderedUUID(millis: UInt64(max(0, time.timeIntervalSince1970 * 1000))) }
    }
}

extension IDGenerator where Self == KernelIDGenerator {
    /// The kernel's random device, as a running Daiyun uses it.
    public static var kernel: KernelIDGenerator { KernelIDGenerator() }
}

/// Random bytes fetched from the kernel in 4 KiB blocks and handed out 16 at a time.
private struct RandomBytes: ~Copyable {
    static let shared = Mutex(RandomBytes())

    #if canImport(Glibc)
        /// Kept open for the life of the process, as the kernel's random device.
        private static let urandom: Int32 = {
            let fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
            precondition(fd >= 0, "cannot open /dev/urandom: errno \(errno)")
            return fd
        }()
    #endif

    private var buffer = [UInt8](repeating: 0, count: 4096)
    private var next = 4096
    /// The millisecond and counter of the last time-ordered id (the counter is its 12 bits after the version).
    private var lastMillis: UInt64 = 0
    private var counter: UInt16 = 0

    mutating func uuid() -> UUID {
        if next == buffer.count { refill() }
        defer { next += 16 }
        let b = buffer
        let i = next
        return UUID(
            uuid: (
                b[i], b[i + 1], b[i + 2], b[i + 3], b[i + 4], b[i + 5], (b[i + 6] & 0x0F) | 0x40, b[i + 7],
                (b[i + 8] & 0x3F) | 0x80, b[i + 9], b[i + 10], b[i + 11], b[i + 12], b[i + 13], b[i + 14], b[i + 15]
            ))
    }

    mutating func timeOrderedUUID(millis: UInt64) -> UUID {
        var random = uuid().uuid
        if millis > lastMillis {
            lastMillis = millis
            counter = UInt16(random.6 & 0x03) << 8 | UInt16(random.7)  // a random start leaves room to count
        } else if counter < 0x0FFF {
            counter += 1
        } else {
            lastMillis += 1  // 4,096 ids in one millisecond: borrow the next one
            counter = 0
        }
        let m = lastMillis
        random.0 = UInt8(truncatingIfNeeded: m >> 40)
        random.1 = UInt8(truncatingIfNeeded: m >> 32)
        random.2 = UInt8(truncatingIfNeeded: m >> 24)
        random.3 = UInt8(truncatingIfNeeded: m >> 16)
        random.4 = UInt8(truncatingIfNeeded: m >> 8)
        random.5 = UInt8(truncatingIfNeeded: m)
        random.6 = 0x70 | UInt8(counter >> 8)
        random.7 = UInt8(truncatingIfNeeded: counter)
        return UUID(uuid: random)
    }

    private mutating func refill() {
        buffer.withUnsafeMutableBytes { bytes in
            #if canImport(Glibc)
                var filled = 0
                while filled < bytes.count {
                    let got = read(Self.urandom, bytes.baseAddress! + filled, bytes.count - filled)
                    if got > 0 { filled += got } else if errno != EINTR { fatalError("reading /dev/urandom failed: errno \(errno)") }
                }
            #else
                arc4random_buf(bytes.baseAddress!, bytes.count)
            #endif
        }
        next = 0
    }
}
