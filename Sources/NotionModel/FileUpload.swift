/// A file upload object. `raw` is the JSON it was decoded from: not encoded, ignored by equality.
public struct FileUpload: Hashable, Sendable, Identifiable {
    public var object: String
    public var id: NotionID
    public var createdTime: String
    /// `{id, type}` (no `object`).
    public var createdBy: User?
    public var lastEditedTime: String
    /// An hour after creation while unattached; null once attached.
    public var expiryTime: String?
    /// Pending uploads only.
    public var uploadURL: String?
    /// Pending multi-part uploads only.
    public var completeURL: String?
    public var inTrash: Bool?
    /// `pending`, `uploaded`, `expired`, `failed`.
    public var status: String
    public var filename: String?
    public var contentType: String?
    public var contentLength: Int?
    public var numberOfParts: Parts?
    /// `external_url` mode only.
    public var fileImportResult: ImportResult?
    public var archived: Bool?
    public var requestID: String?
    @NotCompared public var raw: JSONValue = .null

    public init(
        id: NotionID, createdTime: String, createdBy: User? = nil, lastEditedTime: String, expiryTime: String? = nil,
        uploadURL: String? = nil, completeURL: String? = nil, inTrash: Bool? = false, status: String,
        filename: String? = nil, contentType: String? = nil, contentLength: Int? = nil, numberOfParts: Parts? = nil,
        fileImportResult: ImportResult? = nil, archived: Bool? = nil, requestID: String? = nil
    ) {
        self.object = "file_upload"
        self.id = id
        self.createdTime = createdTime
        self.createdBy = createdBy
        self.lastEditedTime = lastEditedTime
        self.expiryTime = expiryTime
        self.uploadURL = uploadURL
        self.completeURL = completeURL
        self.inTrash = inTrash
        self.status = status
        self.filename = filename
        self.contentType = contentType
        self.contentLength = contentLength
        self.numberOfParts = numberOfParts
        self.fileImportResult = fileImportResult
        self.archived = archived
        self.requestID = requestID
    }

    /// `{"total","sent"}` for multi-part uploads.
    public struct Parts: Hashable, Sendable, Codable {
        public var total: Int
        public var sent: Int
        public init(total: Int, sent: Int) {
            self.total = total
            self.sent = sent
        }
        enum CodingKeys: String, CodingKey { case total, sent }
    }

    /// `{"type":"success","success":{},"imported_time"}` or `{"type":"error","error":{…}}`.
    public struct ImportResult: Hashable, Sendable, Codable {
        public var type: String
        public var importedTime: String?
        public var success: JSONValue?
        public var error: JSONValue?
        public init(type: String, importedTime: String? = nil, success: JSONValue? = nil, error: JSONValue? = nil) {
            self.type = type
            self.importedTime = importedTime
            self.success = success
            self.error = error
        }
        enum CodingKeys: String, CodingKey {
            case type
            case importedTime = "imported_time"
            case success, error
        }
    }
}

extension FileUpload: Codable {
    enum CodingKeys: String, CodingKey {
        case object, id
        case createdTime = "created_time"
        case createdBy = "created_by"
        case lastEditedTime = "last_edited_time"
        case expiryTime = "expiry_time"
        case uploadURL = "upload_url"
        case completeURL = "complete_url"
        case inTrash = "in_trash"
        case status, filename
        case contentType = "content_type"
        case contentLength = "content_length"
        case numberOfParts = "number_of_parts"
        case fileImportResult = "file_import_result"
        case archived
        case requestID = "request_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        object = try c.decode(String.self, forKey: .object)
        id = try c.decode(NotionID.self, forKey: .id)
        createdTime = try c.decode(String.self, forKey: .createdTime)
        createdBy = try c.decodeIfPresent(User.self, forKey: .createdBy)
        lastEditedTime = try c.decode(String.self, forKey: .lastEditedTime)
        expiryTime = try c.decodeIfPresent(String.self, forKey: .expiryTime)
        uploadURL = try c.decodeIfPresent(String.self, forKey: .uploadURL)
        completeURL = try c.decodeIfPresent(String.self, forKey: .completeURL)
        inTrash = try c.decodeIfPresent(Bool.self, forKey: .inTrash)
        status = try c.decode(String.self, forKey: .status)
        filename = try c.decodeIfPresent(String.self, forKey: .filename)
        contentType = try c.decodeIfPresent(String.self, forKey: .contentType)
        contentLength = try c.decodeIfPresent(Int.self, forKey: .contentLength)
        numberOfParts = try c.decodeIfPresent(Parts.self, forKey: .numberOfParts)
        fileImportResult = try c.decodeIfPresent(ImportResult.self, forKey: .fileImportResult)
        archived = try c.decodeIfPresent(Bool.self, forKey: .archived)
        requestID = try c.decodeIfPresent(String.self, forKey: .requestID)
        raw = try JSONValue(from: decoder)
    }
}
