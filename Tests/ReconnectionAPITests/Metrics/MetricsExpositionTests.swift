@testable import ReconnectionAPI
import ReconnectionCore
import Testing

/// The whole scrape, and what holds for every scrape.
@Suite struct MetricsExpositionTests {
    @Test func rendersOneZoneCompletely() throws {
        let core = Reconnector(clock: ManualClock())
        try core.deleteZone(named: "default")
        try core.putZone(named: "solo", settings: ZoneSettings(graceSeconds: 30, phaseGraceSeconds: ["lobby": 90]))
        _ = try core.disconnect(zone: "solo", room: "r1", player: "p1")
        let http = HTTPMetrics()
        http.record(route: "/v1/zones/{zone}", method: "GET", status: 200, seconds: 0.003)

        let text = MetricsExposition.renderText(zones: core.snapshot(), http: http, process: nil, version: "1.0.0-test")

        #expect(text == """
        # HELP reconnection_tokens_issued_total Rejoin tokens issued, rotations included.
        # TYPE reconnection_tokens_issued_total counter
        reconnection_tokens_issued_total{zone="solo"} 1
        # HELP reconnection_sessions_active Sessions pending reconnection now.
        # TYPE reconnection_sessions_active gauge
        reconnection_sessions_active{zone="solo"} 1
        # HELP reconnection_completions_total Successful reconnections.
        # TYPE reconnection_completions_total counter
        reconnection_completions_total{zone="solo"} 0
        # HELP reconnection_validation_failures_total Token redemptions refused, by reason.
        # TYPE reconnection_validation_failures_total counter
        reconnection_validation_failures_total{zone="solo",reason="unknown_token"} 0
        reconnection_validation_failures_total{zone="solo",reason="binding_mismatch"} 0
        reconnection_validation_failures_total{zone="solo",reason="expired"} 0
        reconnection_validation_failures_total{zone="solo",reason="reused"} 0
        reconnection_validation_failures_total{zone="solo",reason="superseded"} 0
        reconnection_validation_failures_total{zone="solo",reason="rotated"} 0
        reconnection_validation_failures_total{zone="solo",reason="room_closed"} 0
        reconnection_validation_failures_total{zone="solo",reason="cancelled"} 0
        reconnection_validation_failures_total{zone="solo",reason="disabled"} 0
        # HELP reconnection_expirations_total Pending sessions whose grace window passed.
        # TYPE reconnection_expirations_total counter
        reconnection_expirations_total{zone="solo"} 0
        # HELP reconnection_cancellations_total Pending sessions ended without a reconnection or an expiry, by reason.
        # TYPE reconnection_cancellations_total counter
        reconnection_cancellations_total{zone="solo",reason="token_rotated"} 0
        reconnection_cancellations_total{zone="solo",reason="room_closed"} 0
        reconnection_cancellations_total{zone="solo",reason="cancelled"} 0
        reconnection_cancellations_total{zone="solo",reason="admin"} 0
        reconnection_cancellations_total{zone="solo",reason="zone_deleted"} 0
        # HELP reconnection_duration_seconds Time from disconnect to successful reconnection.
        # TYPE reconnection_duration_seconds histogram
        reconnection_duration_seconds_bucket{zone="solo",le="0.1"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="0.25"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="0.5"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="1"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="2"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="3"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="5"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="7.5"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="10"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="15"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="20"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="30"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="45"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="60"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="90"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="120"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="180"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="300"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="600"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="1800"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="3600"} 0
        reconnection_duration_seconds_bucket{zone="solo",le="+Inf"} 0
        reconnection_duration_seconds_sum{zone="solo"} 0
        reconnection_duration_seconds_count{zone="solo"} 0
        # HELP reconnection_events_buffered_total Room events buffered for replay.
        # TYPE reconnection_events_buffered_total counter
        reconnection_events_buffered_total{zone="solo"} 0
        # HELP reconnection_events_replayed_total Buffered room events handed back by reconnections.
        # TYPE reconnection_events_replayed_total counter
        reconnection_events_replayed_total{zone="solo"} 0
        # HELP reconnection_events_evicted_total Buffered room events dropped from full buffers.
        # TYPE reconnection_events_evicted_total counter
        reconnection_events_evicted_total{zone="solo"} 0
        # HELP reconnection_grace_seconds Configured grace window by match phase; phase default is the base window.
        # TYPE reconnection_grace_seconds gauge
        reconnection_grace_seconds{zone="solo",phase="default"} 30
        reconnection_grace_seconds{zone="solo",phase="lobby"} 90
        # HELP reconnection_enabled Whether the zone has reconnection enabled (1) or disabled (0).
        # TYPE reconnection_enabled gauge
        reconnection_enabled{zone="solo"} 1
        # HELP reconnection_zone_config_version Version of the zone's configuration; grows by 1 per change.
        # TYPE reconnection_zone_config_version gauge
        reconnection_zone_config_version{zone="solo"} 1
        # HELP reconnection_max_pending_sessions Configured max_pending_sessions; disconnects beyond it get 503 zone_full.
        # TYPE reconnection_max_pending_sessions gauge
        reconnection_max_pending_sessions{zone="solo"} 100000
        # HELP reconnection_http_requests_total HTTP requests answered, by route template, method and status code.
        # TYPE reconnection_http_requests_total counter
        reconnection_http_requests_total{route="/v1/zones/{zone}",method="GET",code="200"} 1
        # HELP reconnection_http_request_duration_seconds Time to answer an HTTP request, by route template and method.
        # TYPE reconnection_http_request_duration_seconds histogram
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="0.0005"} 0
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="0.001"} 0
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="0.0025"} 0
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="0.005"} 1
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="0.01"} 1
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="0.025"} 1
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="0.05"} 1
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="0.1"} 1
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="0.25"} 1
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="0.5"} 1
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="1"} 1
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="2.5"} 1
        reconnection_http_request_duration_seconds_bucket{route="/v1/zones/{zone}",method="GET",le="+Inf"} 1
        reconnection_http_request_duration_seconds_sum{route="/v1/zones/{zone}",method="GET"} 0.003
        reconnection_http_request_duration_seconds_count{route="/v1/zones/{zone}",method="GET"} 1
        # HELP reconnection_http_rejections_total Requests refused by a limit before they were handled, by reason.
        # TYPE reconnection_http_rejections_total counter
        reconnection_http_rejections_total{reason="body_too_large"} 0
        reconnection_http_rejections_total{reason="headers_too_large"} 0
        reconnection_http_rejections_total{reason="malformed_request"} 0
        reconnection_http_rejections_total{reason="too_many_failures"} 0
        # HELP reconnection_build_info Build of reconnectd, in the version label; the value is always 1.
        # TYPE reconnection_build_info gauge
        reconnection_build_info{version="1.0.0-test"} 1

        """)
    }

    @Test func sameFiguresRenderTheSameBytes() throws {
        let clock = ManualClock()
        let core = Reconnector(clock: clock)
        try driveRankedZone(core, clock: clock)
        try core.putZone(named: "arena", settings: ZoneSettings(phaseGraceSeconds: ["b": 10, "a": 20]))
        let http = HTTPMetrics()
        http.record(route: "/v1/zones/{zone}/reconnects", method: "POST", status: 403, seconds: 0.01)
        http.record(route: "/healthz", method: "GET", status: 200, seconds: 0.0001)

        let zones = core.snapshot()
        let first = MetricsExposition.render(zones: zones, http: http, process: nil, version: "v")
        let again = MetricsExposition.render(zones: zones, http: http, process: nil, version: "v")
        let reversed = MetricsExposition.render(zones: zones.reversed(), http: http, process: nil, version: "v")

        #expect(first == again)
        #expect(first == reversed)
    }

    @Test func deletedZoneSeriesDisappear() throws {
        let core = Reconnector(clock: ManualClock())
        try core.putZone(named: "gone", settings: ZoneSettings(phaseGraceSeconds: ["lobby": 90]))
        #expect(renderText(core).contains("zone=\"gone\""))

        try core.deleteZone(named: "gone")

        let text = renderText(core)
        #expect(!text.contains("zone=\"gone\""))
        #expect(familyText("reconnection_zone_config_version", in: text).hasSuffix("reconnection_zone_config_version{zone=\"default\"} 1\n"))
    }

    @Test func everyFamilyHasHelpAndTypeInTheContractOrder() {
        let core = Reconnector(clock: ManualClock())
        let text = MetricsExposition.renderText(zones: core.snapshot(), http: HTTPMetrics(), process: ProcessMetrics(), version: "v")
        let typed = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        let helped = text.split(separator: "\n").filter { $0.hasPrefix("# HELP ") }.map { $0.split(separator: " ")[2] }

        var expected = [
            "reconnection_tokens_issued_total", "reconnection_sessions_active", "reconnection_completions_total",
            "reconnection_validation_failures_total", "reconnection_expirations_total", "reconnection_cancellations_total",
            "reconnection_duration_seconds", "reconnection_events_buffered_total", "reconnection_events_replayed_total",
            "reconnection_events_evicted_total", "reconnection_grace_seconds", "reconnection_enabled",
            "reconnection_zone_config_version", "reconnection_max_pending_sessions", "reconnection_http_requests_total",
            "reconnection_http_request_duration_seconds", "reconnection_http_rejections_total", "reconnection_build_info",
        ]
        #if os(Linux)
        expected += [
            "process_cpu_seconds_total", "process_max_fds", "process_open_fds", "process_resident_memory_bytes",
            "process_start_time_seconds", "process_virtual_memory_bytes",
        ]
        #endif
        #expect(typed == expected[...].map { Substring($0) })
        #expect(helped == typed)
    }

    @Test func contentTypeIsTextFormat004() {
        #expect(MetricsExposition.contentType == "text/plain; version=0.0.4; charset=utf-8")
    }
}
