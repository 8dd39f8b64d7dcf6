import ReconnectionCore

extension Timestamp {
    /// RFC 3339 in UTC with milliseconds, e.g. `2026-11-21T10:00:00.123Z`. Years outside
    /// 0...9999 are written with as many digits as they need (and a `-` when negative), as the
    /// zero-padding of the original interpolating version did.
    var rfc3339: String {
        let millis = milliseconds
        let (days, dayMillis) = Self.floorDivide(millis, 86_400_000)
        let (year, month, day) = Self.civil(fromDays: days)
        guard (0...9999).contains(year) else { return Self.wideYearText(year, month, day, dayMillis) }
        let seconds = dayMillis / 1000
        // Written digit by digit into the string's own storage: this runs twice for every
        // disconnect answer, and interpolating padded pieces cost thousands of instructions.
        return String(unsafeUninitializedCapacity: 24) { text in
            func put(_ value: Int64, _ width: Int, at offset: Int) {
                var rest = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    text[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
            }
            put(year, 4, at: 0)
            text[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            text[7] = UInt8(ascii: "-")
            put(day, 2, at: 8)
            text[10] = UInt8(ascii: "T")
            put(seconds / 3600, 2, at: 11)
            text[13] = UInt8(ascii: ":")
            put(seconds / 60 % 60, 2, at: 14)
            text[16] = UInt8(ascii: ":")
            put(seconds % 60, 2, at: 17)
            text[19] = UInt8(ascii: ".")
            put(dayMillis % 1000, 3, at: 20)
            text[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// ``rfc3339`` for a year that does not fit four digits.
    private static func wideYearText(_ year: Int64, _ month: Int64, _ day: Int64, _ dayMillis: Int64) -> String {
        let seconds = dayMillis / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))."
            + "\(pad(dayMillis % 1000, 3))Z"
    }

    /// Parses what ``rfc3339`` writes (the state file's format); `nil` for anything else.
    init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[23] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            Int64(String(decoding: bytes[range], as: UTF8.self)).flatMap { $0 >= 0 ? $0 : nil }
        }
        let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, ".")]
        guard separators.allSatisfy({ bytes[$0.0] == $0.1.asciiValue }),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            let millis = number(20..<23), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = Self.days(fromCivil: year, month, day)
        self.init(milliseconds: ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    // Howard Hinnant's civil-calendar algorithms (proleptic Gregorian).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097).0
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400).0
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
