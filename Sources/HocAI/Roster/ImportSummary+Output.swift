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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(output)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// A few lines for a person at a terminal; the first `limit` rejects are listed.
    public func text(language: Language, limit: Int = 20) -> String {
        let vi = language == .vi
        var lines: [String] = []
        if alreadyImported {
            lines.append(vi
                ? "Tệp \(file) đã được nhập trước đây (lần nhập #\(batchID ?? 0)); bỏ qua. Dùng --force để nhập lại."
                : "File \(file) was already imported (batch #\(batchID ?? 0)); skipped. Use --force to apply it again.")
            return lines.joined(separator: "\n")
        }
        let separator = delimiter.map { $0 == .tab ? "tab" : String(UnicodeScalar($0.rawValue)) } ?? "?"
        if format == .xlsx {
            lines.append(vi
                ? "Tệp \(file) (sổ tính Excel, trang \"\(sheet ?? "")\"): \(rows) dòng dữ liệu."
                : "File \(file) (Excel workbook, sheet \"\(sheet ?? "")\"): \(rows) data rows.")
        } else {
            lines.append(vi
                ? "Tệp \(file) (\(encoding.rawValue), phân cách \(separator)): \(rows) dòng dữ liệu."
                : "File \(file) (\(encoding.rawValue), delimiter \(separator)): \(rows) data rows.")
        }
        lines.append(vi
            ? "Nhận \(accepted): mới \(inserted), cập nhật \(updated), không đổi \(unchanged), trùng lặp \(duplicates). Từ chối \(rejected). Giữ lại \(held). Cảnh báo \(warnings)."
            : "Accepted \(accepted): inserted \(inserted), updated \(updated), unchanged \(unchanged), duplicates \(duplicates). Rejected \(rejected). Held \(held). Warnings \(warnings).")
        if dryRun {
            lines.append(vi ? "Chạy thử (--dry-run): không ghi gì vào cơ sở dữ liệu." : "Dry run: nothing was written to the database.")
        } else if !committed {
            lines.append(vi ? "Có dòng bị từ chối nên không ghi gì (--all-or-nothing)." : "Rows were rejected, so nothing was written (--all-or-nothing).")
        }
        func list(_ issues: [RosterIssue]) {
            for issue in issues.prefix(limit) {
                if format == .xlsx {
                    // A workbook's places as Excel shows them: the row, and the cell (C17).
                    let place = issue.cell.map { vi ? ", ô \($0) (\(issue.columnName ?? ""))" : ", cell \($0) (\(issue.columnName ?? ""))" } ?? ""
                    lines.append("  " + (vi ? "hàng" : "row") + " \(issue.line)\(place): \(issue.message.text(in: language)) [\(issue.code)]")
                    continue
                }
                let place = issue.column.map { vi ? ", cột \($0) (\(issue.columnName ?? ""))" : ", column \($0) (\(issue.columnName ?? ""))" } ?? ""
                lines.append("  " + (vi ? "dòng" : "line") + " \(issue.line)\(place): \(issue.message.text(in: language)) [\(issue.code)]")
            }
        }
        list(rejects)
        if rejectIssues > limit {
            lines.append(vi ? "  … và \(rejectIssues - limit) lỗi khác." : "  … and \(rejectIssues - limit) more.")
        }
        if held > 0 {
            lines.append(vi
                ? "Giữ lại \(held) dòng chờ quản trị quyết định (số CCCD đã có với họ tên hoặc ngày sinh khác; xem `hocai conflicts`):"
                : "Held \(held) rows for an administrator's decision (national ID registered with another name or date of birth; see `hocai conflicts`):")
            list(heldRows)
            if held > limit { lines.append(vi ? "  … và \(held - limit) dòng khác." : "  … and \(held - limit) more.") }
        }
        if let rejectsFile {
            lines.append(vi
                ? "Các dòng bị từ chối và lý do đã ghi vào \(rejectsFile.path): sửa trong Excel rồi nhập lại tệp đó."
                : "Rejected rows and reasons are in \(rejectsFile.path): fix them in Excel and import that file.")
        }
        return lines.joined(separator: "\n")
    }
}
