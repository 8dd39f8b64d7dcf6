/// Sample values as Prometheus parses them, written without `String(format:)` or an
/// intermediate string for the common case of an integer.
extension ExpositionBuffer {
    /// Appends an unsigned integer in decimal.
    mutating func append(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value
            var start = digits.count
            while rest > 0 {
                let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: 10)
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remainder)
                rest = quotient
            }
            bytes.append(contentsOf: UnsafeMutableBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Appends a signed integer in decimal.
    mutating func append(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        append(UInt64(value.magnitude))
    }

    /// Appends a float: integral values as plain integers (`300`, not `300.0` or `3e+02`),
    /// infinities as `+Inf`/`-Inf`, NaN as `NaN`, anything else in Swift's shortest
    /// round-tripping form (`0.0025`, `1.5e-05`), which Prometheus's parser accepts.
    mutating func append(_ value: Double) {
        if value.isNaN {
            append("NaN")
        } else if value.isInfinite {
            append(value < 0 ? "-Inf" : "+Inf")
        } else if value.magnitude < 1e15, value.rounded(.towardZero) == value {
            append(Int(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }
}
