import HocAI

/// Every fixed piece of wording the commands print, by key. Its wording is in one catalog per
/// language, `ConsoleText+Vietnamese.swift` and `ConsoleText+English.swift`, each an exhaustive
/// switch: a key without wording in either does not compile. Wording with a value in it is
/// `ConsoleMessage`. What the library writes (an import's summary, the report, a failure's
/// message) is worded in the library; a command's help is English with its Vietnamese name.
enum ConsoleText: CaseIterable, Sendable {
    case code
    case name
    case commune
    case noRowsHeld
    case rowNumber
    case centre
    case file
    case line
    case fullName
    case born
    case differsIn
    case howToDecide
    case registerCorrected
    case failRecorded
    case resultUnchanged
    case holderMatches
    case holderDoesNotMatch
    case keyID
    case created
    case status
    case signing
    case verifiesOnly
    case noneIssuedAfterRevocation
    case login
    case role
    case disabled
    case active
    case passwordSet
    case unexpectedError
}

/// Wording with values in it, in the same two catalogs.
enum ConsoleMessage: Sendable {
    case centreAdded(code: String, name: String, commune: String, communeCode: String)
    case publicAddress(String)
    case registered(nationalID: String, name: String, born: String)
    case appliedAndReturned(applied: Int, returned: Int)
    case rowReturned(Int)
    case certificateIssued(String)
    case alreadyCertified(String)
    case certificateRevoked(String, on: String)
    case reissued(String)
    case credentialRevoked(achievement: String, track: String, listFrom: String)
    case credentialValid(achievement: String, track: String, validFrom: String, issuer: String)
    case notRevokedPerList(listFrom: String)
    case certificatePrinted(file: String, code: String, link: String)
    case keyRetired(String)
    case retiredOn(String)
    case issuedAfterRevocation(holder: String, revokedOn: String, count: Int, codes: String)
    case accountAdded(login: String, role: String)
    case passwordShownOnce(String)
    case newPasswordShownOnce(String)
    case accountDisabled(String)
    case tokensRevoked(Int)
    case migrationApplied(String)
    case schemaUpToDate(files: Int)
    case templateWritten(String)
    /// What libpq said when the database could not be reached, and where its URL comes from.
    case databaseUnreachable(String)
    /// A database error the library does not classify: the rule the server names.
    case databaseError(state: String, message: String)
}

extension ConsoleText: Worded {}
extension ConsoleMessage: Worded {}

extension Language {
    /// `key` in this language.
    func text(_ key: ConsoleText) -> String { key.text(in: self) }

    /// `message` in this language.
    func text(_ message: ConsoleMessage) -> String { message.text(in: self) }
}
