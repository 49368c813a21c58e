/// The rules a new password must meet.
public enum PasswordRules {
    public static let minimumLength = 10

    /// Throws a `ValidationError` on the `password` field when the password is too weak.
    public static func check(_ password: String) throws {
        guard password.count >= minimumLength else {
            throw ValidationError(field: "password", rule: .tooShort(min: minimumLength))
        }
        guard password.count <= 128 else {
            throw ValidationError(field: "password", rule: .tooLong(max: 128))
        }
        guard password.contains(where: \.isLetter), password.contains(where: \.isNumber) else {
            throw ValidationError(field: "password", rule: .lettersAndDigits)
        }
    }
}
