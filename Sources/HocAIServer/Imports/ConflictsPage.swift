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

    static func title(_ language: Language) -> String { language.text(.identityConflicts) }


    var content: HTML {
        let done: HTML = notice.map { id -> HTML in
            "<div class=\"verdict notice\" data-done=\"\(id)\" role=\"status\">\(page.language.text(.decisionRecorded(row: id)))</div>"
        } ?? .empty
        let intro: HTML = """
            <p class="muted">\(page.language.text(.heldRowsIntro))</p>
            """
        guard !conflicts.isEmpty else {
            return """
                <h1>\(Self.title(page.language))</h1>
                \(done)\(intro)
                <p data-conflicts="0">\(page.language.text(.noRowsAreHeldForDecision))</p>
                """
        }
        let sections = conflicts.map { conflict -> HTML in
            let first = conflict.rows.first?.id ?? 0
            let rows = conflict.rows.map { row -> HTML in
                let keepRow: HTML = row.differs == "enrolment" ? .empty : """
                    <button type="submit" name="decision" value="row" class="secondary">\(page.language.text(.thisRowIsRight))</button>
                    """
                return """
                    <tr data-hold="\(row.id)"><td>\(row.id)</td><td>\(row.centerCode ?? "-")</td><td><bdi>\(row.fileName)</bdi></td>\
                    <td class="number">\(row.line)</td><td><bdi>\(row.fullName)</bdi></td><td>\(row.dateOfBirth.vietnameseFormat)</td>\
                    <td>\(row.differsText.text(in: page.language))</td>
                    <td><form class="inline" method="post" action="/conflicts/\(row.id)">\(page.tokenField)
                    \(keepRow)
                    <button type="submit" name="decision" value="return" class="secondary">\(page.language.text(.notThisPersonReturn))</button>
                    </form></td></tr>
                    """
            }
            return """
                <section class="card" data-person="\(conflict.nationalID.masked)">
                <h2>CCCD \(conflict.nationalID.masked)</h2>
                <dl class="facts">
                <dt>\(page.language.text(.inRegister))</dt><dd><bdi>\(conflict.fullName)</bdi>, \(conflict.dateOfBirth.vietnameseFormat)</dd>
                </dl>
                <div class="table-wrap"><table>
                <thead><tr><th scope="col">\(page.language.text(.number))</th><th scope="col">\(page.language.text(.centre))</th>\
                <th scope="col">\(page.language.text(.file))</th><th scope="col" class="number">\(page.language.text(.line))</th>\
                <th scope="col">\(page.language.text(.fullName))</th><th scope="col">\(page.language.text(.born))</th>\
                <th scope="col">\(page.language.text(.differsIn))</th><th scope="col">\(page.language.text(.decision))</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                <form class="inline" method="post" action="/conflicts/\(first)">\(page.tokenField)
                <button type="submit" name="decision" value="register">\(page.language.text(.registerIsRightImportRowsAs))</button>
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
