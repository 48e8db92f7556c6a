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

    private var vi: Bool { page.vi }

    var running: Bool { job.status == "queued" || job.status == "running" }

    var title: String {
        (vi ? "Nhập tệp " : "Import of ") + job.fileName
    }

    static func statusName(_ job: JobRecord, _ language: Language) -> String {
        let vi = language == .vi
        switch job.status {
        case "queued": return vi ? "Đang chờ" : "Waiting"
        case "running": return vi ? "Đang đọc" : "Running"
        case "done": return job.dryRun ? (vi ? "Đã kiểm tra (chưa ghi)" : "Checked (nothing written)") : (vi ? "Đã nhập" : "Imported")
        case "failed": return vi ? "Không thành công" : "Failed"
        default: return job.status
        }
    }

    static func countNames(_ language: Language) -> [String: String] {
        language == .vi
            ? ["rows": "Số dòng", "accepted": "Nhận", "rejected": "Trả lại", "held": "Giữ lại", "inserted": "Mới", "updated": "Cập nhật",
               "unchanged": "Không đổi", "duplicates": "Trùng", "warnings": "Cảnh báo"]
            : ["rows": "Rows", "accepted": "Accepted", "rejected": "Rejected", "held": "Held", "inserted": "New", "updated": "Updated",
               "unchanged": "Unchanged", "duplicates": "Duplicates", "warnings": "Warnings"]
    }

    var content: HTML {
        let url = job.url
        let facts: HTML = """
            <dl class="facts">
            <dt>\(vi ? "Loại" : "Kind")</dt><dd>\(CentrePage.kindName(job.kind, page.language))</dd>
            \(job.center.map { code -> HTML in "<dt>\(vi ? "Trung tâm" : "Centre")</dt><dd>\(code)</dd>" })
            <dt>\(vi ? "Tệp" : "File")</dt><dd><bdi>\(job.fileName)</bdi> (\(ByteCountFormatter.string(fromByteCount: Int64(job.size), countStyle: .file)))</dd>
            <dt>\(vi ? "Trạng thái" : "Status")</dt><dd data-status="\(job.status)">\(Self.statusName(job, page.language))</dd>
            </dl>
            """
        var body: HTML
        switch job.status {
        case "queued", "running":
            let percent = progress?.percent ?? 0
            body = """
                <div class="job-progress" data-job-url="\(url)" aria-live="polite">
                <label for="progress">\(vi ? "Tiến độ đọc tệp" : "Reading the file")</label>
                <progress id="progress" max="100" value="\(percent)">\(percent)%</progress>
                <p data-progress-text>\(progress.map { "\($0.rows) " + (vi ? "dòng" : "rows") } ?? (vi ? "Đang chờ đến lượt…" : "Waiting for its turn…")) · \(percent)%</p>
                </div>
                <p class="muted">\(vi ? "Trang tự cập nhật; có thể để đó và quay lại sau." : "This page updates itself; you may leave and come back later.")</p>
                """
        case "failed":
            let error = job.errorObject
            let message = (error?[page.language.rawValue] as? String) ?? (vi ? "Không nhập được tệp." : "The file could not be imported.")
            body = """
                <div class="verdict error" role="alert" data-code="\(error?["code"] as? String ?? "")"><strong>\(vi ? "KHÔNG THÀNH CÔNG" : "FAILED")</strong> \(message)</div>
                <p>\(vi ? "Chưa có gì được ghi. Sửa tệp theo hướng dẫn trên rồi gửi lại." : "Nothing was written. Correct the file as said above and send it again.")</p>
                """
        default:
            body = summary
        }
        return """
            <h1>\(title)</h1>
            \(facts)
            \(body)
            <p><a href="\(page.context.identity?.role == .instructor ? "/instructor" : "/centre")">\(vi ? "Gửi tệp khác" : "Send another file")</a></p>
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
            notice = "<div class=\"verdict notice\" role=\"status\">\(vi ? "Tệp này đã được nhập trước đây; không nhập lại." : "This file was imported before; it was not imported again.")</div>"
        } else if job.dryRun {
            notice = "<div class=\"verdict notice\" role=\"status\"><strong>\(vi ? "ĐÃ KIỂM TRA, CHƯA GHI GÌ" : "CHECKED, NOTHING WRITTEN")</strong> \(vi ? "Nếu kết quả ổn, chọn lại tệp và bấm \"Nhập vào hệ thống\"." : "If this looks right, choose the file again and press \"Import\".")</div>"
        } else if summary["committed"] as? Bool == false {
            notice = "<div class=\"verdict error\" role=\"status\"><strong>\(vi ? "CHƯA GHI" : "NOT WRITTEN")</strong> \(vi ? "Có dòng bị trả lại nên không dòng nào được ghi (chỉ nhập khi mọi dòng hợp lệ)." : "Some rows were rejected, so none was written (import only if every row is valid).")</div>"
        } else {
            notice = "<div class=\"verdict valid\" role=\"status\"><strong>\(vi ? "ĐÃ NHẬP" : "IMPORTED")</strong> \(vi ? "Các dòng hợp lệ đã được ghi." : "The valid rows are written.")</div>"
        }
        let workbook = summary["format"] as? String == RosterFormat.xlsx.rawValue
        let rejects = (summary["rejects"] as? [[String: Any]] ?? []).prefix(20).map { issue -> HTML in
            // A workbook's places are cells as Excel names them (C17); a CSV's, column numbers.
            let place = workbook ? (issue["cell"] as? String).map { "\($0)" } : (issue["column"] as? Int).map { "\($0)" }
            let column: HTML = place.map { place -> HTML in "\(place) (\(issue["column_name"] as? String ?? ""))" } ?? "–"
            return "<tr><td class=\"number\">\(issue["line"] as? Int ?? 0)</td><td>\(column)</td><td>\(issue["message"] as? String ?? "")</td><td class=\"code\">\(issue["code"] as? String ?? "")</td></tr>"
        }
        let rejectsTable: HTML = rejects.isEmpty ? .empty : """
            <h2>\(vi ? "Các dòng bị trả lại" : "Rows returned") (\(rejected))</h2>
            \(job.hasRejects ? HTML("<p><a class=\"button\" href=\"\(job.url)/rejects\" download>\(vi ? "Tải tệp các dòng bị trả lại (\(workbook ? "Excel" : "CSV"))" : "Download the returned rows (\(workbook ? "Excel" : "CSV"))")</a></p><p class=\"muted\">\(vi ? "Mở tệp bằng Excel, sửa từng dòng theo cột \"error\", lưu lại rồi gửi lại tệp đó." : "Open it in Excel, correct each row as its \"error\" column says, save it and send that file.")</p>") : .empty)
            <div class="table-wrap"><table class="errors">
            <thead><tr><th scope="col" class="number">\(vi ? "Dòng" : "Line")</th><th scope="col">\(workbook ? (vi ? "Ô" : "Cell") : (vi ? "Cột" : "Column"))</th><th scope="col">\(vi ? "Lý do" : "Reason")</th><th scope="col">\(vi ? "Mã" : "Code")</th></tr></thead>
            <tbody>\(rejects)</tbody></table></div>
            \(rejected > rejects.count ? HTML("<p class=\"muted\">\(vi ? "Chỉ hiện 20 dòng đầu; tệp tải về có đủ." : "The first 20 are shown; the file has them all.")</p>") : .empty)
            """
        let held = (summary["held_rows"] as? [[String: Any]] ?? []).prefix(20).map { issue -> HTML in
            "<li data-line=\"\(issue["line"] as? Int ?? 0)\">\(vi ? "Dòng" : "Line") \(issue["line"] as? Int ?? 0): \(issue["message"] as? String ?? "")</li>"
        }
        let heldList: HTML = held.isEmpty ? .empty : """
            <h2>\(vi ? "Các dòng được giữ lại chờ quyết định" : "Rows held for a decision") (\(summary["held"] as? Int ?? 0))</h2>
            <ul class="plain held">\(held)</ul>
            """
        let warnings = (summary["warning_details"] as? [[String: Any]] ?? []).prefix(20).map { issue -> HTML in
            "<li>\(vi ? "Dòng" : "Line") \(issue["line"] as? Int ?? 0): \(issue["message"] as? String ?? "")</li>"
        }
        return """
            \(notice)
            <dl class="facts summary">\(counts)</dl>
            \(rejectsTable)
            \(heldList)
            \(warnings.isEmpty ? HTML.empty : HTML("<h2>\(vi ? "Cảnh báo" : "Warnings")</h2><ul class=\"plain\">\(warnings)</ul>"))
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
