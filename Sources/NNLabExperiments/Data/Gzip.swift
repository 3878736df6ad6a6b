import CZlib

/// gzip decompression through zlib (RFC 1952), for data files downloaded as `.gz`.
public enum Gzip {
    /// Whether the bytes start with gzip's magic number 1f 8b.
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b }

    /// The decompressed bytes. The output is allocated once at the size gzip records in its last
    /// four bytes (ISIZE, little-endian, the length mod 2^32); only a file whose members add up to
    /// more (several concatenated members) is inflated again into the largest buffer allowed.
    /// Errors name `file`: not gzip, corrupt or truncated, or larger than `DataFile.maxBytes`.
    public static func inflate(_ bytes: [UInt8], file: String) throws(DataFileError) -> [UInt8] {
        guard isGzip(bytes), bytes.count >= 18 else {
            throw DataFileError(file, "is not a gzip file (it does not start with 1f 8b, or is shorter than a gzip header and trailer)")
        }
        let n = bytes.count
        let recorded = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
        var cap = min(recorded + 1, DataFile.maxBytes)
        while true {
            var status: Int32 = 0
            let out = [UInt8](unsafeUninitializedCapacity: cap) { buffer, initialized in
                var written = 0
                status = bytes.withUnsafeBufferPointer { src in
                    nn_gunzip(src.baseAddress, src.count, buffer.baseAddress, cap, &written)
                }
                initialized = written
            }
            switch status {
            case 0: return out
            case 2 where cap < DataFile.maxBytes: cap = DataFile.maxBytes
            case 2: throw DataFileError(file, "decompresses to more than \(DataFile.maxBytes >> 20) MB, more than nnlab reads from one file")
            case 3: throw DataFileError(file, "out of memory while decompressing")
            default: throw DataFileError(file, "is not valid gzip data (corrupt or truncated)")
            }
        }
    }
}
