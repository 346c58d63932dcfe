import Foundation
import NotionModel

/// The page content earlier backup runs saved, offered to the walk so an unchanged page costs
/// no request: the committed raw JSON the manifest lists, and the pages an interrupted run
/// saved to `.notion-export/pending/` before it was stopped.
///
/// A saved page is reused only when all of these hold:
/// - its `last_edited_time` equals the one Notion reports now;
/// - it was settled when saved: Notion rounds `last_edited_time` down to the minute, so a page
///   edited less than `BackupTiming.settleInterval` before the saving run began could be edited
///   again within the same minute without the time changing; such a page is fetched again;
/// - the child pages and databases it holds are still the ones whose parent it is: a page
///   moved, added, trashed or unshared below it changes its content without changing its
///   `last_edited_time`.
final class SavedContent: StoredContent {
    struct Saved: Sendable {
        var file: URL
        var lastEditedTime: String
        var settled: Bool
    }

    let saved: [PageID: Saved]
    /// Pages whose child pages or databases changed.
    let stale: Set<PageID>

    init(outputDirectory: URL, manifest: BackupManifest, pending: [PendingPage], discovery: Discovery) {
        var saved: [PageID: Saved] = [:]
        var contains: [NotionID: Set<NotionID>] = [:]
        for (id, entry) in manifest.pages {
            saved[PageID(id)] = Saved(file: outputDirectory.appending(path: entry.jsonPath), lastEditedTime: entry.lastEditedTime,
                                      settled: !entry.recheck)
            contains[id] = Set(entry.contains)
        }
        for page in pending {
            saved[page.id] = Saved(file: page.file, lastEditedTime: page.lastEditedTime, settled: page.settled)
            contains[page.id.id] = page.contains
        }
        self.saved = saved

        // Where everything is now, by parent.
        var current: [NotionID: Parent] = [:]
        for page in discovery.pages { current[page.id.id] = page.parent }
        for (id, page) in discovery.knownPages { current[id.id] = page.parent }
        for table in discovery.tables {
            guard let database = table.databaseID?.id else { continue }
            if let parent = table.database?.parent ?? table.dataSource?.databaseParent { current[database] = parent }
        }
        var previousContainer: [NotionID: NotionID] = [:]
        for (container, children) in contains { for child in children { previousContainer[child] = container } }
        func recordedParent(_ id: NotionID) -> String? { manifest.pages[id]?.parent ?? manifest.databases[id]?.parent }
        /// The page whose content holds the object's block now, when that can be told without a request.
        func container(_ id: NotionID) -> NotionID? {
            switch current[id] {
            case .page(let page)?: page.id
            case .block(let block)? where recordedParent(id) == block.rawValue: previousContainer[id]
            default: nil
            }
        }
        var stale: Set<PageID> = []
        for id in current.keys {
            if let holder = container(id), let held = contains[holder], !held.contains(id) { stale.insert(PageID(holder)) }
        }
        for (holder, children) in contains {
            for child in children where current[child] == nil || container(child).map({ $0 != holder }) == true {
                stale.insert(PageID(holder))
            }
        }
        self.stale = stale
    }

    func content(for page: Page) -> StoredPage? {
        guard !stale.contains(page.id), let entry = saved[page.id], entry.settled, entry.lastEditedTime == page.lastEditedTime,
              let data = try? Data(contentsOf: entry.file), let document = try? JSONValue(data: data),
              document["page"]?["id"].notionID == page.id.id, document["page"]?["last_edited_time"]?.stringValue == page.lastEditedTime,
              let lists = BackupDocuments.lists(ofPageDocument: document),
              let saved = try? document["page"]?.decode(Page.self) else { return nil }
        return StoredPage(page: saved, lists: lists)
    }
}

/// A page an interrupted run fetched and saved before it was stopped:
/// `.notion-export/pending/<id>.json` = `{"fetched": <run start>, "page": …, "blocks": […]}`.
struct PendingPage: Sendable {
    var id: PageID
    var file: URL
    var lastEditedTime: String
    var settled: Bool
    var contains: Set<NotionID>

    static func folder(in outputDirectory: URL) -> URL {
        outputDirectory.appending(path: ".notion-export/pending", directoryHint: .isDirectory)
    }

    /// The pages saved in `folder` (unreadable files are ignored: those pages are fetched again).
    static func read(from folder: URL) -> [PendingPage] {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }.compactMap { file in
            guard let data = try? Data(contentsOf: file), let document = try? JSONValue(data: data),
                  let id = document["page"]?["id"].notionID, let time = document["page"]?["last_edited_time"]?.stringValue,
                  let fetched = document["fetched"]?.stringValue.flatMap(NotionTimestamp.date),
                  let lists = BackupDocuments.lists(ofPageDocument: document) else { return nil }
            return PendingPage(id: PageID(id), file: file, lastEditedTime: time,
                               settled: BackupTiming.isSettled(lastEditedTime: time, savedAt: fetched),
                               contains: BackupDocuments.childObjects(lists))
        }
    }

    /// Saves a page the walk completed (atomically: a stopped run leaves whole files only).
    static func write(_ page: CompletedPage, fetched: Date, to folder: URL) {
        var object = page.page.raw
        object["request_id"] = nil
        let document: JSONValue = ["fetched": .string(NotionTimestamp.string(fetched)), "page": object,
                                   "blocks": .array(BackupDocuments.nested(page.lists, under: page.page.id.id))]
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? document.data().write(to: folder.appending(path: "\(page.page.id.rawValue).json"), options: .atomic)
    }
}

/// When a saved `last_edited_time` can be trusted.
public enum BackupTiming {
    /// A page counts as settled when its (minute-rounded) `last_edited_time` is at least this long
    /// before the run that saved it began: one minute for the rounding, one for clock skew
    /// between this machine and Notion.
    public static let settleInterval: TimeInterval = 120

    public static func isSettled(lastEditedTime: String, savedAt: Date) -> Bool {
        guard let edited = NotionTimestamp.date(lastEditedTime) else { return false }
        return edited.addingTimeInterval(settleInterval) <= savedAt
    }
}
