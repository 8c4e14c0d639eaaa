fn main() -> std::process::ExitCode {
    rolefit::cli::main()
}
