/// An agency (代运营公司): the tenant that owns clients, stores and staff.
public struct Agency: Sendable, Equatable, Codable, Identifiable {
    public var id: ID<Agency>
    public var name: String

    public init(id: ID<Agency>, name: String) {
        self.id = id
        self.name = name
    }
}
