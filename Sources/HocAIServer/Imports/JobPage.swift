import Foundation
import HocAI

/// An import's page: while it waits or runs, a progress bar (moved by the script, and the page
/// reloads itself without it); when done, the summary (accepted, rejected, new, updated,
/// unchanged, duplicates, warnings), the first rejects with line, column and message, and the
/// link to the rejects file; when it failed, why and what to do.
struct JobPage {
    let page: Page
    let job: JobRecord
    let progress: RosterImporter.Progress?


    var running: Bool { job.status == "queued" || job.status == "running" }

    var title: String {
        (page.language.text(.importOf)) + job.fileName
    }

    static func statusName(_ job: JobRecord, _ language: Language) -> String {
        switch job.status {
        case "queued": return language.text(.waiting)
        case "running": return language.text(.running)
        case "done": return job.dryRun ? (language.text(.checkedNothingWritten)) : (language.text(.imported))
        case "failed": return language.text(.failed)
        default: return job.status
        }
    }

    static func countNames(_ language: Language) -> [String: String] {
        let names: [String: WebText] = [
            "rows": .countRows, "accepted": .countAccepted, "rejected": .countRejected, "held": .countHeld, "inserted": .countInserted,
            "updated": .countUpdated, "unchanged": .countUnchanged, "duplicates": .countDuplicates, "warnings": .countWarnings,
        ]
        return names.mapValues(language.text)
    }

    var content: HTML {
        let url = job.url
        let facts: HTML = """
            <dl class="facts">
            <dt>\(page.language.text(.kind))</dt><dd>\(CentrePage.kindName(job.kind, page.language))</dd>
            \(job.center.map { code -> HTML in "<dt>\(page.language.text(.centre))</dt><dd>\(code)</dd>" })
            <dt>\(page.language.text(.file))</dt><dd><bdi>\(job.fileName)</bdi> (\(ByteCountFormatter.string(fromByteCount: Int64(job.size), countStyle: .file)))</dd>
            <dt>\(page.language.text(.status))</dt><dd data-status="\(job.status)">\(Self.statusName(job, page.language))</dd>
            </dl>
            """
        var body: HTML
        switch job.status {
        case "queued", "running":
            let percent = progress?.percent ?? 0
            body = """
                <div class="job-progress" data-job-url="\(url)" aria-live="polite">
                <label for="progress">\(page.language.text(.readingFile))</label>
                <progress id="progress" max="100" value="\(percent)">\(percent)%</progress>
                <p data-progress-text>\(progress.map { "\($0.rows) " + (page.language.text(.rows)) } ?? (page.language.text(.waitingForItsTurn))) · \(percent)%</p>
                </div>
                <p class="muted">\(page.language.text(.thisPageUpdatesItselfYouMay))</p>
                """
        case "failed":
            let error = job.errorObject
            let message = (error?[page.language.rawValue] as? String) ?? (page.language.text(.fileCouldNotBeImported))
            body = """
                <div class="verdict error" role="alert" data-code="\(error?["code"] as? String ?? "")"><strong>\(page.language.text(.verdictFailed))</strong> \(message)</div>
                <p>\(page.language.text(.nothingWasWrittenCorrectFileAs))</p>
                """
        default:
            body = summary
        }
        return """
            <h1>\(title)</h1>
            \(facts)
            \(body)
            <p><a href="\(page.context.identity?.role == .instructor ? "/instructor" : "/centre")">\(page.language.text(.sendAnotherFile))</a></p>
            """
    }

