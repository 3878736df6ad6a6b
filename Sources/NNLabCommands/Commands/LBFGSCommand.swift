import Foundation
import NNLabCore
import NNLabExperiments

/// `lbfgs [LANDSCAPE | f=EXPR] [from=] [m=] [steps=] [tol=] [noise=]`: limited-memory BFGS on a
/// function of x and y, against Adam with the same number of steps and the same gradient noise.
public struct LBFGSCommand: Command {
    static let m = Arg.integer("m", 1...100, default: 5, help: "curvature pairs (s, y) kept")
    static let steps = Arg.integer("steps", 1...SecondOrderExperiment.maxIterations, default: 100, help: "most iterations")

    public static let spec = CommandSpec(
        name: "lbfgs", topic: .optimizers,
        summary: "L-BFGS on a 2-D landscape: an inverse-Hessian estimate from the last m steps; badly with noisy gradients",
        discussion: """
            BFGS keeps an estimate of the inverse Hessian and corrects it after each step with the pair \
            s = x_new - x, y = g_new - g; its update is rank 2 (the rank-1 method is SR1, not BFGS). L-BFGS \
            never forms the matrix: the two-loop recursion (Nocedal and Wright, Algorithm 7.4) applies it to \
            the gradient from the last m pairs, starting from gamma I with gamma = s'y / y'y of the newest pair \
            (1 at the first iteration, so the first step is plain -grad). The step length alpha starts at 1; the \
            weak Wolfe line search halves it while f(x + alpha d) > f(x) + 1e-4 alpha g'd and doubles it (or \
            bisects toward the last too-long one) while g(x + alpha d)'d < 0.9 g'd, at most 60 trials. A pair \
            with s'y not positive is skipped, since the update needs it (with exact gradients the curvature \
            condition rules that out). noise= adds Gaussian noise to \
            every gradient component (the mini-batch setting; f itself stays exact): the differences y are then \
            mostly noise, the curvature estimate is wrong, and the method does badly, as the lecture warns. \
            Adam (lr 0.1) runs as many steps from the same start with the same noise, for comparison.
            """,
        arguments: [DescendCommand.landscape.spec, DescendCommand.f.spec, DescendCommand.from.spec, m.spec, steps.spec,
                    DescendCommand.tol.spec, DescendCommand.noise.spec, DescendCommand.width.spec],
        fields: [
            FieldDoc("method, expression, start_x, start_y, m, noise, tolerance, planned", "the setup"),
            FieldDoc("final_x, final_y, final_loss, iterations, converged_iteration, status, reason", "where it ended and why"),
            FieldDoc("evaluations", "function and gradient evaluations in all"),
            FieldDoc("comparisons", "adam from the same start, as many steps, same noise: rule, lr, steps_run, converged_step, final_loss, status"),
            FieldDoc("final_eig_min, final_eig_max, final_curvature, indefinite_iterations", "newton only (null and empty here)"),
            FieldDoc("run", "completed and planned iterations, and interrupted"),
            FieldDoc("path", "every iteration: iteration, x, y, loss, grad_norm, alpha, evaluations"),
            FieldDoc("map", "the contour map's lines"),
        ],
        examples: [
            Example("lbfgs quadratic", "x^2 + y^2 from (-3, 2): -grad overshoots to (3, -2), alpha = 1/2 lands on (0, 0)"),
            Example("lbfgs rosenbrock", "down the banana valley in under 40 iterations"),
            Example("lbfgs rosenbrock noise=1", "noisy gradients: stuck far from (1, 1)"),
        ],
        complete: { previous, _ in previous.isEmpty ? DescentLandscape.names : nil })

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let (expression, start) = try DescendCommand.setup(args, landscape: args[DescendCommand.landscape], example: "lbfgs")
        let monitor = context.monitor
        let report = try DescendCommand.translate(expression) {
            try SecondOrderExperiment.lbfgs(expression: expression, start: start, m: try args.value(Self.m), iterations: try args.value(Self.steps),
                                            tolerance: try args.value(DescendCommand.tol), noise: try args.value(DescendCommand.noise),
                                            mapWidth: DescendCommand.mapWidth(args), rng: &context.session.rng, monitor: monitor)
        }
        context.session.lastFigure = report.figure()
        return report
    }
}
