import Testing
import MicroHTTP

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndReturnsTheFirstMatch() {
        var headers: HTTPHeaders = ["Set-Cookie": "a=1", "Content-Type": "text/plain"]
        headers.append(name: "set-cookie", value: "b=2")

        #expect(headers["SET-COOKIE"] == "a=1")
        #expect(headers.values(for: "Set-Cookie") == ["a=1", "b=2"])
        #expect(headers["X-Missing"] == nil)
        #expect(headers.values(for: "X-Missing").isEmpty)
        #expect(headers.map(\.name) == ["Set-Cookie", "Content-Type", "set-cookie"])
    }

    @Test func replaceAndRemoveAffectEveryFieldOfTheName() {
        var headers: HTTPHeaders = ["Via": "a", "Host": "h", "via": "b"]
        headers.replace(name: "VIA", value: "c")
        #expect(headers.map(\.value) == ["h", "c"])
        headers.remove(name: "host")
        #expect(headers.count == 1)
        #expect(!headers.contains("Host"))
    }

    @Test func equalityIgnoresNameCaseButNotOrderOrValues() {
        let headers: HTTPHeaders = ["A": "1", "B": "2"]
        #expect(headers == ["a": "1", "b": "2"])
        #expect(headers != ["B": "2", "A": "1"])
        #expect(headers != ["A": "1", "B": "x"])
    }

    @Test func requestQueryLookupFindsTheFirstArgument() {
        let request = HTTPRequest(method: "GET", path: "/", query: [("zone", "eu"), ("zone", "us"), ("flag", "")])
        #expect(request.queryValue(named: "zone") == "eu")
        #expect(request.queryValue(named: "flag") == "")
        #expect(request.queryValue(named: "none") == nil)
    }
}
