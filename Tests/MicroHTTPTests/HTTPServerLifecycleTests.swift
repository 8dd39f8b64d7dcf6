import Dispatch
import Synchronization
import Testing
@testable import MicroHTTP

@Suite("HTTPServer lifecycle")
struct HTTPServerLifecycleTests {
    @Test func startsOnAnEphemeralPortAndStops() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler)
        #expect(server.port > 0)
        #expect(server.host == "127.0.0.1")

        let response = try HTTPClientConnection(host: "127.0.0.1", port: server.port).send(method: "GET", path: "/")
        #expect(response.status == 200)

        server.stop()
        #expect(server.port > 0, "the bound port stays readable after stop")
        #expect(throws: HTTPClientError.self, "nothing listens any more") {
            try HTTPClientConnection(host: "127.0.0.1", port: server.port).send(method: "GET", path: "/")
        }
    }

    @Test func stopIsIdempotentAndWorksOnAServerNeverStarted() throws {
        let server = try startedServer(RecordingHandler())
        server.stop()
        server.stop()
        server.stop(timeout: .zero)

        let neverStarted = HTTPServer(configuration: HTTPServerConfiguration(port: 0), handler: RecordingHandler())
        neverStarted.stop()
        let error = #expect(throws: HTTPServerError.self, "a stopped server cannot start") { try neverStarted.start() }
        #expect(error?.kind == .alreadyStarted)
    }

    @Test func startingTwiceThrows() throws {
        let server = try startedServer(RecordingHandler())
        defer { server.stop() }
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.kind == .alreadyStarted)
    }

    @Test func bindingAPortInUseThrowsWithTheReason() throws {
        let first = try startedServer(RecordingHandler())
        defer { first.stop() }
        let second = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: first.port), handler: RecordingHandler())
        let error = #expect(throws: HTTPServerError.self) { try second.start() }
        #expect(error?.kind == .cannotBind)
        #expect(error?.description == "cannot bind 127.0.0.1:\(first.port): Address already in use")
    }

    @Test func rejectsAHostThatIsNotAnAddressLiteral() {
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "example.invalid", port: 0), handler: RecordingHandler())
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.kind == .badHost)
    }

    @Test func rejectsANegativeLimit() {
        var configuration = HTTPServerConfiguration(port: 0)
        configuration.connectionTimeoutSeconds = -1
        let error = #expect(throws: HTTPServerError.self) {
            try HTTPServer(configuration: configuration, handler: RecordingHandler()).start()
        }
        #expect(error?.kind == .invalidConfiguration)
    }

    @Test func servesIPv6Loopback() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler, host: "::1")
        defer { server.stop() }
        let response = try HTTPClientConnection(host: "::1", port: server.port).send(method: "GET", path: "/six")
        #expect(response.status == 200)
        #expect(response.headers["X-Remote"] == "::1")
    }

    @Test func stopLetsARequestInFlightFinish() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler)
        let port = server.port
        let outcome = Mutex<HTTPClientResponse?>(nil)

        let clientDone = onThread {
            let response = try? HTTPClientConnection(host: "127.0.0.1", port: port).send(method: "GET", path: "/hold")
            outcome.withLock { $0 = response }
        }
        #expect(finished(handler.entered), "the handler was reached")
        #expect(server.requestsInFlight == 1)

        let stopped = onThread { server.stop(timeout: .seconds(60)) }
        #expect(eventually { server.isDraining }, "stop began draining")
        // The handler is still held, so stop cannot have returned: it must wait for it.
        #expect(stopped.wait(timeout: .now()) == .timedOut)

        handler.release.signal()
        #expect(finished(clientDone))
        #expect(finished(stopped))
        #expect(outcome.withLock { $0?.status } == 200)
        #expect(outcome.withLock { $0?.text } == "held")
        #expect(server.requestsInFlight == 0)
    }
}
