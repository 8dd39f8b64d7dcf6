/// Redeeming a token: the checks of API.md's failure table, in order, under one lock.
extension ZoneShard {
    private enum Verdict {
        /// What the reconnection needs of the record, rather than a copy of it.
        case redeemed(authority: Bool, disconnectedAt: Timestamp, lastSequence: UInt64)
        case expiredNow
        case rejected(ValidationFailureReason)
    }

    /// Validates `token` for the room and player and, when it is good, ends the pending
    /// session and returns what the player missed.
    mutating func redeem(
        room roomID: String, player: String, token: RejoinToken?, lastSequence: UInt64?,
        at now: Timestamp, zone: Zone, vault: TokenVault
    ) throws(ReconnectionError) -> Reconnection {
        guard !isRetired else { throw .zoneNotFound }
        guard settings.reconnectionEnabled else {
            statistics.countFailure(.disabled)
            throw .reconnectionDisabled
        }
        var outcome = Verdict.rejected(.unknownToken)
        if let token, let found = vault.withRecord(token.selector, { record in
            verdict(on: &record, token: token, room: roomID, player: player, at: now, zone: zone)
        }) {
            outcome = found
        }
        switch outcome {
        case .rejected(let reason):
            statistics.countFailure(reason)
            throw .tokenRejected(reason)
        case .expiredNow:
            rooms[roomID]?.pending[player] = nil
            statistics.expirations += 1
            statistics.activeSessions -= 1
            zone.releasePendingSlots(1)
            statistics.countFailure(.expired)
            throw .tokenRejected(.expired)
        case .redeemed(let authority, let disconnectedAt, let recordedSequence):
            let replay = inRoom(rooms.index(forKey: roomID)!) { room in
                room.pending[player] = nil
                room.lastActivity = now
                return room.buffer.replay(after: lastSequence ?? recordedSequence)
            }
            let seconds = now.seconds(since: disconnectedAt)
            statistics.completions += 1
            statistics.activeSessions -= 1
            statistics.reconnectDurations.observe(seconds)
            statistics.eventsReplayed += UInt64(replay.events.count)
            zone.releasePendingSlots(1)
            return Reconnection(
                zone: zone.name, room: roomID, player: player, authority: authority,
                disconnectedSeconds: seconds, replay: replay)
        }
    }

    private func verdict(
        on record: inout TokenRecord, token: RejoinToken, room roomID: String, player: String,
        at now: Timestamp, zone: Zone
    ) -> Verdict {
        guard token.verifies(record.verifier) else { return .rejected(.unknownToken) }
        guard record.zone == zone.id, record.room == roomID, record.player == player else {
            return .rejected(.bindingMismatch)
        }
        switch record.state {
        case .pending where now >= record.deadline:
            // Past the deadline is expired, whether or not the sweeper has come by.
            record.expire()
            return .expiredNow
        case .pending:
            record.state = .redeemed
            return .redeemed(authority: record.authority, disconnectedAt: record.disconnectedAt, lastSequence: record.lastSequence)
        case .redeemed:
            return .rejected(rooms[roomID]?.pending[player] == nil ? .reused : .superseded)
        case .expired, .rotated, .roomClosed, .cancelled:
            return .rejected(record.rejection!)
        }
    }
}
