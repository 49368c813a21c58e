import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

extension UUID {
    /// A random (version 4) UUID from the kernel's random device. On Linux `UUID()` opens, reads
    /// and closes `/dev/urandom` for every id; this reads the kept-open device once per 256 ids.
    /// An import makes one id per order, line and history row.
    public static func random() -> UUID {
        RandomBytes.shared.withLock { $0.uuid() }
    }
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

    mutating func uuid() -> UUID {
        if next == buffer.count { refill() }
        defer { next += 16 }
        let b = buffer, i = next
        return UUID(uuid: (b[i], b[i + 1], b[i + 2], b[i + 3], b[i + 4], b[i + 5], (b[i + 6] & 0x0F) | 0x40, b[i + 7],
                           (b[i + 8] & 0x3F) | 0x80, b[i + 9], b[i + 10], b[i + 11], b[i + 12], b[i + 13], b[i + 14], b[i + 15]))
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
