/// Wraps a stored property that equality and hashing ignore. The model uses it for each top-level
/// object's `raw` JSON: two values are equal when their typed view is equal, so a hand-built value
/// compares equal to the same object decoded from Notion.
@propertyWrapper
public struct NotCompared<Value: Sendable>: Hashable, Sendable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    public static func == (lhs: Self, rhs: Self) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
