import Testing
@testable import MicroHTTP

@Suite("HTTPClientConnection")
struct HTTPClientConnectionTests {
    @Test func readsAChunkedResponseWithExtensionsAndTrailers() throws {
        let reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n"
            + "5;name=value\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nTrailer: x\r\n\r\n"
        let server = try CannedServer(reply: Array(reply.utf8))
        let client = HTTPClientConnection(host: "127.0.0.1", port: server.port)

        let response = try client.send(method: "GET", path: "/")

        #expect(response.status == 200)
        #expect(response.text == "hello world")
        #expect(response.headers["x-a"] == "1")
        #expect(!client.serverAskedToClose)
        #expect(finished(server.done))
    }

    @Test func readsABodyWithoutLengthUntilCloseAndReconnectsAfterwards() throws {
        let first = try CannedServer(reply: Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end".utf8))
        let client = HTTPClientConnection(host: "127.0.0.1", port: first.port)

        let response = try client.send(method: "GET", path: "/")

        #expect(response.text == "until the end")
        #expect(response.asksToClose)
        #expect(client.serverAskedToClose)
        #expect(client.connectionsOpened == 1)
    }

    @Test func skipsInterimResponses() throws {
        let reply = "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"
        let server = try CannedServer(reply: Array(reply.utf8))

        let response = try HTTPClientConnection(host: "127.0.0.1", port: server.port).send(method: "POST", path: "/")

        #expect(response.status == 201)
        #expect(response.text == "ok")
    }

    @Test func aTruncatedBodyIsAnError() throws {
        let server = try CannedServer(reply: Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort".utf8))
        let client = HTTPClientConnection(host: "127.0.0.1", port: server.port)

        #expect(throws: HTTPClientError.self) { try client.send(method: "GET", path: "/") }
    }

    @Test func aMalformedStatusLineIsAnError() throws {
        let server = try CannedServer(reply: Array("SMTP ready\r\n\r\n".utf8))
        let client = HTTPClientConnection(host: "127.0.0.1", port: server.port)

        let error = #expect(throws: HTTPClientError.self) { try client.send(method: "GET", path: "/") }
        #expect(error?.description == "bad status line: SMTP ready")
    }
}
