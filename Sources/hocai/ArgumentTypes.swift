import ArgumentParser
import HocAI

// The library's own types read straight from the command line: a value that does not parse is
// refused by the parser with its option's help, and no command validates a string and then
// converts it again.

extension RosterKind: ExpressibleByArgument {}

extension CSVDelimiter: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

extension TextEncoding: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

/// `yyyy-mm-dd` only: the one rule for a date argument (`CalendarDate(iso:)`).
extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
    public var defaultValueDescription: String { description }
}
