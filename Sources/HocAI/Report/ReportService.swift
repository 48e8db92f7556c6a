import Logging
import PostgresLibPQ

/// Computes the progress report from `report_events`, the summary the importer and revocations
/// keep exact in their own transactions: a handful of small aggregates, whatever the register's size.
public struct ReportService {
    let connection: PostgresConnection
    let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    public func report(asOf date: CalendarDate = .today(), by dimension: ProgressReport.Dimension? = nil) throws -> ProgressReport {
        let paceStart = date.adding(days: -28)
        var totals: [String: (now: Int, before: Int)] = [:]
        for row in try connection.query("""
            SELECT target_group, COALESCE(sum(delta), 0), COALESCE(sum(delta) FILTER (WHERE day <= \(paceStart)), 0)
            FROM report_events WHERE dimension = 'total' AND day <= \(date) GROUP BY target_group
            """).rows {
            let (group, now, before) = try row.decode((String, Int, Int).self)
            totals[group] = (now, before)
        }
        // Each target's running count by day: when it was reached, and its count at the deadline.
        var series: [String: [(day: CalendarDate, count: Int)]] = [:]
        let horizon = max(date, try connection.query("SELECT max(deadline) FROM targets").scalar(CalendarDate?.self) ?? date)
        for row in try connection.query("""
            SELECT target_group, day, sum(sum(delta)) OVER (PARTITION BY target_group ORDER BY day)::bigint
            FROM report_events
            WHERE dimension = 'total' AND target_group IN ('experts', 'instructors', 'learners') AND day <= \(horizon)
            GROUP BY target_group, day ORDER BY target_group, day
            """).rows {
            let (group, day, count) = try row.decode((String, CalendarDate, Int).self)
            series[group, default: []].append((day, count))
        }
        let targetRows = try connection.query("SELECT target_group, value, deadline FROM targets").rows
        var targets: [ProgressReport.Target] = []
        for row in targetRows {
            let (name, value, deadline) = try row.decode((String, Int, CalendarDate).self)
            guard let group = ProgressReport.Group(rawValue: name) else { continue }
            let points = series[name] ?? []
            func count(on day: CalendarDate) -> Int { points.last { $0.day <= day }?.count ?? 0 }
            let achieved = totals[name]?.now ?? 0
            let rate = Double(achieved - (totals[name]?.before ?? 0)) / 28
            let dateMet = points.first { $0.count >= value && $0.day <= date }?.day
            let deadlinePassed = deadline < date
            let atDeadline = deadlinePassed ? count(on: deadline) : nil
            let remaining = max(0, value - achieved)
            let daysLeft = deadline.daysSinceEpoch - date.daysSinceEpoch
            let needed: Double? = remaining > 0 && daysLeft > 0 ? Double(remaining) / Double(daysLeft) : nil
            let projected: CalendarDate? = remaining > 0 && rate > 0
                ? date.adding(days: Int((Double(remaining) / rate).rounded(.up))) : nil
            let track = group == .experts ? "expert" : group == .instructors ? "instructor" : "learner"
            targets.append(ProgressReport.Target(
                group: group, target: value, deadline: deadline, achieved: achieved, achievedAtDeadline: atDeadline,
                metByDeadline: atDeadline.map { $0 >= value }, dateMet: dateMet, dailyRate: rate, neededDailyRate: needed,
                projectedDate: projected, revoked: totals["revoked_\(track)"]?.now ?? 0))
        }
        targets.sort { ProgressReport.Group.allCases.firstIndex(of: $0.group)! < ProgressReport.Group.allCases.firstIndex(of: $1.group)! }
        let learners = ProgressReport.LearnerDetail(
            participants: totals["participants"]?.now ?? 0, certified: totals["certified"]?.now ?? 0,
            achievedWorkingAge: totals["learners"]?.now ?? 0)
        func moved(_ group: String) -> Int { (totals[group]?.now ?? 0) - (totals[group]?.before ?? 0) }
        let change = ProgressReport.LearnerChange(
            since: paceStart, change: moved("learners"),
            leftWorkingAge: try connection.query("SELECT learners_reaching_retirement(\(paceStart), \(date))").scalar(Int.self),
            revoked: moved("revoked_learner"))
        let monthly = monthlySeries(series["learners"] ?? [], until: date)
        let breakdown = try dimension.map { try rows(for: $0, asOf: date, monthly: monthly) } ?? []
        var report = ProgressReport(asOf: date, targets: targets, learners: learners, learnerChange: change, dimension: dimension,
                                    breakdown: breakdown, monthly: monthly)
        report.peopleWithOpenConflicts = try IdentityConflicts(connection: connection, logger: logger).peopleWithOpenConflicts()
        return report
    }

