/// Checks one record against every rule that needs no database: formats, dates, the CCCD's
/// digits against birth and sex, the commune list. Database-wide rules (identity, classes, the
/// cascade) are checked set-wise by `RosterImporter`.
struct RosterValidator {
    let header: RosterHeader
    let communes: CommuneDirectory
    let today: CalendarDate
    /// The file's cell separator, for telling a cell typed over several lines from a quote that
    /// swallowed rows (`CSVRecord.swallowedRows`).
    let delimiter: CSVDelimiter
    /// Cached commune lookups: rosters repeat a handful of spellings thousands of times.
    private var communeCache: [String: Commune?] = [:]

    init(header: RosterHeader, communes: CommuneDirectory, today: CalendarDate, delimiter: CSVDelimiter) {
        self.header = header
        self.communes = communes
        self.today = today
        self.delimiter = delimiter
    }

    mutating func validate(_ record: CSVRecord) -> (row: RosterRow?, issues: [RosterIssue]) {
        var issues: [RosterIssue] = []
        let line = record.line
        func issue(_ field: RosterField?, _ code: String, _ severity: RosterIssue.Severity = .reject, _ detail: [String: String] = [:]) {
            let column = field.flatMap { header.column(of: $0) }
            issues.append(RosterIssue(
                line: line, column: column, columnName: column.map { header.names[$0 - 1] }, code: code,
                severity: severity, detail: detail.isEmpty ? nil : detail))
        }
        // Every cell without the spreadsheet's wrappers (`'…`, `="…"`), before any check.
        func cell(_ field: RosterField) -> String { SpreadsheetCell.unwrap(header.value(field, in: record.fields)) }

        // A quoted cell over several lines is data (Alt+Enter in Excel; a name's break reads as a
        // space). A quote that never closes, or closes only after swallowing whole rows, is not:
        // the lines it swallowed are this record's, returned with it, never merged into a cell.
        if record.swallowedRows(columns: header.names.count, delimiter: delimiter) {
            issue(nil, "row.unclosed_quote", .reject, ["last_line": String(record.lastLine)])
        }
        // Bytes that are not UTF-8 in a UTF-8 file were read as U+FFFD: the row is returned.
        if record.fields.contains(where: { $0.utf8.contains(0xEF) && $0.unicodeScalars.contains("\u{FFFD}") }) {
            issue(nil, "row.invalid_bytes")
        }
        if record.fields.count > header.names.count,
           record.fields[header.names.count...].contains(where: { !$0.isBlank }) {
            issue(nil, "row.too_many_cells")
        }

        func nationalID(_ field: RosterField, required: Bool) -> NationalID? {
            let text = cell(field)
            if text.isBlank {
                if required { issue(field, field == .nationalID ? "national_id.missing" : "\(field.rawValue).invalid") }
                return nil
            }
            switch NationalID.parse(text) {
            case .success(let id): return id
            case .failure(let problem):
                // The spreadsheet's damage gets the same hint in every CCCD column (the person's,
                // the instructor's, the trainer's, the issuer's); other faults of a trainer's CCCD
                // are told as such.
                switch problem {
                case .leadingZeroLost: issue(field, "national_id.leading_zero_lost")
                case .scientificNotation: issue(field, "national_id.scientific_notation")
                case .oldIdentityCard: issue(field, "national_id.old_identity_card")
                case .missing, .malformed, .unknownProvince:
                    guard field == .nationalID else { issue(field, "\(field.rawValue).invalid"); return nil }
                    issue(field, problem == .missing ? "national_id.missing"
                                 : problem == .malformed ? "national_id.invalid" : "national_id.unknown_province")
                }
                return nil
            }
        }

        func date(_ field: RosterField, required: Bool) -> CalendarDate? {
            let text = cell(field)
            if text.isBlank {
                if required { issue(field, "date.missing") }
                return nil
            }
            guard let date = CalendarDate.parse(text) else {
                issue(field, CalendarDate.hasTwoDigitYear(text) ? "date.two_digit_year" : "date.invalid")
                return nil
            }
            if date > today { issue(field, "date.future"); return nil }
            return date
        }

        let id = nationalID(.nationalID, required: true)
        var row = RosterRow(line: line, nationalID: id ?? NationalID(validated: "000000000000"))

        if header.has(.fullName) {
            let required = header.kind != .completions
            let text = cell(.fullName)
            if !text.isEmpty || required {
                switch PersonName.parse(text) {
                case .success(let name): row.name = name
                case .failure(.missing): if required { issue(.fullName, "full_name.missing") }
                case .failure(.invalidCharacters): issue(.fullName, "full_name.invalid_characters")
                case .failure(.formula): issue(.fullName, "full_name.formula")
                case .failure(.tooLong): issue(.fullName, "full_name.too_long")
                case .failure(.legacyEncoding(let encoding)):
                    issue(.fullName, "full_name.legacy_encoding", .reject, ["encoding": encoding.rawValue])
                }
            }
        }

        if header.kind != .completions {
            row.dateOfBirth = date(.dateOfBirth, required: true)
            if let born = row.dateOfBirth, !(6...100).contains(born.years(until: today)) {
                issue(.dateOfBirth, "date_of_birth.age_out_of_range")
                row.dateOfBirth = nil
            }
            let sexText = cell(.sex)
            if sexText.isBlank { issue(.sex, "sex.missing") }
            else if let sex = Sex(spreadsheetValue: sexText) { row.sex = sex }
            else { issue(.sex, "sex.invalid") }

            if let id, let born = row.dateOfBirth, let sex = row.sex {
                switch id.mismatch(bornOn: born, sex: sex) {
                case .century: issue(.nationalID, "national_id.century_mismatch")
                case .sex: issue(.nationalID, "national_id.sex_mismatch")
                case .birthYear: issue(.nationalID, "national_id.birth_year_mismatch")
                case nil: break
                }
            }

            let phoneText = cell(.phone)
            if !phoneText.isBlank {
                switch PhoneNumber.parse(phoneText) {
                case .valid(let phone): row.phone = phone
                case .converted(let phone): row.phone = phone; issue(.phone, "phone.converted", .warning)
                case .zeroRestored(let phone): row.phone = phone; issue(.phone, "phone.leading_zero_lost", .warning)
                case .landline: issue(.phone, "phone.landline", .warning)
                case .invalid: issue(.phone, "phone.invalid", .warning)
                }
            }

            let communeText = cell(.commune)
            if communeText.isBlank {
                issue(.commune, "commune.missing")
            } else if let cached = communeCache[communeText] {
                if let commune = cached { row.commune = commune } else { unknownCommune(communeText) }
            } else {
                let found = communes.find(communeText)
                communeCache[communeText] = .some(found)
                if let found { row.commune = found } else { unknownCommune(communeText) }
            }
            func unknownCommune(_ text: String) {
                let names = communes.suggestions(for: text).map(\.fullName).joined(separator: ", ")
                issue(.commune, "commune.unknown", .reject, names.isEmpty ? [:] : ["suggestions": names])
            }
        }

        switch header.kind {
        case .experts:
            row.certifiedOn = date(.certifiedOn, required: true)
        case .instructors:
            row.certifiedOn = date(.certifiedOn, required: true)
            row.trainedBy = nationalID(.trainedBy, required: true)
        case .learners, .completions:
            let code = cell(.classCode).trimmedSpaces
            if code.isEmpty { issue(.classCode, "class_code.missing") }
            else if RosterRow.isValidClassCode(code) { row.classCode = code }
            else { issue(.classCode, "class_code.invalid") }
            if header.kind == .learners {
                row.instructorID = nationalID(.instructorID, required: false)
                row.enrolledOn = date(.enrolledOn, required: false)
            } else {
                row.issuedBy = nationalID(.issuedBy, required: false)
            }
            row.completedOn = date(.completedOn, required: header.kind == .completions)
            let resultText = cell(.result).trimmedSpaces
            if !resultText.isEmpty {
                if let outcome = RosterRow.parseOutcome(resultText) { row.result = outcome } else { issue(.result, "result.invalid") }
            } else if header.kind == .completions {
                issue(.result, "result.invalid")
            }
            var scoreText = cell(.score).trimmedSpaces
            if scoreText.utf8.contains(0x2C) { scoreText = scoreText.replacingOccurrences(of: ",", with: ".") }
            if !scoreText.isEmpty {
                if let score = Double(scoreText), CertificateService.scoreRange.contains(score) { row.score = scoreText } else { issue(.score, "score.invalid") }
            }
            let hasDate = !cell(.completedOn).isBlank
            if header.kind == .learners && (hasDate != !resultText.isEmpty) { issue(.result, "result.incomplete") }
        }
        let rejected = issues.contains { $0.severity == .reject }
        return (rejected ? nil : row, issues)
    }
}

extension String {
    /// Empty or only spaces and tabs (no Foundation bridging: this runs for every cell).
    var isBlank: Bool { utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }

    /// Without leading and trailing spaces and tabs.
    var trimmedSpaces: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}
