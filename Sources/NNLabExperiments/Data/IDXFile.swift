/// MNIST's IDX files (LeCun et al.): a big-endian header, then unsigned bytes.
///
///     images (train-images-idx3-ubyte):  magic 2051 = 00 00 08 03 (ubyte, 3 dims), N, rows, cols,
///                                        then N*rows*cols pixels 0...255, row-major
///     labels (train-labels-idx1-ubyte):  magic 2049 = 00 00 08 01 (ubyte, 1 dim), N, then N labels
///
/// Parsing checks the magic number, that the size is exactly header + payload, and (for labels)
/// that each label is a class 0...9; each problem is one `DataFileError` line naming the file.
public enum IDXFile {
    public static let imagesMagic: UInt32 = 2051
    public static let labelsMagic: UInt32 = 2049

    /// An images file's header and where its pixels start.
    public struct Images: Sendable {
        public var count: Int, rows: Int, cols: Int
        /// The file's bytes; pixels start at offset 16.
        public var bytes: [UInt8]
    }

    static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    static func checkMagic(_ b: [UInt8], _ expected: UInt32, _ what: String, file: String) throws(DataFileError) {
        guard b.count >= 4 else { throw DataFileError(file, "is \(b.count) bytes, too short for an IDX header (magic number \(expected) expected)") }
        let m = be32(b, 0)
        guard m == expected else {
            let hint: String
            switch m {
            case imagesMagic: hint = " (2051 is an images file: are the image and label files swapped?)"
            case labelsMagic: hint = " (2049 is a labels file: are the image and label files swapped?)"
            case _ where b[0] == 0x1f && b[1] == 0x8b: hint = " (the bytes are gzip: name the file .gz)"
            default: hint = ""
            }
            throw DataFileError(file, "magic number \(m), expected \(expected) (\(what))\(hint)")
        }
    }

    /// Checks an images file (magic 2051, size 16 + N*rows*cols).
    public static func images(_ b: [UInt8], file: String) throws(DataFileError) -> Images {
        try checkMagic(b, imagesMagic, "IDX images, unsigned bytes, 3 dimensions", file: file)
        guard b.count >= 16 else { throw DataFileError(file, "truncated: \(b.count) bytes, shorter than the 16-byte images header") }
        let n = Int(be32(b, 4)), r = Int(be32(b, 8)), c = Int(be32(b, 12))
        guard r > 0, c > 0, r <= 4096, c <= 4096 else { throw DataFileError(file, "image size \(r)x\(c) in the header is not a plausible image (1 to 4096 pixels a side)") }
        let (payload, o) = n.multipliedReportingOverflow(by: r * c)
        guard !o else { throw DataFileError(file, "the header's \(n) images of \(r)x\(c) are more than can be stored") }
        let expected = 16 + payload
        guard b.count >= expected else {
            throw DataFileError(file, "truncated: \(b.count) bytes, but the header's \(n) images of \(r)x\(c) need \(expected) (16-byte header + \(payload))")
        }
        guard b.count == expected else {
            throw DataFileError(file, "wrong size: \(b.count) bytes, \(b.count - expected) more than the header's \(n) images of \(r)x\(c) need (\(expected))")
        }
        return Images(count: n, rows: r, cols: c, bytes: b)
    }

    /// Checks a labels file (magic 2049, size 8 + N, each label 0...9) and returns the labels.
    public static func labels(_ b: [UInt8], file: String, classes: Int = 10) throws(DataFileError) -> [Int] {
        try checkMagic(b, labelsMagic, "IDX labels, unsigned bytes, 1 dimension", file: file)
        guard b.count >= 8 else { throw DataFileError(file, "truncated: \(b.count) bytes, shorter than the 8-byte labels header") }
        let n = Int(be32(b, 4))
        let expected = 8 + n
        guard b.count >= expected else { throw DataFileError(file, "truncated: \(b.count) bytes, but the header's \(n) labels need \(expected) (8-byte header + \(n))") }
        guard b.count == expected else { throw DataFileError(file, "wrong size: \(b.count) bytes, \(b.count - expected) more than the header's \(n) labels need (\(expected))") }
        var out = [Int](repeating: 0, count: n)
        var bad = -1
        b.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<n {
                    let v = Int(src[8 + i])
                    if v >= classes, bad < 0 { bad = i }
                    dst[i] = v
                }
            }
        }
        if bad >= 0 { throw DataFileError(file, "label \(b[8 + bad]) of example \(bad) is not a class 0...\(classes - 1)") }
        return out
    }
}
