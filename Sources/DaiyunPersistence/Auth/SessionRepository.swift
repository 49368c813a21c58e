import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Web sessions: each kept under its cookie's key with its data (JSON) and the time it started.
/// Security state, not business data: not audited.
public struct SessionRepository: Sendable {
    let database: any Database
    let ids: any IDGenerator

    public init(database: any Database, ids: any IDGenerator = .kernel) {
        self.database = database
        self.ids = ids
    }

    public func create(key: String, data: String, at now: Date) async throws {
        try await database.sql().insert(into: "sessions").columns("id", "key", "data", "started_at")
            .values(SQLBind(ids.random()), SQLBind(key), SQLBind(data), SQLBind(now)).run()
    }

    /// The data of the session with this key, if it is kept.
    public func data(key: String) async throws -> String? {
        try await database.sql().select().column("data").from("sessions").where("key", .equal, SQLBind(key)).first()?
            .decode(column: "data", as: String.self)
    }

    public func update(key: String, data: String) async throws {
        try await database.sql().update("sessions").set("data", to: SQLBind(data)).where("key", .equal, SQLBind(key)).run()
    }

    public func delete(key: String) async throws {
        try await database.sql().delete(from: "sessions").where("key", .equal, SQLBind(key)).run()
    }

    /// Deletes up to `limit` sessions that started before `cutoff`, oldest first, by the index on
    /// their start; returns how many.
    @discardableResult
    public func sweep(startedBefore cutoff: Date, limit: Int = 500) async throws -> Int {
        let sql = try database.sql()
        let ended = try await sql.select().column("id").from("sessions").where("started_at", .lessThan, SQLBind(cutoff))
            .orderBy("started_at").limit(limit).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !ended.isEmpty else { return 0 }
        try await sql.delete(from: "sessions").where("id", .in, SQLBind.group(ended)).run()
        return ended.count
    }
}
