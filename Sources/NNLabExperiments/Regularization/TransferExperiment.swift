import NNLabCore

public enum TransferExperiment {
    /// The two halves: classes 0..<C/2 (source) and C/2..<C (target, relabelled from 0).
    /// Needs at least 4 classes.
    public static func split(_ data: Dataset) throws -> (source: Dataset, target: Dataset) {
        let c = data.classes, h = c / 2
        guard c >= 4 else { throw NumericsError.outOfRange("transfer splits the classes in two halves; \(data.name) has only \(c) classes (needs 4 or more)") }
        func part(_ p: Dataset.Part, _ range: Range<Int>) throws -> Dataset.Part {
            let idx = p.y.indices.filter { range.contains(p.y[$0]) }
            return try Dataset.Part(x: try p.x.rows(at: idx), y: idx.map { p.y[$0] - range.lowerBound })
        }
        func half(_ range: Range<Int>) throws -> Dataset {
            try Dataset(name: "\(data.name) \(data.classNames[range.lowerBound])-\(data.classNames[range.upperBound - 1])",
                        inputShape: data.inputShape, classes: range.count, classNames: Array(data.classNames[range]),
                        train: try part(data.train, range), val: try part(data.val, range), test: try part(data.test, range))
        }
        return (try half(0..<h), try half(h..<c))
    }

    /// The first `shots` training examples of each class, in the order they appear.
    public static func fewShot(_ part: Dataset.Part, classes: Int, shots: Int) throws -> Dataset.Part {
        var taken = [Int](repeating: 0, count: classes), idx: [Int] = []
        for (i, y) in part.y.enumerated() where taken[y] < shots { taken[y] += 1; idx.append(i) }
        return try Dataset.Part(x: try part.x.rows(at: idx), y: idx.map { part.y[$0] })
    }

    /// The largest shot count every class of `part` can supply.
    public static func maxShots(_ part: Dataset.Part, classes: Int) -> Int {
        var counts = [Int](repeating: 0, count: classes)
        for y in part.y { counts[y] += 1 }
        return counts.min() ?? 0
    }

    /// `blueprint` with its last layer (which must be fully connected) giving `classes` scores.
    public static func retarget(_ blueprint: ModelBlueprint, classes: Int) throws -> ModelBlueprint {
        guard case .fc? = blueprint.layers.last, blueprint.layers.count >= 2 else {
            throw NumericsError.invalidShape("transfer replaces the model's last layer, which must be fully connected with a layer before it; this model ends with \(blueprint.layers.last?.text ?? "nothing")")
        }
        var b = blueprint
        b.classes = classes
        b.layers[b.layers.count - 1] = .fc(units: classes)
        return b
    }

    /// Test-mode outputs of every layer but the last, (N, H): the frozen network's features.
    static func features(_ network: Sequential, _ x: Tensor, blueprint: ModelBlueprint) throws -> Tensor {
        let body = try Sequential(Array(network.layers.dropLast()), names: Array(network.names.dropLast()), loss: network.loss)
        var model = TrainedModel(blueprint: blueprint, network: body)
        var rows: [Double] = [], width = 0
        var start = 0
        let n = x.shape.first ?? 0
        while start < n {
            let end = min(start + 1000, n)
            let out = try model.network.scores(try model.batchShaped(try x.rows(start..<end)))
            width = out.shape.count == 2 ? out.shape[1] : out.count / max(end - start, 1)
            rows += out.data
            start = end
        }
        return try Tensor(shape: [n, width], data: rows)
    }

