import Crypto

/// A roster row as its centre sent it, in 16 bytes: SHA-256 of the kind, the sending centre's
/// code, the header's cells and the row's cells (each cell's length before its bytes, so the
/// cell boundaries count), cut to 128 bits.
///
/// An enrolment keeps the fingerprint of the learner row that last wrote it. When a centre
/// sends a roster again, a row whose fingerprint one of the centre's enrolments holds is known
/// unchanged before any check (`UnchangedRows`): it reads exactly like a row the register
/// accepted, under the same header. The cells are taken after CSV unquoting and decoding, so the
/// same roster saved with other quoting, line ends or separator, or as UTF-16, fingerprints
/// alike. (Saved as Windows-1258, which decodes to combining marks, its rows are checked once
/// more and take the new fingerprints.) A cryptographic hash, so that no one can make a changed
/// row pass for an unchanged one.
struct RowFingerprint: Sendable {
    /// SHA-256 of the kind, the centre and the header's cells: every row's hash starts with it.
    private let headerDigest: [UInt8]
    private var scratch: [UInt8] = []

    init(kind: RosterKind, centerCode: String, header: [String]) {
        var bytes: [UInt8] = []
        Self.appendCell(Array(kind.rawValue.utf8), to: &bytes)
        Self.appendCell(Array(centerCode.utf8), to: &bytes)
        for cell in header { Self.appendCell(Array(cell.utf8), to: &bytes) }
        headerDigest = Array(SHA256.hash(data: bytes))
        scratch.reserveCapacity(512)
    }

    /// The fingerprint of record `index` of `batch`, as bytea text (`\x` and 32 hex digits).
    mutating func text(of batch: CSVRecordBatch, record index: Int) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: headerDigest)
        batch.withCells(of: index) { Self.appendCell($0, to: &scratch) }
        return SHA256.hash(data: scratch).prefix(16).hexString(prefix: "\\x")
    }

    private static func appendCell(_ cell: some Collection<UInt8>, to bytes: inout [UInt8]) {
        let count = UInt32(truncatingIfNeeded: cell.count)
        withUnsafeBytes(of: count.littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: cell)
    }
}
