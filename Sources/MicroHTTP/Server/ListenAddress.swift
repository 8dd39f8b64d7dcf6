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
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            // Every request asks for its client's address: dotted decimal is written by hand,
            // into a small string, where inet_ntop, a buffer array and a copy cost thousands of
            // instructions a request. The text is the same as inet_ntop's.
            let octets = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt32(bigEndian: $0.pointee.sin_addr.s_addr) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 15) { buffer in
                var count = 0
                for shift in stride(from: 24, through: 0, by: -8) {
                    if shift != 24 {
                        buffer[count] = UInt8(ascii: ".")
                        count += 1
                    }
                    let octet = UInt8(truncatingIfNeeded: octets >> UInt32(shift))
                    if octet >= 100 {
                        buffer[count] = UInt8(ascii: "0") + octet / 100
                        count += 1
                    }
                    if octet >= 10 {
                        buffer[count] = UInt8(ascii: "0") + octet / 10 % 10
                        count += 1
                    }
                    buffer[count] = UInt8(ascii: "0") + octet % 10
                    count += 1
                }
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
            }
        case AF_INET6:
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(INET6_ADDRSTRLEN) + 1) { buffer in
                let formatted = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { inet6 in
                    withUnsafePointer(to: inet6.pointee.sin6_addr) {
                        inet_ntop(AF_INET6, $0, buffer.baseAddress, socklen_t(buffer.count))
                    }
                }
                guard formatted != nil else { return nil }
                return String(cString: buffer.baseAddress!)
            }
        default:
            return nil
        }
    }
}