    /// The count at the end of each month from the first certificate to the report date.
    private func monthlySeries(_ points: [(day: CalendarDate, count: Int)], until date: CalendarDate) -> [(month: CalendarDate, achieved: Int)] {
        guard let first = points.first?.day, first <= date else { return [] }
        var result: [(CalendarDate, Int)] = []
        var month = CalendarDate(year: first.year, month: first.month, day: 1)!
        while month <= date {
            let end = min(month.adding(months: 1).adding(days: -1), date)
            result.append((month, points.last { $0.day <= end }?.count ?? 0))
            month = month.adding(months: 1)
        }
        return result
    }

    private func rows(for dimension: ProgressReport.Dimension, asOf date: CalendarDate, monthly: [(month: CalendarDate, achieved: Int)]) throws -> [ProgressReport.Row] {
        switch dimension {
        case .month:
            return monthly.map { point in
                ProgressReport.Row(
                    key: String(point.month.description.prefix(7)),
                    name: "\(point.month.month < 10 ? "0" : "")\(point.month.month)/\(point.month.year)",
                    achieved: point.achieved, certified: nil)
            }
        case .age:
            let counts = try sums(dimension: "band", groups: ["learners_band"], asOf: date)
            return ["15-24", "25-34", "35-44", "45-54", "55-retirement", "outside"].map { band in
                let certified = counts[band]?["learners_band"] ?? 0
                let name = band == "outside" ? "Ngoài độ tuổi lao động" : band == "55-retirement" ? "55 đến tuổi nghỉ hưu" : band
                return ProgressReport.Row(key: band, name: name, achieved: band == "outside" ? 0 : certified, certified: certified)
            }
        case .sex:
            let counts = try sums(dimension: "sex", groups: ["learners"], asOf: date)
            return [("M", "Nam"), ("F", "Nữ")].map { key, name in
                ProgressReport.Row(key: key, name: name, achieved: counts[key]?["learners"] ?? 0, certified: nil)
            }
        case .commune:
            let counts = try sums(dimension: "commune", groups: ["learners"], asOf: date)
            return try CommuneDirectory.load(from: connection).communes.map { commune in
                ProgressReport.Row(key: commune.code, name: commune.fullName, achieved: counts[commune.code]?["learners"] ?? 0, certified: nil)
            }
        case .center:
            let counts = try sums(dimension: "center", groups: ["learners"], asOf: date)
            return try CenterService(connection: connection, logger: logger).list().map { center in
                ProgressReport.Row(key: center.code, name: center.name, achieved: counts[center.code]?["learners"] ?? 0, certified: nil)
            }
        }
    }

    /// key → group → count as of the date.
    private func sums(dimension: String, groups: [String], asOf date: CalendarDate) throws -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        for row in try connection.query("""
            SELECT key, target_group, sum(delta)::bigint FROM report_events
            WHERE dimension = \(dimension) AND target_group = ANY (\(groups)) AND day <= \(date)
            GROUP BY key, target_group
            """).rows {
            let (key, group, count) = try row.decode((String, String, Int).self)
            result[key, default: [:]][group] = count
        }
        return result
    }
}
