import CEditLine
import NNLabCommands
import NNLabCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// For lab runs outside the interactive shell: Ctrl-C stops the lab between steps.
public enum LineEditorSupport {
    public static func installInterrupt(_ flag: InterruptFlag) {
        LineEditor.installInterruptHandler(flag)
    }

    /// Waits for Enter on standard input (`nnlab run --pace` at a `pause`). Returns true for
    /// Enter; Ctrl-C (the read ends with EINTR and the flag is up) and end of input (Ctrl-D) raise
    /// the flag, so the lab stops there as it does on Ctrl-C during a command. It reads the
    /// descriptor directly: stdio's `readLine` retried the interrupted read and spun at full CPU.
    @discardableResult
    public static func waitForEnter(_ flag: InterruptFlag, fd: Int32 = 0) -> Bool {
        var byte: UInt8 = 0
        while true {
            if flag.isRaised { return false }
            let n = read(fd, &byte, 1)
            if n == 1 {
                if byte == 10 || byte == 13 { return true }
                continue
            }
            if n < 0, errno == EINTR { continue }  // Ctrl-C: the loop sees the flag
            flag.raise()                            // end of input, or a read error
            return false
        }
    }
}
