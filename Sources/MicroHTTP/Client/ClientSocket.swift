#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected, blocking TCP socket with a read buffer, for ``HTTPClientConnection``.
///
/// Every read and write is bounded by `SO_RCVTIMEO`/`SO_SNDTIMEO`, so a silent peer fails a
/// test instead of hanging it.
final class ClientSocket {
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var readIndex = 0

    /// Connects to the first address of `host` (a name or literal) that accepts.
    init(host: String, port: Int, timeout: Duration) throws(HTTPClientError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Self.streamType
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            throw HTTPClientError("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = 0
        for entry in sequence(first: list, next: { $0.pointee.ai_next }) {
            let fd = socket(entry.pointee.ai_family, Self.streamType, 0)
            guard fd >= 0 else { lastError = errno; continue }
            Self.configure(fd, timeout: timeout)
            if connect(fd, entry.pointee.ai_addr, entry.pointee.ai_addrlen) == 0 {
                descriptor = fd
                return
            }
            lastError = errno
            closeDescriptor(fd)
        }
        throw HTTPClientError("cannot connect to \(host):\(port): \(String(cString: strerror(lastError)))")
    }

    deinit { close() }

    /// Writes all of `bytes`, retrying short writes.
    func write(_ bytes: [UInt8]) throws(HTTPClientError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress! + offset, raw.count - offset, Self.noSignal)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw HTTPClientError("write failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// The next line without its CRLF (or bare LF); `nil` at end of stream.
    func readLine() throws(HTTPClientError) -> [UInt8]? {
        while true {
            if let newline = buffer[readIndex...].firstIndex(of: 0x0A) {
                var line = Array(buffer[readIndex..<newline])
                readIndex = newline + 1
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            if try !fill() { return nil }
        }
    }

    /// Exactly `count` bytes; fails if the stream ends first.
    func read(exactly count: Int) throws(HTTPClientError) -> [UInt8] {
        while buffer.count - readIndex < count {
            if try !fill() { throw HTTPClientError("connection closed \(buffer.count - readIndex) bytes into a body of \(count)") }
        }
        defer { readIndex += count }
        return Array(buffer[readIndex..<readIndex + count])
    }

    /// Everything until the peer closes.
    func readToEnd() throws(HTTPClientError) -> [UInt8] {
        while try fill() {}
        defer { readIndex = buffer.count }
        return Array(buffer[readIndex...])
    }

    /// Closes the socket; later calls do nothing.
    func close() {
        guard descriptor >= 0 else { return }
        closeDescriptor(descriptor)
        descriptor = -1
    }

    /// Reads what is available into the buffer; `false` at end of stream.
    private func fill() throws(HTTPClientError) -> Bool {
        if readIndex > 0, readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                buffer.append(contentsOf: chunk[..<received])
                return true
            }
            if received == 0 { return false }
            if errno == EINTR { continue }
            throw HTTPClientError("read failed: \(String(cString: strerror(errno)))")
        }
    }

    private static func configure(_ fd: Int32, timeout: Duration) {
        let seconds = timeout.components.seconds
        var limit = timeval(
            tv_sec: Int(seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var on: Int32 = 1
        // Requests are written whole; Nagle would only delay the last segment.
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    #if canImport(Darwin)
    private static let streamType = SOCK_STREAM
    private static let noSignal: Int32 = 0
    #else
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    /// A peer that closed must fail the write with EPIPE, not kill the process with SIGPIPE.
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #endif
}

/// The C `close`, reachable from inside `ClientSocket` whose own `close()` shadows it.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}
