/// JSON Merge Patch (RFC 7396): members of the patch replace the target's, objects merge
/// recursively, and `null` removes a member.
enum MergePatch {
    static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var merged: JSONObject
        if case .object(let object) = target { merged = object } else { merged = JSONObject() }
        for change in changes.members {
            if change.value == .null {
                merged[change.key] = nil
            } else {
                merged[change.key] = apply(change.value, to: merged[change.key] ?? .null)
            }
        }
        return .object(merged)
    }
}
