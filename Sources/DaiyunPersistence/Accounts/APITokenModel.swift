import Fluent
import Foundation

/// The `api_tokens` table. Holds the SHA-256 of each token, never the token itself.
public final class APITokenModel: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @IDProperty<APITokenModel, UUID>(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "token_hash") public var tokenHash: String
    /// The first characters of the token, so that a person can tell their tokens apart.
    @Field(key: "prefix") public var prefix: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    /// When the token stops working; nil: when it is revoked.
    @OptionalField(key: "expires_at") public var expiresAt: Date?
    /// The token this one was created with through the API; revoking that one revokes this one.
    @OptionalField(key: "parent_id") public var parentID: UUID?

    public init() {}
}
