import PostgresLibPQ
import Testing

@Suite("PostgresQuery binds values as parameters")
struct PostgresQueryTests {
    @Test func interpolationsBecomeNumberedParameters() {
        let name = "O'Brien\"; DROP TABLE people; --"
        let age: Int? = nil
        let query: PostgresQuery = "SELECT * FROM people WHERE full_name = \(name) AND age = \(age) AND n = \(42)"
        #expect(query.sql == "SELECT * FROM people WHERE full_name = $1 AND age = $2 AND n = $3")
        #expect(query.bindings.values == [name, nil, "42"])
        #expect(query.bindings.types == [25, 20, 20])
    }

    @Test func arraysBecomeQuotedArrayLiterals() {
        let values = ["a", "b,c", "d\"e", "f\\g"]
        #expect(values.postgresText == #"{"a","b,c","d\"e","f\\g"}"#)
    }
}
