import DaiyunCore
import Fluent
import Foundation

/// A token as its owner sees it in a list: never the secret.
public struct APITokenSummary: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var prefix: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?
}

/// API bearer tokens: created with a random secret that is shown once, stored as its SHA-256.
public struct APITokenRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Creates a token for the user; returns its summary and the secret, which is not kept.
    public func create(named name: String, for user: User, by context: WriteContext) async throws -> (APITokenSummary, secret: String) {
        let name = try TextRules.required(name, field: "name", maxLength: 60)
        let secret = "dyt_" + Hex.random(bytes: 32)
        let model = APITokenModel()
        model.id = UUID.random()
        model.userID = user.id.rawValue
        model.name = name
        model.tokenHash = Self.hash(secret)
        model.prefix = String(secret.prefix(12))
        model.createdAt = context.now
        let summary = model.summary
        try await database.audited(user.auditTarget, by: context) { tx in
            try await model.create(on: tx)
            return ((), [AuditRecord(action: "api_token.create", entityType: "api_token", entityID: summary.id.uuidString.lowercased(), before: APITokenSummary?.none, after: summary)])
        }
        return (summary, secret)
    }

    public func tokens(of user: ID<User>) async throws -> [APITokenSummary] {
        try await APITokenModel.query(on: database).filter(\.$userID == user.rawValue).sort(\.$createdAt, .descending).all().map(\.summary)
    }

    /// Revokes one of the user's tokens; false when the user has no such token.
    public func revoke(_ id: UUID, of user: User, by context: WriteContext) async throws -> Bool {
        guard let model = try await APITokenModel.query(on: database)
            .filter(\.$id == id).filter(\.$userID == user.id.rawValue).first() else { return false }
        guard model.revokedAt == nil else { return true }
        let before = model.summary
        try await database.audited(user.auditTarget, by: context) { tx in
            model.revokedAt = context.now
            try await model.save(on: tx)
            return ((), [AuditRecord(action: "api_token.revoke", entityType: "api_token", entityID: id.uuidString.lowercased(), before: before, after: model.summary)])
        }
        return true
    }

    /// The user a live token belongs to; stamps its last use.
    public func user(forSecret secret: String, at now: Date) async throws -> ID<User>? {
        guard let model = try await APITokenModel.query(on: database)
            .filter(\.$tokenHash == Self.hash(secret)).filter(\.$revokedAt == nil).first() else { return nil }
        // Stamping at most once a minute keeps reads from turning into a write per request.
        if model.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            model.lastUsedAt = now
            try await model.save(on: database)
        }
        return ID(model.userID)
    }

    static func hash(_ secret: String) -> String {
        Hex.sha256(secret)
    }
}

extension APITokenModel {
    var summary: APITokenSummary {
        APITokenSummary(id: id!, name: name, prefix: prefix, createdAt: createdAt, lastUsedAt: lastUsedAt, revokedAt: revokedAt)
    }
}
