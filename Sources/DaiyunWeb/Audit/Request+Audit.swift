import DaiyunCore
import Vapor

extension Request {
    /// The chains the user may read: every chain of the agency for admins, their own client's for
    /// brand viewers, none for staff.
    func readableChains() async throws -> [(key: AuditChainKey, client: Client?)] {
        let principal = try principal()
        switch principal.kind {
        case .agencyAdmin:
            let clients = try await tenancy.clients(visibleTo: .agency(principal.agencyID))
            return [(.agency(principal.agencyID), nil)] + clients.map { (.client($0.id), $0) }
        case .brandViewer:
            guard let id = principal.clientID, let client = try await tenancy.client(id) else { return [] }
            return [(.client(id), client)]
        case .staff:
            throw AccessDenied.forbidden
        }
    }

    /// A chain named by its key, if the user may read it.
    func readableChain(_ text: String?) async throws -> (key: AuditChainKey, client: Client?) {
        guard let text, let key = AuditChainKey(text) else { throw AccessDenied.notFound }
        switch key {
        case .agency(let agency):
            try authorize(.viewAuditLog, in: .agency(agency))
            return (key, nil)
        case .client(let id):
            guard let client = try await tenancy.client(id) else { throw AccessDenied.notFound }
            try authorize(.viewAuditLog, in: .client(client.agencyID, client.id))
            return (key, client)
        }
    }
}
