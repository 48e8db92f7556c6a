/// How much of a workbook hocai will inflate and hold, so that a malformed or hostile file (a
/// zip bomb, a huge text table) is refused at once with memory bounded, whatever its headers
/// claim. A 500,000-row roster uses a tenth to a quarter of each (docs/workbooks.md).
public struct WorkbookLimits: Sendable {
    /// The sheet's XML, inflated.
    public var sheetBytes: Int64 = 4 << 30
    /// Each other part (the workbook, its relationships, styles), inflated.
    public var partBytes: Int64 = 32 << 20
    /// The shared-strings part, inflated.
    public var sharedStringsPartBytes: Int64 = 512 << 20
    /// The text the shared strings hold, which stays in memory for the whole import.
    public var sharedStringBytes = 48 << 20
    public var sharedStringCount = 4_000_000
    /// Inflated over compressed bytes beyond which a large part is taken for a zip bomb. XML
    /// compresses well (a sheet 10–30 times), a bomb thousands of times.
    public var compressionRatio: UInt64 = 250
    /// Parts at most this large are not held to the ratio.
    public var ratioFreeBytes: UInt64 = 16 << 20
    /// A row's text, as the CSV reader's record limit.
    public var rowBytes = 1 << 20

    public init() {}

    public static let standard = WorkbookLimits()
}
