@testable import ReconnectionAPI
import ReconnectionCore
import Testing

/// The per-zone families, family by family, after driving a zone through every outcome.
@Suite struct ZoneMetricsExpositionTests {
    private let text: String

    init() throws {
        let clock = ManualClock()
        let core = Reconnector(clock: clock)
        try driveRankedZone(core, clock: clock)
        text = renderText(core)
    }

    @Test func countersPerZoneSortedByName() {
        #expect(familyText("reconnection_tokens_issued_total", in: text) == """
            # HELP reconnection_tokens_issued_total Rejoin tokens issued, rotations included.
            # TYPE reconnection_tokens_issued_total counter
            reconnection_tokens_issued_total{zone="default"} 0
            reconnection_tokens_issued_total{zone="ranked"} 5

            """)
        #expect(familyText("reconnection_sessions_active", in: text).hasSuffix("""
            reconnection_sessions_active{zone="default"} 0
            reconnection_sessions_active{zone="ranked"} 1

            """))
        #expect(familyText("reconnection_completions_total", in: text).hasSuffix("{zone=\"ranked\"} 1\n"))
        #expect(familyText("reconnection_expirations_total", in: text).hasSuffix("{zone=\"ranked\"} 1\n"))
        #expect(familyText("reconnection_events_buffered_total", in: text).hasSuffix("{zone=\"ranked\"} 3\n"))
        #expect(familyText("reconnection_events_replayed_total", in: text).hasSuffix("{zone=\"ranked\"} 2\n"))
        #expect(familyText("reconnection_events_evicted_total", in: text).hasSuffix("{zone=\"ranked\"} 1\n"))
    }

    @Test func everyValidationReasonForEveryZone() {
        #expect(familyText("reconnection_validation_failures_total", in: text) == """
            # HELP reconnection_validation_failures_total Token redemptions refused, by reason.
            # TYPE reconnection_validation_failures_total counter
            reconnection_validation_failures_total{zone="default",reason="unknown_token"} 0
            reconnection_validation_failures_total{zone="default",reason="binding_mismatch"} 0
            reconnection_validation_failures_total{zone="default",reason="expired"} 0
            reconnection_validation_failures_total{zone="default",reason="reused"} 0
            reconnection_validation_failures_total{zone="default",reason="superseded"} 0
            reconnection_validation_failures_total{zone="default",reason="rotated"} 0
            reconnection_validation_failures_total{zone="default",reason="room_closed"} 0
            reconnection_validation_failures_total{zone="default",reason="cancelled"} 0
            reconnection_validation_failures_total{zone="default",reason="disabled"} 0
            reconnection_validation_failures_total{zone="ranked",reason="unknown_token"} 1
            reconnection_validation_failures_total{zone="ranked",reason="binding_mismatch"} 0
            reconnection_validation_failures_total{zone="ranked",reason="expired"} 0
            reconnection_validation_failures_total{zone="ranked",reason="reused"} 1
            reconnection_validation_failures_total{zone="ranked",reason="superseded"} 0
            reconnection_validation_failures_total{zone="ranked",reason="rotated"} 1
            reconnection_validation_failures_total{zone="ranked",reason="room_closed"} 0
            reconnection_validation_failures_total{zone="ranked",reason="cancelled"} 0
            reconnection_validation_failures_total{zone="ranked",reason="disabled"} 0

            """)
    }

    @Test func everyCancellationReasonForEveryZone() {
        #expect(familyText("reconnection_cancellations_total", in: text) == """
            # HELP reconnection_cancellations_total Pending sessions ended without a reconnection or an expiry, by reason.
            # TYPE reconnection_cancellations_total counter
            reconnection_cancellations_total{zone="default",reason="token_rotated"} 0
            reconnection_cancellations_total{zone="default",reason="room_closed"} 0
            reconnection_cancellations_total{zone="default",reason="cancelled"} 0
            reconnection_cancellations_total{zone="default",reason="admin"} 0
            reconnection_cancellations_total{zone="default",reason="zone_deleted"} 0
            reconnection_cancellations_total{zone="ranked",reason="token_rotated"} 1
            reconnection_cancellations_total{zone="ranked",reason="room_closed"} 0
            reconnection_cancellations_total{zone="ranked",reason="cancelled"} 0
            reconnection_cancellations_total{zone="ranked",reason="admin"} 1
            reconnection_cancellations_total{zone="ranked",reason="zone_deleted"} 0

            """)
    }

    @Test func durationHistogramIsCumulative() {
        let ranked = familyText("reconnection_duration_seconds", in: text)
            .split(separator: "\n").filter { $0.contains("zone=\"ranked\"") }.joined(separator: "\n")
        #expect(ranked == """
            reconnection_duration_seconds_bucket{zone="ranked",le="0.1"} 0
            reconnection_duration_seconds_bucket{zone="ranked",le="0.25"} 0
            reconnection_duration_seconds_bucket{zone="ranked",le="0.5"} 0
            reconnection_duration_seconds_bucket{zone="ranked",le="1"} 0
            reconnection_duration_seconds_bucket{zone="ranked",le="2"} 0
            reconnection_duration_seconds_bucket{zone="ranked",le="3"} 0
            reconnection_duration_seconds_bucket{zone="ranked",le="5"} 0
            reconnection_duration_seconds_bucket{zone="ranked",le="7.5"} 0
            reconnection_duration_seconds_bucket{zone="ranked",le="10"} 0
            reconnection_duration_seconds_bucket{zone="ranked",le="15"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="20"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="30"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="45"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="60"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="90"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="120"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="180"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="300"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="600"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="1800"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="3600"} 1
            reconnection_duration_seconds_bucket{zone="ranked",le="+Inf"} 1
            reconnection_duration_seconds_sum{zone="ranked"} 12.5
            reconnection_duration_seconds_count{zone="ranked"} 1
            """)
    }

    @Test func graceWindowsDefaultFirstThenPhasesByName() {
        #expect(familyText("reconnection_grace_seconds", in: text) == """
            # HELP reconnection_grace_seconds Configured grace window by match phase; phase default is the base window.
            # TYPE reconnection_grace_seconds gauge
            reconnection_grace_seconds{zone="default",phase="default"} 300
            reconnection_grace_seconds{zone="ranked",phase="default"} 45
            reconnection_grace_seconds{zone="ranked",phase="between_rounds"} 75
            reconnection_grace_seconds{zone="ranked",phase="lobby"} 90
            reconnection_grace_seconds{zone="ranked",phase="match_point"} 60

            """)
    }

    @Test func enabledAndVersionFollowChanges() throws {
        let core = Reconnector(clock: ManualClock())
        try core.putZone(named: "default", settings: ZoneSettings(reconnectionEnabled: false))
        let text = renderText(core)

        #expect(familyText("reconnection_enabled", in: text) == """
            # HELP reconnection_enabled Whether the zone has reconnection enabled (1) or disabled (0).
            # TYPE reconnection_enabled gauge
            reconnection_enabled{zone="default"} 0

            """)
        #expect(familyText("reconnection_zone_config_version", in: text) == """
            # HELP reconnection_zone_config_version Version of the zone's configuration; grows by 1 per change.
            # TYPE reconnection_zone_config_version gauge
            reconnection_zone_config_version{zone="default"} 2

            """)
    }

    @Test func maxPendingSessionsIsTheConfiguredLimit() throws {
        let core = Reconnector(clock: ManualClock())
        try core.putZone(named: "small", settings: ZoneSettings(maxPendingSessions: 3))
        let text = renderText(core)

        #expect(familyText("reconnection_max_pending_sessions", in: text) == """
            # HELP reconnection_max_pending_sessions Configured max_pending_sessions; disconnects beyond it get 503 zone_full.
            # TYPE reconnection_max_pending_sessions gauge
            reconnection_max_pending_sessions{zone="default"} 100000
            reconnection_max_pending_sessions{zone="small"} 3

            """)
    }

        @Test func buildInfoEscapesItsVersion() {
        let core = Reconnector(clock: ManualClock())
        let text = renderText(core, version: "1.0 \"rc\"\\2\nx")

        #expect(familyText("reconnection_build_info", in: text) == """
            # HELP reconnection_build_info Build of reconnectd, in the version label; the value is always 1.
            # TYPE reconnection_build_info gauge
            reconnection_build_info{version="1.0 \\"rc\\"\\\\2\\nx"} 1

            """)
    }
}
