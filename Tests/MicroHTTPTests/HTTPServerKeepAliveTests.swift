import Synchronization
import Testing
@testable import MicroHTTP

@Suite("HTTPServer keep-alive and concurrency")
struct HTTPServerKeepAliveTests {
    @Test func manyRequestsShareOneConnection() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler)
        defer { server.stop() }
        let client = HTTPClientConnection(host: "127.0.0.1", port: server.port)

        for index in 0..<50 {
            let body = index.isMultiple(of: 2) ? [] : payload(index * 100, seed: index)
            let response = try client.send(method: index.isMultiple(of: 2) ? "GET" : "POST", path: "/k/\(index)", body: body)
            #expect(response.status == 200)
            #expect(response.headers["X-Path"] == "/k/\(index)")
            #expect(response.body.count == body.count)
            #expect(response.body.elementsEqual(body), "body bytes differ")
            #expect(!response.asksToClose, "request \(index) kept the connection")
        }
        #expect(client.connectionsOpened == 1)
        #expect(!client.serverAskedToClose)
        #expect(handler.requestCount == 50)
    }

    @Test func concurrentClientsOnSeveralThreads() throws {
        let handler = RecordingHandler()
        let server = try startedServer(handler, threads: 4)
        defer { server.stop() }
        let port = server.port
        let threads = 8
        let perThread = 40
        let good = Atomic<Int>(0)
        let connections = Atomic<Int>(0)

        let done = (0..<threads).map { thread in
            onThread {
                let client = HTTPClientConnection(host: "127.0.0.1", port: port)
                for index in 0..<perThread {
                    let body = payload(512 + index, seed: thread)
                    guard let response = try? client.send(method: "POST", path: "/c/\(thread)/\(index)", body: body)
                    else { continue }
                    if response.status == 200, response.body.elementsEqual(body), response.headers["X-Path"] == "/c/\(thread)/\(index)" {
                        good.add(1, ordering: .relaxed)
                    }
                }
                connections.add(client.connectionsOpened, ordering: .relaxed)
            }
        }
        for semaphore in done { #expect(finished(semaphore, within: 60)) }

        #expect(good.load(ordering: .relaxed) == threads * perThread)
        #expect(connections.load(ordering: .relaxed) == threads)
        #expect(handler.requestCount == threads * perThread)
        #expect(eventually { server.requestsInFlight == 0 })
    }
}
