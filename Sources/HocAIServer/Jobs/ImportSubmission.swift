import Foundation
import HocAI
import Hummingbird

/// The one way an import starts, from the API or a page: who may send what, the centre it is
/// for, and the job for a file already received.
struct ImportSubmission {
    let server: HocAIServer

    struct Options: Sendable {
        var dryRun = false
        var allOrNothing = false
        var force = false
    }

    /// The centre an import of `kind` by `account` is for: experts need none and are the
    /// administrators'; a centre sends its own rosters and results; an instructor results, for
    /// the centre named (row-level security keeps them to their own classes). `auth.forbidden`,
    /// `center.unknown` (404), or a missing centre (400) otherwise.
    func center(for account: Account, kind: RosterKind, asked: String?, context: HocAIContext) async throws -> String? {
        var center = asked.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        switch (account.role, kind) {
        case (.admin, .experts): center = nil
        case (.admin, _): break
        case (.centre, .instructors), (.centre, .learners), (.centre, .completions):
            center = center ?? account.centerCode
            guard center == account.centerCode else { throw HocAIError.forbidden() }
        case (.instructor, .completions): break
        default: throw HocAIError.forbidden()
        }
        if kind.needsCenter && center == nil {
            throw Problem.invalid("center", context.language, vi: "cần mã trung tâm", en: "the centre's code is needed")
        }
        guard let code = center else { return nil }
        return try await server.database(.acting(as: account), context) { connection in
            try CenterService(connection: connection, logger: connection.logger).require(code).code
        }
    }

    /// Records the job for the file received at `server.jobs.uploadURL(id)` and queues it. The
    /// file is removed if the job cannot be queued.
    func start(
        id: UUID, account: Account, kind: RosterKind, center: String?, fileName: String?, size: Int, options: Options,
        context: HocAIContext
    ) async throws {
        let jobs = server.jobs
        let file = jobs.uploadURL(id)
        let name = Self.fileName(fileName, kind: kind)
        let job = ImportJobs.Job(
            id: id, kind: kind, center: center, account: account, file: file, fileName: name, dryRun: options.dryRun,
            allOrNothing: options.allOrNothing, force: options.force, language: context.language)
        do {
            try await server.database(.acting(as: account), context) { connection in
                // This server's job (sql/016), with a fresh lease.
                try connection.query("""
                    INSERT INTO import_jobs (id, kind, center_code, account_id, file_name, size, dry_run, all_or_nothing,
                                             server_id, lease_until)
                    VALUES (\(id), \(kind.rawValue), \(center), \(account.id), \(name), \(size), \(options.dryRun), \(options.allOrNothing),
                            \(jobs.serverID), now() + \(jobs.leaseSeconds) * interval '1 second')
                    """)
            }
            try await server.jobs.submit(job)
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
