/// The commands' wording in English: one of the two catalogs `Language.text(_:)` reads.
extension ConsoleText {
    var english: String {
        switch self {
        case .code: "Code"
        case .name: "Name"
        case .commune: "Commune"
        case .noRowsHeld: "No rows are held for a decision."
        case .rowNumber: "No."
        case .centre: "Centre"
        case .file: "File"
        case .line: "Line"
        case .fullName: "Full name"
        case .born: "Born"
        case .differsIn: "Differs in"
        case .howToDecide: "Decide: hocai conflicts resolve NO. --keep register (the register is right) or --keep row (row NO. is right)."
        case .registerCorrected: "The register's name and date of birth were corrected (the old ones are kept)."
        case .failRecorded: "Fail recorded."
        case .resultUnchanged: "This result was already recorded; nothing changed."
        case .holderMatches: "The holder is the person with this national ID."
        case .holderDoesNotMatch: "The holder is NOT the person with this national ID."
        case .keyID: "Key id (kid)"
        case .created: "Created"
        case .status: "Status"
        case .signing: "signing"
        case .verifiesOnly: "verifies only"
        case .noneIssuedAfterRevocation: "No certificate was issued after its issuer's revocation."
        case .login: "Login"
        case .role: "Role"
        case .disabled: "disabled"
        case .active: "active"
        case .passwordSet: "Password set."
        case .unexpectedError: "An unexpected error occurred; nothing changed beyond what was reported. Run again with --log-level debug and send it to the administrator."
        }
    }
}

extension ConsoleMessage {
    var english: String {
        switch self {
        case .centreAdded(let code, let name, let commune, let communeCode): "Added centre \(code): \(name) (\(commune), \(communeCode))"
        case .publicAddress(let address): "Public address: \(address)"
        case .registered(let nationalID, let name, let born): "CCCD \(nationalID), registered: \(name), \(born)"
        case .appliedAndReturned(let applied, let returned): "Applied \(applied) rows, returned \(returned)."
        case .rowReturned(let row): "Row \(row) was returned to its centre."
        case .certificateIssued(let code): "Certificate issued: \(code)"
        case .alreadyCertified(let code): "Result recorded; the learner already holds certificate \(code)"
        case .certificateRevoked(let code, let date): "Certificate \(code) revoked on \(date)."
        case .reissued(let code): "The holder still has valid evidence elsewhere: new certificate \(code) issued."
        case .credentialRevoked(let achievement, let track, let listFrom):
            "Credential REVOKED: \(achievement) (\(track)), per the status list of \(listFrom). The date and reason: look the certificate up on the verification page."
        case .credentialValid(let achievement, let track, let validFrom, let issuer):
            "Valid credential: \(achievement) (\(track)), valid from \(validFrom), issued by \(issuer)"
        case .notRevokedPerList(let listFrom): "; not revoked per the status list of \(listFrom)"
        case .certificatePrinted(let file, let code, let link): "Wrote \(file): certificate \(code), its QR code linking to \(link)."
        case .keyRetired(let kid): "Key \(kid) no longer signs."
        case .retiredOn(let date): "retired \(date)"
        case .issuedAfterRevocation(let holder, let revokedOn, let count, let codes): "\(holder), revoked \(revokedOn): \(count) issued afterwards: \(codes)"
        case .accountAdded(let login, let role): "Added account \(login) (\(role))."
        case .passwordShownOnce(let password): "Password (shown once): \(password)"
        case .newPasswordShownOnce(let password): "New password (shown once): \(password)"
        case .accountDisabled(let login): "Disabled \(login)."
        case .tokensRevoked(let count): "Revoked \(count) tokens."
        case .migrationApplied(let name): "applied \(name)"
        case .schemaUpToDate(let files): "Schema is up to date (\(files) files)."
        case .templateWritten(let path): "Wrote the template workbook to \(path)."
        case .databaseUnreachable(let message):
            "PostgreSQL: \(message)\nSet --database-url or DATABASE_URL (scripts/db url prints the local database's URL)."
        case .databaseError(let state, let message): "Database error (SQLSTATE \(state)): \(message). Nothing was written."
        }
    }
}
