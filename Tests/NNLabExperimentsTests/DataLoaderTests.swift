import Foundation
import XCTest
import NNLabCore
@testable import NNLabExperiments

/// MNIST IDX and CIFAR-10 binary files of the exact formats, written small in a temporary folder
/// (and, for gzip, Fixtures/mnist-gz from make_idx_fixtures.py), loaded, and broken one way at a
/// time: each problem must be one line naming the file and what was wrong.
final class DataLoaderTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "nnlab-data-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }

    /// The images make_idx_fixtures.py writes: pixel k of image i is (i*16 + k*7) % 256.
    func idxImages(_ n: Int, _ rows: Int, _ cols: Int, first: Int = 0, magic: Int = 2051) -> [UInt8] {
        be32(magic) + be32(n) + be32(rows) + be32(cols)
            + (0..<n).flatMap { i in (0..<(rows * cols)).map { k in UInt8(((first + i) * 16 + k * 7) % 256) } }
    }

    func idxLabels(_ n: Int, first: Int = 0, magic: Int = 2049) -> [UInt8] {
        be32(magic) + be32(n) + (0..<n).map { UInt8((first + $0) % 10) }
    }

    func write(_ bytes: [UInt8], _ name: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    func writeMNIST(train: Int = 12, test: Int = 4) throws {
        try write(idxImages(train, 3, 4), "train-images-idx3-ubyte")
        try write(idxLabels(train), "train-labels-idx1-ubyte")
        try write(idxImages(test, 3, 4, first: 100), "t10k-images-idx3-ubyte")
        try write(idxLabels(test, first: 100), "t10k-labels-idx1-ubyte")
    }

    func mnistError() -> String {
        do { _ = try Dataset.mnist(folder: folder); return "(loaded)" } catch { return error.description }
    }

    func testMNISTLoadsWithItsSplitAndScaling() throws {
        try writeMNIST()
        let d = try Dataset.mnist(folder: folder)
        XCTAssertEqual(d.inputShape, [1, 3, 4])
        // 12 training images: the last sixth (2) is validation.
        XCTAssertEqual([d.train.count, d.val.count, d.test.count], [10, 2, 4])
        // Image 1, pixel 2: (16 + 14) / 255.
        XCTAssertEqual(d.train.x[1, 2], 30.0 / 255)
        XCTAssertEqual(d.val.x[0, 0], Double((10 * 16) % 256) / 255)
        XCTAssertEqual(d.val.y, [0, 1])
        // Test image 0 is the generator's image 100: pixel 11 = (1600 + 77) % 256 = 141.
        XCTAssertEqual(d.test.x[0, 11], 141.0 / 255)
        XCTAssertEqual(d.test.y, [0, 1, 2, 3])
        let limited = try Dataset.mnist(folder: folder, limit: 6)
        XCTAssertEqual([limited.train.count, limited.val.count, limited.test.count], [5, 1, 4])
    }

    func testGzippedMNISTReadsAsThePlainFiles() throws {
        try writeMNIST()
        let plain = try Dataset.mnist(folder: folder)
        let url = try XCTUnwrap(Bundle.module.url(forResource: "mnist-gz", withExtension: nil, subdirectory: "Fixtures"))
        let gz = try Dataset.mnist(folder: url.path)
        XCTAssertEqual(gz.train.x, plain.train.x)
        XCTAssertEqual(gz.test.x, plain.test.x)
        XCTAssertEqual(gz.val.y, plain.val.y)
        XCTAssertTrue(gz.notes[0].contains("gzipped"))
    }

    func testEachBrokenMNISTFileIsOneClearLine() throws {
        try FileManager.default.removeItem(atPath: folder)
        XCTAssertEqual(mnistError(), "\(folder): no such folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        XCTAssertTrue(mnistError().hasPrefix("train-images-idx3-ubyte: missing from \(folder)"), mnistError())

        try writeMNIST()
        try FileManager.default.removeItem(atPath: folder + "/t10k-labels-idx1-ubyte")
        XCTAssertTrue(mnistError().hasPrefix("t10k-labels-idx1-ubyte: missing"), mnistError())

        // Image and label files swapped.
        try writeMNIST()
        try write(idxLabels(12), "train-images-idx3-ubyte")
        XCTAssertEqual(mnistError(), "train-images-idx3-ubyte: magic number 2049, expected 2051 (IDX images, unsigned bytes, 3 dimensions) (2049 is a labels file: are the image and label files swapped?)")

        try writeMNIST()
        try write(idxLabels(12, magic: 2051), "train-labels-idx1-ubyte")
        XCTAssertTrue(mnistError().hasPrefix("train-labels-idx1-ubyte: magic number 2051, expected 2049"), mnistError())

        // Truncated: the last image loses 5 bytes.
        try writeMNIST()
        try write(Array(idxImages(12, 3, 4).dropLast(5)), "train-images-idx3-ubyte")
        XCTAssertEqual(mnistError(), "train-images-idx3-ubyte: truncated: 155 bytes, but the header's 12 images of 3x4 need 160 (16-byte header + 144)")

        try writeMNIST()
        try write(Array(idxImages(12, 3, 4).prefix(10)), "train-images-idx3-ubyte")
        XCTAssertEqual(mnistError(), "train-images-idx3-ubyte: truncated: 10 bytes, shorter than the 16-byte images header")

        try writeMNIST()
        try write(idxLabels(4, first: 100) + [0, 0, 0], "t10k-labels-idx1-ubyte")
        XCTAssertEqual(mnistError(), "t10k-labels-idx1-ubyte: wrong size: 15 bytes, 3 more than the header's 4 labels need (12)")

        // Counts that differ between images and labels.
        try writeMNIST()
        try write(idxLabels(11), "train-labels-idx1-ubyte")
        XCTAssertEqual(mnistError(), "train-labels-idx1-ubyte: holds 11 labels but train-images-idx3-ubyte holds 12 images: the counts must match")

        try writeMNIST()
        try write(be32(2049) + be32(2) + [3, 10], "t10k-labels-idx1-ubyte")
        try write(idxImages(2, 3, 4), "t10k-images-idx3-ubyte")
        XCTAssertEqual(mnistError(), "t10k-labels-idx1-ubyte: label 10 of example 1 is not a class 0...9")

        try writeMNIST()
        try write(idxImages(4, 4, 4), "t10k-images-idx3-ubyte")
        XCTAssertTrue(mnistError().hasPrefix("t10k-images-idx3-ubyte: holds 4x4 images but train-images-idx3-ubyte holds 3x4"), mnistError())

        try writeMNIST()
        try write([], "train-labels-idx1-ubyte")
        XCTAssertEqual(mnistError(), "train-labels-idx1-ubyte: is 0 bytes, too short for an IDX header (magic number 2049 expected)")

        // A gzip file whose data is corrupt, found under the .gz name.
        try writeMNIST()
        try FileManager.default.removeItem(atPath: folder + "/train-images-idx3-ubyte")
        try write([0x1f, 0x8b, 8, 0] + [UInt8](repeating: 0x55, count: 40), "train-images-idx3-ubyte.gz")
        XCTAssertEqual(mnistError(), "train-images-idx3-ubyte.gz: is not valid gzip data (corrupt or truncated)")
        try write([1, 2, 3], "train-images-idx3-ubyte.gz")
        XCTAssertTrue(mnistError().hasPrefix("train-images-idx3-ubyte.gz: is not a gzip file"), mnistError())
        // A folder where a file should be.
        try FileManager.default.removeItem(atPath: folder + "/train-images-idx3-ubyte.gz")
        try FileManager.default.createDirectory(atPath: folder + "/train-images-idx3-ubyte", withIntermediateDirectories: false)
        XCTAssertTrue(mnistError().hasPrefix("train-images-idx3-ubyte: missing"), mnistError())
    }

    func testTruncatedGzipIsRefused() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "mnist-gz", withExtension: nil, subdirectory: "Fixtures"))
        let gz = try DataFile.readAll(url.path + "/train-images-idx3-ubyte.gz")
        XCTAssertEqual(try Gzip.inflate(gz, file: "x.gz").count, 16 + 12 * 12)
        XCTAssertThrowsError(try Gzip.inflate(Array(gz.dropLast(12)), file: "x.gz")) {
            XCTAssertEqual("\($0)", "x.gz: is not valid gzip data (corrupt or truncated)")
        }
        // Two members back to back inflate to both (as gzip -d does).
        XCTAssertEqual(try Gzip.inflate(gz + gz, file: "x.gz").count, 2 * (16 + 12 * 12))
    }

    // MARK: CIFAR-10

    /// Record i of a batch starting at `first`: label (first + i) % 10, pixel k = (first + i + k) % 256.
    func cifarBatch(_ n: Int, first: Int, label: ((Int) -> Int)? = nil) -> [UInt8] {
        (0..<n).flatMap { i -> [UInt8] in
            [UInt8(label?(i) ?? (first + i) % 10)] + (0..<3072).map { k in UInt8((first + i + k) % 256) }
        }
    }

    func writeCIFAR(records: Int = 3) throws {
        for b in 1...5 { try write(cifarBatch(records, first: 10 * b), "data_batch_\(b).bin") }
        try write(cifarBatch(records, first: 100), "test_batch.bin")
    }

    func cifarError() -> String {
        do { _ = try Dataset.cifar10(folder: folder); return "(loaded)" } catch { return error.description }
    }

    func testCIFARLoadsChannelFirstWithItsSplit() throws {
        try writeCIFAR()
        var d = try Dataset.cifar10(folder: folder)
        XCTAssertEqual(d.inputShape, [3, 32, 32])
        XCTAssertEqual([d.train.count, d.val.count, d.test.count], [12, 3, 3])
        XCTAssertEqual(d.classNames[0], "airplane")
        // Train row 4 is data_batch_2's record 1 (first 20): label 21 % 10 = 1, pixel 0 = 21,
        // pixel 1024 (the green plane's first) = (21 + 1024) % 256 = 21.
        XCTAssertEqual(d.train.y[4], 1)
        XCTAssertEqual(d.train.x[4, 0], 21.0 / 255)
        XCTAssertEqual(d.train.x[4, 1024], 21.0 / 255)
        XCTAssertEqual(d.train.x[4, 3071], Double((21 + 3071) % 256) / 255)
        XCTAssertEqual(d.val.y, [0, 1, 2])    // data_batch_5: first 50
        XCTAssertEqual(d.test.y, [0, 1, 2])   // first 100
        try write(Array(((0..<10).map { "class\($0)" }.joined(separator: "\n") + "\n\n").utf8), "batches.meta.txt")
        d = try Dataset.cifar10(folder: folder, limit: 2)
        XCTAssertEqual(d.classNames[9], "class9")
        XCTAssertEqual([d.train.count, d.val.count, d.test.count], [8, 2, 2])
    }

    func testEachBrokenCIFARFileIsOneClearLine() throws {
        XCTAssertTrue(cifarError().hasPrefix("data_batch_1.bin: missing from \(folder)"), cifarError())
        try writeCIFAR()
        try FileManager.default.removeItem(atPath: folder + "/data_batch_3.bin")
        XCTAssertTrue(cifarError().hasPrefix("data_batch_3.bin: missing"), cifarError())
        try writeCIFAR()
        try write(Array(cifarBatch(3, first: 0).dropLast(100)), "test_batch.bin")
        XCTAssertEqual(cifarError(), "test_batch.bin: wrong size: 9119 bytes is not a whole number of 3073-byte records (2 records and 2973 bytes left over: truncated, or not CIFAR-10's binary version)")
        try writeCIFAR()
        try write([], "data_batch_2.bin")
        XCTAssertTrue(cifarError().hasPrefix("data_batch_2.bin: is empty"), cifarError())
        try writeCIFAR()
        try write(cifarBatch(3, first: 0, label: { $0 == 2 ? 57 : 0 }), "data_batch_4.bin")
        XCTAssertTrue(cifarError().hasPrefix("data_batch_4.bin: record 2 has label byte 57, not a class 0...9"), cifarError())
        try writeCIFAR()
        try write(Array("cat\ndog\n".utf8), "batches.meta.txt")
        XCTAssertEqual(cifarError(), "batches.meta.txt: lists 2 class names, expected 10 (one a line)")
    }

    func testAGarbageFolderIsRefusedWithoutATrap() throws {
        var rng = NumpyRandom(seed: 5)
        for name in Dataset.mnistFiles + Dataset.cifar10Files {
            try write((0..<(Int(rng.interval(5000)))).map { _ in UInt8(rng.interval(255)) }, name)
        }
        XCTAssertTrue(mnistError().contains("magic number"), mnistError())
        XCTAssertFalse(cifarError() == "(loaded)")
        // A file where the folder should be.
        XCTAssertTrue((try? Dataset.mnist(folder: folder + "/test_batch.bin")) == nil)
    }
}
