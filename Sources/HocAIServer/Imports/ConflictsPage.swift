import HocAI

/// An administrator's page of identity conflicts: for each person, the register's name and date
/// of birth beside every held row's, and the decisions: the register is right, this row is right
/// (the register is corrected), or this row is not this person's (returned to its centre).
/// Either way every other held row of the person is then imported as theirs.
struct ConflictsPage {
    let page: Page
    let conflicts: [IdentityConflicts.Conflict]
    /// The held row a decision was just taken on (`?done=`).
    let notice: String?

    static func title(_ language: Language) -> String { language == .vi ? "Xung đột danh tính" : "Identity conflicts" }

    private var vi: Bool { page.vi }

    var content: HTML {
        let done: HTML = notice.map { id -> HTML in
            "<div class=\"verdict notice\" data-done=\"\(id)\" role=\"status\">\(vi ? "Đã ghi quyết định cho dòng \(id)." : "The decision on row \(id) is recorded.")</div>"
        } ?? .empty
        let intro: HTML = """
            <p class="muted">\(vi
                ? "Mỗi dòng dưới đây có số CCCD đã có trong hệ thống với họ tên hoặc ngày sinh khác, nên được giữ lại thay vì nhập. Chọn thông tin đúng: các dòng còn lại của người đó được nhập như của người đó; dòng không phải của người này thì trả lại trung tâm."
                : "Each row below carries a national ID the register holds with another name or date of birth, so it was held instead of imported. Choose what is right: the person's other held rows are then imported as theirs; a row that is not this person's goes back to its centre.")</p>
            """
        guard !conflicts.isEmpty else {
            return """
                <h1>\(Self.title(page.language))</h1>
                \(done)\(intro)
                <p data-conflicts="0">\(vi ? "Không có dòng nào đang chờ quyết định." : "No rows are held for a decision.")</p>
                """
        }
        let sections = conflicts.map { conflict -> HTML in
            let first = conflict.rows.first?.id ?? 0
            let rows = conflict.rows.map { row -> HTML in
                let keepRow: HTML = row.differs == "enrolment" ? .empty : """
                    <button type="submit" name="decision" value="row" class="secondary">\(vi ? "Thông tin dòng này đúng" : "This row is right")</button>
                    """
                return """
                    <tr data-hold="\(row.id)"><td>\(row.id)</td><td>\(row.centerCode ?? "-")</td><td><bdi>\(row.fileName)</bdi></td>\
                    <td class="number">\(row.line)</td><td><bdi>\(row.fullName)</bdi></td><td>\(row.dateOfBirth.vietnameseFormat)</td>\
                    <td>\(row.differsText.text(in: page.language))</td>
                    <td><form class="inline" method="post" action="/conflicts/\(row.id)">\(page.tokenField)
                    \(keepRow)
                    <button type="submit" name="decision" value="return" class="secondary">\(vi ? "Không phải người này: trả lại" : "Not this person: return")</button>
                    </form></td></tr>
                    """
            }
            return """
                <section class="card" data-person="\(conflict.nationalID.masked)">
                <h2>CCCD \(conflict.nationalID.masked)</h2>
                <dl class="facts">
                <dt>\(vi ? "Trong hệ thống" : "In the register")</dt><dd><bdi>\(conflict.fullName)</bdi>, \(conflict.dateOfBirth.vietnameseFormat)</dd>
                </dl>
                <div class="table-wrap"><table>
                <thead><tr><th scope="col">\(vi ? "Số" : "No.")</th><th scope="col">\(vi ? "Trung tâm" : "Centre")</th>\
                <th scope="col">\(vi ? "Tệp" : "File")</th><th scope="col" class="number">\(vi ? "Dòng" : "Line")</th>\
                <th scope="col">\(vi ? "Họ và tên" : "Full name")</th><th scope="col">\(vi ? "Ngày sinh" : "Born")</th>\
                <th scope="col">\(vi ? "Khác ở" : "Differs in")</th><th scope="col">\(vi ? "Quyết định" : "Decision")</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                <form class="inline" method="post" action="/conflicts/\(first)">\(page.tokenField)
                <button type="submit" name="decision" value="register">\(vi ? "Thông tin trong hệ thống đúng: nhập các dòng như của người này" : "The register is right: import the rows as this person's")</button>
                </form>
                </section>
                """
        }
        return """
            <h1>\(Self.title(page.language))</h1>
            \(done)\(intro)
            <div data-conflicts="\(conflicts.count)">\(sections)</div>
            """
    }
}
