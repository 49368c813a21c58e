import DaiyunCore
import Fluent
import Foundation

/// The `users` table: staff, admins and brand viewers, with their bcrypt password hash.
public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"

    @IDProperty<UserModel, UUID>(key: .id) public var id: UUID?
    @Field(key: "agency_id") public var agencyID: UUID
    @OptionalField(key: "client_id") public var clientID: UUID?
    @Field(key: "login") public var login: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "kind") public var kind: String
    @Field(key: "language") public var language: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "disabled_at") public var disabledAt: Date?
    @Field(key: "must_change_password") public var mustChangePassword: Bool

    public init() {}

    init(_ user: User, passwordHash: String, createdAt: Date) {
        self.id = user.id.rawValue
        self.agencyID = user.agencyID.rawValue
        self.clientID = user.clientID?.rawValue
        self.login = user.login
        self.displayName = user.displayName
        self.kind = user.kind.rawValue
        self.language = user.language.rawValue
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.mustChangePassword = user.mustChangePassword
    }

    func domain() throws -> User {
        guard let kind = UserKind(rawValue: kind), let language = Language(rawValue: language) else {
            throw PersistenceError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return User(
            id: DaiyunCore.ID(id!), agencyID: DaiyunCore.ID(agencyID), clientID: clientID.map { DaiyunCore.ID($0) }, login: login,
            displayName: displayName, kind: kind, language: language, isDisabled: disabledAt != nil,
            mustChangePassword: mustChangePassword
        )
    }
}
