import HocAI

/// An instructor's pages: the classes they teach, and a class's learners (CCCD masked) with the
/// enrolment date, the latest result, and a form on each row to record a pass or a fail with its
/// date and score; below, the upload of a results file for the class's centre.
struct InstructorPages {
    let page: Page

    /// What happened to the result just sent.
    enum Notice {
        case recorded(CertifyOutcome, masked: String)
        case refused(String)
    }


    static func classesTitle(_ language: Language) -> String { language.text(.myClasses) }
    static func classTitle(_ code: String, _ language: Language) -> String { (language.text(.classPrefix)) + code }

    func trackName(_ track: String) -> String {
        switch track {
        case "instructor_to_learner": page.language.text(.learnersBasicAi)
        case "expert_to_instructor": page.language.text(.coreInstructors)
        default: track
        }
    }

    func classes(_ classes: [ClassRow]) -> HTML {
        let rows = classes.map { row -> HTML in
            """
            <tr><td><a href="/instructor/classes/\(HTML.pathSegment(row.code))">\(row.code)</a></td><td>\(row.center)</td>\
            <td>\(trackName(row.track))</td><td class="number">\(row.learners)</td></tr>
            """
        }
        return """
            <h1>\(Self.classesTitle(page.language))</h1>
            \(classes.isEmpty ? HTML("<p>\(page.language.text(.noClassTaughtByYouYet))</p>") : """
                <div class="table-wrap"><table data-sortable>
                <thead><tr><th scope="col">\(page.language.text(.classCode))</th><th scope="col">\(page.language.text(.centre))</th><th scope="col">\(page.language.text(.track))</th><th scope="col" class="number">\(page.language.text(.learners))</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                """)
            """
    }

    func learners(_ row: ClassRow, _ learners: [ClassLearner], notice: Notice?) -> HTML {
        let action = "/instructor/classes/\(HTML.pathSegment(row.code))/results"
        let today = CalendarDate.today().description
        let rows = learners.enumerated().map { index, learner -> HTML in
            let id = NationalID(validated: learner.nationalID)
            return """
                <tr data-national-id="\(id.masked)" data-result="\(learner.result ?? "")"><td><bdi>\(learner.name)</bdi></td><td class="code">\(id.masked)</td>\
                <td>\(learner.enrolledOn.map(date) ?? "–")</td><td>\(result(learner))</td>
                <td><form class="inline result" method="post" action="\(action)">
                \(page.tokenField)<input type="hidden" name="national_id" value="\(learner.nationalID)">
                <label>\(page.language.text(.result)) <select name="result"><option value="pass">\(page.language.text(.pass))</option><option value="fail">\(page.language.text(.fail))</option></select></label>
                <label>\(page.language.text(.date)) <input type="date" name="date" value="\(today)" max="\(today)" required></label>
                <label>\(page.language.text(.score)) <input type="number" name="score" min="0" max="100" step="0.1" inputmode="decimal"></label>
                <button type="submit" aria-label="\(page.language.text(.recordResultOf)) \(learner.name)">\(page.language.text(.record))</button>
                </form></td></tr>
                """
        }
        return """
            <h1>\(Self.classTitle(row.code, page.language))</h1>
            <p class="muted">\(trackName(row.track)) · \(page.language.text(.centre)) \(row.center) · \(row.learners) \(page.language.text(.learnersLowercase))</p>
            \(notice.map(render))
            <div class="table-wrap"><table class="learners">
            <thead><tr><th scope="col">\(page.language.text(.name))</th><th scope="col">CCCD</th><th scope="col">\(page.language.text(.enrolled))</th>\
            <th scope="col">\(page.language.text(.result))</th><th scope="col">\(page.language.text(.recordResult))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <h2>\(page.language.text(.sendResultsFile))</h2>
            <form class="stack" method="post" action="/imports" enctype="multipart/form-data">
            \(page.tokenField)
            <input type="hidden" name="kind" value="completions"><input type="hidden" name="center" value="\(row.center)">
            <label for="file">\(page.language.text(.resultsFileExcelXlsxOrCsv))</label>
            <input type="file" id="file" name="file" required accept=".xlsx,.csv,.txt,text/csv,\(WorkbookWriter.mediaType)">
            <div class="buttons">
            <button type="submit" name="mode" value="check">\(page.language.text(.checkFirstWritesNothing))</button>
            <button type="submit" name="mode" value="import" class="secondary">\(page.language.text(.recordResults))</button>
            </div>
            </form>
            """
    }

    private func date(_ text: String) -> String {
        guard let date = CalendarDate.parse(text) else { return text }
        return page.language.date(date)
    }

    private func result(_ learner: ClassLearner) -> HTML {
        guard let result = learner.result else { return "<span class=\"muted\">\(page.language.text(.noneYet))</span>" }
        let word = result == "pass" ? (page.language.text(.pass)) : (page.language.text(.fail))
        let score = learner.score.map { " · " + ($0.rounded() == $0 ? String(Int($0)) : String($0)) } ?? ""
        return "\(word)\(learner.completedOn.map { " · " + date($0) } ?? "")\(score)"
    }

    private func render(_ notice: Notice) -> HTML {
        switch notice {
        case .refused(let message):
            return "<div class=\"verdict error\" role=\"alert\"><strong>\(page.language.text(.notRecorded))</strong> \(message)</div>"
        case .recorded(let outcome, let masked):
            let text: String
            switch outcome.status {
            case .issued: text = page.language.text(.passIssued(masked: masked, certificate: outcome.code?.grouped ?? ""))
            case .alreadyCertified: text = page.language.text(.passAlreadyCertified(masked: masked, certificate: outcome.code?.grouped ?? ""))
            case .recorded: text = page.language.text(.resultRecorded(masked: masked))
            case .unchanged: text = page.language.text(.resultUnchanged(masked: masked))
            }
            return "<div class=\"verdict valid\" role=\"status\" data-outcome=\"\(outcome.status.rawValue)\">\(text)</div>"
        }
    }
}
