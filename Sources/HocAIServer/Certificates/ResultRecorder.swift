import HocAI

/// Recording one result, for the API (`POST /api/v1/results`) and the instructor's class page.
struct ResultRecorder: Sendable {
    let database: ServerDatabase

    /// Records one result as `hocai certify` does, as `account` (the API's and the instructor's
    /// page's one way): the class's centre as the account sees it (an instructor sees only their
    /// own classes, so another's class is refused), then the result in that centre's scope.
    func certify(
        account: Account, nationalID: String, classCode: String, result: CertificateService.Result, score: Double?,
        date: CalendarDate?, context: HocAIContext
    ) async throws -> CertifyOutcome {
        let center = try await database(.acting(as: account), context) { connection in
            try connection.query("SELECT center_code FROM classes WHERE code = \(classCode)").first?.decode(String.self, at: 0)
        }
        guard let center else { throw HocAIError.forbidden() }
        return try await database(.importing(as: account, center: center), context) { connection in
            try CertificateService(connection: connection, logger: connection.logger).certify(
                nationalID: nationalID, classCode: classCode, result: result, score: score, date: date, centerCode: center)
        }
    }
}
