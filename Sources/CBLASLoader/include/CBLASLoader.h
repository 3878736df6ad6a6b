#ifndef NNLAB_CBLASLOADER_H
#define NNLAB_CBLASLOADER_H

/// OpenBLAS, loaded on first use instead of at program start.
///
/// OpenBLAS reads its environment once, when it is loaded, and starts its worker threads then;
/// after each multithreaded product those workers spin for OPENBLAS_THREAD_TIMEOUT (2^28 cycles by
/// default, about 0.1 s) and take a core from nnlab's own work. A `setenv` in `main` comes too late
/// for a library linked at start, so nnlab links none: the first product sets
/// OPENBLAS_THREAD_TIMEOUT=4 (unless the user set it), then dlopens the library. Commands that
/// multiply no matrices never load it, which also shortens their start.

/// 1 when a BLAS with cblas_dgemm could be loaded (loading it on the first call), 0 otherwise.
int nnlab_blas_load(void);

/// Why loading failed (dlerror's text), or "" when it did not.
const char *nnlab_blas_error(void);

/// The library that was loaded ("libopenblas.so.0"...), or "".
const char *nnlab_blas_library(void);

/// How many threads OpenBLAS may use for the next products (1 when the library has no
/// openblas_set_num_threads). Cheap when the count is unchanged.
void nnlab_blas_set_threads(int threads);

/// Row-major C[m,n] = op(A) op(B) + beta C, op = transpose when trans_a / trans_b is 1.
/// Call only after nnlab_blas_load() returned 1.
void nnlab_dgemm(int trans_a, int trans_b, int m, int n, int k,
                 const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc);

#endif
