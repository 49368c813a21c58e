import DaiyunCore

// Vapor and NIO export types named `Client` and `Channel` too; in this module the names mean ours.
typealias Client = DaiyunCore.Client
typealias Channel = DaiyunCore.Channel
