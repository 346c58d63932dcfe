import Foundation
import NotionModel

/// What request normalization sees of the store (a copy, taken under the lock).
struct StateLookup: WorkspaceLookup {
    let state: WorkspaceState
    /// The request's time, for upload expiry; nil where no upload can be attached.
    var now: Date? = nil
    func pageTitle(_ id: NotionID) -> String? {
        guard state.pageVisible(id), let page = state.content.pages[id] else { return nil }
        return WorkspaceSnapshot.title(ofPage: page.json)
    }
    func databaseTitle(_ id: NotionID) -> String? {
        state.databaseVisible(id) ? state.title(ofDatabase: id) : nil
    }
    func user(_ id: NotionID) -> JSONValue? {
        let full = state.fullUser(["object": "user", "id": .string(id.rawValue)])
        return full["name"] == nil ? nil : full
    }
    func uploadedFile(_ id: NotionID) -> (filename: String, path: String)? {
        guard let record = state.content.fileUploads[id], record.json["status"]?.stringValue == "uploaded",
              let path = record.filePath ?? record.externalURL else { return nil }
        // An unattached upload past its expiry (an hour after creation) is expired and cannot be attached.
        if let now, let expiry = record.json["expiry_time"]?.stringValue, let date = ISODate.parse(expiry), now >= date { return nil }
        // An imported `external_url` upload has no stored bytes: its "path" is the absolute source URL,
        // which FileNormalizer turns into an `external` file object.
        return (record.json["filename"]?.stringValue ?? "file", path)
    }
}
