#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws tokens from the system CSPRNG, a few hundred bytes per system call.
///
/// `getrandom` costs about 400 ns a call here, whatever the size; a token per call would
/// spend most of a disconnect in the kernel. The buffer holds secret bytes only until used.
struct TokenGenerator: Sendable {
    private static let tokensPerRefill = 32
    private var buffer: [UInt64] = []

    mutating func next() -> RejoinToken {
        if buffer.count < 2 { refill() }
        let selector = buffer.removeLast()
        let verifier = buffer.removeLast()
        return RejoinToken(selector: selector, verifier: verifier)
    }

    private mutating func refill() {
        buffer = [UInt64](repeating: 0, count: 2 * Self.tokensPerRefill)
        buffer.withUnsafeMutableBytes { bytes in
            // arc4random_buf reads the kernel CSPRNG (getrandom) in glibc 2.36 and later.
            arc4random_buf(bytes.baseAddress!, bytes.count)
        }
    }
}
