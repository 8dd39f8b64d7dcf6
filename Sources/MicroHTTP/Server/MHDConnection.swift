internal import CMicroHTTPD
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libmicrohttpd connection during an access-handler call: reads the request head and
/// queues the response. Valid only for the duration of that call.
struct MHDConnection {
    let raw: OpaquePointer

    /// The request header fields, in the order received.
    func headers() -> HTTPHeaders {
        HTTPHeaders(fields(of: .HEADER_KIND))
    }

    /// The query arguments in the order sent, percent-decoded here (libmicrohttpd is told to
    /// leave escapes alone); a malformed escape is kept as sent.
    func queryArguments() -> [(name: String, value: String)] {
        fields(of: .GET_ARGUMENT_KIND).map { name, value in
            (PercentDecoding.decode(name[...], plusIsSpace: true) ?? name, PercentDecoding.decode(value[...], plusIsSpace: true) ?? value)
        }
    }

    /// The client's IP address as text; empty when libmicrohttpd cannot tell.
    func remoteAddress() -> String {
        guard let address = cmhd_connection_client_address(raw) else { return "" }
        return ListenAddress.text(of: address) ?? ""
    }

    /// Queues `response`; libmicrohttpd sends it once the access handler returns.
    /// - Parameters:
    ///   - response: the handler's response.
    ///   - closing: adds `Connection: close`, so libmicrohttpd closes after sending.
    /// - Returns: whether libmicrohttpd accepted it (it refuses when the connection is in a
    ///   state that cannot take a response, and the caller then drops the connection).
    func queue(_ response: HTTPResponse, closing: Bool) -> Bool {
        let status = (100...999).contains(response.status) ? response.status : 500
        // A header libmicrohttpd refuses (CR/LF in it, or malformed) is a handler bug: answer
        // a bare 500 rather than a response missing a header the handler meant to send.
        guard let built = Self.build(response, status: status, closing: closing)
                ?? Self.build(HTTPResponse(status: 500), status: 500, closing: closing)
        else { return false }
        defer { MHD_destroy_response(built.handle) }
        return MHD_queue_response(raw, UInt32(built.status), built.handle) == .YES
    }

    private static func build(
        _ response: HTTPResponse, status: Int, closing: Bool
    ) -> (handle: OpaquePointer, status: Int)? {
        let body = response.forbidsBody || status != response.status ? [] : response.body
        // MUST_COPY: the Swift array's storage does not outlive this call.
        let made = body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(
                bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
        }
        guard let handle = made else { return nil }
        // Filtered while adding rather than on a copy of the headers (one pass, no copy):
        // Content-Length is left out (libmicrohttpd derives it from the body) and, when closing,
        // any Connection field is replaced by `Connection: close` at the end.
        for (name, value) in response.headers {
            if HTTPHeaders.sameName(name, "Content-Length") || (closing && HTTPHeaders.sameName(name, "Connection")) {
                continue
            }
            // libmicrohttpd 0.9.75 refuses an empty value, which HTTP allows; one space is
            // optional whitespace that every parser strips back to the empty value.
            guard add(name, value.isEmpty ? " " : value, to: handle) else {
                MHD_destroy_response(handle)
                return nil
            }
        }
        if closing && !add("Connection", "close", to: handle) {
            MHD_destroy_response(handle)
            return nil
        }
        return (handle, status)
    }

    /// Adds one response header. `withCString` hands a native string's own null-terminated
    /// storage (or a stack copy of a small one) to C, where the implicit conversion built a
    /// heap array for each name and value of every response.
    private static func add(_ name: String, _ value: String, to handle: OpaquePointer) -> Bool {
        name.withCString { name in
            value.withCString { value in MHD_add_response_header(handle, name, value) == .YES }
        }
    }

    private func fields(of kind: MHD_ValueKind) -> [(name: String, value: String)] {
        var collected: [(name: String, value: String)] = []
        withUnsafeMutablePointer(to: &collected) { list in
            _ = MHD_get_connection_values_n(raw, kind, collectFieldTrampoline, list)
        }
        return collected
    }
}
