import Foundation

/// An integration token. Its value is reachable only through `withValue`, which the transport uses
/// to build the Authorization header; printing, interpolating, dumping or mirroring it shows a
/// placeholder, so the token cannot leak into logs, errors, reports or crash output by accident.
public struct NotionToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) { self.value = value.trimmingCharacters(in: .whitespacesAndNewlines) }

    public var isEmpty: Bool { value.isEmpty }

    /// Whether a space, line break or control character is left inside the (trimmed) token: no
    /// secret has one, and in the Authorization header it would split the request.
    public var hasInnerWhitespaceOrControl: Bool {
        value.unicodeScalars.contains { CharacterSet.whitespacesAndNewlines.contains($0) || CharacterSet.controlCharacters.contains($0) }
    }
    public var description: String { "••••" }
    public var debugDescription: String { "NotionToken(••••)" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Hands the secret to code that must send it, and nowhere else.
    public func withValue<T>(_ body: (String) throws -> T) rethrows -> T { try body(value) }

    /// Replaces every occurrence of the token in `text` (defence in depth for anything printed).
    public func redact(_ text: String) -> String {
        guard value.count >= 4 else { return text }
        return text.replacingOccurrences(of: value, with: "••••")
    }
}
