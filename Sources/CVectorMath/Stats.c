#include "NNLabStats.h"
#include <math.h>

/* Each difference, square and sum rounded on its own, as numpy's loops round them. */
#pragma STDC FP_CONTRACT OFF
#ifdef __clang__
#pragma clang fp contract(off)
#endif

#define PW_BLOCKSIZE 128

/* The passes below are built twice, for AVX2 and for the x86-64 baseline, and the loader picks by
   CPU (target_clones): AVX2 doubles the vector width; FMA is not enabled, so nothing is fused. */
#if defined(__x86_64__) && defined(__linux__)
#define NNLAB_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define NNLAB_CLONES
#endif

NNLAB_CLONES
double nnlab_pairwise_sum(const double *a, size_t n) {
    if (n < 8) {
        double res = 0.0;
        for (size_t i = 0; i < n; i++) res += a[i];
        return res;
    } else if (n <= PW_BLOCKSIZE) {
        double r[8];
        for (int j = 0; j < 8; j++) r[j] = a[j];
        size_t i;
        for (i = 8; i < n - (n % 8); i += 8)
            for (int j = 0; j < 8; j++) r[j] += a[i + j];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) res += a[i];
        return res;
    } else {
        size_t n2 = n / 2;
        n2 -= n2 % 8;
        return nnlab_pairwise_sum(a, n2) + nnlab_pairwise_sum(a + n2, n - n2);
    }
}

static inline double sqdev(double x, double m) { double d = x - m; return d * d; }

NNLAB_CLONES
double nnlab_pairwise_squared_deviation(const double *a, size_t n, double m) {
    if (n < 8) {
        double res = 0.0;
        for (size_t i = 0; i < n; i++) res += sqdev(a[i], m);
        return res;
    } else if (n <= PW_BLOCKSIZE) {
        double r[8];
        for (int j = 0; j < 8; j++) r[j] = sqdev(a[j], m);
        size_t i;
        for (i = 8; i < n - (n % 8); i += 8)
            for (int j = 0; j < 8; j++) r[j] += sqdev(a[i + j], m);
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) res += sqdev(a[i], m);
        return res;
    } else {
        size_t n2 = n / 2;
        n2 -= n2 % 8;
        return nnlab_pairwise_squared_deviation(a, n2, m) + nnlab_pairwise_squared_deviation(a + n2, n - n2, m);
    }
}

NNLAB_CLONES
void nnlab_layer_counts(const double *h, size_t n, int flat_kind, double flat_below, nnlab_counts *out) {
    /* One loop, branch-free, so that it vectorizes: the derivative rule is chosen by masks. */
    int64_t sat = 0, zero = 0, flat = 0;
    double lo = n ? h[0] : NAN, hi = n ? h[0] : NAN;
    const double tanh_on = flat_kind == 1, sigmoid_on = flat_kind == 2;
    for (size_t i = 0; i < n; i++) {
        double v = h[i];
        sat += fabs(v) > 0.99;
        zero += v == 0.0;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        double dt = 1.0 - v * v, ds = v * (1.0 - v);
        flat += (tanh_on != 0.0 && dt < flat_below) | (sigmoid_on != 0.0 && ds < flat_below);
    }
    out->saturated = sat; out->zeros = zero; out->flat = flat; out->min = lo; out->max = hi;
}

NNLAB_CLONES
int64_t nnlab_histogram(const double *h, size_t n, double lo, double hi, int bins, int64_t *counts) {
    /* Bins are computed a block at a time in a loop that vectorizes, then counted in four
       interleaved sets, so that runs of values in one bin do not wait on each other's
       increments; a power-of-two span ([-1, 1], [0, 1]) divides as a multiplication by its
       inverse, which gives the same bits. The last slot of each set counts the outside. */
    enum { SETS = 4, MAX_FAST = 64, BLOCK = 256 };
    int64_t outside = 0;
    double span = hi - lo;
    int e;
    int pow2 = frexp(span, &e) == 0.5;
    double inv = 1.0 / span;
    if (bins > MAX_FAST) {
        for (size_t i = 0; i < n; i++) {
            double v = h[i];
            if (v >= lo && v <= hi) {
                int b = (int)((pow2 ? (v - lo) * inv : (v - lo) / span) * bins);
                counts[b < bins - 1 ? b : bins - 1]++;
            } else {
                outside++;
            }
        }
        return outside;
    }
    int64_t sets[SETS][MAX_FAST + 1] = {{0}};
    int32_t idx[BLOCK];
    const double fb = (double)bins;
    for (size_t start = 0; start < n; start += BLOCK) {
        size_t m = n - start < BLOCK ? n - start : BLOCK;
        const double *p = h + start;
        if (pow2) {
            for (size_t i = 0; i < m; i++) {
                double v = p[i];
                int in = (v >= lo) & (v <= hi);
                double t = in ? (v - lo) * inv * fb : 0.0;
                int32_t b = (int32_t)t;
                b = b < bins - 1 ? b : bins - 1;
                idx[i] = in ? b : MAX_FAST;
            }
        } else {
            for (size_t i = 0; i < m; i++) {
                double v = p[i];
                int in = (v >= lo) & (v <= hi);
                double t = in ? (v - lo) / span * fb : 0.0;
                int32_t b = (int32_t)t;
                b = b < bins - 1 ? b : bins - 1;
                idx[i] = in ? b : MAX_FAST;
            }
        }
        size_t i = 0;
        for (; i + SETS <= m; i += SETS) {
            sets[0][idx[i]]++; sets[1][idx[i + 1]]++; sets[2][idx[i + 2]]++; sets[3][idx[i + 3]]++;
        }
        for (; i < m; i++) sets[0][idx[i]]++;
    }
    for (int k = 0; k < SETS; k++) {
        for (int b = 0; b < bins; b++) counts[b] += sets[k][b];
        outside += sets[k][MAX_FAST];
    }
    return outside;
}

NNLAB_CLONES
void nnlab_alive_columns(const double *h, size_t rows, size_t cols, unsigned char *alive) {
    for (size_t c = 0; c < cols; c++) alive[c] = 0;
    for (size_t r = 0; r < rows; r++) {
        const double *row = h + r * cols;
        for (size_t c = 0; c < cols; c++) alive[c] |= row[c] != 0.0;
    }
}
