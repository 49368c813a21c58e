import DaiyunCore
import DaiyunCrypto
import Fluent
import Foundation
import SQLKit

/// One-time links that let an invited account set its password: the secret is shown once, in
/// the link, and kept as its SHA-256; a link works once, before it expires.
public struct InvitationRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Opens an invitation for the account, audited `invitation.create` in its chain; returns it
    /// and the link's secret, which is not kept.
    public func invite(_ user: User, by context: WriteContext) async throws -> (Invitation, secret: String) {
        let secret = Hex.random(bytes: 32)
        let invitation = Invitation(
            id: context.ids.random(), userID: user.id, expiresAt: context.now.addingTimeInterval(Invitation.lifetime), usedAt: nil)
        try await database.audited(user.auditTarget, by: context) { tx in
            try await tx.sql().raw(
                """
                INSERT INTO invitations (id, user_id, token_sha256, expires_at, created_at)
                VALUES (\(bind: invitation.id), \(bind: user.id.rawValue), \(bind: Self.hash(secret)), \(bind: invitation.expiresAt),
                    \(bind: context.now))
                """
            ).run()
            return (
                (),
                [
                    AuditRecord(
                        action: "invitation.create", entityType: "user", entityID: user.id.description, before: User?.none, after: user)
                ]
            )
        }
        return (invitation, secret)
    }

    /// The invitation a link's secret opens, used or not; nil for a secret that opens none.
    public func invitation(secret: String) async throws -> Invitation? {
        guard
            let row = try await database.sql().raw(
                "SELECT * FROM invitations WHERE token_sha256 = \(bind: Self.hash(secret))"
            ).first()
        else { return nil }
        return Invitation(
            id: try row.decode(column: "id", as: UUID.self), userID: ID(try row.decode(column: "user_id", as: UUID.self)),
            expiresAt: try row.decode(column: "expires_at", as: Date.self), usedAt: try row.decode(column: "used_at", as: Date?.self))
    }

    /// Sets the account's password through the link, once: false (and nothing changed) when the
    /// link was used meanwhile or has expired. Audited `invitation.accept`.
    public func accept(_ invitation: Invitation, of user: User, passwordHash: String, by context: WriteContext) async throws -> Bool {
        try await database.audited(user.auditTarget, by: context) { tx in
            // Only while open, in one statement: two uses at once cannot both set a password.
            let used = try await tx.sql().raw(
                """
                UPDATE invitations SET used_at = \(bind: context.now)
                WHERE id = \(bind: invitation.id) AND used_at IS NULL AND expires_at > \(bind: context.now) RETURNING id
                """
            ).all()
            guard !used.isEmpty else { return (false, []) }
            try await UserModel.query(on: tx).filter(\.$id == user.id.rawValue).set(\.$passwordHash, to: passwordHash)
                .set(\.$mustChangePassword, to: false).update()
            return (
                true,
                [AuditRecord(action: "invitation.accept", entityType: "user", entityID: user.id.description, before: user, after: user)]
            )
        }
    }

    static func hash(_ secret: String) -> String { Hex.sha256(secret) }
}
