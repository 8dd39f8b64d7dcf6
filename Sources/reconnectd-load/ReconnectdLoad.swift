// Placeholder: the load generator lands with the benchmarks issue.
@main
struct ReconnectdLoad {
    static func main() {}
}
