import HocAI

/// Every fixed piece of wording the web pages and the API's own answers show, by key. Its
/// wording is in one catalog per language, `WebText+Vietnamese.swift` and `WebText+English.swift`,
/// each an exhaustive switch: a key without wording in either does not compile. Wording with a
/// value in it is `WebMessage`.
enum WebText: CaseIterable, Sendable {
    case signIn
    case aiForEveryoneThaiNguyen
    case trackerOfProvinceAiForEveryone
    case centresInstructorsOfficials
    case signInWithAccountAdministratorGave
    case verifyCertificate
    case certificateCode
    case verify
    case login
    case password
    case forgottenPasswordAskDepartmentAdministratorTo
    case home
    case myClasses
    case classPrefix
    case learnersBasicAi
    case coreInstructors
    case noClassTaughtByYouYet
    case classCode
    case centre
    case track
    case learners
    case result
    case pass
    case fail
    case date
    case score
    case recordResultOf
    case record
    case learnersLowercase
    case name
    case enrolled
    case recordResult
    case sendResultsFile
    case resultsFileExcelXlsxOrCsv
    case checkFirstWritesNothing
    case recordResults
    case noneYet
    case notRecorded
    case verifyCertificateShort
    case typeCodePrintedOnCertificate12
    case revoked
    case thisCertificateWasRevokedOn
    case itIsNoLongerValid
    case valid
    case issuedByThaiNguyenAiFor
    case certificate
    case holder
    case trackKind
    case passedOn
    case issuedOn
    case classHeading
    case issuedBy
    case thaiNguyenProvince
    case nameAndNationalIdArePartly
    case notFound
    case noCertificateHasCode
    case codeIsWellFormedButIt
    case codeLooksMistyped
    case checkCharacterOf
    case doesNotMatchOneCharacterIs
    case nearestWellFormedCodesOnlyShapes
    case notCertificateCode
    case isNotCertificateCodeCodeHas
    case clientWentAway
    case requestIsNotValid
    case jsonBodyIsNotInExpected
    case bodyMustBeJsonObject
    case mustBeText
    case importRosters
    case provincialExperts
    case learnersAndClasses
    case results
    case centreCodeEmptyForExperts
    case kindOfRoster
    case rosterFileExcelWorkbookXlsxOr
    case importOnlyIfEveryRowIs
    case importAction
    case pressCheckFirstFileIsRead
    case blankWorkbooks
    case fillRosterInBlankWorkbookCccd
    case awaitingDecision
    case imported
    case returned
    case rowsHeldForIdentityDecision
    case file
    case line
    case fullName
    case status
    case why
    case recentUploads
    case sent
    case kind
    case accepted
    case rejected
    case batchesImported
    case nothingImportedYet
    case number
    case started
    case identityConflicts
    case noRowsAreHeldForDecision
    case thisRowIsRight
    case notThisPersonReturn
    case inRegister
    case born
    case differsIn
    case decision
    case registerIsRightImportRowsAs
    case importOf
    case waiting
    case running
    case checkedNothingWritten
    case failed
    case readingFile
    case rows
    case waitingForItsTurn
    case thisPageUpdatesItselfYouMay
    case fileCouldNotBeImported
    case verdictFailed
    case nothingWasWrittenCorrectFileAs
    case sendAnotherFile
    case thisFileWasImportedBeforeIt
    case verdictChecked
    case ifThisLooksRightChooseFile
    case notWritten
    case someRowsWereRejectedSoNone
    case verdictImported
    case validRowsAreWritten
    case rowsReturned
    case openItInExcelCorrectEach
    case cell
    case column
    case reason
    case code
    case first20AreShownFileHas
    case rowsHeldForDecision
    case warnings
    case goBackReloadPageAndSend
    case homePage
    case pages
    case otherLanguage
    case thaiNguyenDepartmentOfScienceAnd
    case progress
    case signOut
    case asOf
    case show
    case province
    case downloadReport
    case excelWorkbookXlsxTargetsAndEvery
    case report
    case printableHtml
    case loginAndRoleAreNeeded
    case loginAndPasswordAreNeeded
    case reasonIsNeeded
    case nationalIdClassCodeAndResult
    case scoreFrom0To100
    case dateAsYyyyMmDd
    case chooseResultPassOrFail
    case dateIsNotDatePickIt
    case scoreIsNumberFrom0To
    case serverErrorNothingChangedTryAgain
    case fileFormIsNotWellFormed
    case centreCodeCenterIsNeeded
    case keepIsRegisterOrRow
    case returnIsListOfRowNumbers
    case chooseDecision
    case noFileWasChosenOrIt
    case chooseKindOfRoster
    case checkAddressOrGoBackTo
    case thisPageIsForAnotherAccount
    case splitFileIntoSmallerFilesEach
    case serverIsBusyOrRestartingTry
    case goBackCorrectWhatIsSaid
    case codeNameAndCommuneAreNeeded
    case reportDateIsNotDateYear
    case communeCenterSexAgeOrMonth
    case jsonCsvHtmlOrXlsx
    case heldRowsIntro
    case countRows
    case countAccepted
    case countRejected
    case countHeld
    case countInserted
    case countUpdated
    case countUnchanged
    case countDuplicates
    case countWarnings
    case titleUnauthorized
    case titleForbidden
    case titleNotFound
    case titleTooManyRequests
    case titleServiceUnavailable
    case titleContentTooLarge
    case titleConflict
    case titleUnprocessableContent
    case titleInternalServerError
    case titleBadRequest
}

/// Wording with a value in it, in the same two catalogs.
enum WebMessage: Sendable {
    /// A pass recorded and its certificate issued (the learner's CCCD masked).
    case passIssued(masked: String, certificate: String)
    /// A pass recorded for someone who already holds a certificate.
    case passAlreadyCertified(masked: String, certificate: String)
    /// A result recorded.
    case resultRecorded(masked: String)
    /// The same result was recorded before.
    case resultUnchanged(masked: String)
    /// An administrator's decision on a held row.
    case decisionRecorded(row: String)
    /// Too many attempts: wait this many seconds.
    case waitSeconds(Int)
    /// A server error's advice, with the request's id to quote.
    case internalError(requestID: String)
    /// The link to a job's rejects, a workbook or a CSV file.
    case downloadRejects(workbook: Bool)
}

extension HocAIError {
    /// A request the web's wording describes as wrong (`argument.invalid`, 400).
    static func invalidArgument(_ key: WebText) -> HocAIError {
        invalidArgument(vi: key.vietnamese, en: key.english)
    }
}

extension WebText: Worded {}
extension WebMessage: Worded {}

extension Language {
    /// `key` in this language.
    func text(_ key: WebText) -> String { key.text(in: self) }

    /// `message` in this language.
    func text(_ message: WebMessage) -> String { message.text(in: self) }
}
