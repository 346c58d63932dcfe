import Foundation
import NotionAPI
import NotionModel
import Synchronization

/// One JSON object per line per request: time, method, path (query included), status, fault and
/// duration. The Authorization header is never written.
public final class RequestLog: Sendable {
    let handle: Mutex<FileHandle>
    let clock: @Sendable () -> Date

    public init(path: String, clock: @escaping @Sendable () -> Date = Date.init) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        self.handle = Mutex(handle)
        self.clock = clock
    }

    /// `endpoint` is the matched endpoint's name, nil for file downloads.
    func record(request: HTTPRequest, endpoint: String?, status: Int?, fault: String?, seconds: Double) {
        var query = request.url.query.map { "?" + $0 } ?? ""
        if query.count > 500 { query = String(query.prefix(500)) + "…" }
        let line: JSONValue = [
            "time": .string(NotionTime.isoSeconds(clock())),
            "method": .string(request.method),
            "path": .string(request.url.path + query),
            "endpoint": .string(endpoint ?? "file"),
            "status": status.map { .int($0) } ?? .null,
            "fault": fault.map { .string($0) } ?? .null,
            "ms": .int(Int((seconds * 1000).rounded())),
        ]
        var data = line.data()
        data.append(0x0A)
        handle.withLock { $0.write(data) }
    }
}
