import DaiyunPersistence
import Foundation
import Vapor

/// Vapor's session driver over `SessionRepository`: each session is kept with the time it was
/// created (the app's clock), so that ended ones are swept by an index. Several app instances on
/// one database share the sessions.
struct DatabaseSessions: AsyncSessionDriver {
    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: [UInt8].random(count: 32).base64)
        try await SessionRepository(database: request.db, ids: request.ids).create(
            key: id.string, data: try Self.text(data), at: request.now)
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard let text = try await SessionRepository(database: request.db, ids: request.ids).data(key: sessionID.string) else { return nil }
        return try JSONDecoder().decode(SessionData.self, from: Data(text.utf8))
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        try await SessionRepository(database: request.db, ids: request.ids).update(key: sessionID.string, data: try Self.text(data))
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionRepository(database: request.db, ids: request.ids).delete(key: sessionID.string)
    }

    private static func text(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }
}
