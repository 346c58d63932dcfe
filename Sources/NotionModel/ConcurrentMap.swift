import Dispatch
import Synchronization

extension RandomAccessCollection where Index == Int, Element: Sendable, Self: Sendable {
    /// `map` on every core (`DispatchQueue.concurrentPerform`), results in the collection's order:
    /// for CPU-bound work on independent elements (decoding, rendering, parsing files).
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let results = Mutex([T?](repeating: nil, count: count))
        let start = startIndex
        DispatchQueue.concurrentPerform(iterations: count) { offset in
            let value = transform(self[start + offset])
            results.withLock { $0[offset] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}