    private var summary: HTML {
        guard let summary = job.summaryObject else { return .empty }
        let names = Self.countNames(page.language)
        let counts = BatchRow.countKeys.map { key -> HTML in
            "<dt>\(names[key] ?? key)</dt><dd data-field=\"\(key)\" data-value=\"\(summary[key] as? Int ?? 0)\">\(summary[key] as? Int ?? 0)</dd>"
        }
        let rejected = summary["rejected"] as? Int ?? 0
        var notice: HTML
        if summary["already_imported"] as? Bool == true {
            notice = "<div class=\"verdict notice\" role=\"status\">\(page.language.text(.thisFileWasImportedBeforeIt))</div>"
        } else if job.dryRun {
            notice = "<div class=\"verdict notice\" role=\"status\"><strong>\(page.language.text(.verdictChecked))</strong> \(page.language.text(.ifThisLooksRightChooseFile))</div>"
        } else if summary["committed"] as? Bool == false {
            notice = "<div class=\"verdict error\" role=\"status\"><strong>\(page.language.text(.notWritten))</strong> \(page.language.text(.someRowsWereRejectedSoNone))</div>"
        } else {
            notice = "<div class=\"verdict valid\" role=\"status\"><strong>\(page.language.text(.verdictImported))</strong> \(page.language.text(.validRowsAreWritten))</div>"
        }
        let workbook = summary["format"] as? String == RosterFormat.xlsx.rawValue
        let rejects = (summary["rejects"] as? [[String: Any]] ?? []).prefix(20).map { issue -> HTML in
            // A workbook's places are cells as Excel names them (C17); a CSV's, column numbers.
            let place = workbook ? (issue["cell"] as? String).map { "\($0)" } : (issue["column"] as? Int).map { "\($0)" }
            let column: HTML = place.map { place -> HTML in "\(place) (\(issue["column_name"] as? String ?? ""))" } ?? "–"
            return "<tr><td class=\"number\">\(issue["line"] as? Int ?? 0)</td><td>\(column)</td><td>\(issue["message"] as? String ?? "")</td><td class=\"code\">\(issue["code"] as? String ?? "")</td></tr>"
        }
        let rejectsTable: HTML = rejects.isEmpty ? .empty : """
            <h2>\(page.language.text(.rowsReturned)) (\(rejected))</h2>
            \(job.hasRejects ? HTML("<p><a class=\"button\" href=\"\(job.url)/rejects\" download>\(page.language.text(.downloadRejects(workbook: workbook)))</a></p><p class=\"muted\">\(page.language.text(.openItInExcelCorrectEach))</p>") : .empty)
            <div class="table-wrap"><table class="errors">
            <thead><tr><th scope="col" class="number">\(page.language.text(.line))</th><th scope="col">\(workbook ? (page.language.text(.cell)) : (page.language.text(.column)))</th><th scope="col">\(page.language.text(.reason))</th><th scope="col">\(page.language.text(.code))</th></tr></thead>
            <tbody>\(rejects)</tbody></table></div>
            \(rejected > rejects.count ? HTML("<p class=\"muted\">\(page.language.text(.first20AreShownFileHas))</p>") : .empty)
            """
        let held = (summary["held_rows"] as? [[String: Any]] ?? []).prefix(20).map { issue -> HTML in
            "<li data-line=\"\(issue["line"] as? Int ?? 0)\">\(page.language.text(.line)) \(issue["line"] as? Int ?? 0): \(issue["message"] as? String ?? "")</li>"
        }
        let heldList: HTML = held.isEmpty ? .empty : """
            <h2>\(page.language.text(.rowsHeldForDecision)) (\(summary["held"] as? Int ?? 0))</h2>
            <ul class="plain held">\(held)</ul>
            """
        let warnings = (summary["warning_details"] as? [[String: Any]] ?? []).prefix(20).map { issue -> HTML in
            "<li>\(page.language.text(.line)) \(issue["line"] as? Int ?? 0): \(issue["message"] as? String ?? "")</li>"
        }
        return """
            \(notice)
            <dl class="facts summary">\(counts)</dl>
            \(rejectsTable)
            \(heldList)
            \(warnings.isEmpty ? HTML.empty : HTML("<h2>\(page.language.text(.warnings))</h2><ul class=\"plain\">\(warnings)</ul>"))
            """
    }
}

extension JobRecord {
    var summaryObject: [String: Any]? {
        summary.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    var errorObject: [String: Any]? {
        error.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}
