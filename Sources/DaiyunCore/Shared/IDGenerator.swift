import Foundation

/// Where new row ids come from, passed in with the clock so that a test can fix both: random ids
/// for most rows, time-ordered ids for the large append-mostly tables.
public protocol IDGenerator: Sendable {
    /// A random (version 4) UUID.
    func random() -> UUID
    /// A time-ordered (version 7, RFC 9562) UUID for a row created at `time`.
    func timeOrdered(at time: Date) -> UUID
}
