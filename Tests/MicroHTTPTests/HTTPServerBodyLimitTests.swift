import Testing
@testable import MicroHTTP

@Suite("HTTPServer body limit")
struct HTTPServerBodyLimitTests {
    @Test func declaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler, maxBodyBytes: 1024)
        defer { server.stop() }
        let socket = try ClientSocket(host: "127.0.0.1", port: server.port, timeout: .seconds(30))

        // Only the head goes out: a server that waited for the 10 MB would never answer.
        try socket.write(Array("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n".utf8))
        var reader = ResponseReader(socket: socket, method: "POST")
        let response = try reader.readResponse()

        #expect(response.status == 413)
        #expect(response.text == "too large")
        #expect(response.asksToClose)
        #expect(handler.rejectionList == [.bodyTooLarge(limit: 1024)])
        #expect(handler.rejectedBodySizes.withLock { $0 } == [0])
        #expect(handler.requestCount == 0)
    }

    @Test(arguments: ["POST", "PUT", "PATCH"])
    func expectContinueGetsTheRejectionInsteadOfContinue(method: String) throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler, maxBodyBytes: 1024)
        defer { server.stop() }
        let client = HTTPClientConnection(host: "127.0.0.1", port: server.port)

        let response = try client.send(
            method: method, path: "/big", headers: ["Expect": "100-continue"], body: [UInt8](repeating: 0x61, count: 10 << 20))

        #expect(response.status == 413)
        #expect(handler.rejectionList == [.bodyTooLarge(limit: 1024)])
        #expect(handler.requestCount == 0)
        #expect(eventually { server.requestsInFlight == 0 }, "the refused request completed")
    }

    @Test func chunkedBodyOverTheLimitIsRejectedFromCountedBytes() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler, maxBodyBytes: 64 * 1024)
        defer { server.stop() }
        let client = HTTPClientConnection(host: "127.0.0.1", port: server.port)

        let response = try client.send(
            method: "POST", path: "/big", headers: ["Transfer-Encoding": "chunked"], body: payload(300 * 1024))

        #expect(response.status == 413)
        #expect(response.asksToClose, "the connection is closed after a rejection")
        #expect(client.serverAskedToClose)
        #expect(handler.rejectionList == [.bodyTooLarge(limit: 64 * 1024)])
        #expect(handler.rejectedBodySizes.withLock { $0 } == [0])
        #expect(handler.requestCount == 0)

        let again = try client.send(method: "GET", path: "/after")
        #expect(again.status == 200, "a new connection serves normally")
        #expect(client.connectionsOpened == 2)
    }
}
