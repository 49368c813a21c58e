import DaiyunCore

extension Message {
    /// A job result or error a test makes up, in English only.
    public static func test(_ text: String) -> Message { Message("test_text", english: text) }
}
