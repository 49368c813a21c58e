import Foundation

/// What kind of account a user holds; decides the scope of everything they see.
public enum UserKind: String, Sendable, Codable, CaseIterable {
    /// Sees and manages every store of the agency.
    case agencyAdmin = "agency_admin"
    /// Agency staff: sees the stores they are assigned to, with the role of each assignment.
    case staff
    /// A brand's viewer: sees their own client's stores, read-only.
    case brandViewer = "brand_viewer"
}

/// The role a staff member plays on one store.
public enum StoreRole: String, Sendable, Codable, CaseIterable {
    case storeManager = "store_manager"
    case designer
    case promoter
    case csAgent = "cs_agent"
    case warehouse
}

/// The interface languages.
public enum Language: String, Sendable, Codable, CaseIterable {
    case zhCN = "zh-CN"
    case en
}

/// A person who signs in to Daiyun.
public struct User: Sendable, Equatable, Codable, Identifiable {
    public var id: ID<User>
    public var agencyID: ID<Agency>
    /// Set for brand viewers only: the client whose stores they see.
    public var clientID: ID<Client>?
    public var login: String
    public var displayName: String
    public var kind: UserKind
    public var language: Language
    /// A disabled account signs nobody in, by password, session or token, until an admin enables it.
    public var isDisabled: Bool
    /// Set when an admin reset the password: the user chooses a new one before anything else.
    public var mustChangePassword: Bool

    public init(
        id: ID<User>, agencyID: ID<Agency>, clientID: ID<Client>?, login: String,
        displayName: String, kind: UserKind, language: Language, isDisabled: Bool = false, mustChangePassword: Bool = false
    ) {
        self.id = id
        self.agencyID = agencyID
        self.clientID = clientID
        self.login = login
        self.displayName = displayName
        self.kind = kind
        self.language = language
        self.isDisabled = isDisabled
        self.mustChangePassword = mustChangePassword
    }
}

/// A staff member's role on one store.
public struct StoreAssignment: Sendable, Equatable, Codable, Identifiable {
    public var id: ID<StoreAssignment>
    public var userID: ID<User>
    public var storeID: ID<Store>
    public var role: StoreRole

    public init(id: ID<StoreAssignment>, userID: ID<User>, storeID: ID<Store>, role: StoreRole) {
        self.id = id
        self.userID = userID
        self.storeID = storeID
        self.role = role
    }
}

/// What an admin supplies to create an account, validated.
public struct UserDraft: Sendable, Equatable {
    public var login: String
    public var displayName: String
    public var kind: UserKind
    public var clientID: ID<Client>?
    public var password: String
    public var language: Language

    public init(
        login: String, displayName: String, kind: String, clientID: String?, password: String, language: String?
    ) throws {
        let login = login.trimmingCharacters(in: .whitespaces).lowercased()
        guard (3...40).contains(login.count),
            login.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) })
        else {
            throw ValidationError(field: "login", rule: .loginFormat)
        }
        let kind = try TextRules.choice(kind, field: "kind", as: UserKind.self)
        var client: ID<Client>?
        if kind == .brandViewer {
            guard let text = clientID, let id = ID<Client>(text) else {
                throw ValidationError(field: "client_id", rule: .brandViewerNeedsClient)
            }
            client = id
        } else if let text = clientID, !text.isEmpty {
            throw ValidationError(field: "client_id", rule: .onlyBrandViewersHaveClient)
        }
        guard let language = Language(rawValue: language ?? Language.zhCN.rawValue) else {
            throw ValidationError(field: "language", rule: .oneOf(Language.allCases.map(\.rawValue)))
        }
        try PasswordRules.check(password)
        self.login = login
        self.displayName = try TextRules.required(displayName, field: "display_name", maxLength: 60)
        self.kind = kind
        self.clientID = client
        self.password = password
        self.language = language
    }
}
