import Testing

/// `/healthz`, `/livez`, `/readyz` and `/metrics`: public, and what operators' tools expect.
@Suite struct OperationsTests {
    @Test(arguments: ["/healthz", "/livez"])
    func healthEndpointsAnswerOK(path: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send("GET", path, token: nil)
            #expect(reply.status == 200)
            #expect(reply.contentType == "application/json")
            #expect(sameJSON(reply.json, ["status": "ok"]))
        }
    }

    @Test func readyzTurnsUnavailableWhileDraining() throws {
        try withDaemon { daemon in
            let ready = try daemon.send("GET", "/readyz", token: nil)
            #expect(ready.status == 200)
            daemon.service.setReadiness(.draining)
            let draining = try daemon.send("GET", "/readyz", token: nil)
            #expect(draining.status == 503)
            #expect(draining.contentType == "application/json")
            #expect(draining.json["status"] as? String == "draining")
            let live = try daemon.send("GET", "/livez", token: nil)
            #expect(live.status == 200)
        }
    }

    @Test func metricsIsPrometheusTextWithEveryFamilyOfTheContract() throws {
        try withDaemon { daemon in
            let reply = try daemon.send("GET", "/metrics", token: nil)
            #expect(reply.status == 200)
            #expect(reply.contentType == "text/plain; version=0.0.4; charset=utf-8")
            #expect(reply.headers["Cache-Control"] != "no-store")
            let scrape = ScrapedMetrics(reply.text)
            for family in Self.contractFamilies {
                #expect(scrape.families.contains(family), "no # TYPE line for \(family)")
            }
            #expect(scrape.value("reconnection_enabled", ["zone": "default"]) == 1)
            #expect(scrape.value("reconnection_grace_seconds", ["zone": "default", "phase": "default"]) == 300)
            #expect(scrape.value("reconnection_zone_config_version", ["zone": "default"]) == 1)
        }
    }

    @Test func metricsLabelRequestsByRouteTemplate() throws {
        try withDaemon { daemon in
            _ = try daemon.send("GET", "/v1/zones/default")
            _ = try daemon.send("GET", "/v1/zones/nowhere")
            _ = try daemon.send("GET", "/v1/secret-path-x")
            let scrape = try daemon.scrape()
            let labels = ["route": "/v1/zones/{zone}", "method": "GET"]
            #expect(scrape.value("reconnection_http_requests_total", labels.merging(["code": "200"]) { $1 }) == 1)
            #expect(scrape.value("reconnection_http_requests_total", labels.merging(["code": "404"]) { $1 }) == 1)
            #expect(scrape.value("reconnection_http_requests_total", ["route": "unmatched", "code": "404"]) == 1)
            #expect(!scrape.text.contains("nowhere") && !scrape.text.contains("secret-path-x"))
        }
    }

    @Test func metricsAuthFlagRequiresTheAdminToken() throws {
        try withDaemon(metricsNeedAuth: true) { daemon in
            let anonymous = try daemon.send("GET", "/metrics", token: nil)
            #expect(anonymous.status == 401)
            #expect(anonymous.code == "unauthorized")
            #expect(anonymous.headers["WWW-Authenticate"] == #"Bearer realm="reconnectd""#)
            let server = try daemon.send("GET", "/metrics", token: serverToken)
            #expect(server.status == 403)
            #expect(server.code == "forbidden")
            let admin = try daemon.send("GET", "/metrics", token: adminToken)
            #expect(admin.status == 200)
            #expect(admin.text.contains("# TYPE reconnection_tokens_issued_total counter"))
            #expect(try daemon.send("GET", "/healthz", token: nil).status == 200)
        }
    }

    /// The metric names of API.md's table.
    static let contractFamilies = [
        "reconnection_tokens_issued_total", "reconnection_sessions_active", "reconnection_completions_total",
        "reconnection_validation_failures_total", "reconnection_expirations_total", "reconnection_cancellations_total",
        "reconnection_duration_seconds", "reconnection_events_buffered_total", "reconnection_events_replayed_total",
        "reconnection_events_evicted_total", "reconnection_grace_seconds", "reconnection_enabled",
        "reconnection_zone_config_version", "reconnection_http_requests_total", "reconnection_http_request_duration_seconds",
        "reconnection_build_info", "process_resident_memory_bytes", "process_cpu_seconds_total", "process_open_fds",
        "process_start_time_seconds",
    ]
}
