/// Name parts for sample rosters. Family names follow their published frequencies in Vietnam
/// (Nguyễn about 38%, Trần 11%, Lê 9.5%, Phạm 7%…), with the Tày, Nùng and Dao names common in
/// Thái Nguyên and Bắc Kạn (Hoàng, Nông, Ma, Triệu, Lương) given a share of their own.
enum VietnameseNames {
    static let family: [(String, Int)] = [
        ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 55), ("Phan", 45), ("Vũ", 39),
        ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đào", 8),
        ("Đinh", 7), ("Lương", 6), ("Nông", 12), ("Ma", 6), ("Triệu", 5), ("Lâm", 4), ("Hà", 6), ("Tạ", 3),
        ("Mai", 4), ("Trịnh", 4), ("Quách", 2), ("Chu", 3), ("Tô", 2), ("Lục", 3), ("Hứa", 2),
    ]
    static let maleMiddle: [(String, Int)] = [
        ("Văn", 50), ("Đức", 12), ("Minh", 10), ("Quang", 8), ("Hữu", 8), ("Thành", 6), ("Công", 5), ("Xuân", 4), ("Ngọc", 3),
    ]
    static let femaleMiddle: [(String, Int)] = [
        ("Thị", 60), ("Thu", 8), ("Ngọc", 8), ("Thanh", 6), ("Hồng", 6), ("Minh", 5), ("Phương", 4), ("Kim", 3),
    ]
    static let maleGiven: [(String, Int)] = [
        ("An", 5), ("Anh", 8), ("Bình", 6), ("Cường", 5), ("Dũng", 7), ("Đạt", 5), ("Đông", 3), ("Hải", 6), ("Hiếu", 5),
        ("Hoàng", 5), ("Hùng", 7), ("Huy", 6), ("Khánh", 4), ("Long", 6), ("Minh", 8), ("Nam", 7), ("Phong", 4),
        ("Phúc", 4), ("Quân", 5), ("Sơn", 6), ("Thắng", 5), ("Thành", 5), ("Trung", 5), ("Tuấn", 8), ("Việt", 4),
        ("Hòa", 3), ("Thụy", 1),
    ]
    static let femaleGiven: [(String, Int)] = [
        ("Anh", 6), ("Chi", 5), ("Dung", 5), ("Giang", 5), ("Hà", 7), ("Hạnh", 5), ("Hằng", 6), ("Hoa", 6),
        ("Hòa", 3), ("Hương", 8), ("Lan", 7), ("Linh", 8), ("Loan", 4), ("Mai", 7), ("Ngọc", 5), ("Nhung", 4),
        ("Oanh", 3), ("Phương", 6), ("Quỳnh", 4), ("Thảo", 7), ("Thủy", 5), ("Trang", 8), ("Uyên", 3), ("Yến", 4),
    ]
}
