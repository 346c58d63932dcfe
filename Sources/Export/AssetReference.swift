import Foundation
import NotionModel

/// A file the export should keep a local copy of: where it is now, its stable identity, and the
/// object to re-read for a fresh URL when Notion's signed URL has expired.
public struct AssetReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The object a file belongs to: re-read to get a fresh signed URL.
    public enum Owner: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// A media block (`image`, `video`, `audio`, `pdf`, `file`) or a block's icon (callout).
        case block(BlockID)
        /// A page's cover, icon or `files` property.
        case page(PageID)
        /// A database's cover or icon.
        case database(DatabaseID)
        /// A data source's cover or icon.
        case dataSource(DataSourceID)

        public var description: String {
            switch self {
            case .block(let id): "block \(id)"
            case .page(let id): "page \(id)"
            case .database(let id): "database \(id)"
            case .dataSource(let id): "data source \(id)"
            }
        }

        var rank: (Int, NotionID) {
            switch self {
            case .block(let id): (0, id.id)
            case .page(let id): (1, id.id)
            case .database(let id): (2, id.id)
            case .dataSource(let id): (3, id.id)
            }
        }

        public static func < (lhs: Owner, rhs: Owner) -> Bool { lhs.rank < rhs.rank }
    }

    /// The file as the owner holds it: `.file` (Notion-hosted, expiring URL) or `.external`.
    public var file: FileObject
    /// The stable identity: a hosted file's URL without its query (the signature changes on every
    /// read, the path does not); an external file's whole URL.
    public var key: String
    public var owner: Owner
    /// The owner's `last_edited_time` when it was read: a file downloaded for the same key and
    /// time is not downloaded again.
    public var ownerLastEditedTime: String
    /// A readable name: the `file` block's or `files` property item's name, else the last
    /// component of the URL's path (Notion keeps the uploaded file's name there).
    public var nameHint: String

    /// A reference to a file with a URL; nil for `file_upload` objects and unknown file types.
    /// - Parameter name: the name the owner gives the file (`file` block, `files` property item).
    public init?(file: FileObject, owner: Owner, ownerLastEditedTime: String, name: String? = nil) {
        guard let url = file.url, let key = Self.key(for: file) else { return nil }
        self.file = file
        self.key = key
        self.owner = owner
        self.ownerLastEditedTime = ownerLastEditedTime
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        nameHint = trimmed.isEmpty ? Self.lastPathComponent(of: url) : trimmed
    }

    /// The URL to download from (the one the owner held when it was read).
    public var url: String { file.url ?? key }

    /// Whether the file is Notion-hosted (its URL expires; a fresh one comes from re-reading the owner).
    public var isHosted: Bool {
        if case .file = file { return true }
        return false
    }

    /// The stable identity of a file object (see `key`); nil when it has no URL.
    public static func key(for file: FileObject) -> String? {
        switch file {
        case .file(let url, _): hostedKey(url)
        case .external(let url): url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        case .fileUpload, .unknown: nil
        }
    }

    /// A URL without its query and fragment.
    static func stableKey(_ url: String) -> String {
        String(url.prefix { $0 != "?" && $0 != "#" })
    }

    /// A Notion-hosted file's identity: its URL's path (`/<space>/<file id>/<name>`), without the
    /// signature and without the host, which is not part of the file's identity (the same file is
    /// served from another host or port after a migration, or by another emulator run).
    static func hostedKey(_ url: String) -> String {
        let stable = stableKey(url)
        guard let scheme = stable.range(of: "://") else { return stable }
        let afterHost = stable[scheme.upperBound...].firstIndex(of: "/") ?? stable.endIndex
        return String(stable[afterHost...])
    }

    /// The percent-decoded last component of a URL's path ("file" when it has none).
    static func lastPathComponent(of url: String) -> String {
        let path = URLComponents(string: url)?.path ?? stableKey(url)
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        let decoded = last.removingPercentEncoding ?? last
        return decoded.isEmpty ? "file" : decoded
    }

    public var description: String { "\(nameHint) in \(owner)" }

    /// By key, then owner and name: the order of references and of the first of duplicates.
    public static func < (lhs: AssetReference, rhs: AssetReference) -> Bool {
        if lhs.key != rhs.key { return lhs.key < rhs.key }
        if lhs.owner != rhs.owner { return lhs.owner < rhs.owner }
        return (lhs.nameHint, lhs.ownerLastEditedTime) < (rhs.nameHint, rhs.ownerLastEditedTime)
    }
}

