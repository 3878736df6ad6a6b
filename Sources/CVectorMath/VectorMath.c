#include "CVectorMath.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__)
#define NNLAB_HAVE_MVEC 1
#include <immintrin.h>
/* glibc's vector math library, x86_64 vector function ABI: 'd' = AVX2 (4 doubles in ymm0),
   'e' = AVX-512 (8 doubles in zmm0). */
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_tanh(__m256d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_tanh(__m512d);

__attribute__((target("avx2,fma")))
static void tanh_avx2(double *x, size_t n) {
    size_t i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(x + i, _ZGVdN4v_tanh(_mm256_loadu_pd(x + i)));
    if (i < n) {
        double pad[4] = {0, 0, 0, 0};
        memcpy(pad, x + i, (n - i) * sizeof(double));
        _mm256_storeu_pd(pad, _ZGVdN4v_tanh(_mm256_loadu_pd(pad)));
        memcpy(x + i, pad, (n - i) * sizeof(double));
    }
}

__attribute__((target("avx512f")))
static void tanh_avx512(double *x, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm512_storeu_pd(x + i, _ZGVeN8v_tanh(_mm512_loadu_pd(x + i)));
    if (i < n) {
        double pad[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        memcpy(pad, x + i, (n - i) * sizeof(double));
        _mm512_storeu_pd(pad, _ZGVeN8v_tanh(_mm512_loadu_pd(pad)));
        memcpy(x + i, pad, (n - i) * sizeof(double));
    }
}
#endif

int nnlab_tanh_best_variant(void) {
#ifdef NNLAB_HAVE_MVEC
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return 2;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 1;
#endif
    return 0;
}

void nnlab_tanh_inplace(double *x, size_t n, int variant) {
#ifdef NNLAB_HAVE_MVEC
    int best = nnlab_tanh_best_variant();
    if (variant > best) variant = best;
    if (variant == 2) { tanh_avx512(x, n); return; }
    if (variant == 1) { tanh_avx2(x, n); return; }
#else
    (void)variant;
#endif
    for (size_t i = 0; i < n; i++) x[i] = tanh(x[i]);
}
