import Foundation

/// A one-shot TCP server on an ephemeral loopback port that answers the first request head with
/// fixed bytes, then closes; lets client tests feed responses libmicrohttpd would never send.
final class CannedServer: Sendable {
    let port: Int
    private let listener: Int32
    let done: DispatchSemaphore

    init(reply: [UInt8]) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        done = onThread {
            let connection = accept(fd, nil, nil)
            guard connection >= 0 else { return }
            var seen: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while !seen.suffix(4).elementsEqual([13, 10, 13, 10]) {
                let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                seen += chunk[..<count]
            }
            _ = reply.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(connection)
        }
    }

    deinit { close(listener) }
}
