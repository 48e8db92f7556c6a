#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating system's cryptographically secure random numbers (the kernel generator behind
/// `/dev/urandom`, as `SystemRandomNumberGenerator` uses), read 32 KiB at a time instead of
/// one system call per number: an import draws a certificate code for every row with a pass.
struct BufferedSystemRandom: RandomNumberGenerator {
    private var buffer = [UInt64](repeating: 0, count: 4096)
    private var position = 4096

    mutating func next() -> UInt64 {
        if position == buffer.count { refill() }
        defer { position += 1 }
        return buffer[position]
    }

    private mutating func refill() {
        let filled = buffer.withUnsafeMutableBytes { bytes -> Bool in
            let descriptor = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            var offset = 0
            while offset < bytes.count {
                let count = read(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        if !filled {
            // No /dev/urandom (a chroot, say): the standard library's generator, number by number.
            var system = SystemRandomNumberGenerator()
            for index in buffer.indices { buffer[index] = system.next() }
        }
        position = 0
    }
}
