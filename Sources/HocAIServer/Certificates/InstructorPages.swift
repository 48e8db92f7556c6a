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

    private var vi: Bool { page.vi }

    static func classesTitle(_ language: Language) -> String { language == .vi ? "Lớp của tôi" : "My classes" }
    static func classTitle(_ code: String, _ language: Language) -> String { (language == .vi ? "Lớp " : "Class ") + code }

    func trackName(_ track: String) -> String {
        switch track {
        case "instructor_to_learner": vi ? "Học viên (AI cơ bản)" : "Learners (basic AI)"
        case "expert_to_instructor": vi ? "Giảng viên nòng cốt" : "Core instructors"
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
            \(classes.isEmpty ? HTML("<p>\(vi ? "Chưa có lớp nào do bạn dạy. Trung tâm nhập danh sách học viên kèm số CCCD của giảng viên." : "No class taught by you yet. The centre imports its learners with the instructor's CCCD.")</p>") : """
                <div class="table-wrap"><table data-sortable>
                <thead><tr><th scope="col">\(vi ? "Mã lớp" : "Class")</th><th scope="col">\(vi ? "Trung tâm" : "Centre")</th><th scope="col">\(vi ? "Đối tượng" : "Track")</th><th scope="col" class="number">\(vi ? "Học viên" : "Learners")</th></tr></thead>
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
                <label>\(vi ? "Kết quả" : "Result") <select name="result"><option value="pass">\(vi ? "Đạt" : "Pass")</option><option value="fail">\(vi ? "Không đạt" : "Fail")</option></select></label>
                <label>\(vi ? "Ngày" : "Date") <input type="date" name="date" value="\(today)" max="\(today)" required></label>
                <label>\(vi ? "Điểm" : "Score") <input type="number" name="score" min="0" max="100" step="0.1" inputmode="decimal"></label>
                <button type="submit" aria-label="\(vi ? "Ghi kết quả cho" : "Record the result of") \(learner.name)">\(vi ? "Ghi" : "Record")</button>
                </form></td></tr>
                """
        }
        return """
            <h1>\(Self.classTitle(row.code, page.language))</h1>
            <p class="muted">\(trackName(row.track)) · \(vi ? "Trung tâm" : "Centre") \(row.center) · \(row.learners) \(vi ? "học viên" : "learners")</p>
            \(notice.map(render))
            <div class="table-wrap"><table class="learners">
            <thead><tr><th scope="col">\(vi ? "Họ tên" : "Name")</th><th scope="col">CCCD</th><th scope="col">\(vi ? "Ngày vào học" : "Enrolled")</th>\
            <th scope="col">\(vi ? "Kết quả" : "Result")</th><th scope="col">\(vi ? "Ghi kết quả" : "Record a result")</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <h2>\(vi ? "Gửi tệp kết quả" : "Send a results file")</h2>
            <form class="stack" method="post" action="/imports" enctype="multipart/form-data">
            \(page.tokenField)
            <input type="hidden" name="kind" value="completions"><input type="hidden" name="center" value="\(row.center)">
            <label for="file">\(vi ? "Tệp kết quả, Excel (.xlsx) hoặc CSV (cột Số CCCD, Mã lớp, Ngày hoàn thành, Kết quả, Điểm)" : "Results file, Excel (.xlsx) or CSV (columns Số CCCD, Mã lớp, Ngày hoàn thành, Kết quả, Điểm)")</label>
            <input type="file" id="file" name="file" required accept=".xlsx,.csv,.txt,text/csv,\(WorkbookWriter.mediaType)">
            <div class="buttons">
            <button type="submit" name="mode" value="check">\(vi ? "Kiểm tra trước (chưa ghi gì)" : "Check first (writes nothing)")</button>
            <button type="submit" name="mode" value="import" class="secondary">\(vi ? "Ghi kết quả" : "Record the results")</button>
            </div>
            </form>
            """
    }

    private func date(_ text: String) -> String {
        guard let date = CalendarDate.parse(text) else { return text }
        return vi ? date.vietnameseFormat : date.description
    }

    private func result(_ learner: ClassLearner) -> HTML {
        guard let result = learner.result else { return "<span class=\"muted\">\(vi ? "Chưa có" : "None yet")</span>" }
        let word = result == "pass" ? (vi ? "Đạt" : "Pass") : (vi ? "Không đạt" : "Fail")
        let score = learner.score.map { " · " + ($0.rounded() == $0 ? String(Int($0)) : String($0)) } ?? ""
        return "\(word)\(learner.completedOn.map { " · " + date($0) } ?? "")\(score)"
    }

    private func render(_ notice: Notice) -> HTML {
        switch notice {
        case .refused(let message):
            return "<div class=\"verdict error\" role=\"alert\"><strong>\(vi ? "CHƯA GHI" : "NOT RECORDED")</strong> \(message)</div>"
        case .recorded(let outcome, let masked):
            let text: String
            switch outcome.status {
            case .issued: text = vi ? "Đã ghi kết quả Đạt cho \(masked) và cấp chứng nhận \(outcome.code?.grouped ?? "")." : "Pass recorded for \(masked); certificate \(outcome.code?.grouped ?? "") issued."
            case .alreadyCertified: text = vi ? "Đã ghi kết quả Đạt cho \(masked); người này đã có chứng nhận \(outcome.code?.grouped ?? "")." : "Pass recorded for \(masked), who already holds certificate \(outcome.code?.grouped ?? "")."
            case .recorded: text = vi ? "Đã ghi kết quả cho \(masked)." : "Result recorded for \(masked)."
            case .unchanged: text = vi ? "Kết quả này của \(masked) đã được ghi trước đây; không có gì thay đổi." : "This result of \(masked) was recorded before; nothing changed."
            }
            return "<div class=\"verdict valid\" role=\"status\" data-outcome=\"\(outcome.status.rawValue)\">\(text)</div>"
        }
    }
}
