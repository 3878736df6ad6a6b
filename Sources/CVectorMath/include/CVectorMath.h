#ifndef NNLAB_CVECTORMATH_H
#define NNLAB_CVECTORMATH_H
#include <stddef.h>
#include "NNLabGaussian.h"
#include "NNLabStats.h"

/// Which tanh kernel this CPU runs: 2 = glibc libmvec AVX-512 (`_ZGVeN8v_tanh`, 8 lanes),
/// 1 = libmvec AVX2 (`_ZGVdN4v_tanh`, 4 lanes), 0 = the scalar `tanh` of libm.
int nnlab_tanh_best_variant(void);

/// `x[i] = tanh(x[i])` for i < n with kernel `variant` (as above; a variant this CPU or
/// platform lacks falls back to the scalar function). A partial last vector is padded, so every
/// element goes through the same kernel wherever it sits in the buffer.
void nnlab_tanh_inplace(double *x, size_t n, int variant);

#endif
