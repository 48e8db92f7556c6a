import Foundation

/// An Excel workbook (.xlsx) opened for import: which sheet, how its cells are styled, its shared
/// strings and merged ranges, read once; the sheet's rows are then streamed as often as the
/// import reads the file (`SheetReader`), never held whole.
public final class Workbook: Sendable {
    /// Where the zip is read from (the import's private snapshot).
    let path: String
    let limits: WorkbookLimits
    public let sheetName: String
    public let sheetNames: [String]
    let sheetPart: String
    let sheetSize: Int64
    /// Dates count from 1904-01-01 (old Mac workbooks) instead of 1899-12-30.
    let date1904: Bool
    let styles: CellStyles
    let sharedStrings: SharedStrings
    /// Merged ranges, by top-left cell, sorted by row.
    let merges: [CellRange]

    /// Opens the workbook at `path` and picks sheet `name`, or the first visible worksheet.
    init(path: String, sheet name: String?, limits: WorkbookLimits = .standard) throws {
        self.path = path
        self.limits = limits
        let archive = try WorkbookArchive(path: path, limits: limits)

        var rootRelations = Relationships.Handler(base: "")
        try archive.scan("_rels/.rels", limit: limits.partBytes, &rootRelations)
        let workbookPart = rootRelations.targets.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        var workbookHandler = WorkbookHandler()
        guard try archive.scan(workbookPart, limit: limits.partBytes, &workbookHandler) else { throw WorkbookError.notAWorkbook() }
        let base = (workbookPart as NSString).deletingLastPathComponent
        var relations = Relationships.Handler(base: base)
        try archive.scan(Relationships.path(of: workbookPart), limit: limits.partBytes, &relations)

        let worksheets = workbookHandler.sheets.compactMap { sheet -> (name: String, part: String, hidden: Bool)? in
            guard let relation = relations.targets.first(where: { $0.id == sheet.relation }),
                  relation.type.hasSuffix("/worksheet"), archive.contains(relation.target) else { return nil }
            return (sheet.name, relation.target, sheet.hidden)
        }
        sheetNames = worksheets.map(\.name)
        let chosen = name.map { name in worksheets.first { $0.name == name } ?? worksheets.first { $0.name.lowercased() == name.lowercased() } }
            ?? worksheets.first { !$0.hidden } ?? worksheets.first
        guard let chosen else { throw WorkbookError.noSheet(name, available: sheetNames) }
        sheetName = chosen.name
        sheetPart = chosen.part
        sheetSize = archive.declaredSize(chosen.part) ?? 0
        date1904 = workbookHandler.date1904

        if let stylesPart = relations.targets.first(where: { $0.type.hasSuffix("/styles") })?.target {
            styles = try CellStyles.read(from: archive, path: stylesPart)
        } else {
            styles = CellStyles()
        }
        if let stringsPart = relations.targets.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target {
            sharedStrings = try SharedStrings.read(from: archive, path: stringsPart)
        } else {
            sharedStrings = SharedStrings()
        }
        merges = try Self.mergedRanges(in: archive, part: chosen.part)
    }

    /// The sheet's merged ranges. They follow its data, so the part is inflated once more and
    /// searched for `<mergeCells` bytewise; only what follows it is read as XML. Its checksum is
    /// left to the readings of the rows, which check it.
    private static func mergedRanges(in archive: WorkbookArchive, part: String) throws -> [CellRange] {
        let marker = Array("<mergeCells".utf8)
        var tail: [UInt8] = []
        var handler = MergeHandler()
        var scanner: XMLScanner?
        try archive.read(part, limit: archive.limits.sheetBytes, checksum: false) { chunk in
            if scanner != nil {
                try scanner!.feed(chunk, &handler)
                return
            }
            let window = tail + chunk
            if let start = ByteSearch.firstIndex(of: marker, in: window) {
                scanner = XMLScanner()
                try window[start...].withUnsafeBufferPointer { try scanner!.feed($0, &handler) }
            } else {
                tail = Array(window.suffix(marker.count - 1))
            }
        }
        return handler.ranges.sorted { ($0.first.row, $0.first.column) < ($1.first.row, $1.first.column) }
    }

    private struct MergeHandler: XMLHandler {
        var ranges: [CellRange] = []

        mutating func start(_ tag: XMLTag) throws {
            guard tag.name.is("mergeCell"), let reference = try tag.attribute("ref"), let range = CellRange(reference) else { return }
            if ranges.count < 100_000 { ranges.append(range) }
        }

        mutating func end(_ name: XMLName) throws {}
        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, raw: Bool) throws {}
    }

    /// workbook.xml: the sheets in order, and the date system.
    private struct WorkbookHandler: XMLHandler {
        var sheets: [(name: String, relation: String, hidden: Bool)] = []
        var date1904 = false

        mutating func start(_ tag: XMLTag) throws {
            if tag.name.is("sheet"), let name = try tag.attribute("name"), let relation = try tag.attribute("id") {
                let state = try tag.attribute("state")
                sheets.append((name, relation, state == "hidden" || state == "veryHidden"))
            } else if tag.name.is("workbookPr") {
                let value = try tag.attribute("date1904")
                date1904 = value == "1" || value == "true"
            }
        }

        mutating func end(_ name: XMLName) throws {}
        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, raw: Bool) throws {}
    }
}

/// A part's relationships (`_rels/NAME.rels`): ids, types and targets resolved to part paths.
enum Relationships {
    static func path(of part: String) -> String {
        let directory = (part as NSString).deletingLastPathComponent
        let name = (part as NSString).lastPathComponent
        return (directory.isEmpty ? "" : directory + "/") + "_rels/" + name + ".rels"
    }

    struct Handler: XMLHandler {
        let base: String
        var targets: [(id: String, type: String, target: String)] = []

        init(base: String) { self.base = base }

        mutating func start(_ tag: XMLTag) throws {
            guard tag.name.is("Relationship"), let id = try tag.attribute("Id"), let target = try tag.attribute("Target") else { return }
            if try tag.attribute("TargetMode") == "External" { return }
            targets.append((id, try tag.attribute("Type") ?? "", Self.resolve(target, base: base)))
        }

        mutating func end(_ name: XMLName) throws {}
        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, raw: Bool) throws {}

        /// `worksheets/sheet1.xml` from `xl` is `xl/worksheets/sheet1.xml`; `/xl/…` is absolute.
        static func resolve(_ target: String, base: String) -> String {
            var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
            for component in target.split(separator: "/") {
                if component == ".." { _ = parts.popLast() } else if component != "." { parts.append(component) }
            }
            return parts.joined(separator: "/")
        }
    }
}
