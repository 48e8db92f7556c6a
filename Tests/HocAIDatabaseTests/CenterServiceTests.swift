import HocAI
import HocAITestSupport
import Testing

@Suite("Training centres")
struct CenterServiceTests {
    @Test func addFindsTheCommuneByCodeOrNameAndListsByCode() throws {
        try TestDatabase.withDatabase { db, _ in
            let service = CenterService(connection: db, logger: TestDatabase.logger)
            let daiTu = try service.add(code: "ttgdtx-daitu", name: "  Trung tâm  GDNN-GDTX Đại Từ ", commune: "xã đại từ")
            #expect(daiTu.code == "TTGDTX-DAITU")
            #expect(daiTu.name == "Trung tâm GDNN-GDTX Đại Từ")
            #expect(daiTu.commune.code == "05830")
            let city = try service.add(code: "CNTT-TN", name: "Trung tâm CNTT", commune: "05443")
            #expect(city.commune.fullName == "Phường Phan Đình Phùng")
            #expect(try service.list().map(\.code) == ["CNTT-TN", "TTGDTX-DAITU"])
            #expect(try db.query("SELECT count(*) FROM audit_log WHERE action = 'center.add'").scalar(Int.self) == 2)
        }
    }

    @Test func refusesDuplicatesUnknownCommunesAndBadCodes() throws {
        try TestDatabase.withDatabase { db, _ in
            let service = CenterService(connection: db, logger: TestDatabase.logger)
            try service.add(code: "TT01", name: "Trung tâm 1", commune: "Đại Từ")
            #expect { try service.add(code: "tt01", name: "Khác", commune: "Đại Từ") } throws: {
                ($0 as? HocAIError)?.code == .centerExists
            }
            let unknown = #expect(throws: HocAIError.self) { try service.add(code: "TT02", name: "B", commune: "Dai Tuu") }
            #expect(unknown?.code == .unknownCommune)
            #expect(unknown?.message(in: .vi).contains("Xã Đại Từ") == true)
            #expect { try service.add(code: "T T", name: "C", commune: "Đại Từ") } throws: {
                ($0 as? HocAIError)?.code == .invalidCenterCode
            }
            #expect(try service.list().count == 1)
        }
    }
}
