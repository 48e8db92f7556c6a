/// The language of messages meant for centre staff and officials. Vietnamese unless asked.
public enum Language: String, Sendable, CaseIterable {
    case vi
    case en
}

/// Wording kept in one catalog per language: a catalog's key or message (`HocAIText`, the
/// commands' `ConsoleText`, the web's `WebText`), each language's wording an exhaustive switch.
public protocol Worded {
    var vietnamese: String { get }
    var english: String { get }
}

extension Worded {
    /// The wording in `language`.
    public func text(in language: Language) -> String {
        switch language {
        case .vi: vietnamese
        case .en: english
        }
    }
}

/// A message in both languages side by side (a failure's or a roster issue's, beside its code);
/// pick one with `text(in:)`.
public struct LocalizedText: Worded, Sendable, Equatable {
    public let vi: String
    public let en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    public var vietnamese: String { vi }
    public var english: String { en }
}
