import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// A user as the API shows them, with their store assignments.
struct UserBody: Encodable {
    var id: ID<User>
    var login: String
    var displayName: String
    var kind: UserKind
    var clientID: ID<Client>?
    var language: Language
    var assignments: [StoreAssignment]

    init(_ user: User, assignments: [StoreAssignment]) {
        id = user.id
        login = user.login
        displayName = user.displayName
        kind = user.kind
        clientID = user.clientID
        language = user.language
        self.assignments = assignments
    }
}

struct UserInput: Decodable {
    var login: String
    var displayName: String
    var kind: String
    var clientID: String?
    var password: String
    var language: String?

    enum CodingKeys: String, CodingKey {
        case login, kind, password, language
        case displayName = "display_name"
        case clientID = "client_id"
    }
}

/// A brand's viewer to invite.
struct InvitationInput: Decodable {
    var login: String
    var displayName: String
    var clientID: String
    var language: String?

    enum CodingKeys: String, CodingKey {
        case login, language
        case displayName = "display_name"
        case clientID = "client_id"
    }
}

/// An invitation as the API answers it: the account, and the one-time link, shown this once.
struct InvitationBody: Encodable {
    var user: UserBody
    var url: String
    var expiresAt: Date
}

struct AssignmentInput: Decodable {
    var storeID: String
    var role: String

    enum CodingKeys: String, CodingKey {
        case role
        case storeID = "store_id"
    }
}

struct TokenInput: Decodable {
    var name: String
    /// Days the token lasts (1–3650); without it, until it is revoked (or its parent ends).
    var expiresInDays: Int?

    enum CodingKeys: String, CodingKey {
        case name
        case expiresInDays = "expires_in_days"
    }
}

struct NewTokenBody: Encodable {
    var token: APITokenSummary
    /// The secret, shown in this answer only.
    var secret: String
}
