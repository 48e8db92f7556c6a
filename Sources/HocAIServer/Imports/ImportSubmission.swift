import Foundation
import HocAI
import Hummingbird
import PostgresLibPQ

/// The one way an import starts, from the API or a page: the request is `ImportPolicy`'s to
/// allow before anything is received; once the file is, the job is recorded and queued.
struct ImportSubmission {
    let database: ServerDatabase
    let jobs: ImportJobs

    /// What `account` may import as `request` asks (`ImportPolicy.authorize`), in the request's
    /// language: `auth.forbidden`, or 400 for a missing or malformed centre. Nothing is read from
    /// the register: the job's row refuses a centre that does not exist (`start`).
    func authorize(_ request: ImportRequest, by account: Account, context: HocAIContext) throws -> ImportRequest {
        var request = request
        request.language = context.language
        return try ImportPolicy.authorize(request, by: account)
    }

    /// Records the job for the file received at `jobs.uploadURL(id)` and queues it: one
    /// transaction, in which the job's foreign key checks its centre (`center.unknown`, 404). The
    /// file is removed if the job cannot be queued.
    func start(id: UUID, request: ImportRequest, account: Account, size: Int, context: HocAIContext) async throws {
        let jobs = jobs
        let file = jobs.uploadURL(id)
        var named = request
        named.fileName = Self.fileName(request.fileName, kind: request.kind)
        let request = named
        do {
            try await database(.acting(as: account), context) { connection in
                do {
                    // This server's job (sql/016), with a fresh lease.
                    try connection.query("""
                        INSERT INTO import_jobs (id, kind, center_code, account_id, file_name, size, dry_run, all_or_nothing,
                                                 server_id, lease_until)
                        VALUES (\(id), \(request.kind.rawValue), \(request.center), \(account.id), \(request.fileName), \(size),
                                \(request.dryRun), \(request.allOrNothing), \(jobs.serverID), now() + \(jobs.leaseSeconds) * interval '1 second')
                        """)
                } catch let error as PostgresError where error.isForeignKeyViolation {
                    // The one foreign key a job's row can miss without a bug: its centre's.
                    guard let center = request.center else { throw error }
                    throw HocAIError.unknownCenter(center)
                }
            }
            try await jobs.submit(ImportJobs.Job(id: id, request: request, account: account, file: file))
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
    }

    /// The name the clerk's file had (for the batch's record and the rejects file's name), reduced
    /// to safe characters.
    static func fileName(_ given: String?, kind: RosterKind) -> String {
        let name = (given ?? "\(kind.rawValue).csv").unicodeScalars.filter {
            !VietnameseText.isInvisibleOrControl($0) && !"/\\\"".unicodeScalars.contains($0)
        }
        let text = String(String.UnicodeScalarView(name)).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "\(kind.rawValue).csv" : String(text.prefix(120))
    }
}
