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
        language.text(.verifyCertificateShort)
    }

    func render(path: String) -> HTML {
        PageLayout(title: title, language: language, path: path).render("""
            <h1>\(title)</h1>
            \(verdict)
            \(form)
            """)
    }


    private func date(_ date: CalendarDate) -> String { language.date(date) }

    private var verdict: HTML {
        switch outcome {
        case .asking:
            return "<p>\(language.text(.typeCodePrintedOnCertificate12))</p>"
        case .found(let record):
            let status: HTML
            if let revokedOn = record.revokedOn {
                status = """
                    <div class="verdict revoked" role="status"><strong>\(language.text(.revoked))</strong>
                    \(language.text(.thisCertificateWasRevokedOn)) \(date(revokedOn))\(record.revocationReason.map { ": \($0)" } ?? "").
                    \(language.text(.itIsNoLongerValid))</div>
                    """
            } else {
                status = """
                    <div class="verdict valid" role="status"><strong>\(language.text(.valid))</strong>
                    \(language.text(.issuedByThaiNguyenAiFor))</div>
                    """
            }
            return """
                \(status)
                <dl class="facts">
                <dt>\(language.text(.certificate))</dt><dd class="code">\(record.code.grouped)</dd>
                <dt>\(language.text(.holder))</dt><dd><bdi>\(record.holderName)</bdi> (\(record.holderID))</dd>
                <dt>\(language.text(.trackKind))</dt><dd>\(record.track.name(in: language))</dd>
                <dt>\(language.text(.passedOn))</dt><dd>\(date(record.firstPassedOn ?? record.issuedOn))</dd>
                <dt>\(language.text(.issuedOn))</dt><dd>\(date(record.issuedOn))</dd>
                \(record.classCode.map { code -> HTML in "<dt>\(language.text(.classHeading))</dt><dd>\(code)</dd>" })
                \(record.centerCode.map { code -> HTML in "<dt>\(language.text(.centre))</dt><dd><bdi>\(record.centerName ?? code)</bdi> (\(code))</dd>" })
                <dt>\(language.text(.issuedBy))</dt><dd><bdi>\(record.issuerName ?? (language.text(.thaiNguyenProvince)))</bdi></dd>
                </dl>
                <p class="muted">\(language.text(.nameAndNationalIdArePartly))</p>
                """
        case .unknown(let code):
            return """
                <div class="verdict unknown" role="status"><strong>\(language.text(.notFound))</strong>
                \(language.text(.noCertificateHasCode)) <span class="code">\(code)</span>.
                \(language.text(.codeIsWellFormedButIt))</div>
                """
        case .mistyped(let input, let candidates):
            let links = candidates.map { code -> HTML in
                "<li><a class=\"code\" href=\"/v/\(HTML.pathSegment(code.value))\">\(code.grouped)</a></li>"
            }
            return """
                <div class="verdict mistyped" role="status"><strong>\(language.text(.codeLooksMistyped))</strong>
                \(language.text(.checkCharacterOf)) <span class="code">\(String(input.prefix(40)))</span> \(language.text(.doesNotMatchOneCharacterIs))</div>
                \(links.isEmpty ? HTML.empty : """
                    <p>\(language.text(.nearestWellFormedCodesOnlyShapes))</p>
                    <ul class="plain">\(links)</ul>
                    """)
                """
        case .malformed(let input):
            return """
                <div class="verdict error" role="status"><strong>\(language.text(.notCertificateCode))</strong>
                <span class="code">\(String(input.prefix(40)))</span> \(language.text(.isNotCertificateCodeCodeHas))</div>
                """
        }
    }

    private var form: HTML {
        """
        <form class="inline" method="get" action="/v" role="search">
        <label>\(language.text(.certificateCode)) <input type="text" name="code" required maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false" inputmode="text"></label>
        <button type="submit">\(language.text(.verify))</button>
        </form>
        """
    }
}
