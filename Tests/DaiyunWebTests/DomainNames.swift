import DaiyunCore

// Vapor exports a `Client` too; in these tests the name means the brand.
typealias Client = DaiyunCore.Client
