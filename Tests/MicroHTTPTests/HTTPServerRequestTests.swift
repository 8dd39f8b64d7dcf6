import Testing
@testable import MicroHTTP

@Suite("HTTPServer requests")
struct HTTPServerRequestTests {
    @Test func getPassesPathQueryHeadersAndRemoteAddress() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler)
        defer { server.stop() }
        let client = HTTPClientConnection(host: "127.0.0.1", port: server.port)

        let response = try client.send(
            method: "GET", path: "/rooms/a%20b?zone=eu&flag&name=J%C3%BCrgen&zone=us",
            headers: ["X-Test-One": "1", "x-test-two": "two words"])

        #expect(response.status == 200)
        #expect(response.headers["x-method"] == "GET")
        // The path stays encoded (a %2F must not move a segment boundary); segments decode.
        #expect(response.headers["X-Path"] == "/rooms/a%20b")
        #expect(response.headers["X-Query"] == "zone=eu&flag=&name=Jürgen&zone=us")
        #expect(response.headers["X-Remote"] == "127.0.0.1")
        #expect(response.headers["X-Seen-One"] == "1")
        #expect(response.headers["X-Seen-two"] == "two words")
        #expect(response.headers["Content-Length"] == "0")
        #expect(response.headers["Date"] != nil, "libmicrohttpd adds Date")
        #expect(response.body.isEmpty)
    }

    @Test func postBodyArrivesIntactAcrossManyUploadChunks() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler, maxBodyBytes: 1 << 20)
        defer { server.stop() }
        let body = payload(300 * 1024)

        let response = try HTTPClientConnection(host: "127.0.0.1", port: server.port)
            .send(method: "POST", path: "/upload", headers: ["Content-Type": "application/octet-stream"], body: body)

        #expect(response.status == 200)
        #expect(response.headers["X-Body-Count"] == String(body.count))
        #expect(response.body.count == body.count)
            #expect(response.body.elementsEqual(body), "body bytes differ")
    }

    @Test func chunkedUploadUnderTheLimitIsReassembled() throws {
        let server = try startedServer(RecordingHandler(), maxBodyBytes: 1 << 20)
        defer { server.stop() }
        let body = payload(100 * 1024, seed: 3)

        let response = try HTTPClientConnection(host: "127.0.0.1", port: server.port)
            .send(method: "PUT", path: "/upload", headers: ["Transfer-Encoding": "chunked"], body: body)

        #expect(response.status == 200)
        #expect(response.body.count == body.count)
            #expect(response.body.elementsEqual(body), "body bytes differ")
    }

    @Test func bodyExactlyAtTheLimitIsAccepted() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler, maxBodyBytes: 4096)
        defer { server.stop() }
        let body = payload(4096)

        let response = try HTTPClientConnection(host: "127.0.0.1", port: server.port)
            .send(method: "POST", path: "/exact", body: body)

        #expect(response.status == 200)
        #expect(response.body.count == body.count)
            #expect(response.body.elementsEqual(body), "body bytes differ")
        #expect(handler.rejectionList.isEmpty)
    }

    @Test(arguments: ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "BREW"])
    func unusualMethodsReachTheHandler(method: String) throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler)
        defer { server.stop() }

        let response = try HTTPClientConnection(host: "127.0.0.1", port: server.port).send(method: method, path: "/m")

        #expect(response.status == 200)
        #expect(response.headers["X-Method"] == method)
        #expect(handler.requestCount == 1)
    }

    @Test func headGetsHeadersWithoutABodyAndKeepsTheConnection() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler)
        defer { server.stop() }
        let client = HTTPClientConnection(host: "127.0.0.1", port: server.port)

        let head = try client.send(method: "HEAD", path: "/h")
        let get = try client.send(method: "GET", path: "/after-head")

        #expect(head.status == 200)
        #expect(head.headers["X-Method"] == "HEAD")
        #expect(head.body.isEmpty)
        #expect(get.headers["X-Path"] == "/after-head", "no stray body bytes shifted the next response")
        #expect(client.connectionsOpened == 1)
    }

    @Test(arguments: [204, 304])
    func noContentStatusesSendNoBody(status: Int) throws {
        let server = try startedServer(RecordingHandler())
        defer { server.stop() }
        let client = HTTPClientConnection(host: "127.0.0.1", port: server.port)

        let empty = try client.send(method: "GET", path: "/status/\(status)")
        let next = try client.send(method: "GET", path: "/next")

        #expect(empty.status == status)
        #expect(empty.body.isEmpty)
        #expect(next.headers["X-Path"] == "/next", "the connection is still framed correctly")
        #expect(client.connectionsOpened == 1)
    }

    @Test func aContentLengthSetByTheHandlerIsReplacedByTheRealOne() throws {
        let server = try startedServer(RecordingHandler())
        defer { server.stop() }

        let response = try HTTPClientConnection(host: "127.0.0.1", port: server.port).send(method: "GET", path: "/status/200")

        #expect(response.headers.values(for: "Content-Length") == ["7"])
        #expect(response.text == "ignored")
    }
}

@Suite("Request paths and heads")
struct RequestHeadTests {
    @Test func pathSegmentsDecodeOneByOneSoAnEncodedSlashStaysInside() {
        let request = HTTPRequest(method: "GET", path: "/v1/zones/a%2Fb/x%00y/%zz/J%C3%BCrgen")
        #expect(request.pathSegments == ["v1", "zones", "a/b", "x\0y", "%zz", "Jürgen"])
    }

    @Test func queryArgumentsAreDecodedHere() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler)
        defer { server.stop() }
        let client = HTTPClientConnection(host: "127.0.0.1", port: server.port)
        let response = try client.send(method: "GET", path: "/q?a=x+y&b=%2F%26&c=%zz")
        #expect(response.headers["X-Query"] == "a=x y&b=/&&c=%zz")
    }

    @Test(arguments: [
        ["Content-Length": "3", "Transfer-Encoding": "chunked"],
        ["Host": "one", "host": "two"],
        ["Bad Name": "x"],
    ] as [HTTPHeaders])
    func ambiguousOrMalformedHeadsAreRejectedBeforeReading(headers: HTTPHeaders) {
        #expect(HeadCheck.problem(in: headers) != nil)
        #expect(HeadCheck.problem(in: ["Host": "h", "X-Fine": "a\tb ü"]) == nil)
    }
}
