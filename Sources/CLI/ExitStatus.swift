import ArgumentParser
import NotionAPI

/// The documented exit codes. Scripts branch on them, so they never change meaning.
enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    case failure = 1
    /// The run finished, but some objects failed (listed in the report).
    case partialFailure = 2
    /// 401 unauthorized or 403 restricted_resource: the token or the integration's capabilities.
    case authentication = 3
    /// 404 object_not_found: the object does not exist or is not shared with the integration.
    case notFound = 4
    /// Notion kept failing (retries exhausted on 429/5xx/network) or a write failed in a way that
    /// may have applied it.
    case unavailable = 5
    /// `backup --check`: the backup is not up to date (what would change is listed).
    case changes = 6
    case usage = 64

    var exitCode: ExitCode { ExitCode(rawValue) }

    /// The table in `notion-export --help` (and the README).
    static let table = """
    Exit codes:
      0   success
      1   failure
      2   partial failure: finished, but some objects failed (see --report)
      3   authentication or permission: 401 unauthorized, 403 restricted_resource
      4   not found or not shared with the integration: 404 object_not_found
      5   Notion unavailable: retries exhausted on 429/5xx/network errors, or a
          write that failed in a way that may have applied it
      6   backup --check: the backup is out of date (the changes are listed)
      64  usage error: bad flags, arguments, configuration or --data
    """

    /// Which code a failed request ends the run with.
    init(_ error: NotionError) {
        switch error.reason {
        case .retriesExhausted, .unsafeToRetry, .transport:
            self = .unavailable
        case .configuration:
            self = .usage
        case .malformedResponse:
            self = .failure
        case .api, .http:
            if error.code == .unauthorized || error.code == .restrictedResource || error.status == 401 || error.status == 403 {
                self = .authentication
            } else if error.code == .objectNotFound || error.status == 404 {
                self = .notFound
            } else if let status = error.status, status >= 500 {
                self = .unavailable
            } else {
                self = .failure
            }
        }
    }
}

/// A problem with flags, environment or input found while running (after parsing): exit 64 with
/// one `error:` line, and still a run report.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
