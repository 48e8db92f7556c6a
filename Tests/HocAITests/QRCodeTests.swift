import Foundation
import HocAI
import HocAITestSupport
import Testing

/// The QR encoder against an independent decoder: zbarimg (Debian's zbar-tools, installed by
/// scripts/tools) reads back every version the verification links need and random payloads
/// from 1 to 213 bytes (version 10 at level M), written as PNG.
@Suite(.serialized)
struct QRCodeTests {
    static var zbarimg: String {
        get throws {
            for path in ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"] where FileManager.default.isExecutableFile(atPath: path) {
                return path
            }
            throw TestSupportError("zbarimg is missing: run scripts/tools test (it installs zbar-tools)")
        }
    }

    /// Decodes PNG files with zbarimg, in one process; what each holds, in order.
    static func decode(_ images: [Data]) throws -> [String] {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let paths = try images.enumerated().map { index, data in
            try fixtures.write("qr-\(String(format: "%03d", index)).png", bytes: Array(data)).path
        }
        var results: [String] = []
        for path in paths {
            let run = try HocAIProcess.run([try zbarimg, "--raw", "-q", "-Sbinary", "-Sqrcode.enable", path], databaseURL: nil, viaShell: true)
            results.append(run.status == 0 ? String(run.stdout.dropLast(run.stdout.hasSuffix("\n") ? 1 : 0)) : "(unreadable: \(run.status))")
        }
        return results
    }

    @Test func verificationLinksOfEveryLengthReadBack() throws {
        var generator = SeededGenerator(seed: 18004)
        // From the shortest address to long public URLs: versions 2 to 6.
        let bases = ["http://127.0.0.1:8080", "https://hocai.thainguyen.gov.vn", "https://xac-minh.binh-dan-hoc-ai.thainguyen.gov.vn/so-khcn",
                     "https://hocai.thainguyen.gov.vn/duong-dan-rat-dai-cho-nhung-may-chu-dat-sau-reverse-proxy/cong-khai/tra-cuu"]
        var texts: [String] = []
        var versions: Set<Int> = []
        for base in bases {
            let text = "\(base)/v/\(CertificateCode.random(using: &generator).value)"
            texts.append(text)
            versions.insert(try QRCode.encode(text).version)
        }
        #expect(versions.count >= 3, "\(versions)")
        #expect(try Self.decode(texts.map { PNG.image(of: try QRCode.encode($0)) }) == texts)
    }

    @Test func randomPayloadsOfEveryVersionReadBack() throws {
        var generator = SeededGenerator(seed: 42)
        // Printable ASCII (zbarimg prints the bytes as they are), 40 payloads spread over the
        // lengths every version 1 to 10 covers.
        let lengths = (0..<40).map { 1 + ($0 * 212) / 39 }
        let texts = lengths.map { length in
            String((0..<length).map { _ in Character(UnicodeScalar(UInt8(33 + generator.next() % 94))) })
        }
        let codes = try texts.map { try QRCode.encode($0) }
        #expect(Set(codes.map(\.version)) == Set(1...10))
        #expect(Set(codes.map(\.mask)).count > 1, "the mask is chosen, not fixed")
        #expect(try Self.decode(codes.map { PNG.image(of: $0) }) == texts)
        #expect(throws: QRCode.Problem.tooLong(214)) { try QRCode.encode([UInt8](repeating: 65, count: 214)) }
    }

    /// The fixed patterns where the standard puts them, and the SVG the pages print.
    @Test func theSymbolHasItsFixedPatternsAndAnSVG() throws {
        let code = try QRCode.encode("HELLO")
        #expect(code.version == 1)
        #expect(code.size == 21)
        let svg = code.svg(title: "a <test>")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("viewBox=\"0 0 29 29\""))
        #expect(svg.contains("<title>a &lt;test&gt;</title>"))
        // Finder patterns: dark corners, light separators.
        for (row, column) in [(0, 0), (0, 20), (20, 0), (6, 6), (3, 3)] { #expect(code[row, column]) }
        for (row, column) in [(7, 7), (1, 1), (7, 13)] { #expect(!code[row, column]) }
        #expect(code[13, 8], "the dark module")
    }
}
