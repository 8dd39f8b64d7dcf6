/// Every error code the API answers with: the stable `code` of a problem document, its
/// HTTP status and title. Clients branch on the code; this enum is the only list of them.
enum ProblemCode: String, CaseIterable, Sendable {
    case unauthorized
    case forbidden
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case malformedRequest = "malformed_request"
    case malformedJSON = "malformed_json"
    case unknownField = "unknown_field"
    case invalidField = "invalid_field"
    case unsupportedMediaType = "unsupported_media_type"
    case bodyTooLarge = "body_too_large"
    case headersTooLarge = "headers_too_large"
    case tooManyFailures = "too_many_failures"
    case zoneNotFound = "zone_not_found"
    case zoneExists = "zone_exists"
    case versionConflict = "version_conflict"
    case zoneHasPendingSessions = "zone_has_pending_sessions"
    case reconnectionDisabled = "reconnection_disabled"
    case zoneFull = "zone_full"
    case tokenInvalid = "token_invalid"
    case tokenExpired = "token_expired"
    case alreadyConnected = "already_connected"
    case roomNotFound = "room_not_found"
    case sessionNotFound = "session_not_found"
    case storageUnavailable = "storage_unavailable"
    case internalError = "internal_error"

    var status: Int {
        switch self {
        case .malformedRequest, .malformedJSON, .unknownField, .invalidField: 400
        case .unauthorized: 401
        case .forbidden, .tokenInvalid: 403
        case .notFound, .zoneNotFound, .roomNotFound, .sessionNotFound: 404
        case .methodNotAllowed: 405
        case .zoneHasPendingSessions, .reconnectionDisabled, .alreadyConnected: 409
        case .tokenExpired: 410
        case .zoneExists, .versionConflict: 412
        case .bodyTooLarge: 413
        case .unsupportedMediaType: 415
        case .tooManyFailures: 429
        case .headersTooLarge: 431
        case .internalError: 500
        case .zoneFull, .storageUnavailable: 503
        }
    }

    var title: String {
        switch self {
        case .unauthorized: "Missing or wrong bearer token"
        case .forbidden: "This credential may not call this operation"
        case .notFound: "No such resource"
        case .methodNotAllowed: "Method not allowed on this resource"
        case .malformedRequest: "The request head is malformed"
        case .malformedJSON: "The body is not valid JSON"
        case .unknownField: "The body has a field this operation does not know"
        case .invalidField: "A field has a wrong type or value"
        case .unsupportedMediaType: "The body must be JSON"
        case .bodyTooLarge: "The body is over the size limit"
        case .headersTooLarge: "The request headers are over the size limit"
        case .tooManyFailures: "Too many failed redeems; slow down"
        case .zoneNotFound: "No such zone"
        case .zoneExists: "The zone exists already"
        case .versionConflict: "The zone is not at the version named in If-Match"
        case .zoneHasPendingSessions: "The zone has pending sessions"
        case .reconnectionDisabled: "Reconnection is disabled in this zone"
        case .zoneFull: "The zone holds its maximum of pending sessions"
        case .tokenInvalid: "The token is not valid for this zone, room and player"
        case .tokenExpired: "The grace window has passed"
        case .alreadyConnected: "The token was redeemed already"
        case .roomNotFound: "The room was closed"
        case .sessionNotFound: "No pending session for this room and player"
        case .storageUnavailable: "The change could not be stored durably; nothing changed"
        case .internalError: "Internal error"
        }
    }
}
