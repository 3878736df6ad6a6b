// zlib's inflate for gzip files (MNIST's .gz downloads). inflateInit2 is a macro Swift cannot
// call, so the whole loop is one small C function here.
#include <zlib.h>
#include <stddef.h>
#include <string.h>

// Inflates the gzip stream (one or more members, as gzip -d would) in `in` into `out`.
// Returns 0 and sets *written on success; 1 when the data is not valid gzip (or is truncated);
// 2 when the output would exceed `cap` bytes; 3 when zlib runs out of memory.
static inline int nn_gunzip(const unsigned char *in, size_t inLen, unsigned char *out, size_t cap, size_t *written) {
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, 15 + 16) != Z_OK) return 3;
    size_t inOff = 0, outOff = 0;
    int result = 0;
    for (;;) {
        size_t inChunk = inLen - inOff > 0x40000000u ? 0x40000000u : inLen - inOff;
        size_t outChunk = cap - outOff > 0x40000000u ? 0x40000000u : cap - outOff;
        s.next_in = (unsigned char *)in + inOff;
        s.avail_in = (uInt)inChunk;
        s.next_out = out + outOff;
        s.avail_out = (uInt)outChunk;
        int r = inflate(&s, Z_NO_FLUSH);
        inOff += inChunk - s.avail_in;
        outOff += outChunk - s.avail_out;
        if (r == Z_STREAM_END) {
            // Another gzip member may follow (concatenated .gz files); trailing zero padding is ignored.
            while (inOff < inLen && in[inOff] == 0) inOff++;
            if (inOff >= inLen) break;
            if (inflateReset(&s) != Z_OK) { result = 1; break; }
            continue;
        }
        if (r == Z_MEM_ERROR) { result = 3; break; }
        if (r != Z_OK && r != Z_BUF_ERROR) { result = 1; break; }
        if (s.avail_out == 0 && outOff >= cap) { result = 2; break; }
        if (inOff >= inLen) { result = 1; break; }  // input ended inside a member: truncated
        if (r == Z_BUF_ERROR) { result = 1; break; }
    }
    inflateEnd(&s);
    *written = outOff;
    return result;
}
