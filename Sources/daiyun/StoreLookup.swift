import ArgumentParser
import DaiyunCore
import DaiyunPersistence
import FluentKit

/// Finds the store a command-line argument names: by id, channel shop id, or exact name.
enum StoreLookup {
    static func find(_ text: String, in database: any Database) async throws -> Store {
        let tenancy = TenancyRepository(database: database)
        if let id = ID<Store>(text), let store = try await tenancy.store(id) { return store }
        let matches = try await tenancy.stores(matching: text)
        guard let store = matches.first else { throw ValidationError("no store with id, shop id or name '\(text)'") }
        guard matches.count == 1 else { throw ValidationError("\(matches.count) stores match '\(text)': give the id") }
        return store
    }
}
