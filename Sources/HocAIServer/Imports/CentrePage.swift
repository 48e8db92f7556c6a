import HocAI

/// A clerk's page: the import form (the kind, the file, "check first" offered before "import"),
/// the centre's recent jobs, and its finished batches with their counts.
struct CentrePage {
    let page: Page
    let account: Account
    let center: TrainingCenter?
    let jobs: [JobRecord]
    let batches: [BatchRow]
    /// The centre's rows held for an identity decision, and those decided lately.
    let held: [IdentityConflicts.HeldRow]

    static func title(_ language: Language) -> String { language.text(.importRosters) }


    /// A timestamp (`2026-12-02T14:05:09+07:00`) to the minute, as a table shows it.
    private static func minute(_ timestamp: String) -> String {
        timestamp.prefix(16).replacingOccurrences(of: "T", with: " ")
    }

    static func kindName(_ kind: String, _ language: Language) -> String {
        switch RosterKind(rawValue: kind) {
        case .experts: return language.text(.provincialExperts)
        case .instructors: return language.text(.coreInstructors)
        case .learners: return language.text(.learnersAndClasses)
        case .completions: return language.text(.results)
        case nil: return kind
        }
    }

    var content: HTML {
        let kinds: [RosterKind] = account.role == .admin ? [.learners, .instructors, .completions, .experts] : [.learners, .instructors, .completions]
        let options = kinds.map { kind -> HTML in "<option value=\"\(kind.rawValue)\">\(Self.kindName(kind.rawValue, page.language))</option>" }
        let centerField: HTML = account.role == .admin ? """
            <label for="center">\(page.language.text(.centreCodeEmptyForExperts))</label>
            <input type="text" id="center" name="center" autocomplete="off" spellcheck="false" maxlength="20">
            """ : .empty
        let heading: HTML = center.map { center -> HTML in "<p class=\"muted\"><bdi>\(center.name)</bdi> (\(center.code))</p>" } ?? .empty
        return """
            <h1>\(Self.title(page.language))</h1>
            \(heading)
            <form class="stack" method="post" action="/imports" enctype="multipart/form-data">
            \(page.tokenField)
            <label for="kind">\(page.language.text(.kindOfRoster))</label>
            <select id="kind" name="kind">\(options)</select>
            \(centerField)
            <label for="file">\(page.language.text(.rosterFileExcelWorkbookXlsxOr))</label>
            <input type="file" id="file" name="file" required accept=".xlsx,.csv,.txt,text/csv,\(WorkbookWriter.mediaType)">
            <label class="check"><input type="checkbox" name="all_or_nothing"> \(page.language.text(.importOnlyIfEveryRowIs))</label>
            <div class="buttons">
            <button type="submit" name="mode" value="check">\(page.language.text(.checkFirstWritesNothing))</button>
            <button type="submit" name="mode" value="import" class="secondary">\(page.language.text(.importAction))</button>
            </div>
            </form>
            <p class="muted">\(page.language.text(.pressCheckFirstFileIsRead))</p>
            \(templates)
            \(jobsTable)
            \(heldTable)
            \(batchesTable)
            """
    }

    /// The blank workbooks to fill in, one per kind the account may send.
    private var templates: HTML {
        let kinds: [RosterKind] = account.role == .admin ? [.learners, .instructors, .completions, .experts] : [.learners, .instructors, .completions]
        let links = kinds.map { kind -> HTML in
            "<li><a href=\"/templates/\(kind.rawValue).xlsx?lang=\(page.language.rawValue)\" download>\(Self.kindName(kind.rawValue, page.language))</a></li>"
        }
        return """
            <h2>\(page.language.text(.blankWorkbooks))</h2>
            <p class="muted">\(page.language.text(.fillRosterInBlankWorkbookCccd))</p>
            <ul class="templates">\(links)</ul>
            """
    }

    /// Rows held for an administrator's decision on a person's identity, and what became of
    /// them: the clerk's own rows and why, never the register's values.
    private var heldTable: HTML {
        guard !held.isEmpty else { return .empty }
        let rows = held.map { row -> HTML in
            let status: String
            switch row.status {
            case .open: status = page.language.text(.awaitingDecision)
            case .applied: status = page.language.text(.imported)
            case .returned: status = page.language.text(.returned)
            }
            return """
                <tr data-hold="\(row.id)" data-status="\(row.status.rawValue)"><td><bdi>\(row.fileName)</bdi></td>\
                <td class="number">\(row.line)</td><td><bdi>\(row.fullName)</bdi></td><td>\(status)</td>\
                <td>\(row.reason.text(in: page.language))</td></tr>
                """
        }
        return """
            <h2>\(page.language.text(.rowsHeldForIdentityDecision))</h2>
            <div class="table-wrap"><table class="held">
            <thead><tr><th scope="col">\(page.language.text(.file))</th><th scope="col" class="number">\(page.language.text(.line))</th>\
            <th scope="col">\(page.language.text(.fullName))</th><th scope="col">\(page.language.text(.status))</th>\
            <th scope="col">\(page.language.text(.why))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    private var jobsTable: HTML {
        guard !jobs.isEmpty else { return .empty }
        let rows = jobs.map { job -> HTML in
            let summary = job.summaryObject
            return """
                <tr><td><a href="\(JobRecord.page(job.id))">\(Self.minute(job.createdAt))</a></td>\
                <td>\(Self.kindName(job.kind, page.language))</td><td><bdi>\(job.fileName)</bdi></td>\
                <td>\(JobPage.statusName(job, page.language))</td>\
                <td class="number">\(summary?["accepted"] as? Int ?? 0)</td><td class="number">\(summary?["rejected"] as? Int ?? 0)</td></tr>
                """
        }
        return """
            <h2>\(page.language.text(.recentUploads))</h2>
            <div class="table-wrap"><table>
            <thead><tr><th scope="col">\(page.language.text(.sent))</th><th scope="col">\(page.language.text(.kind))</th><th scope="col">\(page.language.text(.file))</th>\
            <th scope="col">\(page.language.text(.status))</th><th scope="col" class="number">\(page.language.text(.accepted))</th><th scope="col" class="number">\(page.language.text(.rejected))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    private var batchesTable: HTML {
        let names = JobPage.countNames(page.language)
        let head = BatchRow.countKeys.map { key -> HTML in "<th scope=\"col\" class=\"number\">\(names[key] ?? key)</th>" }
        let rows = batches.map { batch -> HTML in
            """
            <tr data-batch="\(batch.id)"><td>\(batch.id)</td><td>\(Self.minute(batch.startedAt))</td>\
            <td>\(Self.kindName(batch.kind, page.language))</td><td><bdi>\(batch.fileName)</bdi></td>\
            \(batch.counts.map { count -> HTML in "<td class=\"number\">\(count)</td>" })</tr>
            """
        }
        return """
            <h2>\(page.language.text(.batchesImported))</h2>
            \(batches.isEmpty ? HTML("<p class=\"muted\">\(page.language.text(.nothingImportedYet))</p>") : """
                <div class="table-wrap"><table data-sortable>
                <thead><tr><th scope="col">\(page.language.text(.number))</th><th scope="col">\(page.language.text(.started))</th><th scope="col">\(page.language.text(.kind))</th><th scope="col">\(page.language.text(.file))</th>\(head)</tr></thead>
                <tbody>\(rows)</tbody></table></div>
                """)
            """
    }
}
