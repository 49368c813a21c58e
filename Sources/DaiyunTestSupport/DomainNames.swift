import DaiyunCore

// Vapor and NIO export types named `Client` and `Channel` too; in this module the names mean ours.
public typealias Client = DaiyunCore.Client
public typealias Channel = DaiyunCore.Channel
