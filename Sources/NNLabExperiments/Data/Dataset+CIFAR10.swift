import NNLabCore

extension Dataset {
    /// CIFAR-10's binary version: five training batches and a test batch, 10,000 records each.
    public static let cifar10Files = (1...5).map { "data_batch_\($0).bin" } + ["test_batch.bin"]
    /// One record: a label byte, then 3072 pixel bytes, channel first (1024 red, 1024 green, 1024
    /// blue, each 32x32 row-major).
    public static let cifar10RecordBytes = 1 + 3 * 32 * 32
    /// The class names in label order, used when batches.meta.txt is absent.
    public static let cifar10Names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]

    /// CIFAR-10 from the binary batches in `folder`: input shape [3, 32, 32], 10 classes.
    ///
    /// - Split: data_batch_1 to 4 are train, data_batch_5 is validation, test_batch is test (so the
    ///   real files give 40,000 / 10,000 / 10,000). Fixed: no generator is used.
    /// - Scaling: byte / 255, so features are in [0, 1], in the file's channel-first order.
    /// - Names: batches.meta.txt (one class name a line) when present.
    /// - `limit`: at most this many records from each file (the first ones).
    ///
    /// Ctrl-C (`monitor.shouldStop`) is checked before each file: an interrupted load loads nothing.
    ///
    /// Errors (one line each, naming the file): missing, empty, a size that is not a whole number of
    /// 3073-byte records, a label byte above 9, a names file without 10 names.
    public static func cifar10(folder: String, limit: Int? = nil, monitor: Monitor = .silent()) throws(DataFileError) -> Dataset {
        guard DataFile.isFolder(folder) else {
            throw DataFileError(folder, DataFile.anything(folder) ? "is not a folder; give the folder holding data_batch_1.bin ... test_batch.bin" : "no such folder")
        }
        let r = cifar10RecordBytes, d = r - 1
        var parts: [(x: Tensor, y: [Int])] = []
        for (k, name) in cifar10Files.enumerated() {
            if monitor.shouldStop { throw DataFileError(folder, "interrupted before \(name) was read: nothing loaded") }
            monitor.progress(k, of: cifar10Files.count, "files")
            let path = folder + "/" + name
            guard DataFile.exists(path) else {
                throw DataFileError(name, "missing from \(folder) (CIFAR-10's binary version needs \(cifar10Files.joined(separator: ", ")))")
            }
            let b = try DataFile.readAll(path, shown: name)
            guard !b.isEmpty else { throw DataFileError(name, "is empty (each record is \(r) bytes: a label and 3072 pixels)") }
            guard b.count % r == 0 else {
                throw DataFileError(name, "wrong size: \(b.count) bytes is not a whole number of \(r)-byte records (\(b.count / r) records and \(b.count % r) bytes left over: truncated, or not CIFAR-10's binary version)")
            }
            let n = min(b.count / r, limit ?? .max)
            var y = [Int](repeating: 0, count: n)
            for i in 0..<n {
                let v = Int(b[i * r])
                guard v < 10 else { throw DataFileError(name, "record \(i) has label byte \(v), not a class 0...9 (is this CIFAR-100, or not a CIFAR file?)") }
                y[i] = v
            }
            do {
                parts.append((try bytesToFeatures(b, offset: 0, stride: r, count: n, features: d, scale: 1.0 / 255, skip: 1), y))
            } catch {
                throw DataFileError(name, "\(error)")
            }
        }
        var names = cifar10Names
        let meta = folder + "/batches.meta.txt"
        if DataFile.exists(meta) {
            let text = String(decoding: try DataFile.readAll(meta, shown: "batches.meta.txt"), as: UTF8.self)
            let listed = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            guard listed.count == 10 else { throw DataFileError("batches.meta.txt", "lists \(listed.count) class names, expected 10 (one a line)") }
            names = listed
        }
        do {
            let train = try concatenate(parts[0..<4])
            return try Dataset(
                name: "cifar10", inputShape: [3, 32, 32], classes: 10, classNames: names,
                train: train, val: try Part(x: parts[4].x, y: parts[4].y), test: try Part(x: parts[5].x, y: parts[5].y),
                notes: [
                    "CIFAR-10 (Krizhevsky 2009), binary version, read from \(folder)",
                    "split: data_batch_1 to 4 train (\(train.count)), data_batch_5 validation (\(parts[4].y.count)), test_batch test (\(parts[5].y.count)); no random draw",
                    "features: byte / 255 in [0, 1], channel first (red, green, blue planes of 32x32)" + (limit.map { "; at most \($0) records read from each file (limit=)" } ?? ""),
                ])
        } catch let e as DataFileError {
            throw e
        } catch {
            throw DataFileError(folder, "\(error)")
        }
    }

    static func concatenate(_ parts: ArraySlice<(x: Tensor, y: [Int])>) throws -> Part {
        var data: [Double] = [], y: [Int] = []
        let d = parts.first?.x.shape[1] ?? 0
        data.reserveCapacity(parts.reduce(0) { $0 + $1.x.count })
        for p in parts { data += p.x.data; y += p.y }
        return try Part(x: try Tensor(shape: [y.count, d], data: data), y: y)
    }
}