    /// Pretrains a model of `blueprint` (its last layer resized to the source's classes) on the
    /// source half, then for each shot count runs the three methods on the target half. Every
    /// new last layer starts from the same draw per shot count, and the scratch network from its
    /// own; all draws come from `rng`, in order. `pretrain` and `options` are train's options
    /// for the pretraining and for each few-shot run (a constant rate); fine-tuning runs at
    /// options.learningRate x `finetuneScale`.
    ///
    /// Safe points: every batch (Trainer's). A shot count whose three runs did not all finish is
    /// left out; `rows` holds the completed ones.
    public static func run(data: Dataset, blueprint: ModelBlueprint, shots: [Int], pretrain: TrainingOptions,
                           options: TrainingOptions, finetuneScale: Double, rng: inout NumpyRandom,
                           monitor: Monitor) throws -> TransferReport {
        let (source, target) = try split(data)
        let sourceBlueprint = try retarget(blueprint, classes: source.classes)
        let targetBlueprint = try retarget(blueprint, classes: target.classes)
        var ftOptions = options
        ftOptions.learningRate = options.learningRate * finetuneScale
        ftOptions.schedule = try LearningRateSchedule(.constant, base: ftOptions.learningRate)
        var report = TransferReport(source_classes: source.classNames, target_classes: target.classNames,
                                    pretrain_options: pretrain, options: options, finetune_lr: ftOptions.learningRate,
                                    feature_count: 0, rows: [], test_examples: target.test.count, crossings: [],
                                    frozen_unchanged: true, run: RunState(completed: 0, planned: shots.count, interrupted: false))
        var pre = try TrainedModel.build(sourceBlueprint, rng: &rng)
        let pr = try Trainer.train(&pre, data: source, options: pretrain, rng: &rng, monitor: monitor.part("pretraining on \(source.name)  "))
        guard !pr.run.interrupted else { report.run.interrupted = true; return report }
        report.pretrain_test_acc = try pre.accuracy(source.test.x, source.test.y).accuracy
        let frozen = pre.network.parameters
        let fTrain = try features(pre.network, target.train.x, blueprint: sourceBlueprint)
        let fVal = try features(pre.network, target.val.x, blueprint: sourceBlueprint)
        let fTest = try features(pre.network, target.test.x, blueprint: sourceBlueprint)
        let h = fTrain.shape[1]
        report.feature_count = h
        let headBlueprint = ModelBlueprint(inputShape: [h], classes: target.classes, layers: [.fc(units: target.classes)],
                                           initialization: blueprint.initialization)
        let featureData = try Dataset(name: "\(target.name) features", inputShape: [h], classes: target.classes,
                                      classNames: target.classNames,
                                      train: try Dataset.Part(x: fTrain, y: target.train.y),
                                      val: try Dataset.Part(x: fVal, y: target.val.y), test: try Dataset.Part(x: fTest, y: target.test.y))
        for (k, s) in shots.enumerated() {
            if monitor.shouldStop { report.run.interrupted = true; break }
            let label = "\(s) shot\(s == 1 ? "" : "s") (\(k + 1) / \(shots.count))  "
            let few = try fewShot(target.train, classes: target.classes, shots: s)
            let fewFeatures = try fewShot(featureData.train, classes: target.classes, shots: s)
            // (a) a new last layer on the frozen features.
            var head = try TrainedModel.build(headBlueprint, rng: &rng)
            let headStart = head.network.layers
            let ra = try Trainer.train(&head, data: try featureData.withTrain(fewFeatures, name: featureData.name), options: options,
                                       rng: &rng, monitor: monitor.part(label + "features  "))
            if ra.run.interrupted { report.run.interrupted = true; break }
            let accA = try head.accuracy(fTest, target.test.y).accuracy
            // (b) the pretrained body with the same new last layer, every layer trained.
            guard let newLast = headStart.last else { break }
            let body = Array(pre.network.layers.dropLast()) + [newLast]
            var tuned = TrainedModel(blueprint: targetBlueprint,
                                     network: try Sequential(body, names: targetBlueprint.layerNames, loss: pre.network.loss))
            let rb = try Trainer.train(&tuned, data: try target.withTrain(few, name: target.name), options: ftOptions,
                                       rng: &rng, monitor: monitor.part(label + "fine-tune  "))
            if rb.run.interrupted { report.run.interrupted = true; break }
            let accB = try tuned.accuracy(target.test.x, target.test.y).accuracy
            // (c) from scratch.
            var fresh = try TrainedModel.build(targetBlueprint, rng: &rng)
            let rc = try Trainer.train(&fresh, data: try target.withTrain(few, name: target.name), options: options,
                                       rng: &rng, monitor: monitor.part(label + "scratch  "))
            if rc.run.interrupted { report.run.interrupted = true; break }
            let accC = try fresh.accuracy(target.test.x, target.test.y).accuracy
            let row = TransferRow(shots: s, examples: few.count, features_acc: accA, finetune_acc: accB, scratch_acc: accC)
            report.rows.append(row)
            monitor.emit(row)
        }
        report.frozen_unchanged = pre.network.parameters == frozen
        report.run.completed = report.rows.count
        report.best_at_fewest = report.rows.first.flatMap(leader)
        report.best_at_most = report.rows.last.flatMap(leader)
        report.crossings = crossings(report.rows)
        return report
    }

    static func accuracy(_ row: TransferRow, _ m: TransferMethod) -> Double {
        switch m {
        case .features: row.features_acc
        case .finetune: row.finetune_acc
        case .scratch: row.scratch_acc
        }
    }

    /// The method with the strictly highest accuracy in a row, nil at a tie for first.
    public static func leader(_ row: TransferRow) -> TransferMethod? {
        let sorted = TransferMethod.allCases.sorted { accuracy(row, $0) > accuracy(row, $1) }
        guard sorted.count >= 2, accuracy(row, sorted[0]) > accuracy(row, sorted[1]) else { return nil }
        return sorted[0]
    }

    /// For each pair of methods, the consecutive shot counts between which the one ahead
    /// (strictly) stops being ahead and the other gets strictly ahead.
    public static func crossings(_ rows: [TransferRow]) -> [TransferCrossing] {
        var out: [TransferCrossing] = []
        let all = TransferMethod.allCases
        for a in 0..<all.count {
            for b in (a + 1)..<all.count {
                var lastLeader: (TransferMethod, Int)? = nil
                for row in rows {
                    let d = accuracy(row, all[a]) - accuracy(row, all[b])
                    guard d != 0 else { continue }
                    let lead = d > 0 ? all[a] : all[b]
                    if let (prev, at) = lastLeader, prev != lead {
                        out.append(TransferCrossing(first: all[a], second: all[b], from: at, to: row.shots, leader_before: prev))
                    }
                    lastLeader = (lead, row.shots)
                }
            }
        }
        return out
    }
}
