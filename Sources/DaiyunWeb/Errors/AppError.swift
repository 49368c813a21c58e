import DaiyunCore
import DaiyunPersistence
import Vapor

/// An error as the user is told it: status, stable code, English message, and the field at fault.
struct AppError: Error, Sendable {
    var status: HTTPResponseStatus
    var code: String
    var message: String
    var field: String?
    /// The validation rule, so that a page can say it in the user's language.
    var rule: ValidationError.Rule?

    /// Maps every error the app can throw onto what the user sees. The one place for it.
    static func from(_ error: any Error) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case AccessDenied.forbidden:
            return AppError(status: .forbidden, code: "forbidden", message: "You may not do this.")
        case AccessDenied.notFound:
            return AppError(status: .notFound, code: "not_found", message: "Not found.")
        case let error as ValidationError:
            return AppError(
                status: .unprocessableEntity, code: "invalid_field", message: error.description, field: error.field, rule: error.rule)
        case PersistenceError.duplicate(let field):
            return AppError(status: .conflict, code: "duplicate", message: "\(field) is already taken.", field: field)
        case PersistenceError.missingReference(let field):
            return AppError(
                status: .unprocessableEntity, code: "invalid_field", message: "\(field) refers to nothing you can see.", field: field,
                rule: .unknownReference)
        case StatementRefusal.notAllowed(let state, let action):
            return AppError(
                status: .conflict, code: "statement_state",
                message: "The statement is \(state.rawValue): \(action.rawValue) is not allowed from there.")
        case StatementRefusal.notYours:
            return AppError(status: .forbidden, code: "forbidden", message: "You may not do this.")
        case let error as DecodingError:
            return from(decoding: error)
        case let abort as any AbortError:
            if abort.status == .forbidden, abort.reason == "csrf" {
                return AppError(
                    status: .forbidden, code: "csrf",
                    message: "The form expired or did not come from this site. Reload the page and try again.")
            }
            return AppError(status: abort.status, code: code(for: abort.status), message: abort.reason)
        default:
            return AppError(status: .internalServerError, code: "internal", message: "Something went wrong on our side.")
        }
    }

    /// Missing or mistyped fields are 422 naming the field; unreadable JSON is 400.
    private static func from(decoding error: DecodingError) -> AppError {
        func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return AppError(
                status: .unprocessableEntity, code: "invalid_field", message: "\(field): is required", field: field, rule: .required)
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = path(context.codingPath)
            if field.isEmpty { fallthrough }
            return AppError(status: .unprocessableEntity, code: "invalid_field", message: "\(field): has the wrong type", field: field)
        default:
            return AppError(
                status: .badRequest, code: "malformed_request", message: "The request body is not valid JSON for this endpoint.")
        }
    }

    private static func code(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "malformed_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 422: "invalid_field"
        case 429: "too_many_requests"
        default: status.code >= 500 ? "internal" : "bad_request"
        }
    }
}
