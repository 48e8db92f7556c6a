/// Sex as the CCCD records it (digit 4 of the number encodes it).
public enum Sex: String, Sendable, CaseIterable {
    case male = "M"
    case female = "F"

    /// Reads `Nam`/`Nữ`, `Male`/`Female`, `M`/`F`, in any case, with or without diacritics.
    public init?(spreadsheetValue input: some StringProtocol) {
        switch input {
        case "Nam", "nam", "NAM", "M", "m", "Male": self = .male; return
        case "Nữ", "nữ", "NỮ", "F", "f", "Female": self = .female; return
        default: break
        }
        switch VietnameseText.foldedKey(String(input)) {
        case "nam", "male", "m", "trai": self = .male
        case "nu", "female", "f", "gai": self = .female
        default: return nil
        }
    }

    public var vietnameseName: String { self == .male ? "Nam" : "Nữ" }
    public var englishName: String { self == .male ? "Male" : "Female" }
}
