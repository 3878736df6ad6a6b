#ifndef NNLAB_GAUSSIAN_H
#define NNLAB_GAUSSIAN_H
#include <stddef.h>
#include <stdint.h>

/// numpy's legacy Gaussian (RandomState.randn: Marsaglia's polar method on MT19937 doubles) in
/// bulk, bit for bit the numbers `n` calls of the one-at-a-time generator give.
///
/// `mt` is the 624-word state and `*index` the next word to use (624: twist first); both are
/// advanced exactly as the sequential generator would advance them. out[i] = g_i * scale, with
/// g_i the i-th Gaussian (computed first, then multiplied, as numpy's randn(...) * scale does).
/// When n is odd the last pair's second value is not used: it is stored in *leftover and
/// *has_leftover set to 1 (0 otherwise), to be returned by the next call as numpy caches it.
/// The caller consumes a value cached before the call itself.
///
/// Speed: the state is twisted and tempered a block of 624 words at a time, candidate pairs are
/// formed and tested in one vectorizable pass, the accepted ones compacted, and only they pay for
/// log and sqrt (glibc's scalar log, the function numpy calls, so the bits agree).
void nnlab_fill_gaussian(uint32_t *mt, int *index, double *out, size_t n, double scale,
                         double *leftover, int *has_leftover);

#endif
