/// Where the province stands against its targets on a date: counts only, never a person.
public struct ProgressReport: Sendable {
    public enum Group: String, Sendable, CaseIterable {
        case experts, instructors, learners
    }

    public enum Dimension: String, Sendable, CaseIterable {
        case commune, center, sex, age, month
    }

    /// One target's progress.
    public struct Target: Sendable {
        public let group: Group
        public let target: Int
        public let deadline: CalendarDate
        /// Distinct people counted as of the report date.
        public let achieved: Int
        /// Counted as of the deadline, once it has passed.
        public let achievedAtDeadline: Int?
        /// Whether the target was met by its deadline; `nil` while the deadline is ahead.
        public let metByDeadline: Bool?
        /// The first day the count reached the target, if it has.
        public let dateMet: CalendarDate?
        /// People a day over the last 28 days.
        public let dailyRate: Double
        /// People a day still needed to meet the target by the deadline; `nil` once met or past it.
        public let neededDailyRate: Double?
        /// When the current pace reaches the target; `nil` if met or the pace is zero.
        public let projectedDate: CalendarDate?
        public let revoked: Int

        public var percent: Double { target > 0 ? Double(achieved) * 100 / Double(target) : 0 }
        public var remaining: Int { max(0, target - achieved) }
    }

    /// Learners beyond the target's count.
    public struct LearnerDetail: Sendable {
        /// Distinct people enrolled, whatever their result.
        public let participants: Int
        /// Certified learners of any age.
        public let certified: Int
        /// Certified learners outside working age on the report date.
        public var certifiedOutsideWorkingAge: Int { certified - achievedWorkingAge }
        let achievedWorkingAge: Int
    }

    /// How the learners' count moved over the pace window (the last 28 days), and why: a count
    /// can fall though no one lost a certificate, when certified people reach retirement age.
    public struct LearnerChange: Sendable, Equatable {
        public let since: CalendarDate
        public let change: Int
        /// Certified learners who left working age over the window (net of those who turned 15).
        public let leftWorkingAge: Int
        /// Learner certificates revoked over the window.
        public let revoked: Int
    }

    public struct Row: Sendable, Equatable {
        public let key: String
        public let name: String
        /// Working-age certified learners (the target's count).
        public let achieved: Int
        /// Certified learners of any age (the age breakdown; other breakdowns count the target only).
        public let certified: Int?
    }

    public let asOf: CalendarDate
    public let targets: [Target]
    public let learners: LearnerDetail
    /// People with roster rows held for an identity decision now (`IdentityConflicts`): those
    /// rows count for nothing until it is taken, and nothing is counted twice meanwhile.
    public var peopleWithOpenConflicts = 0
    public let learnerChange: LearnerChange
    public let dimension: Dimension?
    public let breakdown: [Row]
    /// The learners' count at each month's end (the last month: the report date), for the chart.
    public let monthly: [(month: CalendarDate, achieved: Int)]

    public func target(_ group: Group) -> Target? { targets.first { $0.group == group } }
}
