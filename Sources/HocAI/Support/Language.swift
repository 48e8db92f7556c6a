/// The language of messages meant for centre staff and officials. Vietnamese unless asked.
public enum Language: String, Sendable, CaseIterable {
    case vi
    case en
}

/// A message in both languages; pick one with `text(in:)`.
public struct LocalizedText: Sendable, Equatable {
    public let vi: String
    public let en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    public func text(in language: Language) -> String {
        switch language {
        case .vi: vi
        case .en: en
        }
    }
}