extension FetchedWorkspace {
    /// Every file with a URL in the workspace: media blocks (at any depth), block icons (callouts),
    /// page covers and icons, `files` properties, database and data source covers and icons.
    /// Notion-hosted files always; external ones when `includeExternal`. One reference per key
    /// (of several owners the smallest: blocks first, then by id), sorted by key.
    public func assetReferences(includeExternal: Bool) -> [AssetReference] {
        var byKey: [String: AssetReference] = [:]
        func keep(_ reference: AssetReference) {
            if let kept = byKey[reference.key], kept <= reference { return }
            byKey[reference.key] = reference
        }
        func add(_ file: FileObject?, _ owner: AssetReference.Owner, _ time: String, name: String? = nil) {
            guard let file, file.isDownloadable(includeExternal: includeExternal),
                  let reference = AssetReference(file: file, owner: owner, ownerLastEditedTime: time, name: name) else { return }
            keep(reference)
        }
        func add(_ icon: Icon?, _ owner: AssetReference.Owner, _ time: String) {
            add(icon?.fileObject, owner, time)
        }
        // The blocks' files, each page's blocks read once and on every core (the smallest owner
        // of a key wins, so the order they are kept in does not matter).
        for references in pages.concurrentMap({ $0.digest.files(includeExternal: includeExternal) }) {
            references.forEach(keep)
        }
        for fetched in pages {
            let page = fetched.page
            add(page.cover, .page(page.id), page.lastEditedTime)
            add(page.icon, .page(page.id), page.lastEditedTime)
            for property in page.properties.values {
                guard case .files(let files) = property.value else { continue }
                for named in files { add(named.file, .page(page.id), page.lastEditedTime, name: named.name) }
            }
        }
        for table in tables {
            if let database = table.database {
                add(database.cover, .database(database.id), database.lastEditedTime)
                add(database.icon, .database(database.id), database.lastEditedTime)
            }
            if let source = table.dataSource {
                add(source.cover, .dataSource(source.id), source.lastEditedTime)
                add(source.icon, .dataSource(source.id), source.lastEditedTime)
            }
        }
        return byKey.values.sorted()
    }

    /// The files of media blocks, callout icons and paragraph icons, at any depth.
    static func blockReferences(_ blocks: [Block], includeExternal: Bool) -> [AssetReference] {
        var references: [AssetReference] = []
        func add(_ file: FileObject?, _ block: Block, name: String? = nil) {
            guard let file, file.isDownloadable(includeExternal: includeExternal),
                  let reference = AssetReference(file: file, owner: .block(block.id), ownerLastEditedTime: block.lastEditedTime, name: name)
            else { return }
            references.append(reference)
        }
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block.content {
                case .image(let media), .video(let media), .audio(let media), .pdf(let media), .file(let media):
                    add(media.file, block, name: media.name)
                case .callout(let callout):
                    add(callout.icon?.fileObject, block)
                case .paragraph(let text):
                    add(text.icon?.fileObject, block)
                default:
                    break
                }
                visit(block.children)
            }
        }
        visit(blocks)
        return references
    }
}

extension FileObject {
    func isDownloadable(includeExternal: Bool) -> Bool {
        switch self {
        case .file: true
        case .external(let url): includeExternal && (url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://"))
        case .fileUpload, .unknown: false
        }
    }
}

extension Icon {
    /// The file behind a file or external icon.
    var fileObject: FileObject? {
        switch self {
        case .file(let url, let expiryTime): .file(url: url, expiryTime: expiryTime)
        case .external(let url): .external(url: url)
        case .emoji, .customEmoji, .fileUpload, .native, .unknown: nil
        }
    }
}
