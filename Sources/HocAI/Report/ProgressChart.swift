import Foundation

/// The learners' count at each month's end, as an SVG chart on its own scale: the axis reaches
/// just past the highest count (and the projection), so that 0.5% of the target is a readable
/// line, not one lying on the axis. The target is marked: a line where it falls within the scale,
/// else a note at the top saying how far above it is. Axis labels are the values they stand at.
public struct ProgressChart: Sendable {
    public let points: [(month: CalendarDate, achieved: Int)]
    public let target: Int
    public let asOf: CalendarDate
    public let projected: CalendarDate?
    let labels: ReportLabels

    public init(report: ProgressReport, language: Language) {
        points = report.monthly
        target = report.target(.learners)?.target ?? 0
        asOf = report.asOf
        projected = report.target(.learners)?.projectedDate
        labels = ReportLabels(language: language)
    }

    /// The axis's top: the first of 1, 2, 2.5, 5 and 10 times a power of ten at or above `value`.
    static func niceCeiling(_ value: Int) -> Int {
        guard value > 0 else { return 10 }
        var power = 1
        while power * 10 <= value { power *= 10 }
        for tenths in [10, 20, 25, 50, 100] where power * tenths / 10 >= value && power * tenths % 10 == 0 {
            return power * tenths / 10
        }
        return power * 10
    }

    public var svg: String {
        let width = 760.0, height = 320.0, left = 78.0, right = 16.0, top = 34.0, bottom = 40.0
        let highest = points.map(\.achieved).max() ?? 0
        // The target joins the scale only when it would not flatten the line (within 1.5 times).
        let targetOnScale = target > 0 && Double(target) <= Double(max(highest, 1)) * 1.5
        let axisTop = Self.niceCeiling(max(targetOnScale ? target : highest, 1))
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let count = max(points.count, 1)
        func x(_ index: Int) -> Double { left + plotWidth * (Double(index) + 0.5) / Double(count) }
        func y(_ value: Int) -> Double { top + plotHeight * (1 - Double(value) / Double(axisTop)) }
        func f(_ value: Double) -> String { value.formatted(decimals: 1) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" \
            aria-label="\(HTML.escape(labels.chartTitle))">
            <title>\(HTML.escape(labels.chartTitle))</title>
            <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="#ffffff"/>

            """
        for tick in 0...4 {
            let value = axisTop * tick / 4
            svg += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(y(value)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(value)))\" stroke=\"#d0d7de\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(value) + 4))\" text-anchor=\"end\" font-size=\"12\" data-tick=\"\(value)\">\(labels.number(value))</text>\n"
        }
        let path = points.enumerated().map { index, point in "\(index == 0 ? "M" : "L")\(f(x(index))) \(f(y(point.achieved)))" }.joined(separator: " ")
        if !points.isEmpty {
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2.5\"/>\n"
            for (index, point) in points.enumerated() {
                svg += "<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(point.achieved)))\" r=\"3\" fill=\"#0b5cad\" data-month=\"\(point.month.description.prefix(7))\" data-achieved=\"\(point.achieved)\"/>"
            }
            svg += "\n"
            // Month labels, no more than about eight of them.
            let every = max(1, Int((Double(points.count) / 8).rounded(.up)))
            for (index, point) in points.enumerated() where index % every == 0 || index == points.count - 1 {
                svg += "<text x=\"\(f(x(index)))\" y=\"\(f(height - bottom + 18))\" text-anchor=\"middle\" font-size=\"12\">\(String(format: "%02d/%d", point.month.month, point.month.year % 100))</text>"
            }
            svg += "\n"
        }
        if targetOnScale {
            svg += "<line class=\"target\" x1=\"\(f(left))\" y1=\"\(f(y(target)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(target)))\" stroke=\"#a40e26\" stroke-width=\"2\" stroke-dasharray=\"6 4\" data-target=\"\(target)\"/>"
            svg += "<text x=\"\(f(width - right))\" y=\"\(f(y(target) - 6))\" text-anchor=\"end\" font-size=\"12\" fill=\"#a40e26\">\(HTML.escape(labels.targetMark(target)))</text>\n"
        } else if target > 0 {
            let times = Double(target) / Double(max(highest, 1))
            svg += "<text x=\"\(f(left))\" y=\"18\" font-size=\"13\" fill=\"#a40e26\" data-target=\"\(target)\">\(HTML.escape(labels.targetOffScale(target, times: times)))</text>\n"
        }
        return svg + "</svg>"
    }
}
