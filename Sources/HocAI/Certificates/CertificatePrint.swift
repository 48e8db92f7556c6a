import Foundation

/// The printable certificate: an A4 page for its holder, with their full name (the page is the
/// holder's own document, so it is shown whole, unlike the verification page), the track, the date
/// they passed, the class and centre, the code, and a QR code of the verification link. The same
/// page is served to the holder's centre (`/certificates/{code}/print`) and written offline by
/// `hocai certificate print`.
public enum CertificatePrint {
    /// What the page shows.
    public struct Content: Sendable {
        public let record: CertificateRecord
        public let fullName: String

        public init(record: CertificateRecord, fullName: String) {
            self.record = record
            self.fullName = fullName
        }
    }

    /// The verification link the QR code holds.
    public static func verifyURL(_ code: CertificateCode, baseURL: String) -> String { "\(baseURL)/v/\(code.value)" }

    /// The certificate itself (an `<article>`), for a page's frame.
    public static func article(_ content: Content, baseURL: String, language: Language) throws -> HTML {
        let record = content.record
        let link = verifyURL(record.code, baseURL: baseURL)
        let qr = try QRCode.encode(link)
        let passed = record.firstPassedOn ?? record.issuedOn
        let date = language.date(passed)
        let title: String = switch record.track {
        case .learner: language.text(.learnerCertificateTitle)
        case .instructor: language.text(.instructorCertificateTitle)
        case .expert: language.text(.expertCertificateTitle)
        }
        let place: HTML = record.centerName.map { name -> HTML in
            "<p>\(language.text(.atPlace)) <bdi>\(name)</bdi>\(record.classCode.map { " — \(language.text(.classLowercase)) \($0)" } ?? "")</p>"
        } ?? .empty
        return """
            <article class="certificate-print" lang="\(language.rawValue)">
            <p class="issuer">\(language.text(.provinceProgramme))</p>
            <h1>\(title)</h1>
            <p>\(language.text(.thisCertifies))</p>
            <p class="holder"><bdi>\(content.fullName)</bdi></p>
            <p>\(record.track.name(in: language)), \(language.text(.passedOn)) \(date)</p>
            \(place)
            <figure class="qr-figure">
            \(HTML(svg: qr.svg(title: language.text(.qrCodeTitle))))
            <figcaption>\(language.text(.certificateCode)) <span class="code">\(record.code.grouped)</span><br><span class="link">\(link)</span></figcaption>
            </figure>
            </article>
            """
    }

    /// A whole page, its style inside it, for a file printed offline.
    public static func document(_ content: Content, baseURL: String, language: Language) throws -> HTML {
        """
        <!doctype html>
        <html lang="\(language.rawValue)">
        <head><meta charset="utf-8"><title>\(content.record.code.grouped) · hocai</title>
        <style>\(HTML(css: stylesheet))</style></head>
        <body>
        \(try article(content, baseURL: baseURL, language: language))
        </body>
        </html>
        """
    }

    /// The page's style: the frame, and A4 when printed. The server's stylesheet includes it.
    public static let stylesheet = """
        .certificate-print { max-width: 180mm; margin: 0 auto; border: 6px double #0b5cad; padding: 14mm 12mm; text-align: center;
                             font-family: "Noto Serif", "DejaVu Serif", Georgia, serif; color: #1b1f24; }
        .certificate-print .issuer { letter-spacing: .04em; font-size: .95rem; }
        .certificate-print h1 { font-size: 1.7rem; margin: 1rem 0; color: #0b5cad; }
        .certificate-print .holder { font-size: 2rem; font-weight: 700; margin: .75rem 0; }
        .certificate-print .qr-figure { margin: 1.25rem auto 0; }
        .certificate-print svg.qr { width: 38mm; height: 38mm; display: block; margin: 0 auto; }
        .certificate-print .code { font-family: ui-monospace, Menlo, Consolas, monospace; letter-spacing: .06em; }
        .certificate-print .link { font-size: .8rem; overflow-wrap: anywhere; }
        @media print { @page { size: A4; margin: 15mm; } .certificate-print { border-width: 6px; } }
        """
}

extension HTML {
    /// Markup the project made itself: an SVG from the QR encoder. (Not for anything typed.)
    init(svg: String) { self.init(markup: svg) }

    /// A stylesheet of the project's own.
    init(css: String) { self.init(markup: css) }
}
