import Foundation

/// Runs the built `hocai` executable, as a user or a script would.
public enum HocAIProcess {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The `hocai` binary beside the test bundle (both live in the build's products folder).
    public static var executable: URL {
        get throws {
            if let path = ProcessInfo.processInfo.environment["HOCAI_BIN"] { return URL(fileURLWithPath: path) }
            var directory = Bundle.main.bundleURL
            for _ in 0..<3 {
                let candidate = directory.appendingPathComponent("hocai")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            throw TestSupportError("the hocai executable was not built next to the tests (\(Bundle.main.bundleURL.path))")
        }
    }

    /// The `hocai` process for `arguments`, pointed at the database and the repository's schema.
    /// `viaShell`: the first argument is a program (a shell) that runs hocai itself.
    public static func make(_ arguments: [String], databaseURL: String?, environment: [String: String] = [:], viaShell: Bool = false) throws -> Process {
        let process = Process()
        if viaShell {
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
        } else {
            process.executableURL = try executable
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = databaseURL
        env["HOCAI_SQL_DIR"] = TestDatabase.sqlDirectory.path
        env.merge(environment) { $1 }
        process.environment = env
        return process
    }

    /// Starts the command and returns at once (its output goes nowhere), e.g. to kill it.
    public static func start(_ arguments: [String], databaseURL: String?) throws -> Process {
        let process = try make(arguments, databaseURL: databaseURL, environment: [:])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A command started and not yet waited for.
    public struct Running {
        public let process: Process
        let out: OutputCollector
        let err: OutputCollector

        /// Waits for it to end.
        public func wait() -> Result {
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: out.text(), stderr: err.text())
        }
    }

    /// Starts the command and returns at once; `wait()` gives its result.
    public static func spawn(_ arguments: [String], databaseURL: String?, environment: [String: String] = [:]) throws -> Running {
        let process = try make(arguments, databaseURL: databaseURL, environment: environment)
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let running = Running(process: process, out: OutputCollector(stdout.fileHandleForReading), err: OutputCollector(stderr.fileHandleForReading))
        try process.run()
        return running
    }

    public static func run(
        _ arguments: [String], databaseURL: String?, input: Data? = nil, environment: [String: String] = [:], viaShell: Bool = false
    ) throws -> Result {
        try runConcurrently([arguments], databaseURL: databaseURL, input: input, environment: environment, viaShell: viaShell)[0]
    }

    /// Starts every command before waiting for any, so they really run at the same time.
    public static func runConcurrently(
        _ commands: [[String]], databaseURL: String?, input: Data? = nil, environment: [String: String] = [:], viaShell: Bool = false
    ) throws -> [Result] {
        var running: [(Process, Pipe, Pipe, OutputCollector, OutputCollector)] = []
        for arguments in commands {
            let process = try make(arguments, databaseURL: databaseURL, environment: environment, viaShell: viaShell)
            let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            process.standardInput = stdin
            let out = OutputCollector(stdout.fileHandleForReading), err = OutputCollector(stderr.fileHandleForReading)
            try process.run()
            if let input { stdin.fileHandleForWriting.write(input) }
            try stdin.fileHandleForWriting.close()
            running.append((process, stdout, stderr, out, err))
        }
        return running.map { process, _, _, out, err in
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: out.text(), stderr: err.text())
        }
    }
}

/// Reads a pipe on a background thread so a chatty child never blocks on a full pipe.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let all = handle.readDataToEndOfFile()
            lock.withLock { data = all }
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return lock.withLock { String(decoding: data, as: UTF8.self) }
    }
}
