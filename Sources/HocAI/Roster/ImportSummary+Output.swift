import Foundation

extension ImportSummary {
    /// The summary as one JSON object with stable keys (`rows`, `accepted`, `rejected`, `held`,
    /// `inserted`, `updated`, `unchanged`, `duplicates`, `warnings`, `rejects`, `held_rows`,
    /// `warning_details`…).
    public func json(language: Language) -> String {
        struct Issue: Encodable {
            let line: Int
            let column: Int?
            let column_name: String?
            /// The cell as a spreadsheet names it (`C17`).
            let cell: String?
            let code: String
            let message: String
        }
        struct Output: Encodable {
            let file: String
            let sha256: String
            let kind: String
            let center: String?
            let encoding: String
            let delimiter: String?
            let format: String
            let sheet: String?
            let batch_id: Int?
            let dry_run: Bool
            let already_imported: Bool
            let committed: Bool
            let rows, accepted, rejected, held, inserted, updated, unchanged, duplicates, warnings: Int
            let reject_issues: Int
            let rejects: [Issue]
            let held_rows: [Issue]
            let warning_details: [Issue]
            let rejects_file: String?
        }
        func issues(_ list: [RosterIssue]) -> [Issue] {
            list.map { Issue(
                line: $0.line, column: $0.column, column_name: $0.columnName, cell: $0.cell?.description, code: $0.code,
                message: $0.message.text(in: language)) }
        }
        let output = Output(
            file: file, sha256: sha256, kind: kind.rawValue, center: centerCode, encoding: encoding.rawValue,
            delimiter: delimiter.map { String(UnicodeScalar($0.rawValue)) }, format: format.rawValue, sheet: sheet, batch_id: batchID, dry_run: dryRun,
            already_imported: alreadyImported, committed: committed, rows: rows, accepted: accepted, rejected: rejected,
            held: held, inserted: inserted, updated: updated, unchanged: unchanged, duplicates: duplicates, warnings: warnings,
            reject_issues: rejectIssues, rejects: issues(rejects), held_rows: issues(heldRows), warning_details: issues(warningDetails), rejects_file: rejectsFile?.path)
        return String(decoding: (try? JSONText.encoded(output)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// A few lines for a person at a terminal; the first `limit` rejects are listed.
    public func text(language: Language, limit: Int = 20) -> String {
        var lines: [String] = []
        if alreadyImported {
            lines.append(language.text(.alreadyImported(file: file, batch: batchID ?? 0)))
            return lines.joined(separator: "\n")
        }
        let separator = delimiter.map { $0 == .tab ? "tab" : String(UnicodeScalar($0.rawValue)) } ?? "?"
        if format == .xlsx {
            lines.append(language.text(.workbookRows(file: file, sheet: sheet ?? "", rows: rows)))
        } else {
            lines.append(language.text(.textRows(file: file, encoding: encoding.rawValue, delimiter: separator, rows: rows)))
        }
        lines.append(language.text(.counts(
            accepted: accepted, inserted: inserted, updated: updated, unchanged: unchanged, duplicates: duplicates,
            rejected: rejected, held: held, warnings: warnings)))
        if dryRun {
            lines.append(language.text(.dryRunNothingWritten))
        } else if !committed {
            lines.append(language.text(.rejectedSoNothingWritten))
        }
        // A workbook's places as Excel shows them: the row, and the cell (C17); a text file's, the
        // line and the column.
        let (lineWord, placeWord): (HocAIText, HocAIText) = format == .xlsx ? (.workbookRow, .cell) : (.fileLine, .column)
        func list(_ issues: [RosterIssue]) {
            for issue in issues.prefix(limit) {
                let at = format == .xlsx ? issue.cell.map { "\($0)" } : issue.column.map { "\($0)" }
                let place = at.map { ", \(language.text(placeWord)) \($0) (\(issue.columnName ?? ""))" } ?? ""
                lines.append("  \(language.text(lineWord)) \(issue.line)\(place): \(issue.message.text(in: language)) [\(issue.code)]")
            }
        }
        list(rejects)
        if rejectIssues > limit {
            lines.append("  " + language.text(.moreIssues(rejectIssues - limit)))
        }
        if held > 0 {
            lines.append(language.text(.heldForDecision(held)))
            list(heldRows)
            if held > limit { lines.append("  " + language.text(.moreRows(held - limit))) }
        }
        if let rejectsFile {
            lines.append(language.text(.rejectsWrittenTo(path: rejectsFile.path)))
        }
        return lines.joined(separator: "\n")
    }
}
