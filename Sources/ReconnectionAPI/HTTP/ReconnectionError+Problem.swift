import ReconnectionCore

extension ReconnectionError {
    /// The problem document the API answers with.
    var problem: Problem {
        switch self {
        case .invalidField(let invalid):
            Problem.invalidField(invalid.field, invalid.message)
        case .zoneNotFound:
            Problem(.zoneNotFound, "no such zone")
        case .reconnectionDisabled:
            Problem(.reconnectionDisabled, "reconnection is disabled in this zone")
        case .zoneFull(let limit):
            Problem(.zoneFull, "the zone holds its maximum of \(limit) pending sessions", headers: [("Retry-After", "5")])
        case .tokenRejected(let reason):
            reason.problem
        case .sessionNotFound:
            Problem(.sessionNotFound, "no pending session for this room and player")
        case .zoneExists:
            Problem(.zoneExists, "the zone exists already (If-None-Match: *)")
        case .versionConflict(let current?):
            Problem(.versionConflict, "the zone is at version \(current)")
        case .versionConflict(nil):
            Problem(.versionConflict, "the zone does not exist")
        case .zoneHasPendingSessions(let count):
            Problem(.zoneHasPendingSessions, "the zone has \(count) pending sessions; delete with ?force=true to cancel them")
        }
    }
}

extension ValidationFailureReason {
    /// The code of API.md's failure table for this reason.
    var problem: Problem {
        switch self {
        case .unknownToken, .bindingMismatch, .rotated, .superseded, .cancelled:
            // One answer for all: a guesser learns nothing about which tokens exist.
            Problem(.tokenInvalid, "the token is not valid for this zone, room and player")
        case .expired:
            Problem(.tokenExpired, "the grace window has passed")
        case .reused:
            Problem(.alreadyConnected, "the token was redeemed already")
        case .roomClosed:
            Problem(.roomNotFound, "the room was closed while the player was away")
        case .disabled:
            Problem(.reconnectionDisabled, "reconnection is disabled in this zone")
        }
    }
}
