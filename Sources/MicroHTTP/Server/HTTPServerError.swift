#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an ``HTTPServer`` could not start.
public struct HTTPServerError: Error, CustomStringConvertible, Equatable {
    /// The kinds of failure, so callers can branch without parsing text.
    public enum Kind: Sendable, Equatable {
        /// ``HTTPServerConfiguration/host`` is not a numeric IPv4 or IPv6 address.
        case badHost
        /// A configuration value is out of range.
        case invalidConfiguration
        /// The address could not be bound (in use, not local, not permitted).
        case cannotBind
        /// ``HTTPServer/start()`` was called on a server already started or stopped.
        case alreadyStarted
    }

    /// What failed.
    public var kind: Kind
    /// A sentence for an operator, naming the address and the system's reason where known.
    public var description: String

    /// Creates an error.
    /// - Parameters:
    ///   - kind: what failed.
    ///   - description: the human-readable explanation.
    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// The error for a failed bind of `address`, with the text of `code` (an errno value).
    static func cannotBind(_ address: String, errno code: Int32) -> HTTPServerError {
        let reason = code == 0 ? "libmicrohttpd refused to start" : String(cString: strerror(code))
        return HTTPServerError(.cannotBind, "cannot bind \(address): \(reason)")
    }
}
