@testable import ReconnectionAPI
import Testing

/// Numbers and label values as the text format wants them.
@Suite struct ExpositionBufferTests {
    private func text(_ write: (inout ExpositionBuffer) -> Void) -> String {
        var buffer = ExpositionBuffer()
        write(&buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (1, "1"), (300, "300"), (-7, "-7"), (1_795_000_000, "1795000000"),
        (0.0005, "0.0005"), (2.5, "2.5"), (12.5, "12.5"), (1e20, "1e+20"), (1.5e-05, "1.5e-05"),
        (.infinity, "+Inf"), (-.infinity, "-Inf"), (.nan, "NaN"),
    ] as [(Double, String)])
    func floats(value: Double, expected: String) {
        #expect(text { $0.append(value) } == expected)
    }

    @Test(arguments: [(0, "0"), (9, "9"), (10, "10"), (1234567890, "1234567890"), (UInt64.max, "18446744073709551615")] as [(UInt64, String)])
    func integers(value: UInt64, expected: String) {
        #expect(text { $0.append(value) } == expected)
    }

    @Test func labelValuesEscapeBackslashQuoteAndNewlineOnly() {
        #expect(String(decoding: ExpositionBuffer.label("zone", "a\\b\"c\nd\té"), as: UTF8.self) == #"zone="a\\b\"c\nd\#té""#)
    }

    @Test func bucketLabelsIncludeInfinity() {
        let layout = HistogramLayout(bounds: [0.5, 1, 2.5])
        #expect(layout.leLabels.map { String(decoding: $0, as: UTF8.self) } == [#"le="0.5""#, #"le="1""#, #"le="2.5""#, #"le="+Inf""#])
        #expect(layout.bucket(for: 0.5) == 0)
        #expect(layout.bucket(for: 0.6) == 1)
        #expect(layout.bucket(for: 9) == 3)
    }
}
