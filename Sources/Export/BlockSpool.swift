import Foundation
import NotionModel
import Synchronization

/// The block lists a fetch has read, kept on disk instead of in memory: a workspace's blocks are
/// most of what a run holds, and as parsed JSON they take about ten times their size. Each list
/// (the children of one page or block, as Notion returned them) is appended to one anonymous
/// file as compact JSON; only offsets stay in memory, so a run's memory grows with the number of
/// lists, not with their content. Pages are decoded from it one at a time when a stage needs
/// them (`FetchedPage.blocks`).
///
/// The file is unlinked as soon as it is created: nothing is left behind, even by a killed run.
/// Reads use `pread`, so any number of threads read at once; appends take a lock.
public final class BlockSpool: Sendable {
    struct Index {
        var lists: [NotionID: (offset: Int, length: Int)] = [:]
        var end = 0
    }

    private let descriptor: Int32
    private let index = Mutex(Index())
    private let decoded = Atomic<Int>(0)

    /// How many times a page's (or block's) blocks were decoded (`blocks(of:)`): what the stages
    /// cost in decoding, for tests.
    public var decodeCount: Int { decoded.load(ordering: .relaxed) }

    /// A spool in `folder` (the system's temporary folder by default: `TMPDIR`).
    public init(folder: URL = FileManager.default.temporaryDirectory) throws(ExportError) {
        let path = folder.appending(path: "notion-export-\(getpid())-\(UUID().uuidString).spool").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ExportError(stage: .fetchTree, subject: "the block spool",
                              reason: .fileSystem("cannot create \(path): \(String(cString: strerror(errno))). Set TMPDIR to a writable folder."))
        }
        unlink(path)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Keeps `list` as the children of `parent` (a later list for the same parent replaces it).
    public func store(_ list: [JSONValue], of parent: NotionID) throws(ExportError) {
        let data = JSONValue.array(list).data()
        let failure: Int32? = index.withLock { index in
            let offset = index.end
            let written = data.withUnsafeBytes { bytes -> Int in
                var done = 0
                while done < bytes.count {
                    let result = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
                    if result < 0 { if errno == EINTR { continue }; return -1 }
                    done += result
                }
                return done
            }
            guard written == data.count else { return errno }
            index.end += data.count
            index.lists[parent] = (offset, data.count)
            return nil
        }
        if let failure {
            throw ExportError(stage: .fetchTree, subject: "children of \(parent)",
                              reason: .fileSystem("cannot spool them to the temporary folder: \(String(cString: strerror(failure))). Free space in TMPDIR or set it to another folder."))
        }
    }

    /// Whether `parent`'s children were stored.
    public func contains(_ parent: NotionID) -> Bool { index.withLock { $0.lists[parent] != nil } }

    /// Whether `parent`'s stored children are not an empty list (`[]` is two bytes).
    public func hasItems(_ parent: NotionID) -> Bool { index.withLock { ($0.lists[parent]?.length ?? 0) > 2 } }

    /// How many lists are stored.
    public var count: Int { index.withLock { $0.lists.count } }

    /// The children of `parent` as stored, or nil when none were.
    public func list(of parent: NotionID) -> [JSONValue]? {
        guard let location = index.withLock({ $0.lists[parent] }) else { return nil }
        var data = Data(count: location.length)
        let read = data.withUnsafeMutableBytes { bytes -> Int in
            var done = 0
            while done < bytes.count {
                let result = pread(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(location.offset + done))
                if result < 0 { if errno == EINTR { continue }; return -1 }
                if result == 0 { break }
                done += result
            }
            return done
        }
        // The spool is private to this process: a short read or bad JSON is a broken disk.
        guard read == location.length, let value = try? JSONValue(data: data) else {
            fatalError("the block spool lost the children of \(parent): the temporary folder's disk failed")
        }
        return value.arrayValue ?? []
    }

    /// A page's (or block's) blocks with their children filled in, as `FetchedPage.blocks` gives
    /// them: a synced reference carries its original's children (once per path: a cycle stops),
    /// child pages and databases carry none (they are documents of their own).
    public func blocks(of parent: NotionID) throws(ExportError) -> [Block] {
        decoded.add(1, ordering: .relaxed)
        return try blocks(of: parent, syncedPath: [])
    }

    private func blocks(of parent: NotionID, syncedPath: Set<NotionID>) throws(ExportError) -> [Block] {
        try (list(of: parent) ?? []).map { json throws(ExportError) in
            var block: Block
            do { block = try json.decode(Block.self) } catch {
                throw ExportError(stage: .fetchTree, subject: "block \(json["id"]?.stringValue ?? "?") in \(parent)",
                                  reason: .undecodable("\(error)"))
            }
            switch block.content {
            case .syncedBlock(let synced):
                if let original = synced.syncedFrom?.id {
                    if !syncedPath.contains(original) {
                        block.children = try blocks(of: original, syncedPath: syncedPath.union([original]))
                    }
                } else {
                    block.children = try blocks(of: block.id.id, syncedPath: syncedPath.union([block.id.id]))
                }
            case .childPage, .childDatabase:
                break
            default:
                block.children = try blocks(of: block.id.id, syncedPath: syncedPath)
            }
            return block
        }
    }
}
