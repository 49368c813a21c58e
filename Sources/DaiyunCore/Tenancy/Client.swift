import Foundation

/// A brand (品牌方) whose stores the agency runs.
public struct Client: Sendable, Equatable, Codable, Identifiable {
    public var id: ID<Client>
    public var agencyID: ID<Agency>
    public var name: String
    public var industry: String

    public init(id: ID<Client>, agencyID: ID<Agency>, name: String, industry: String) {
        self.id = id
        self.agencyID = agencyID
        self.name = name
        self.industry = industry
    }
}

/// What a person supplies to create or rename a client, validated.
public struct ClientDraft: Sendable, Equatable, Codable {
    public var name: String
    public var industry: String

    public init(name: String, industry: String) throws {
        self.name = try TextRules.required(name, field: "name")
        self.industry = industry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard self.industry.count <= 60 else {
            throw ValidationError(field: "industry", rule: .tooLong(max: 60))
        }
    }
}
