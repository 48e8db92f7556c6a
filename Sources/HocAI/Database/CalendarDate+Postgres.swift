import PostgresLibPQ

/// Dates travel as PostgreSQL `date` values in ISO form.
extension CalendarDate: PostgresCodable {
    public var postgresText: String? { description }
    public static var postgresTypeOID: UInt32 { 1082 }  // date

    public init(postgresText: String) throws {
        let parts = postgresText.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let date = CalendarDate(year: y, month: m, day: d) else {
            throw HocAIError.invalidArgument(vi: "Ngày không hợp lệ từ cơ sở dữ liệu", en: "Invalid date from the database")
        }
        self = date
    }
}
