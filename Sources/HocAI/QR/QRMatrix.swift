/// A QR symbol being drawn (ISO/IEC 18004, §6.3 and §7.7–7.9): the function patterns, the
/// codewords in their zigzag, a data mask, and the format and version information.
struct Matrix {
    let version: Int
    let size: Int
    var dark: [Bool]
    /// Modules of the function patterns, which the data and the mask leave alone.
    var reserved: [Bool]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        dark = Array(repeating: false, count: size * size)
        reserved = Array(repeating: false, count: size * size)
    }

    private mutating func set(_ row: Int, _ column: Int, _ value: Bool) {
        dark[row * size + column] = value
        reserved[row * size + column] = true
    }

    // MARK: Function patterns

    mutating func drawFunctionPatterns() {
        // Timing patterns (§6.3.5), drawn first: the finders and their separators overwrite them.
        for index in 0..<size {
            set(6, index, index % 2 == 0)
            set(index, 6, index % 2 == 0)
        }
        drawFinder(row: 3, column: 3)
        drawFinder(row: 3, column: size - 4)
        drawFinder(row: size - 4, column: 3)
        let centres = alignmentCentres
        for row in centres {
            for column in centres {
                // Not where a finder is.
                let nearFinder = (row == 6 && column == 6) || (row == 6 && column == size - 7) || (row == size - 7 && column == 6)
                if !nearFinder { drawAlignment(row: row, column: column) }
            }
        }
        // Reserve the format areas now (drawn after masking) and draw the version (§7.10).
        drawFormat(mask: 0)
        drawVersion()
    }

    /// A finder (7×7, §6.3.3) centred here, with its light separator ring, clipped at the edges.
    private mutating func drawFinder(row: Int, column: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let r = row + dy, c = column + dx
                guard (0..<size).contains(r), (0..<size).contains(c) else { continue }
                let distance = max(abs(dx), abs(dy))
                set(r, c, distance != 2 && distance != 4)
            }
        }
    }

    /// An alignment pattern (5×5, §6.3.6) centred here.
    private mutating func drawAlignment(row: Int, column: Int) {
        for dy in -2...2 {
            for dx in -2...2 { set(row + dy, column + dx, max(abs(dx), abs(dy)) != 1) }
        }
    }

    /// The rows and columns of the alignment patterns' centres (Annex E, Table E.1).
    var alignmentCentres: [Int] {
        guard version > 1 else { return [] }
        let table = [[6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]
        return table[version - 2]
    }

    /// The 15 format bits (§7.9): level M (00) and the mask, BCH(15,5) protected, XORed with
    /// 101010000010010; two copies, and the module that is always dark.
    mutating func drawFormat(mask: Int) {
        let data = (0b00 << 3) | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = ((data << 10) | remainder) ^ 0x5412
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        // Around the top-left finder: down column 8 (skipping the timing row), then along row 8.
        for index in 0...5 { set(index, 8, bit(index)) }
        set(7, 8, bit(6))
        set(8, 8, bit(7))
        set(8, 7, bit(8))
        for index in 9..<15 { set(8, 14 - index, bit(index)) }
        // The second copy: along row 8 at the right, then up column 8 at the bottom.
        for index in 0..<8 { set(8, size - 1 - index, bit(index)) }
        for index in 8..<15 { set(size - 15 + index, 8, bit(index)) }
        set(size - 8, 8, true)
    }

    /// The 18 version bits for versions 7 and up (§7.10): BCH(18,6), two 6×3 copies.
    private mutating func drawVersion() {
        guard version >= 7 else { return }
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = (version << 12) | remainder
        for index in 0..<18 {
            let value = (bits >> index) & 1 == 1
            let long = size - 11 + index % 3, short = index / 3
            set(short, long, value)
            set(long, short, value)
        }
    }

    // MARK: Data

    /// The codewords' bits, most significant first, in the two-column zigzag from the bottom
    /// right, upwards then downwards, skipping the vertical timing column (§7.7.3). Modules left
    /// over are the remainder bits, light.
    mutating func drawCodewords(_ codewords: [UInt8]) {
        var index = 0
        let total = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = ((right + 1) & 2) == 0
            for step in 0..<size {
                let row = upward ? size - 1 - step : step
                for column in [right, right - 1] where !reserved[row * size + column] {
                    if index < total {
                        dark[row * size + column] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1
                        index += 1
                    }
                }
            }
            right -= 2
        }
    }

    /// XORs the data modules with mask pattern `mask` (§7.8.2, Table 10).
    mutating func applyMask(_ mask: Int) {
        for row in 0..<size {
            for column in 0..<size where !reserved[row * size + column] {
                let i = row, j = column
                let flip = switch mask {
                case 0: (i + j) % 2 == 0
                case 1: i % 2 == 0
                case 2: j % 3 == 0
                case 3: (i + j) % 3 == 0
                case 4: (i / 2 + j / 3) % 2 == 0
                case 5: (i * j) % 2 + (i * j) % 3 == 0
                case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
                default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
                }
                if flip { dark[row * size + column].toggle() }
            }
        }
    }

    // MARK: Penalty (§7.8.3)

    /// Runs of five or more alike (N1 = 3, plus one a module past five), 2×2 blocks alike
    /// (N2 = 3), finder-like 1:1:3:1:1 patterns with four light modules beside (N3 = 40), and the
    /// dark share's distance from half (N4 = 10 a 5% step).
    func penalty() -> Int {
        var score = 0
        for line in 0..<size {
            for horizontal in [true, false] {
                let cells = (0..<size).map { horizontal ? dark[line * size + $0] : dark[$0 * size + line] }
                var run = 1
                for index in 1..<size {
                    if cells[index] == cells[index - 1] {
                        run += 1
                    } else {
                        if run >= 5 { score += 3 + run - 5 }
                        run = 1
                    }
                }
                if run >= 5 { score += 3 + run - 5 }
                score += 40 * finderLike(cells)
            }
        }
        for row in 0..<size - 1 {
            for column in 0..<size - 1 {
                let value = dark[row * size + column]
                if dark[row * size + column + 1] == value, dark[(row + 1) * size + column] == value,
                   dark[(row + 1) * size + column + 1] == value {
                    score += 3
                }
            }
        }
        let darkCount = dark.reduce(0) { $0 + ($1 ? 1 : 0) }
        let percent = darkCount * 100 / (size * size)
        score += 10 * (abs(percent - 50) / 5)
        return score
    }

    /// Occurrences of dark-light-dark×3-light-dark with four light modules (or the edge) on one side.
    private func finderLike(_ cells: [Bool]) -> Int {
        let core: [Bool] = [true, false, true, true, true, false, true]
        var count = 0
        guard cells.count >= 7 else { return 0 }
        for start in 0...(cells.count - 7) where Array(cells[start..<start + 7]) == core {
            let before = (start - 4..<start).allSatisfy { $0 < 0 || !cells[$0] }
            let after = (start + 7..<start + 11).allSatisfy { $0 >= cells.count || !cells[$0] }
            if before || after { count += 1 }
        }
        return count
    }
}
