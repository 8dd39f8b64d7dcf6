/// The checks of a request head that libmicrohttpd leaves to the application (RFC 9112 and
/// RFC 9110), made before anything is read or routed.
enum HeadCheck {
    /// What is wrong with `headers`, or `nil` when nothing is.
    static func problem(in headers: HTTPHeaders) -> String? {
        // Framing by both would let a proxy and this server disagree about where the next
        // request starts (request smuggling): RFC 9112 §6.1 has the server refuse and close.
        if headers.contains("Content-Length") && headers.contains("Transfer-Encoding") {
            return "both Content-Length and Transfer-Encoding"
        }
        if headers.values(for: "Host").count > 1 {
            return "more than one Host field"
        }
        for (name, value) in headers {
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenCharacter) else { return "a field name that is not a token" }
            guard value.utf8.allSatisfy(isFieldValueByte) else { return "a control character in the \(name) field" }
        }
        return nil
    }

    /// `tchar` of RFC 9110 §5.6.2.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// Field values may hold visible characters, spaces, tabs and obsolete text (≥ 0x80).
    private static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }
}
