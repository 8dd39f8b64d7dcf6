#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A numeric host and port turned into the `sockaddr` libmicrohttpd binds to.
///
/// Only literals are accepted: resolving a name at start-up could bind an address the operator
/// did not mean, and would block.
struct ListenAddress {
    /// `sockaddr_in` or `sockaddr_in6`, inside storage big enough for either.
    private(set) var storage = sockaddr_storage()
    let isIPv6: Bool
    /// `host:port`, with brackets around an IPv6 host, for messages.
    let display: String

    init(host: String, port: Int) throws(HTTPServerError) {
        let literal = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let networkPort = in_port_t(UInt16(clamping: port)).bigEndian
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = networkPort
            address.sin_addr = v4
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in.self) }
            isIPv6 = false
            display = "\(literal):\(port)"
        } else if inet_pton(AF_INET6, literal, &v6) == 1 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = networkPort
            address.sin6_addr = v6
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in6.self) }
            isIPv6 = true
            display = "[\(literal)]:\(port)"
        } else {
            throw HTTPServerError(.badHost, "bad host \"\(host)\": expected an IPv4 or IPv6 address literal")
        }
    }

    /// Formats a peer address as text ("127.0.0.1", "::1"); `nil` for other families.
    static func text(of address: UnsafePointer<sockaddr>) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = Int32(address.pointee.sa_family)
        let formatted: UnsafePointer<CChar>?
        switch family {
        case AF_INET:
            formatted = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet4 in
                withUnsafePointer(to: inet4.pointee.sin_addr) {
                    inet_ntop(AF_INET, $0, &buffer, socklen_t(buffer.count))
                }
            }
        case AF_INET6:
            formatted = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { inet6 in
                withUnsafePointer(to: inet6.pointee.sin6_addr) {
                    inet_ntop(AF_INET6, $0, &buffer, socklen_t(buffer.count))
                }
            }
        default:
            return nil
        }
        guard formatted != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
