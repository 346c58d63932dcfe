/// The `Content-Type` a file is served with, from its extension (case-insensitive).
///
/// A fixed table rather than the system's MIME database: the answer must not depend on the
/// machine, and text types carry `charset=utf-8` because the site writer writes UTF-8.
enum ContentType {
    static func forFile(named name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return octetStream }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? octetStream
    }

    static let octetStream = "application/octet-stream"
    static let html = "text/html; charset=utf-8"
    static let plainText = "text/plain; charset=utf-8"

    static let byExtension: [String: String] = [
        "html": html,
        "htm": html,
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json",
        "xml": "application/xml",
        "rss": "application/rss+xml",
        "txt": plainText,
        "csv": "text/csv; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/vnd.microsoft.icon",
        "pdf": "application/pdf",
        "mp4": "video/mp4",
        "webm": "video/webm",
        "mp3": "audio/mpeg",
        "wav": "audio/wav",
        "ogg": "audio/ogg",
        "woff": "font/woff",
        "woff2": "font/woff2",
    ]
}
