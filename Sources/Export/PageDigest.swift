import NotionModel
import NotionMarkdown
import Synchronization

/// What the stages before rendering need from a page's blocks, read from one decoding of them:
/// the block ids it holds and shows and its heading anchors (`ExportLayout`), the users its blocks
/// name (`FetchedWorkspace.userNames`), the files they hold (`assetReferences`) and the pages and
/// databases it holds, in order (the site's child order).
///
/// A spooled page decodes its blocks each time `FetchedPage.blocks` is read; before the digest,
/// layout, users and assets each decoded every page again (a third of a 1,000-page export's CPU,
/// the same share for a single 100,000-block page). The digest is small (ids and names, no
/// content), made on first use and kept with the page.
public struct PageDigest: Sendable {
    /// Ids of the blocks the page holds itself (not the copies its synced references show).
    public var own: [BlockID]
    /// Ids of the blocks it shows: its own and its synced references' copies.
    public var shown: [BlockID] { shownWithCopies ?? own }
    /// `shown`, kept only when the page shows copies (most pages show their own blocks only).
    private var shownWithCopies: [BlockID]?
    /// Heading anchors (`HeadingAnchors.of`).
    public var anchors: [BlockID: String]
    /// The named users its blocks show, the first name of each, in document order.
    public var users: [(id: UserID, name: String)]
    /// Its blocks' Notion-hosted files, and all their files, external ones included
    /// (`FetchedWorkspace.blockReferences`).
    public var hostedFiles: [AssetReference]
    public var allFiles: [AssetReference]
    /// The child pages and databases it holds, in document order (synced copies included).
    public var childObjects: [NotionID]

    public init(_ blocks: [Block]) {
        var own: [BlockID] = [], shown: [BlockID] = []
        ExportLayout.index(blocks, copies: false, into: &own)
        ExportLayout.index(blocks, copies: true, into: &shown)
        self.own = own
        shownWithCopies = shown == own ? nil : shown
        anchors = HeadingAnchors.of(blocks)
        var seen: Set<UserID> = []
        users = []
        for user in FetchedWorkspace.users(in: blocks) {
            guard let name = user.name, !name.isEmpty, seen.insert(user.id).inserted else { continue }
            users.append((user.id, name))
        }
        hostedFiles = FetchedWorkspace.blockReferences(blocks, includeExternal: false)
        allFiles = FetchedWorkspace.blockReferences(blocks, includeExternal: true)
        var children: [NotionID] = []
        func walk(_ blocks: [Block]) {
            for block in blocks {
                switch block.content {
                case .childPage, .childDatabase: children.append(block.id.id)
                default: walk(block.children)
                }
            }
        }
        walk(blocks)
        childObjects = children
    }

    /// `FetchedWorkspace.blockReferences(blocks, includeExternal:)`.
    public func files(includeExternal: Bool) -> [AssetReference] {
        includeExternal ? allFiles : hostedFiles
    }
}

/// A page's digest, made once and shared by the copies of its `FetchedPage`.
final class PageDigestBox: Sendable {
    private let digest = Mutex<PageDigest?>(nil)

    func get(_ make: () -> PageDigest) -> PageDigest {
        if let done = digest.withLock({ $0 }) { return done }
        let made = make()  // outside the lock: two threads may both make it, with the same result
        digest.withLock { if $0 == nil { $0 = made } }
        return made
    }
}
