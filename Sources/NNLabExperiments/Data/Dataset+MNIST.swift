import NNLabCore

extension Dataset {
    /// The four standard MNIST file names, each found as is or with `.gz` (inflated through zlib).
    public static let mnistFiles = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]

    /// MNIST from the IDX files in `folder`: input shape [1, rows, cols] (1x28x28 for the real
    /// files), 10 classes.
    ///
    /// - Split: the last sixth of the training files is validation (10,000 of 60,000: train gets the
    ///   first 50,000), the t10k files are the test part. Fixed: no generator is used.
    /// - Scaling: pixel / 255, so features are in [0, 1].
    /// - `limit`: at most this many examples from each of the two image files (the first ones).
    ///
    /// Ctrl-C (`monitor.shouldStop`) is checked before each file: an interrupted load loads nothing.
    ///
    /// Errors (one line each, naming the file): a missing file, wrong magic number, truncated or
    /// oversized file, image and label counts that differ, train and test images of different sizes.
    public static func mnist(folder: String, limit: Int? = nil, monitor: Monitor = .silent()) throws(DataFileError) -> Dataset {
        guard DataFile.isFolder(folder) else {
            throw DataFileError(folder, DataFile.anything(folder) ? "is not a folder; give the folder holding the four MNIST files" : "no such folder")
        }
        var filesRead = 0
        func load(_ name: String) throws(DataFileError) -> (bytes: [UInt8], shown: String) {
            if monitor.shouldStop { throw DataFileError(folder, "interrupted before \(name) was read: nothing loaded") }
            monitor.progress(filesRead, of: mnistFiles.count, "files")
            filesRead += 1
            let plain = folder + "/" + name
            if DataFile.exists(plain) { return (try DataFile.readAll(plain, shown: name), name) }
            let gz = plain + ".gz"
            if DataFile.exists(gz) {
                let compressed = try DataFile.readAll(gz, shown: name + ".gz")
                return (try Gzip.inflate(compressed, file: name + ".gz"), name + ".gz")
            }
            throw DataFileError(name, "missing from \(folder) (looked for \(name) and \(name).gz; MNIST needs \(mnistFiles.joined(separator: ", ")))")
        }
        let trX = try load(mnistFiles[0]), trY = try load(mnistFiles[1])
        let teX = try load(mnistFiles[2]), teY = try load(mnistFiles[3])
        let trainImages = try IDXFile.images(trX.bytes, file: trX.shown)
        let trainLabels = try IDXFile.labels(trY.bytes, file: trY.shown)
        let testImages = try IDXFile.images(teX.bytes, file: teX.shown)
        let testLabels = try IDXFile.labels(teY.bytes, file: teY.shown)
        guard trainImages.count == trainLabels.count else {
            throw DataFileError(trY.shown, "holds \(trainLabels.count) labels but \(trX.shown) holds \(trainImages.count) images: the counts must match")
        }
        guard testImages.count == testLabels.count else {
            throw DataFileError(teY.shown, "holds \(testLabels.count) labels but \(teX.shown) holds \(testImages.count) images: the counts must match")
        }
        guard testImages.rows == trainImages.rows, testImages.cols == trainImages.cols else {
            throw DataFileError(teX.shown, "holds \(testImages.rows)x\(testImages.cols) images but \(trX.shown) holds \(trainImages.rows)x\(trainImages.cols): train and test must have one size")
        }
        guard trainImages.count >= 2 else { throw DataFileError(trX.shown, "holds \(trainImages.count) images; at least 2 are needed (one to train on, one to validate)") }
        let d = trainImages.rows * trainImages.cols
        let nTrainFile = min(trainImages.count, limit ?? .max)
        let nTest = min(testImages.count, limit ?? .max)
        let nVal = max(1, nTrainFile / 6)
        let nTrain = nTrainFile - nVal
        do {
            let x = try bytesToFeatures(trainImages.bytes, offset: 16, stride: d, count: nTrainFile, features: d, scale: 1.0 / 255)
            let xt = try bytesToFeatures(testImages.bytes, offset: 16, stride: d, count: nTest, features: d, scale: 1.0 / 255)
            let labels = Array(trainLabels.prefix(nTrainFile))
            return try Dataset(
                name: "mnist", inputShape: [1, trainImages.rows, trainImages.cols], classes: 10,
                train: try Part(rows: Array(0..<nTrain), of: x, labels: labels),
                val: try Part(rows: Array(nTrain..<nTrainFile), of: x, labels: labels),
                test: try Part(x: xt, y: Array(testLabels.prefix(nTest))),
                notes: [
                    "MNIST handwritten digits (LeCun, Cortes and Burges), read from the IDX files in \(folder)\(trX.shown.hasSuffix(".gz") ? " (gzipped)" : "")",
                    "split: the last sixth of the training files is validation (\(nVal) of \(nTrainFile)), the t10k files are test (\(nTest)); no random draw",
                    "features: pixel / 255, so each is in [0, 1]" + (limit.map { "; at most \($0) examples read from each image file (limit=)" } ?? ""),
                ])
        } catch let e as DataFileError {
            throw e
        } catch {
            throw DataFileError(folder, "\(error)")
        }
    }

    /// `count` examples of `features` bytes each, `stride` bytes apart from `offset`, as an
    /// (count, features) tensor of byte * scale: one tight loop over the bytes.
    static func bytesToFeatures(_ bytes: [UInt8], offset: Int, stride: Int, count: Int, features: Int, scale: Double,
                                skip: Int = 0) throws -> Tensor {
        let n = count * features
        let out = [Double](unsafeUninitializedCapacity: n) { dst, initialized in
            bytes.withUnsafeBufferPointer { src in
                for i in 0..<count {
                    let s = offset + i * stride + skip, t = i * features
                    for j in 0..<features { dst[t + j] = Double(src[s + j]) * scale }
                }
            }
            initialized = n
        }
        return try Tensor(shape: [count, features], data: out)
    }
}
