import MicroHTTP

/// The two bearer tokens of API.md. Held in memory only; never logged.
struct Credentials: Sendable {
    /// Who a request authenticated as.
    enum Principal: String, Sendable {
        case admin
        case server
    }

    private let admin: [UInt8]
    private let server: [UInt8]

    init(admin: String, server: String) {
        self.admin = Array(admin.utf8)
        self.server = Array(server.utf8)
    }

    /// The principal of the request's `Authorization: Bearer` token, if it is one of ours.
    func principal(of request: HTTPRequest) -> Principal? {
        guard let header = request.headers["Authorization"] else { return nil }
        // Bytes, not Characters: this runs on every request. The scheme is case-insensitive,
        // and RFC 9110 allows one or more spaces after it.
        let bytes = Array(header.utf8)
        let scheme = Array("bearer".utf8)
        guard bytes.count > scheme.count, zip(bytes, scheme).allSatisfy({ $0 | 0x20 == $1 }),
            bytes[scheme.count] == UInt8(ascii: " ")
        else { return nil }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let presented = Array(bytes[scheme.count...].drop(while: isBlank).reversed().drop(while: isBlank).reversed())
        // Both comparisons always run, so timing does not tell which credential was close.
        let isAdmin = Self.constantTimeEquals(presented, admin)
        let isServer = Self.constantTimeEquals(presented, server)
        return isAdmin ? .admin : isServer ? .server : nil
    }

    /// Checks that the request may use a route needing `access`.
    /// - Throws: ``Problem`` `unauthorized` (with `WWW-Authenticate`) or `forbidden`.
    func authorize(_ request: HTTPRequest, for access: Access) throws(Problem) -> Principal? {
        if access == .anyone { return nil }
        guard let principal = principal(of: request) else {
            throw Problem(
                .unauthorized, "send Authorization: Bearer <token> with the admin or server token",
                headers: [("WWW-Authenticate", "Bearer realm=\"reconnectd\"")])
        }
        if access == .admin && principal != .admin {
            throw Problem(.forbidden, "this operation needs the admin token")
        }
        return principal
    }

    /// Equality in time that depends only on the lengths, never on where the bytes differ.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
        difference |= lhs.count == rhs.count ? 0 : 1
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0 && !rhs.isEmpty
    }
}
