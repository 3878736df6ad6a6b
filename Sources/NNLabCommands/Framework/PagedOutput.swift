/// A result long enough to read a screen at a time (a lecture note): on a terminal the shell
/// shows it through its pager; piped, it is printed whole.
public protocol PagedOutput: CommandOutput {}
