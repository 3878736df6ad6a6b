import XCTest
import NNLabCore
@testable import NNLabExperiments

/// A network drawn with `net` (a `NetworkDraft`) built into a `Sequential`: its parameters are the
/// ones the table counts, its output has the table's last volume, and what cannot be built says why.
final class NetworkModelTests: XCTestCase {
    func draft(_ input: Volume, _ layers: [LayerSpec]) -> NetworkDraft { NetworkDraft(input: input, layers: layers) }

    func testTheLecturesSmallNetByHand() throws {
        // conv 10 5 1 2 on 32x32x3: 5*5*3*10 weights + 10 biases = 760; pool 2 2 gives 16x16x10;
        // fc 10 from 16*16*10 = 2560 inputs: 25600 + 10 = 25610. Total 26370.
        let d = draft(Volume(square: 32, depth: 3), [.conv(filters: 10, size: 5, stride: 1, pad: 2, rounding: .exact), .activation("relu"),
                                                      .pool(size: 2, stride: 2, kind: .max, rounding: .exact), .fc(units: 10)])
        var rng = NumpyRandom(seed: 0)
        var model = try d.makeModel(initialization: .he, rng: &rng)
        XCTAssertEqual(model.parameterCount, 26370)
        XCTAssertEqual(try d.build().params, 26370)
        XCTAssertEqual(model.parameters.names, ["conv1.w", "conv1.b", "fc4.w", "fc4.b"], "named like the table's rows")
        XCTAssertEqual(try model.outputShape(for: [3, 32, 32]), [10])
        let scores = try model.scores(try Tensor.randn([2, 3, 32, 32], using: &rng))
        XCTAssertEqual(scores.shape, [2, 10])
        // He: W = randn * sqrt(2 / fan_in), fan_in 5*5*3 = 75 for the conv.
        let w = try XCTUnwrap(model.parameters["conv1.w"]).value
        XCTAssertEqual(w.std(), (2.0 / 75).squareRoot(), accuracy: 0.1 * (2.0 / 75).squareRoot(), "750 draws: std within 10%")
    }

    func testBuiltModelsHaveTheTablesParameterCount() throws {
        let nets: [(Volume, [LayerSpec])] = [
            (Volume(square: 28, depth: 1), [.conv(filters: 6, size: 5, stride: 1, pad: nil, rounding: .exact), .activation("tanh"),
                                            .pool(size: 2, stride: 2, kind: .avg, rounding: .exact),
                                            .conv(filters: 16, size: 5, stride: 1, pad: 0, rounding: .exact), .batchNorm, .activation("relu"),
                                            .pool(size: 2, stride: 2, kind: .max, rounding: .exact), .flatten, .fc(units: 120),
                                            .dropout(keep: 0.5), .fc(units: 10), .softmax]),
            (Volume(square: 8, depth: 3), [.conv(filters: 4, size: 3, stride: 1, pad: 1, rounding: .exact), .batchNorm, .activation("leaky"),
                                           .globalAveragePool, .fc(units: 5), .batchNorm, .activation("elu"), .fc(units: 3)]),
            (Volume(width: 1, height: 1, depth: 64), [.fc(units: 100), .activation("sigmoid"), .fc(units: 10)]),
        ]
        for (input, layers) in nets {
            let d = draft(input, layers)
            var rng = NumpyRandom(seed: 1)
            let model = try d.makeModel(initialization: .xavier, rng: &rng)
            let table = try d.build()
            XCTAssertEqual(model.parameterCount, table.params, table.title)
            let last = try XCTUnwrap(table.layers.last)
            XCTAssertEqual(try model.outputShape(for: [input.depth ?? 1, input.height, input.width]).reduce(1, *), last.activations, table.title)
        }
    }

    func testZeroInitializationDrawsNothing() throws {
        let d = draft(Volume(square: 4, depth: 2), [.fc(units: 3)])
        var rng = NumpyRandom(seed: 5), untouched = NumpyRandom(seed: 5)
        let model = try d.makeModel(initialization: .zero, rng: &rng)
        XCTAssertEqual(model.parameters["fc1.w"]?.value.data, [Double](repeating: 0, count: 32 * 3))
        XCTAssertEqual(rng.rand(), untouched.rand())
    }

    func testWhatCannotBeBuiltSaysWhy() throws {
        var rng = NumpyRandom(seed: 0)
        let cases: [([LayerSpec], String)] = [
            ([.norm, .fc(units: 2)], "local response"),
            ([.conv(filters: 2, size: 2, stride: 2, pad: 0, rounding: .floor)], "fit exactly"),
            ([.softmax, .fc(units: 2)], "last layer"),
            ([.conv(filters: 2, size: 4, stride: 1, pad: nil, rounding: .exact)], "odd filter"),
            ([.activation("swish")], "not an activation"),
        ]
        for (layers, words) in cases {
            XCTAssertThrowsError(try draft(Volume(square: 5, depth: 1), layers).makeModel(initialization: .he, rng: &rng)) { e in
                XCTAssertTrue("\(e)".contains(words), "\(e)")
            }
        }
    }
}
