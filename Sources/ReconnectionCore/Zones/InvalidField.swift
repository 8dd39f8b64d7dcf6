/// A value that breaks a rule of the contract, named by its field as the HTTP API spells it
/// (`grace_seconds`, `phase_grace_seconds.lobby`, `room_id`), so a caller can point at it.
public struct InvalidField: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field, in the API's snake_case spelling; nested members joined with dots.
    public var field: String
    /// What is wrong with it, in a sentence an operator can act on.
    public var message: String

    /// Creates the error for `field`.
    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
