import Foundation
import HocAI
import Testing

@Suite("JSON text")
struct JSONTextTests {
    @Test func keysAreInCodePointOrderAtEveryDepth() throws {
        let object: [String: Any] = ["b": 1, "a_b": ["z": true, "Z": false], "ab": [["y": "1", "x": "2"]], "B": NSNull()]
        #expect(try JSONText.string(object) == #"{"B":null,"a_b":{"Z":false,"z":true},"ab":[{"x":"2","y":"1"}],"b":1}"#)
    }

    @Test func stringsAreEscapedOnlyWhereJSONRequires() throws {
        let text = "Nguyễn \"Văn\" A\\/\n\t\r\u{08}\u{0C}\u{01}\u{1F}\u{7F}"
        let written = try JSONText.string(["name": text])
        #expect(written == #"{"name":"Nguyễn \"Văn\" A\\/\n\t\r\b\f\u0001\u001f"# + "\u{7F}\"}")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: String])
        #expect(parsed["name"] == text)
    }

    @Test func numbersAndBooleansKeepTheirKind() throws {
        let values: [Any] = [1, true, 0, false, Int64(-7), UInt8(200), 2.5, 3.0, -0.125, Int?.none as Any, Int?(4) as Any]
        #expect(try JSONText.string(values) == "[1,true,0,false,-7,200,2.5,3,-0.125,null,4]")
        // As JSONSerialization hands them back (NSNumber): the same text again.
        let text = #"{"a":true,"b":1,"c":1.5,"d":null,"e":[false,"x",-3],"f":18446744073709551615}"#
        #expect(try JSONText.string(try JSONSerialization.jsonObject(with: Data(text.utf8))) == text)
    }

    @Test func whatJSONCannotHoldIsAnError() {
        #expect(throws: JSONText.Invalid.self) { try JSONText.string(["x": Double.nan]) }
        #expect(throws: JSONText.Invalid.self) { try JSONText.string(["x": Date()]) }
    }
}
