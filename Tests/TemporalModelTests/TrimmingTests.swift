import Testing
import TemporalModel

/// `trimmingSpaces` (every field of the dataset files goes through it) against its definition on characters.
@Suite("Trimming")
struct TrimmingTests {
    /// The definition: leading and trailing characters equal to space, tab, CR or LF removed (a CR LF pair is one
    /// character, neither CR nor LF, and stays; a space with a combining mark is one character and stays).
    static func reference(_ text: String) -> String {
        var s = Substring(text)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s.removeLast() }
        return String(s)
    }

    @Test("fields with and without surrounding blanks, CR LF, combining marks, non-ASCII ends, empty")
    func cases() {
        let texts = ["", " ", "a", " a", "a ", "\t a b \t", "\r\na\r\n", "a\r\n", "\na\n", " \u{301}a", "a \u{301}", "é",
                     " é ", "é\u{301}", "1923-10", "Zinoviev, G.", "\u{00A0}a\u{00A0}", "a\r", "\u{1F1EB}\u{1F1F7}", " \u{1F1EB} "]
        for t in texts {
            #expect(t.trimmingSpaces == Self.reference(t), "\(t.unicodeScalars.map { String($0.value, radix: 16) })")
            let sub = ("x" + t + "x").dropFirst().dropLast()
            #expect(sub.trimmingSpaces == Self.reference(String(sub)))
        }
        #expect(" a\t".trimmingSpaces == "a" && "a\r\n".trimmingSpaces == "a\r\n" && " \u{301}a".trimmingSpaces == " \u{301}a")
    }
}
