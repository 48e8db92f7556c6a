import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file the way every hocai output is written (reports, credentials, keys, rejects
/// files): into a new temporary file beside the target, made with `O_EXCL` (so no link is
/// followed), then renamed over the target. A reader never sees half a file, a failure (a full
/// disk, a size limit) leaves nothing behind, a symbolic link at the target is refused rather
/// than written through, and so is the file an import is reading. Whether an existing file may
/// be replaced is the caller's choice (`Existing`), said in each option's help.
public struct OutputFile: Sendable {
    public enum Existing: Sendable {
        /// An existing file is an error (`--force` turns this into `replace`).
        case refuse
        /// An existing regular file is replaced, atomically.
        case replace
    }

    public let path: String
    let mode: mode_t

    /// Checks the target before anything is written: not a link, a folder or a device; not an
    /// existing file unless `existing` allows it; not one of `inputs`.
    public init(path: String, existing: Existing, mode: mode_t = 0o644, inputs: [URL] = []) throws {
        self.path = path
        self.mode = mode
        var status = stat()
        if lstat(path, &status) == 0 {
            let type = status.st_mode & S_IFMT
            if type == S_IFLNK {
                throw HocAIError.outputRefused(path, LocalizedText(
                    vi: "đây là một liên kết (symbolic link); hocai không ghi qua liên kết. Chọn một đường dẫn khác",
                    en: "it is a symbolic link; hocai does not write through links. Choose another path"))
            }
            if type == S_IFDIR {
                throw HocAIError.outputRefused(path, LocalizedText(
                    vi: "đây là một thư mục; cho biết tên tệp cần ghi", en: "it is a folder; give the name of the file to write"))
            }
            if type != S_IFREG {
                throw HocAIError.outputRefused(path, LocalizedText(
                    vi: "đây không phải tệp thường", en: "it is not a regular file"))
            }
            let target = FileIdentity(status)
            if inputs.contains(where: { FileIdentity.of(path: $0.path)?.isSameFile(as: target) == true }) {
                throw HocAIError.outputRefused(path, LocalizedText(
                    vi: "đây chính là tệp đang được nhập; ghi vào đó sẽ xoá mất dữ liệu của nó. Chọn một tệp khác",
                    en: "it is the very file being imported; writing there would destroy it. Choose another file"))
            }
            if existing == .refuse {
                throw HocAIError.outputRefused(path, LocalizedText(
                    vi: "tệp đã có; chọn tên khác (hoặc --force, ở lệnh có tuỳ chọn này, để ghi đè)",
                    en: "the file exists; choose another name (or, where the command offers it, --force to replace it)"))
            }
        }
    }

    /// Writes through `body` into a temporary file, then renames it into place.
    public func write(_ body: (inout Writer) throws -> Void) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/." + name + ".hocai-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw HocAIError.outputFailed(path, errno: errno) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var writer = Writer(descriptor: descriptor)
        do {
            guard fchmod(descriptor, mode) == 0 else { throw HocAIError.outputFailed(path, errno: errno) }
            try body(&writer)
            try writer.flush()
            guard fsync(descriptor) == 0 else { throw HocAIError.outputFailed(path, errno: errno) }
            guard close(descriptor) == 0 else {
                writer.closed = true
                throw HocAIError.outputFailed(path, errno: errno)
            }
            writer.closed = true
            guard rename(temporary, path) == 0 else { throw HocAIError.outputFailed(path, errno: errno) }
        } catch let error as WriteFailure {
            if !writer.closed { close(descriptor) }
            unlink(temporary)
            throw HocAIError.outputFailed(path, errno: error.code)
        } catch {
            if !writer.closed { close(descriptor) }
            unlink(temporary)
            throw error
        }
    }

    /// Writes `data` whole.
    public func write(_ data: Data) throws {
        try write { writer in try writer.write(data) }
    }

    public func write(_ text: String) throws {
        try write(Data(text.utf8))
    }

    /// Buffered writes to the temporary file, 1 MiB at a time.
    public struct Writer: ~Copyable {
        let descriptor: Int32
        var buffer: [UInt8] = []
        var closed = false

        init(descriptor: Int32) {
            self.descriptor = descriptor
            buffer.reserveCapacity(1 << 20)
        }

        public mutating func write(_ text: String) throws {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 20 { try flush() }
        }

        public mutating func write(_ data: Data) throws {
            buffer.append(contentsOf: data)
            if buffer.count >= 1 << 20 { try flush() }
        }

        mutating func flush() throws {
            var offset = 0
            while offset < buffer.count {
                let written = buffer.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + offset, $0.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteFailure(code: errno)
                }
                offset += written
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    struct WriteFailure: Error { let code: Int32 }
}

extension HocAIError {
    /// Why writing `path` failed, from the system's error number, in words a clerk can act on.
    static func outputFailed(_ path: String, errno code: Int32) -> HocAIError {
        let reason: LocalizedText
        switch code {
        case ENOSPC, EDQUOT:
            reason = LocalizedText(vi: "ổ đĩa đã đầy; giải phóng chỗ trống rồi chạy lại",
                                   en: "the disk is full; free some space and run again")
        case EFBIG:
            reason = LocalizedText(vi: "tệp vượt quá giới hạn kích thước cho phép", en: "the file exceeds the size allowed")
        case EACCES, EPERM:
            reason = LocalizedText(vi: "không có quyền ghi vào thư mục này", en: "no permission to write in that folder")
        case ENOENT:
            reason = LocalizedText(vi: "thư mục không tồn tại", en: "the folder does not exist")
        case ENOTDIR:
            reason = LocalizedText(vi: "một phần của đường dẫn không phải thư mục", en: "part of the path is not a folder")
        case EROFS:
            reason = LocalizedText(vi: "ổ đĩa chỉ cho đọc", en: "the file system is read-only")
        default:
            let text = String(cString: strerror(code))
            reason = LocalizedText(vi: "lỗi hệ thống (\(text))", en: "system error (\(text))")
        }
        return HocAIError.outputRefused(path, reason)
    }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}
