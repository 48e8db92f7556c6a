import Foundation
import HocAI
import Hummingbird
import MultipartKit
import NIOCore
import NIOPosix

/// A file sent to the server, written to a private file (mode 0600, in a 0700 folder) as it
/// arrives, on the thread pool, never on an event loop; `request.too_large` (413) past the limit,
/// and nothing left behind when anything fails.
enum Upload {
    /// The body as it is (the API: the CSV is the body). Its size.
    static func receive(_ body: RequestBody, into file: URL, limit: Int) async throws -> Int {
        let writer = try await Writer(file)
        do {
            for try await buffer in body {
                try await writer.write(buffer, limit: limit)
            }
            try await writer.finish()
        } catch {
            writer.discard()
            throw error
        }
        return writer.size
    }

    /// A multipart/form-data body (a browser's form): its small fields, and its file part
    /// (`file`) written to `file`, with the name the file had on the clerk's computer.
    static func receiveForm(_ body: RequestBody, contentType: String?, into file: URL, limit: Int) async throws -> Form {
        guard let contentType, let boundary = Self.parameter("boundary", in: contentType) else {
            throw Self.malformed
        }
        let writer = try await Writer(file)
        let state = FormState()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in
            guard name.lowercased() == "content-disposition" else { return }
            state.name = Self.parameter("name", in: value)
            // Browsers write a quote and line breaks in a file's name as %22, %0D and %0A
            // (the HTML standard's multipart encoding); nothing else is percent-encoded there.
            state.fileName = Self.parameter("filename", in: value).map {
                $0.replacingOccurrences(of: "%22", with: "\"").replacingOccurrences(of: "%0D", with: "\r")
                    .replacingOccurrences(of: "%0A", with: "\n")
            }
            state.isFile = state.fileName != nil
        }
        parser.onBody = { buffer in
            if state.isFile {
                state.pending.append(buffer)
            } else if state.value.readableBytes + buffer.readableBytes <= 64 << 10 {
                state.value.writeBuffer(&buffer)
            }
        }
        parser.onPartComplete = {
            if let name = state.name {
                if state.isFile {
                    state.form.fileName = state.fileName
                } else {
                    state.form.fields[name] = String(buffer: state.value)
                }
            }
            state.name = nil
            state.fileName = nil
            state.isFile = false
            state.value.clear()
        }
        do {
            for try await buffer in body {
                do {
                    try parser.execute(buffer)
                } catch {
                    throw Self.malformed
                }
                let pending = state.pending
                state.pending.removeAll()
                for chunk in pending { try await writer.write(chunk, limit: limit) }
            }
            try await writer.finish()
        } catch {
            writer.discard()
            throw error
        }
        state.form.size = writer.size
        return state.form
    }

    static let malformed = HocAIError.invalidArgument(
        .fileFormIsNotWellFormed)

    /// What a form sent.
    struct Form: Sendable {
        var fields: [String: String] = [:]
        var fileName: String?
        var size = 0
    }

    /// A parameter of a header value: `boundary=…`, `name="…"`.
    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, pieces[0].lowercased() == name else { continue }
            var value = pieces[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            return value
        }
        return nil
    }

    /// The parser's state between its callbacks, all on the request's task.
    private final class FormState {
        var form = Form()
        var name: String?
        var fileName: String?
        var isFile = false
        var value = ByteBuffer()
        var pending: [ByteBuffer] = []
    }

    /// Appends to a new private file on the thread pool.
    final class Writer: @unchecked Sendable {
        let path: String
        private let handle: FileHandle
        private(set) var size = 0

        init(_ file: URL) async throws {
            path = file.path
            handle = try await NIOThreadPool.singleton.runIfActive { [path] () -> FileHandle in
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                      let handle = FileHandle(forWritingAtPath: path) else { throw HocAIError.busy() }
                return handle
            }
        }

        func write(_ buffer: ByteBuffer, limit: Int) async throws {
            size += buffer.readableBytes
            if size > limit { throw HocAIError.tooLarge(limit: limit) }
            let data = Data(buffer: buffer)
            try await NIOThreadPool.singleton.runIfActive { [handle] in try handle.write(contentsOf: data) }
        }

        func finish() async throws {
            try await NIOThreadPool.singleton.runIfActive { [handle] in try handle.close() }
        }

        func discard() {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
