/// nnlab's version, defined here only: `nnlab --version`, `help` and `show` print it.
public enum NNLabVersion {
    public static let current = "0.1.0"
}
