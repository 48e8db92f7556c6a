/// Every fixed piece of wording in what the library writes for people (the report, a
/// certificate, an import's summary, the template and rejects workbooks), by key. Its wording is
/// in one catalog per language, `HocAIText+Vietnamese.swift` and `HocAIText+English.swift`, each
/// an exhaustive switch: a key without wording in either does not compile. Wording with a value in
/// it is `HocAIMessage`. A failure's or a roster issue's message is a `LocalizedText` beside the
/// case it words (`HocAIError`, `RosterIssue`), so that each code and its two wordings are read
/// together.
enum HocAIText: CaseIterable, Sendable {
    // The report.
    case reportTitle
    case groupExperts
    case groupInstructors
    case groupLearners
    case asOf
    case columnGroup
    case columnTarget
    case columnAchieved
    case columnRemaining
    case columnDeadline
    case columnMetByDeadline
    case columnDailyRate
    case columnNeededDailyRate
    case columnProjected
    case met
    case missed
    case notYetDue
    case noPaceYet
    case byCommune
    case byCentre
    case bySex
    case byAge
    case cumulativeByMonth
    case achievedWorkingAge
    case communeCode
    case commune
    case centreCode
    case centre
    case code
    case sex
    case ageBand
    case band
    case certifiedAnyAge
    case month
    case monthYear
    case cumulativeAtMonthEnd
    case chartTitle
    case targetsSheet
    case shareOfTarget
    case revoked
    case paceNotEnough

    // A certificate.
    case certificate
    case certificateCode
    case holder
    case track
    case issuedOn
    case classLabel
    case firstPassedOn
    case issuedBy
    case theProvince
    case statusValid
    case learnerCertificateTitle
    case instructorCertificateTitle
    case expertCertificateTitle
    case atPlace
    case classLowercase
    case provinceProgramme
    case thisCertifies
    case passedOn
    case qrCodeTitle

    // An import's summary.
    case dryRunNothingWritten
    case rejectedSoNothingWritten
    case cell
    case column
    case workbookRow
    case fileLine

    // The template and rejects workbooks.
    case rosterSheet
    case guideSheet
    case listsSheet
    case columnHeading
    case required
    case howToFillIn
    case example
    case yes
    case no
    case templateGuide
    case communeHeading
    case result
    case rejectedRowsSheet
}

/// Wording with values in it, in the same two catalogs.
enum HocAIMessage: Sendable {
    // The report.
    case metOn(date: String)
    case targetMark(target: String)
    case targetOffScale(target: String, factor: String)
    /// Since `since`, the learners counted toward the target fell (or rose) by `by`.
    case learnersChanged(since: String, fell: Bool, by: String, leftWorkingAge: String, revoked: String)
    case participants(Int)
    case certifiedLearners(certified: Int, outsideWorkingAge: Int)
    case revokedCertificates(String)
    case peopleHeld(Int)

    // A certificate.
    case statusRevoked(on: String)

    // An import's summary.
    case alreadyImported(file: String, batch: Int)
    case workbookRows(file: String, sheet: String, rows: Int)
    case textRows(file: String, encoding: String, delimiter: String, rows: Int)
    case counts(accepted: Int, inserted: Int, updated: Int, unchanged: Int, duplicates: Int, rejected: Int, held: Int, warnings: Int)
    case moreIssues(Int)
    case moreRows(Int)
    case heldForDecision(Int)
    case rejectsWrittenTo(path: String)
}

extension HocAIText: Worded {}
extension HocAIMessage: Worded {}

extension Language {
    /// `key` in this language.
    func text(_ key: HocAIText) -> String { key.text(in: self) }

    /// `message` in this language.
    func text(_ message: HocAIMessage) -> String { message.text(in: self) }

    /// A date as this language writes it: `05/09/2025` in Vietnamese (day first), `2025-09-05` in
    /// English.
    public func date(_ date: CalendarDate) -> String {
        switch self {
        case .vi: date.vietnameseFormat
        case .en: date.description
        }
    }

    /// The mark that groups a number's thousands: `500.000` in Vietnamese, `500,000` in English.
    var thousandsSeparator: Character {
        switch self {
        case .vi: "."
        case .en: ","
        }
    }
}

extension CertificateRecord.Track {
    /// The track's name in `language`.
    public func name(in language: Language) -> String {
        switch language {
        case .vi: vietnameseName
        case .en: englishName
        }
    }
}
