#include "CBLASLoader.h"
#if defined(__linux__)
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef void (*dgemm_fn)(int, int, int, int, int, int, double, const double *, int,
                         const double *, int, double, double *, int);
typedef void (*set_threads_fn)(int);

static dgemm_fn dgemm_ptr;
static set_threads_fn set_threads_ptr;
static const char *library = "";
static char error_text[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int current_threads = -1;
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;

static void load(void) {
    // Workers sleep at once after a product instead of spinning ~0.1 s; a value the user set wins.
    setenv("OPENBLAS_THREAD_TIMEOUT", "4", 0);
    static const char *names[] = {"libopenblas.so.0", "libopenblas.so", "libblas.so.3", NULL};
    for (int i = 0; names[i]; i++) {
        void *h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            const char *e = dlerror();
            if (e && !error_text[0]) strncpy(error_text, e, sizeof error_text - 1);
            continue;
        }
        dgemm_fn f = (dgemm_fn)dlsym(h, "cblas_dgemm");
        if (!f) { dlclose(h); continue; }
        dgemm_ptr = f;
        set_threads_ptr = (set_threads_fn)dlsym(h, "openblas_set_num_threads");
        library = names[i];
        error_text[0] = 0;
        return;
    }
}

int nnlab_blas_load(void) {
    pthread_once(&once, load);
    return dgemm_ptr != NULL;
}

const char *nnlab_blas_error(void) { return error_text; }
const char *nnlab_blas_library(void) { return library; }

void nnlab_blas_set_threads(int threads) {
    if (!nnlab_blas_load() || !set_threads_ptr) return;
    pthread_mutex_lock(&threads_lock);
    if (threads != current_threads) {
        set_threads_ptr(threads);
        current_threads = threads;
    }
    pthread_mutex_unlock(&threads_lock);
}

void nnlab_dgemm(int trans_a, int trans_b, int m, int n, int k,
                 const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc) {
    // CBLAS's enum values: CblasRowMajor 101, CblasNoTrans 111, CblasTrans 112.
    dgemm_ptr(101, trans_a ? 112 : 111, trans_b ? 112 : 111, m, n, k, 1.0, a, lda, b, ldb, beta, c, ldc);
}
#else
int nnlab_blas_load(void) { return 0; }
const char *nnlab_blas_error(void) { return "nnlab loads OpenBLAS at run time on Linux only"; }
const char *nnlab_blas_library(void) { return ""; }
void nnlab_blas_set_threads(int threads) { (void)threads; }
void nnlab_dgemm(int trans_a, int trans_b, int m, int n, int k,
                 const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc) {
    (void)trans_a; (void)trans_b; (void)m; (void)n; (void)k; (void)a; (void)lda; (void)b; (void)ldb; (void)beta; (void)c; (void)ldc;
}
#endif
