/// `seed N`: restarts the generator as `np.random.seed(N)`.
public struct SeedCommand: Command {
    static let n = Arg.required("N", 0...4_294_967_295, help: "the seed, 0 to 2^32 - 1 as numpy allows")

    public static let spec = CommandSpec(
        name: "seed", topic: .session,
        summary: "restart the random generator, exactly as np.random.seed(N)",
        discussion: "nnlab's generator is numpy's legacy MT19937, bit for bit: after `seed N`, experiments draw the same numbers as the lectures' numpy code after np.random.seed(N).",
        arguments: [n.spec],
        fields: [FieldDoc("key", "always \"seed\""), FieldDoc("value", "the new seed"), FieldDoc("message", "confirmation")],
        examples: [Example("seed 0", "the seed the lectures' code uses")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let v = try args.value(n)
        guard let s = UInt32(exactly: v) else { throw CommandError("seed must be from 0 to 4294967295; e.g. seed 0") }
        context.session.reseed(s)
        return MessageOutput(message: "seed \(s): random numbers now follow np.random.seed(\(s))", key: "seed", value: String(s))
    }
}
