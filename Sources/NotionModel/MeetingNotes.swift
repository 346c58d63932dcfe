/// Payload of `meeting_notes` (and of its older name `transcription`). The block's own children
/// point at three blocks that hold the summary, the notes and the transcript.
public struct MeetingNotes: Hashable, Sendable, Codable {
    public var title: [RichText]?
    /// e.g. `"transcription_not_started"`, `"notes_ready"`.
    public var status: String?
    public var children: Children?
    /// Calendar event details (`start_time`, `end_time`, `attendees`), kept as JSON.
    public var calendarEvent: JSONValue?
    /// Recording times (`start_time`, `end_time`), kept as JSON.
    public var recording: JSONValue?

    public init(
        title: [RichText]? = nil, status: String? = nil, children: Children? = nil,
        calendarEvent: JSONValue? = nil, recording: JSONValue? = nil
    ) {
        self.title = title
        self.status = status
        self.children = children
        self.calendarEvent = calendarEvent
        self.recording = recording
    }

    public struct Children: Hashable, Sendable, Codable {
        public var summaryBlockID: BlockID?
        public var notesBlockID: BlockID?
        public var transcriptBlockID: BlockID?

        public init(summaryBlockID: BlockID? = nil, notesBlockID: BlockID? = nil, transcriptBlockID: BlockID? = nil) {
            self.summaryBlockID = summaryBlockID
            self.notesBlockID = notesBlockID
            self.transcriptBlockID = transcriptBlockID
        }

        enum CodingKeys: String, CodingKey {
            case summaryBlockID = "summary_block_id"
            case notesBlockID = "notes_block_id"
            case transcriptBlockID = "transcript_block_id"
        }
    }

    enum CodingKeys: String, CodingKey {
        case title, status, children
        case calendarEvent = "calendar_event"
        case recording
    }
}
