/// The workbook's shared strings, held as one run of UTF-8 bytes and where each ends: a roster's
/// hundreds of thousands of names cost their letters, not an object each.
struct SharedStrings: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    /// String `index`'s bytes, or nil past the table.
    func withBytes<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<Int(ends[index])])) }
    }

    static func read(from archive: WorkbookArchive, path: String) throws -> SharedStrings {
        var handler = Handler(limits: archive.limits)
        // The text is never longer than its part: room for it at once (up to the limit), so the
        // table is not copied as it grows and memory stays at the limit.
        let declared = Int(clamping: archive.declaredSize(path) ?? 0)
        handler.table.bytes.reserveCapacity(min(declared, archive.limits.sharedStringBytes) + 1)
        try archive.scan(path, limit: archive.limits.sharedStringsPartBytes, &handler)
        return handler.table
    }

    /// `<si>` holds `<t>` directly or in rich-text runs `<r><t>`; phonetic hints `<rPh>` are
    /// not the text.
    private struct Handler: XMLHandler {
        let limits: WorkbookLimits
        var table = SharedStrings()
        var inItem = false, inText = false, inPhonetic = false

        init(limits: WorkbookLimits) { self.limits = limits }

        mutating func start(_ tag: XMLTag) throws {
            if tag.name.is("si") { inItem = true }
            else if tag.name.is("t") { inText = inItem && !inPhonetic }
            else if tag.name.is("rPh") { inPhonetic = true }
        }

        mutating func end(_ name: XMLName) throws {
            if name.is("si") {
                inItem = false
                table.ends.append(UInt32(table.bytes.count))
                if table.ends.count > limits.sharedStringCount { throw WorkbookError.tooManySharedStrings(limit: limits.sharedStringBytes) }
            } else if name.is("t") {
                inText = false
            } else if name.is("rPh") {
                inPhonetic = false
            }
        }

        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, raw: Bool) throws {
            guard inText else { return }
            try XMLText.append(bytes, raw: raw, to: &table.bytes)
            if table.bytes.count > limits.sharedStringBytes { throw WorkbookError.tooManySharedStrings(limit: limits.sharedStringBytes) }
        }
    }
}
