import DaiyunCore
import DaiyunCrypto
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
    public var expiresAt: Date?
    /// The token this one was created with, if it was created through the API.
    public var parentID: UUID?
}

/// The token a request signed in with.
public struct APITokenUse: Sendable, Equatable {
    public var tokenID: UUID
    public var userID: ID<User>
    public var expiresAt: Date?
}

/// API bearer tokens: created with a random secret that is shown once, stored as its SHA-256.
public struct APITokenRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The longest a token may be made to last, in days.
    public static let maxLifetimeDays = 3650

    /// Creates a token for the user; returns its summary and the secret, which is not kept. A token
    /// made with another (`parent`) never outlives it, and is revoked with it.
    public func create(
        named name: String, for user: User, expiresInDays days: Int? = nil, parent: APITokenUse? = nil, by context: WriteContext
    ) async throws -> (APITokenSummary, secret: String) {
        let name = try TextRules.required(name, field: "name", maxLength: 60)
        if let days { try InputBounds.check(days, in: 1...Self.maxLifetimeDays, field: "expires_in_days") }
        let asked = days.map { context.now.addingTimeInterval(Double($0) * 86_400) }
        let expiry = [asked, parent?.expiresAt].compactMap { $0 }.min()
        let secret = "dyt_" + Hex.random(bytes: 32)
        let model = APITokenModel()
        model.id = context.ids.random()
        model.userID = user.id.rawValue
        model.name = name
        model.tokenHash = Self.hash(secret)
        model.prefix = String(secret.prefix(12))
        model.createdAt = context.now
        model.expiresAt = expiry
        model.parentID = parent?.tokenID
        let summary = model.summary
        try await database.audited(user.auditTarget, by: context) { tx in
            try await model.create(on: tx)
            return (
                (),
                [
                    AuditRecord(
                        action: "api_token.create", entityType: "api_token", entityID: summary.id.uuidString.lowercased(),
                        before: APITokenSummary?.none, after: summary)
                ]
            )
        }
        return (summary, secret)
    }

    public func tokens(of user: ID<User>) async throws -> [APITokenSummary] {
        try await APITokenModel.query(on: database).filter(\.$userID == user.rawValue).sort(\.$createdAt, .descending).all().map(\.summary)
    }

    /// Revokes one of the user's tokens and every token made with it, and with those, in one
    /// audited write; false when the user has no such token.
    public func revoke(_ id: UUID, of user: User, by context: WriteContext) async throws -> Bool {
        guard
            let model = try await APITokenModel.query(on: database)
                .filter(\.$id == id).filter(\.$userID == user.id.rawValue).first()
        else { return false }
        try await database.audited(user.auditTarget, by: context) { tx in
            var records: [AuditRecord] = []
            var next = [model]
            while let token = next.popLast() {
                if token.revokedAt == nil {
                    let before = token.summary
                    token.revokedAt = context.now
                    try await token.save(on: tx)
                    records.append(
                        AuditRecord(
                            action: "api_token.revoke", entityType: "api_token", entityID: token.id!.uuidString.lowercased(),
                            before: before, after: token.summary))
                }
                next += try await APITokenModel.query(on: tx).filter(\.$parentID == token.id!).all()
            }
            return ((), records)
        }
        return true
    }

    /// The live token a secret names (not revoked, not expired); stamps its last use.
    public func use(secret: String, at now: Date) async throws -> APITokenUse? {
        guard
            let model = try await APITokenModel.query(on: database)
                .filter(\.$tokenHash == Self.hash(secret)).filter(\.$revokedAt == nil).first(),
            model.expiresAt.map({ $0 > now }) ?? true
        else { return nil }
        // Stamping at most once a minute keeps reads from turning into a write per request.
        if model.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            model.lastUsedAt = now
            try await model.save(on: database)
        }
        return APITokenUse(tokenID: model.id!, userID: ID(model.userID), expiresAt: model.expiresAt)
    }

    static func hash(_ secret: String) -> String {
        Hex.sha256(secret)
    }
}

extension APITokenModel {
    var summary: APITokenSummary {
        APITokenSummary(
            id: id!, name: name, prefix: prefix, createdAt: createdAt, lastUsedAt: lastUsedAt, revokedAt: revokedAt,
            expiresAt: expiresAt, parentID: parentID)
    }
}
