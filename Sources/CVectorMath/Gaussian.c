#include "NNLabGaussian.h"
#include <math.h>
#include <string.h>

/* Every product and sum is rounded on its own, as numpy's C code (built without FMA) rounds it:
   a fused multiply-add would change r2's last bit, and with it which pairs are accepted. */
#pragma STDC FP_CONTRACT OFF
#ifdef __clang__
#pragma clang fp contract(off)
#endif

#define MT_N 624
#define MT_M 397

/* The MT19937 state transition, split where i + 397 and i + 1 wrap so no index needs a modulo
   (each part vectorizes: part 2 reads words part 1 wrote 227 places back). */
static void twist(uint32_t *restrict s) {
    const uint32_t upper = 0x80000000u, lower = 0x7fffffffu, a = 0x9908b0dfu;
    int i = 0;
    for (; i < MT_N - MT_M; i++) {
        uint32_t y = (s[i] & upper) | (s[i + 1] & lower);
        s[i] = s[i + MT_M] ^ (y >> 1) ^ ((y & 1u) ? a : 0u);
    }
    for (; i < MT_N - 1; i++) {
        uint32_t y = (s[i] & upper) | (s[i + 1] & lower);
        s[i] = s[i + MT_M - MT_N] ^ (y >> 1) ^ ((y & 1u) ? a : 0u);
    }
    uint32_t y = (s[MT_N - 1] & upper) | (s[0] & lower);
    s[MT_N - 1] = s[MT_M - 1] ^ (y >> 1) ^ ((y & 1u) ? a : 0u);
}

static void temper(const uint32_t *restrict s, uint32_t *restrict out, int n) {
    for (int i = 0; i < n; i++) {
        uint32_t y = s[i];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        out[i] = y;
    }
}

/* numpy's legacy_double: 53 bits from two words, (a >> 5) * 2^26 + (b >> 6), over 2^53 (exact). */
static inline double uniform(uint32_t a, uint32_t b) {
    return ((double)(a >> 5) * 67108864.0 + (double)(b >> 6)) / 9007199254740992.0;
}

/* Built for AVX2 and for the x86-64 baseline, picked by CPU when loaded (no FMA in either). */
#if defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
void nnlab_fill_gaussian(uint32_t *mt, int *index, double *out, size_t n, double scale,
                         double *leftover, int *has_leftover) {
    /* w holds tempered words not yet used: up to 3 left from the previous block, then a block. */
    uint32_t w[MT_N + 4];
    double cx1[MT_N / 4 + 1], cx2[MT_N / 4 + 1], cr2[MT_N / 4 + 1];
    double ax1[MT_N / 4 + 1], ax2[MT_N / 4 + 1], ar2[MT_N / 4 + 1];
    int ak[MT_N / 4 + 1];
    int idx = *index, avail = 0, pos = 0;
    *has_leftover = 0;
    if (idx < MT_N) { temper(mt + idx, w, MT_N - idx); avail = MT_N - idx; }
    size_t i = 0;
    while (i < n) {
        if (avail - pos < 4) {
            int r = avail - pos;
            memmove(w, w + pos, (size_t)r * sizeof(uint32_t));
            twist(mt);
            temper(mt, w + r, MT_N);
            avail = r + MT_N;
            pos = 0;
        }
        int c = (avail - pos) / 4;
        const uint32_t *p = w + pos;
        /* Candidate pairs, four words each: x = 2u - 1 (exact), r2 = x1^2 + x2^2. */
        for (int k = 0; k < c; k++) {
            double x1 = 2.0 * uniform(p[4 * k], p[4 * k + 1]) - 1.0;
            double x2 = 2.0 * uniform(p[4 * k + 2], p[4 * k + 3]) - 1.0;
            double s1 = x1 * x1, s2 = x2 * x2;
            cx1[k] = x1; cx2[k] = x2; cr2[k] = s1 + s2;
        }
        /* Keep the pairs inside the unit circle (0 < r2 < 1), in order. */
        int m = 0;
        for (int k = 0; k < c; k++) {
            ax1[m] = cx1[k]; ax2[m] = cx2[k]; ar2[m] = cr2[k]; ak[m] = k;
            m += (cr2[k] < 1.0) & (cr2[k] != 0.0);
        }
        size_t need = (n - i + 1) / 2;
        int use = (size_t)m < need ? m : (int)need;
        for (int j = 0; j < use; j++) {
            double r2 = ar2[j];
            double f = sqrt(-2.0 * log(r2) / r2);
            double g2 = f * ax2[j], g1 = f * ax1[j];
            out[i++] = g2 * scale;
            if (i < n) out[i++] = g1 * scale;
            else { *leftover = g1; *has_leftover = 1; }
        }
        /* Words used: through the last accepted pair when this block finished the request (the
           sequential generator stops there), else every candidate of the block. */
        int consumed = (size_t)use == need ? ak[use - 1] + 1 : c;
        pos += 4 * consumed;
    }
    *index = MT_N - (avail - pos);
}
