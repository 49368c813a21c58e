import FluentSQLiteDriver
import Foundation

/// What the bulk writer needs from a SQLiteNIO connection that SQLiteNIO keeps internal: its
/// `sqlite3` handle, and the thread pool the connection runs its calls on (the app's, which the
/// database was registered with). Read by reflection, here only. The package pins sqlite-nio's
/// minor version; `check(_:)` runs when a SQLite database is prepared, so that a changed layout
/// stops the app at start with this type's error rather than failing the first import; and a
/// persistence test reads both on every run.
struct SQLiteConnectionInternals: @unchecked Sendable {
    // `@unchecked`: the handle is used only while its connection is held (`SQLiteDirect.on`),
    // and SQLiteNIO opens it in serialized mode (`SQLITE_OPEN_FULLMUTEX`).
    let handle: OpaquePointer
    let threadPool: NIOThreadPool

    init(_ connection: SQLiteConnection) throws {
        let mirror = Mirror(reflecting: connection)
        guard let handle = mirror.descendant("handle", "raw") as? OpaquePointer,
            let threadPool = mirror.descendant("threadPool") as? NIOThreadPool
        else { throw Unreadable() }
        self.handle = handle
        self.threadPool = threadPool
    }

    /// Fails with `Unreadable` when a connection of `database` does not keep them where this type reads them.
    static func check(_ database: any SQLiteDatabase) async throws {
        _ = try await database.withConnection { connection in try SQLiteConnectionInternals(connection) }
    }

    /// SQLiteNIO changed the internals the bulk writer reads.
    struct Unreadable: Error, CustomStringConvertible {
        var description: String {
            "this SQLiteNIO version does not keep its connection's handle and thread pool where Daiyun's bulk writer reads them: "
                + "build with the sqlite-nio version Package.swift pins"
        }
    }
}
