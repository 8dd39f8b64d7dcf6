import MicroHTTP

/// An RFC 9457 problem document, thrown by handlers and turned into the response.
struct Problem: Error, Sendable {
    var code: ProblemCode
    var detail: String
    /// The request field at fault, for `unknown_field` and `invalid_field`.
    var field: String?
    /// Extra response headers (`Allow`, `Retry-After`, `WWW-Authenticate`).
    var headers: [(name: String, value: String)] = []

    init(_ code: ProblemCode, _ detail: String, field: String? = nil, headers: [(name: String, value: String)] = []) {
        self.code = code
        self.detail = detail
        self.field = field
        self.headers = headers
    }

    static func invalidField(_ field: String, _ message: String) -> Problem {
        Problem(.invalidField, "\(field): \(message)", field: field)
    }

    static func unknownField(_ field: String) -> Problem {
        Problem(.unknownField, "unknown field '\(field)'", field: field)
    }

    var response: HTTPResponse {
        var writer = JSONWriter()
        writer.object { json in
            json.member("type", "urn:reconnectd:problem:\(code.rawValue)")
            json.member("title", code.title)
            json.member("status", code.status)
            json.member("detail", detail)
            json.member("code", code.rawValue)
            if let field {
                json.member("field", field)
            }
        }
        var response = HTTPResponse.json(status: code.status, writer.bytes, contentType: "application/problem+json")
        for header in headers { response.headers.append(name: header.name, value: header.value) }
        return response
    }
}

extension HTTPResponse {
    /// A JSON response with `Cache-Control: no-store`, as every API response but `/metrics` has.
    /// The body ends with a newline, so curl output ends its line.
    static func json(status: Int, _ body: [UInt8], contentType: String = "application/json") -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.append(name: "Content-Type", value: contentType)
        headers.append(name: "Cache-Control", value: "no-store")
        var body = body
        body.append(UInt8(ascii: "\n"))
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// An empty 204 with `Cache-Control: no-store`.
    static var noContent: HTTPResponse {
        var headers = HTTPHeaders()
        headers.append(name: "Cache-Control", value: "no-store")
        return HTTPResponse(status: 204, headers: headers)
    }
}
