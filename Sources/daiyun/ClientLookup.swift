import ArgumentParser
import DaiyunCore
import DaiyunPersistence
import FluentKit

/// Finds the client a command-line argument names, by id or exact name.
enum ClientLookup {
    static func find(_ text: String, in database: any Database) async throws -> Client {
        let tenancy = TenancyRepository(database: database)
        if let id = ID<Client>(text), let client = try await tenancy.client(id) { return client }
        let matches = try await tenancy.clients(named: text)
        guard let client = matches.first else { throw ValidationError("no client with id or name '\(text)'") }
        guard matches.count == 1 else { throw ValidationError("\(matches.count) clients are named '\(text)': give the id") }
        return client
    }
}
