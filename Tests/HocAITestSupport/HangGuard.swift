import Testing

extension Trait where Self == TimeLimitTrait {
    /// The one time limit of the suite: it stops a test that hangs, it does not time one.
    ///
    /// Every test starts at once and shares two cores with the others, with PostgreSQL,
    /// the server and the browser, so a test that takes 3 s alone took over 60 s in CI
    /// (the whole run takes about 4 minutes there). Ten minutes is far from any real run
    /// and still ends a hang well inside CI's 90 minutes. How fast things are is measured
    /// by the benchmark scripts, never here.
    public static var hangGuard: Self { .timeLimit(.minutes(10)) }
}
