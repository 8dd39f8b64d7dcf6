import Dispatch
@testable import ReconnectionAPI
import Testing

/// Request counting: exact text, sorting, escaping, and sums under concurrent recording.
@Suite struct HTTPMetricsTests {
    private func render(_ http: HTTPMetrics) -> String {
        var buffer = ExpositionBuffer()
        http.write(into: &buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test func emptyMetricsStillDeclareTheirFamilies() {
        #expect(render(HTTPMetrics()) == """
            # HELP reconnection_http_requests_total HTTP requests answered, by route template, method and status code.
            # TYPE reconnection_http_requests_total counter
            # HELP reconnection_http_request_duration_seconds Time to answer an HTTP request, by route template and method.
            # TYPE reconnection_http_request_duration_seconds histogram

            """)
    }

    @Test func requestsSortedByRouteMethodAndCode() {
        let http = HTTPMetrics()
        http.record(route: "/v1/zones/{zone}", method: "PUT", status: 412, seconds: 0.001)
        http.record(route: "/v1/zones/{zone}", method: "GET", status: 404, seconds: 0.001)
        http.record(route: "/v1/zones/{zone}", method: "GET", status: 200, seconds: 0.001)
        http.record(route: "/healthz", method: "GET", status: 200, seconds: 0.001)
        http.record(route: "/v1/zones/{zone}", method: "GET", status: 200, seconds: 0.001)

        #expect(familyText("reconnection_http_requests_total", in: render(http)) == """
            # HELP reconnection_http_requests_total HTTP requests answered, by route template, method and status code.
            # TYPE reconnection_http_requests_total counter
            reconnection_http_requests_total{route="/healthz",method="GET",code="200"} 1
            reconnection_http_requests_total{route="/v1/zones/{zone}",method="GET",code="200"} 2
            reconnection_http_requests_total{route="/v1/zones/{zone}",method="GET",code="404"} 1
            reconnection_http_requests_total{route="/v1/zones/{zone}",method="PUT",code="412"} 1

            """)
    }

    @Test func durationBucketsAreCumulativeWithUpperBoundsInclusive() {
        let http = HTTPMetrics()
        // Binary fractions, so the sum is exact; 0.25 sits on a bound and counts in it.
        for seconds in [0.00048828125, 0.0009765625, 0.00390625, 0.25, 3] {
            http.record(route: "/metrics", method: "GET", status: 200, seconds: seconds)
        }

        #expect(familyText("reconnection_http_request_duration_seconds", in: render(http)) == """
            # HELP reconnection_http_request_duration_seconds Time to answer an HTTP request, by route template and method.
            # TYPE reconnection_http_request_duration_seconds histogram
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="0.0005"} 1
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="0.001"} 2
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="0.0025"} 2
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="0.005"} 3
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="0.01"} 3
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="0.025"} 3
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="0.05"} 3
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="0.1"} 3
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="0.25"} 4
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="0.5"} 4
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="1"} 4
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="2.5"} 4
            reconnection_http_request_duration_seconds_bucket{route="/metrics",method="GET",le="+Inf"} 5
            reconnection_http_request_duration_seconds_sum{route="/metrics",method="GET"} 3.25537109375
            reconnection_http_request_duration_seconds_count{route="/metrics",method="GET"} 5

            """)
    }

    @Test func labelValuesAreEscaped() {
        let http = HTTPMetrics()
        http.record(route: "/odd/\"quoted\"\\back\nline", method: "GET", status: 200, seconds: 0.001)

        #expect(render(http).contains("""
            reconnection_http_requests_total{route="/odd/\\"quoted\\"\\\\back\\nline",method="GET",code="200"} 1
            """))
    }

    @Test func concurrentRecordsAllCount() {
        let http = HTTPMetrics()
        let threads = 8
        let perThread = 20_000
        // Quarter-second multiples add up exactly, whatever the order of the additions.
        // One more worker scrapes while the others record. Under `--sanitize=thread` this can
        // report a "Swift access race" that is not one: on Linux ThreadSanitizer does not see
        // `Synchronization.Mutex` (a plain Mutex<Int> shared by two threads reports the same).
        DispatchQueue.concurrentPerform(iterations: threads + 1) { thread in
            if thread == threads {
                for _ in 0..<50 { _ = render(http) }
                return
            }
            for index in 0..<perThread {
                let (route, status) = index % 2 == 0 ? ("/v1/zones/{zone}/disconnects", 201) : ("/v1/zones/{zone}/reconnects", 200)
                http.record(route: route, method: "POST", status: status, seconds: thread % 2 == 0 ? 0.25 : 2)
            }
        }

        let merged = http.merged()
        let total = merged.values.reduce(0) { $0 + $1.requestsByStatus.values.reduce(0, +) }
        #expect(total == UInt64(threads * perThread))
        let disconnects = merged[HTTPRouteKey(route: "/v1/zones/{zone}/disconnects", method: "POST")]
        #expect(disconnects?.requestsByStatus == [201: UInt64(threads * perThread / 2)])
        #expect(disconnects?.bucketCounts.reduce(0, +) == UInt64(threads * perThread / 2))
        #expect(disconnects?.durationSum == Double(threads / 2 * perThread / 2) * (0.25 + 2))
        let text = render(http)
        #expect(text.contains("reconnection_http_requests_total{route=\"/v1/zones/{zone}/reconnects\",method=\"POST\",code=\"200\"} 80000\n"))
        #expect(text.contains("reconnection_http_request_duration_seconds_bucket{route=\"/v1/zones/{zone}/reconnects\",method=\"POST\",le=\"0.25\"} 40000\n"))
        #expect(text.contains("reconnection_http_request_duration_seconds_count{route=\"/v1/zones/{zone}/reconnects\",method=\"POST\"} 80000\n"))
    }
}
