import HocAI

/// The public verification page (`/v/{code}`): the verdict in plain words (valid; revoked, with
/// its date and reason; unknown; mistyped, with the well-formed codes one slip away), then the
/// certificate as `hocai verify` shows it, masked. Never a holder's data for a code that is not
/// the one asked for.
struct VerifyPage {
    enum Outcome {
        case found(CertificateRecord)
        case unknown(String)
        case mistyped(String, candidates: [CertificateCode])
        case malformed(String)
        /// No code yet: the form alone.
        case asking
    }

    let outcome: Outcome
    let language: Language

    var title: String {
        language == .vi ? "Tra cứu chứng nhận" : "Verify a certificate"
    }

    func render(path: String) -> HTML {
        PageLayout(title: title, language: language, path: path).render("""
            <h1>\(title)</h1>
            \(verdict)
            \(form)
            """)
    }

    private var vi: Bool { language == .vi }

    private func date(_ date: CalendarDate) -> String { vi ? date.vietnameseFormat : date.description }

    private var verdict: HTML {
        switch outcome {
        case .asking:
            return "<p>\(vi ? "Nhập mã in trên giấy chứng nhận (12 ký tự, ví dụ 7KQ2-M9XD-4PT8)." : "Type the code printed on the certificate (12 characters, e.g. 7KQ2-M9XD-4PT8).")</p>"
        case .found(let record):
            let status: HTML
            if let revokedOn = record.revokedOn {
                status = """
                    <div class="verdict revoked" role="status"><strong>\(vi ? "ĐÃ THU HỒI" : "REVOKED")</strong>
                    \(vi ? "Chứng nhận này đã bị thu hồi ngày" : "This certificate was revoked on") \(date(revokedOn))\(record.revocationReason.map { ": \($0)" } ?? "").
                    \(vi ? "Không còn giá trị." : "It is no longer valid.")</div>
                    """
            } else {
                status = """
                    <div class="verdict valid" role="status"><strong>\(vi ? "CÒN HIỆU LỰC" : "VALID")</strong>
                    \(vi ? "Chứng nhận do chương trình Bình dân học AI tỉnh Thái Nguyên cấp, đang có hiệu lực." : "Issued by Thái Nguyên's AI for everyone programme, and valid.")</div>
                    """
            }
            return """
                \(status)
                <dl class="facts">
                <dt>\(vi ? "Mã chứng nhận" : "Certificate")</dt><dd class="code">\(record.code.grouped)</dd>
                <dt>\(vi ? "Người được cấp" : "Holder")</dt><dd><bdi>\(record.holderName)</bdi> (\(record.holderID))</dd>
                <dt>\(vi ? "Loại" : "Track")</dt><dd>\(vi ? record.track.vietnameseName : record.track.englishName)</dd>
                <dt>\(vi ? "Ngày đạt" : "Passed on")</dt><dd>\(date(record.firstPassedOn ?? record.issuedOn))</dd>
                <dt>\(vi ? "Ngày cấp" : "Issued on")</dt><dd>\(date(record.issuedOn))</dd>
                \(record.classCode.map { code -> HTML in "<dt>\(vi ? "Lớp" : "Class")</dt><dd>\(code)</dd>" })
                \(record.centerCode.map { code -> HTML in "<dt>\(vi ? "Trung tâm" : "Centre")</dt><dd><bdi>\(record.centerName ?? code)</bdi> (\(code))</dd>" })
                <dt>\(vi ? "Người cấp" : "Issued by")</dt><dd><bdi>\(record.issuerName ?? (vi ? "UBND tỉnh Thái Nguyên" : "Thái Nguyên Province"))</bdi></dd>
                </dl>
                <p class="muted">\(vi ? "Họ tên và số CCCD được che một phần để bảo vệ người được cấp; đối chiếu với giấy chứng nhận gốc." : "The name and national ID are partly hidden to protect the holder; compare them with the certificate itself.")</p>
                """
        case .unknown(let code):
            return """
                <div class="verdict unknown" role="status"><strong>\(vi ? "KHÔNG TÌM THẤY" : "NOT FOUND")</strong>
                \(vi ? "Không có chứng nhận nào mang mã" : "No certificate has the code") <span class="code">\(code)</span>.
                \(vi ? "Mã đúng dạng, nhưng hệ thống chưa cấp mã này: giấy chứng nhận có thể không thật." : "The code is well formed, but it was never issued: the certificate may not be genuine.")</div>
                """
        case .mistyped(let input, let candidates):
            let links = candidates.map { code -> HTML in
                "<li><a class=\"code\" href=\"/v/\(HTML.pathSegment(code.value))\">\(code.grouped)</a></li>"
            }
            return """
                <div class="verdict mistyped" role="status"><strong>\(vi ? "MÃ CÓ VẺ BỊ GÕ SAI" : "THE CODE LOOKS MISTYPED")</strong>
                \(vi ? "Ký tự kiểm tra của" : "The check character of") <span class="code">\(String(input.prefix(40)))</span> \(vi ? "không khớp: có một ký tự sai hoặc hai ký tự bị đảo." : "does not match: one character is wrong or two are swapped.")</div>
                \(links.isEmpty ? HTML.empty : """
                    <p>\(vi ? "Các mã hợp lệ gần nhất (chỉ là dạng mã; bấm để tra):" : "The nearest well-formed codes (only shapes; follow one to look it up):")</p>
                    <ul class="plain">\(links)</ul>
                    """)
                """
        case .malformed(let input):
            return """
                <div class="verdict error" role="status"><strong>\(vi ? "MÃ KHÔNG ĐÚNG DẠNG" : "NOT A CERTIFICATE CODE")</strong>
                <span class="code">\(String(input.prefix(40)))</span> \(vi ? "không phải mã chứng nhận: mã có 12 ký tự gồm chữ số và chữ cái (không có I, L, O, U)." : "is not a certificate code: a code has 12 digits and letters (no I, L, O or U).")</div>
                """
        }
    }

    private var form: HTML {
        """
        <form class="inline" method="get" action="/v" role="search">
        <label>\(vi ? "Mã chứng nhận" : "Certificate code") <input type="text" name="code" required maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false" inputmode="text"></label>
        <button type="submit">\(vi ? "Tra cứu" : "Verify")</button>
        </form>
        """
    }
}
