import Testing

/// A `/metrics` answer parsed into samples, for checks on figures rather than exact text.
struct ScrapedMetrics {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    let text: String
    let samples: [Sample]
    /// The names of every `# TYPE` line.
    let families: Set<String>

    init(_ text: String) {
        self.text = text
        var samples: [Sample] = []
        var families: Set<String> = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                families.insert(String(line.split(separator: " ")[2]))
            } else if !line.hasPrefix("#"), let sample = Self.sample(String(line)) {
                samples.append(sample)
            }
        }
        self.samples = samples
        self.families = families
    }

    /// The sum of the samples called `name` whose labels include `labels`; `nil` if none.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matching.isEmpty ? nil : matching.reduce(0) { $0 + $1.value }
    }

    /// `name{labels…} value`, label values with `\\`, `\"` and `\n` escapes.
    private static func sample(_ line: String) -> Sample? {
        let characters = Array(line)
        var index = 0
        var name = ""
        while index < characters.count, characters[index] != "{", characters[index] != " " {
            name.append(characters[index])
            index += 1
        }
        var labels: [String: String] = [:]
        if index < characters.count, characters[index] == "{" {
            index += 1
            while index < characters.count, characters[index] != "}" {
                var key = ""
                while characters[index] != "=" { key.append(characters[index]); index += 1 }
                index += 2  // `="`
                var value = ""
                while characters[index] != "\"" {
                    if characters[index] == "\\" {
                        index += 1
                        value.append(characters[index] == "n" ? "\n" : characters[index])
                    } else {
                        value.append(characters[index])
                    }
                    index += 1
                }
                index += 1  // closing quote
                if characters[index] == "," { index += 1 }
                labels[key] = value
            }
            index += 1
        }
        let rest = String(characters[index...]).split(separator: " ")
        guard let first = rest.first, let value = Double(first) else { return nil }
        return Sample(name: name, labels: labels, value: value)
    }
}
