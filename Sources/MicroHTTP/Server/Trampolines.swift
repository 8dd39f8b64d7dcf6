internal import CMicroHTTPD
#if canImport(Glibc)
import Glibc
#endif

// The C entry points libmicrohttpd calls. Each checks its pointers, unwraps the `Unmanaged`
// context and forwards to a Swift method at once; nothing here throws or blocks.
//
// Ownership: `cls` is the server's `RequestDispatcher`, retained by `MHDDaemon` for the
// daemon's lifetime. `*con_cls` is a `PendingRequest` retained on the first access-handler
// call and released exactly once, in `requestCompletedTrampoline`, which libmicrohttpd calls
// for every request whose `*con_cls` was set (answered, aborted, timed out or shut down).
//
// They are global functions rather than closures so they carry no actor isolation: a closure
// formed in top-level code would be MainActor-isolated and trap on a worker thread.

/// `MHD_AccessHandlerCallback`: called once with the head, once per upload chunk, and once
/// more when the request is complete.
func accessHandlerTrampoline(
    cls: UnsafeMutableRawPointer?,
    connection: OpaquePointer?,
    url: UnsafePointer<CChar>?,
    method: UnsafePointer<CChar>?,
    version: UnsafePointer<CChar>?,
    uploadData: UnsafePointer<CChar>?,
    uploadDataSize: UnsafeMutablePointer<Int>?,
    conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let url, let method, let uploadDataSize, let conCls else {
        return .NO
    }
    let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(cls).takeUnretainedValue()
    let mhdConnection = MHDConnection(raw: connection)

    guard let state = conCls.pointee else {
        let (pending, result) = dispatcher.begin(
            on: mhdConnection, method: String(cString: method), path: String(cString: url))
        conCls.pointee = Unmanaged.passRetained(pending).toOpaque()
        return result
    }
    let pending = Unmanaged<PendingRequest>.fromOpaque(state).takeUnretainedValue()

    if uploadDataSize.pointee > 0 {
        guard let uploadData else { return .NO }
        dispatcher.receive(UnsafeRawBufferPointer(start: uploadData, count: uploadDataSize.pointee), for: pending)
        uploadDataSize.pointee = 0  // every byte is consumed: stored, or dropped once rejected
        return .YES
    }
    return dispatcher.finish(pending, on: mhdConnection)
}

/// `MHD_RequestCompletedCallback`: the request is over; balances the retain of `*con_cls`.
func requestCompletedTrampoline(
    cls: UnsafeMutableRawPointer?,
    connection: OpaquePointer?,
    conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
    reason: MHD_RequestTerminationCode
) {
    guard let cls, let conCls, let state = conCls.pointee else { return }
    conCls.pointee = nil  // a second notification for the same request then finds nothing
    let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(cls).takeUnretainedValue()
    let pending = Unmanaged<PendingRequest>.fromOpaque(state).takeRetainedValue()
    dispatcher.complete(pending)
}

/// `MHD_KeyValueIteratorN`: appends one header or query field to the list `cls` points to.
/// Sizes are used rather than C strings so an embedded NUL cannot truncate a value.
func collectFieldTrampoline(
    cls: UnsafeMutableRawPointer?,
    kind: MHD_ValueKind,
    key: UnsafePointer<CChar>?,
    keySize: Int,
    value: UnsafePointer<CChar>?,
    valueSize: Int
) -> MHD_Result {
    guard let cls, let key else { return .YES }
    let list = cls.assumingMemoryBound(to: [(name: String, value: String)].self)
    list.pointee.append((name: text(key, keySize), value: value.map { text($0, valueSize) } ?? ""))
    return .YES
}

/// Bytes from libmicrohttpd as a String, invalid UTF-8 repaired rather than trapping.
private func text(_ start: UnsafePointer<CChar>, _ count: Int) -> String {
    String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
}

/// `MHD_OPTION_UNESCAPE_CALLBACK`: leaves `%XX` escapes as they are. libmicrohttpd would decode
/// the whole path before it is split at `/`, so `%2F` would move a segment boundary and `%00`
/// would cut the path short; MicroHTTP decodes each segment and argument itself instead.
func keepEscapesTrampoline(
    cls: UnsafeMutableRawPointer?,
    connection: OpaquePointer?,
    text: UnsafeMutablePointer<CChar>?
) -> Int {
    guard let text else { return 0 }
    return strlen(text)
}
