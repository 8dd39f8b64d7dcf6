/// Every way a core operation can refuse, one enum so the API maps each to one problem code.
public enum ReconnectionError: Error, Hashable, Sendable {
    /// A request value breaks a rule; names the field.
    case invalidField(InvalidField)
    /// No zone of that name.
    case zoneNotFound
    /// The zone has reconnection disabled.
    case reconnectionDisabled
    /// The zone already holds `max_pending_sessions` pending sessions.
    case zoneFull(limit: Int)
    /// A token failed validation; the reason is finer than the API's code.
    case tokenRejected(ValidationFailureReason)
    /// No pending session for that room and player.
    case sessionNotFound
    /// `If-None-Match: *` and the zone exists.
    case zoneExists
    /// `If-Match` named another version than the current one (`nil`: the zone does not exist).
    case versionConflict(current: Int?)
    /// A delete without `force` while sessions are pending.
    case zoneHasPendingSessions(count: Int)
}

/// Why a token did not redeem: the `reason` label of `reconnection_validation_failures_total`.
public enum ValidationFailureReason: Int, CaseIterable, Hashable, Sendable {
    /// No such token (or a malformed one).
    case unknownToken
    /// A real token presented for another zone, room or player.
    case bindingMismatch
    /// The grace window passed.
    case expired
    /// Redeemed already, and the player has not disconnected since.
    case reused
    /// Redeemed already, and the player has disconnected again since: the newer token counts.
    case superseded
    /// Replaced by a second disconnect of the same player.
    case rotated
    /// The room was closed while the player was away.
    case roomClosed
    /// The pending session was cancelled.
    case cancelled
    /// The zone has reconnection disabled.
    case disabled

    /// The metric label.
    public var label: String {
        switch self {
        case .unknownToken: "unknown_token"
        case .bindingMismatch: "binding_mismatch"
        case .expired: "expired"
        case .reused: "reused"
        case .superseded: "superseded"
        case .rotated: "rotated"
        case .roomClosed: "room_closed"
        case .cancelled: "cancelled"
        case .disabled: "disabled"
        }
    }
}

/// Why a pending session ended without a reconnection or an expiry: the `reason` label of
/// `reconnection_cancellations_total`.
public enum CancellationReason: Int, CaseIterable, Hashable, Sendable {
    /// A second disconnect of the same player replaced the token.
    case tokenRotated
    /// The room was closed.
    case roomClosed
    /// A game server cancelled the session.
    case cancelled
    /// An operator cancelled the session.
    case admin
    /// The zone was deleted with `force`.
    case zoneDeleted

    /// The metric label.
    public var label: String {
        switch self {
        case .tokenRotated: "token_rotated"
        case .roomClosed: "room_closed"
        case .cancelled: "cancelled"
        case .admin: "admin"
        case .zoneDeleted: "zone_deleted"
        }
    }
}
