import Foundation

/// Something said to a person that code composes (an import's row error, a job's outcome): the key
/// of an interface string with its arguments, said in the reader's language, and the English for
/// the API, the logs and readers of stored text.
public struct Message: Sendable, Equatable, Codable, CustomStringConvertible {
    /// A key of the interface strings whose text takes `arguments` as `%@`s, in order.
    public var key: String
    public var arguments: [String]
    public var english: String

    public init(_ key: String, _ arguments: [String] = [], english: String) {
        self.key = key
        self.arguments = arguments
        self.english = english
    }

    public var description: String { english }
}
