import Foundation

/// A `multipart/form-data` body: what `POST /v1/file_uploads/{id}/send` takes instead of JSON
/// (a `file` part with its filename and content type, and `part_number` for multi-part uploads).
public struct MultipartForm: Sendable {
    public struct Part: Sendable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var data: Data

        public init(name: String, filename: String? = nil, contentType: String? = nil, data: Data) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    public var parts: [Part]
    /// Fixed per form, so a body is a pure function of its parts (tests compare bytes). It only has
    /// to be absent from the parts' bytes, which `encoded()` checks.
    public var boundary: String

    public init(parts: [Part], boundary: String = "notion-export-form-7d1c3a9e5b2f4806") {
        self.parts = parts
        self.boundary = boundary
    }

    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// The body bytes (RFC 7578), with a longer boundary chosen if the given one occurs in a part.
    public func encoded() -> (body: Data, contentType: String) {
        var form = self
        let marker = Data("--".utf8)
        while form.parts.contains(where: { $0.data.range(of: marker + Data(form.boundary.utf8)) != nil }) {
            form.boundary += "-x"
        }
        var body = Data()
        for part in form.parts {
            var header = "--\(form.boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(part.name))\""
            if let filename = part.filename { header += "; filename=\"\(Self.quoted(filename))\"" }
            header += "\r\n"
            if let type = part.contentType { header += "Content-Type: \(type)\r\n" }
            header += "\r\n"
            body.append(Data(header.utf8))
            body.append(part.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(form.boundary)--\r\n".utf8))
        return (body, form.contentType)
    }

    /// Quotes and line breaks cannot appear inside a quoted header parameter; browsers percent-encode them.
    static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }
}
