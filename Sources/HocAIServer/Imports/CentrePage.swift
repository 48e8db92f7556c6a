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

    static func title(_ language: Language) -> String { language == .vi ? "Nhập danh sách" : "Import rosters" }

    private var vi: Bool { page.vi }

    /// A timestamp (`2026-12-02T14:05:09+07:00`) to the minute, as a table shows it.
    private static func minute(_ timestamp: String) -> String {
        timestamp.prefix(16).replacingOccurrences(of: "T", with: " ")
    }

    static func kindName(_ kind: String, _ language: Language) -> String {
        let vi = language == .vi
        switch RosterKind(rawValue: kind) {
        case .experts: return vi ? "Chuyên gia cấp tỉnh" : "Provincial experts"
        case .instructors: return vi ? "Giảng viên nòng cốt" : "Core instructors"
        case .learners: return vi ? "Học viên và lớp" : "Learners and classes"
        case .completions: return vi ? "Kết quả học" : "Results"
        case nil: return kind
        }
    }

    var content: HTML {
        let kinds: [RosterKind] = account.role == .admin ? [.learners, .instructors, .completions, .experts] : [.learners, .instructors, .completions]
        let options = kinds.map { kind -> HTML in "<option value=\"\(kind.rawValue)\">\(Self.kindName(kind.rawValue, page.language))</option>" }
        let centerField: HTML = account.role == .admin ? """
            <label for="center">\(vi ? "Mã trung tâm (bỏ trống với danh sách chuyên gia)" : "Centre code (empty for experts)")</label>
            <input type="text" id="center" name="center" autocomplete="off" spellcheck="false" maxlength="20">
            """ : .empty
        let heading: HTML = center.map { center -> HTML in "<p class=\"muted\"><bdi>\(center.name)</bdi> (\(center.code))</p>" } ?? .empty
        return """
            <h1>\(Self.title(page.language))</h1>
            \(heading)
            <form class="stack" method="post" action="/imports" enctype="multipart/form-data">
            \(page.tokenField)
            <label for="kind">\(vi ? "Loại danh sách" : "Kind of roster")</label>
            <select id="kind" name="kind">\(options)</select>
            \(centerField)
            <label for="file">\(vi ? "Tệp danh sách: sổ tính Excel (.xlsx) hoặc CSV (UTF-8 hoặc Windows-1258)" : "Roster file: an Excel workbook (.xlsx) or CSV (UTF-8 or Windows-1258)")</label>
            <input type="file" id="file" name="file" required accept=".xlsx,.csv,.txt,text/csv,\(WorkbookWriter.mediaType)">
            <label class="check"><input type="checkbox" name="all_or_nothing"> \(vi ? "Chỉ nhập khi mọi dòng đều hợp lệ" : "Import only if every row is valid")</label>
            <div class="buttons">
            <button type="submit" name="mode" value="check">\(vi ? "Kiểm tra trước (chưa ghi gì)" : "Check first (writes nothing)")</button>
            <button type="submit" name="mode" value="import" class="secondary">\(vi ? "Nhập vào hệ thống" : "Import")</button>
            </div>
            </form>
            <p class="muted">\(vi ? "Nên bấm \"Kiểm tra trước\": hệ thống đọc tệp và báo lỗi từng dòng mà không ghi gì. Sửa xong, chọn lại tệp và bấm \"Nhập vào hệ thống\"." : "Press \"Check first\": the file is read and each row's problems listed, and nothing is written. Then choose the file again and press \"Import\".")</p>
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
            <h2>\(vi ? "Sổ tính mẫu" : "Blank workbooks")</h2>
            <p class="muted">\(vi ? "Điền danh sách vào sổ tính mẫu: cột CCCD, điện thoại và ngày đã định dạng Văn bản, có danh sách chọn giới tính, kết quả và xã/phường; trang thứ hai giải thích từng cột." : "Fill the roster in a blank workbook: the CCCD, phone and date columns are formatted as Text, with lists to pick sex, result and commune; the second sheet explains each column.")</p>
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
            case .open: status = vi ? "Đang chờ quyết định" : "Awaiting a decision"
            case .applied: status = vi ? "Đã nhập" : "Imported"
            case .returned: status = vi ? "Trả lại" : "Returned"
            }
            return """
                <tr data-hold="\(row.id)" data-status="\(row.status.rawValue)"><td><bdi>\(row.fileName)</bdi></td>\
                <td class="number">\(row.line)</td><td><bdi>\(row.fullName)</bdi></td><td>\(status)</td>\
                <td>\(row.reason.text(in: page.language))</td></tr>
                """
        }
        return """
            <h2>\(vi ? "Dòng được giữ lại chờ quyết định về danh tính" : "Rows held for an identity decision")</h2>
            <div class="table-wrap"><table class="held">
            <thead><tr><th scope="col">\(vi ? "Tệp" : "File")</th><th scope="col" class="number">\(vi ? "Dòng" : "Line")</th>\
            <th scope="col">\(vi ? "Họ và tên" : "Full name")</th><th scope="col">\(vi ? "Trạng thái" : "Status")</th>\
            <th scope="col">\(vi ? "Lý do" : "Why")</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    private var jobsTable: HTML {
        guard !jobs.isEmpty else { return .empty }
        let rows = jobs.map { job -> HTML in
            let summary = job.summaryObject
            return """
                <tr><td><a href="/jobs/\(job.id.uuidString.lowercased())">\(Self.minute(job.createdAt))</a></td>\
                <td>\(Self.kindName(job.kind, page.language))</td><td><bdi>\(job.fileName)</bdi></td>\
                <td>\(JobPage.statusName(job, page.language))</td>\
                <td class="number">\(summary?["accepted"] as? Int ?? 0)</td><td class="number">\(summary?["rejected"] as? Int ?? 0)</td></tr>
                """
        }
        return """
            <h2>\(vi ? "Lần gửi gần đây" : "Recent uploads")</h2>
            <div class="table-wrap"><table>
            <thead><tr><th scope="col">\(vi ? "Lúc gửi" : "Sent")</th><th scope="col">\(vi ? "Loại" : "Kind")</th><th scope="col">\(vi ? "Tệp" : "File")</th>\
            <th scope="col">\(vi ? "Trạng thái" : "Status")</th><th scope="col" class="number">\(vi ? "Nhận" : "Accepted")</th><th scope="col" class="number">\(vi ? "Trả lại" : "Rejected")</th></tr></thead>
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
            <h2>\(vi ? "Các lần nhập đã ghi" : "Batches imported")</h2>
            \(batches.isEmpty ? HTML("<p class=\"muted\">\(vi ? "Chưa có lần nhập nào." : "Nothing imported yet.")</p>") : """
                <div class="table-wrap"><table data-sortable>
                <thead><tr><th scope="col">\(vi ? "Số" : "No.")</th><th scope="col">\(vi ? "Lúc nhập" : "Started")</th><th scope="col">\(vi ? "Loại" : "Kind")</th><th scope="col">\(vi ? "Tệp" : "File")</th>\(head)</tr></thead>
                <tbody>\(rows)</tbody></table></div>
                """)
            """
    }
}
