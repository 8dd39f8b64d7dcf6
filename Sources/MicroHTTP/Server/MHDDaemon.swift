internal import CMicroHTTPD
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running libmicrohttpd daemon and the dispatcher it calls; the one place that starts and
/// stops one.
///
/// Deliberately not `Sendable` (it holds an opaque C pointer): it lives inside `HTTPServer`'s
/// mutex and leaves it only by transfer to the one caller that stops it, so `quiesce()` and
/// `stop()` run once, in order, and never race with each other.
struct MHDDaemon {
    private let handle: OpaquePointer
    private let context: Unmanaged<RequestDispatcher>
    /// The bound port; the real one when port 0 was asked for.
    let port: Int

    /// Binds `address` and starts the worker threads.
    /// - Throws: `HTTPServerError.cannotBind` with the system's reason.
    init(
        configuration: HTTPServerConfiguration, address: ListenAddress, dispatcher: RequestDispatcher
    ) throws(HTTPServerError) {
        var flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue | MHD_USE_ITC.rawValue
        if address.isIPv6 { flags |= MHD_USE_IPv6.rawValue }
        // Retained for the daemon's lifetime: worker threads reach it through `cls` until
        // MHD_stop_daemon has joined them.
        let context = Unmanaged.passRetained(dispatcher)
        var sockaddr = address.storage
        errno = 0
        let started: OpaquePointer? = withUnsafeMutableBytes(of: &sockaddr) { sockaddrBytes in
            var options = Self.options(configuration, sockaddr: sockaddrBytes.baseAddress, context: context)
            return options.withUnsafeMutableBufferPointer { items in
                // MHD_start_daemon is C-variadic; its va_list twin takes the options as one array.
                withVaList([MHD_OPTION.ARRAY.rawValue, items.baseAddress!, MHD_OPTION.END.rawValue]) { arguments in
                    MHD_start_daemon_va(
                        UInt32(flags), 0, nil, nil, accessHandlerTrampoline, context.toOpaque(), arguments)
                }
            }
        }
        guard let started else {
            let code = errno
            context.release()
            throw HTTPServerError.cannotBind(address.display, errno: code)
        }
        self.handle = started
        self.context = context
        self.port = Int(cmhd_daemon_bind_port(started))
    }

    /// Stops accepting: the listening socket leaves every worker's poll set, while established
    /// connections keep being served.
    /// - Returns: the listening socket, for the caller to close after ``stop()``; -1 if none.
    func quiesce() -> Int32 {
        MHD_quiesce_daemon(handle)
    }

    /// Closes every connection, joins the worker threads (waiting for any handler still
    /// running), then releases the dispatcher.
    func stop() {
        MHD_stop_daemon(handle)
        context.release()
    }

    private static func options(
        _ configuration: HTTPServerConfiguration,
        sockaddr: UnsafeMutableRawPointer?,
        context: Unmanaged<RequestDispatcher>
    ) -> [MHD_OptionItem] {
        let completed: MHD_RequestCompletedCallback = requestCompletedTrampoline
        let unescape: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafeMutablePointer<CChar>?) -> Int =
            keepEscapesTrampoline
        var items = [
            MHD_OptionItem(option: MHD_OPTION.CONNECTION_LIMIT, value: configuration.connectionLimit, ptr_value: nil),
            MHD_OptionItem(
                option: MHD_OPTION.PER_IP_CONNECTION_LIMIT, value: configuration.perIPConnectionLimit, ptr_value: nil),
            MHD_OptionItem(
                option: MHD_OPTION.CONNECTION_TIMEOUT, value: configuration.connectionTimeoutSeconds, ptr_value: nil),
            MHD_OptionItem(
                option: MHD_OPTION.CONNECTION_MEMORY_LIMIT, value: configuration.connectionMemoryLimit, ptr_value: nil),
            MHD_OptionItem(option: MHD_OPTION.SOCK_ADDR, value: 0, ptr_value: sockaddr),
            MHD_OptionItem(option: MHD_OPTION.UNESCAPE_CALLBACK, value: unsafeBitCast(unescape, to: Int.self), ptr_value: nil),
            // Strict: an HTTP/1.1 request without Host, or with spaces in the URL, is a 400.
            MHD_OptionItem(option: MHD_OPTION.STRICT_FOR_CLIENT, value: 1, ptr_value: nil),
            // A two-pointer option: the function goes in `value`, its closure in `ptr_value`.
            MHD_OptionItem(
                option: MHD_OPTION.NOTIFY_COMPLETED, value: unsafeBitCast(completed, to: Int.self),
                ptr_value: context.toOpaque()),
        ]
        if configuration.threads > 1 {
            items.append(
                MHD_OptionItem(option: MHD_OPTION.THREAD_POOL_SIZE, value: configuration.threads, ptr_value: nil))
        }
        items.append(MHD_OptionItem(option: MHD_OPTION.END, value: 0, ptr_value: nil))
        return items
    }
}
