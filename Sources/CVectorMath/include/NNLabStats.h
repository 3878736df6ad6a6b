#ifndef NNLAB_STATS_H
#define NNLAB_STATS_H
#include <stddef.h>
#include <stdint.h>

/// numpy's pairwise summation (pairwise_sum_DOUBLE: blocks of 128 with 8 partial sums, halves
/// split at multiples of 8), so np.sum(a) == 0.0 + nnlab_pairwise_sum(a, n) bit for bit for a
/// contiguous array.
double nnlab_pairwise_sum(const double *a, size_t n);

/// The pairwise sum of (a[i] - mean)^2, each difference and square rounded on its own: numpy's
/// `x = a - mean; x *= x; x.sum()` inside np.var and np.std.
double nnlab_pairwise_squared_deviation(const double *a, size_t n, double mean);

/// One pass of counts over h[0..n): |h| > 0.99, h == 0, the local derivative below `flat_below`
/// (flat_kind 1: tanh's 1 - h^2, 2: sigmoid's h (1 - h), 0: not counted), and the smallest and
/// largest value (NaN when n == 0).
typedef struct {
    int64_t saturated, zeros, flat;
    double min, max;
} nnlab_counts;
void nnlab_layer_counts(const double *h, size_t n, int flat_kind, double flat_below, nnlab_counts *out);

/// counts[b] += the values with bin b = (int)((v - lo) / (hi - lo) * bins), for lo <= v <= hi
/// (hi falls in the last bin); returns how many values were outside [lo, hi] (NaN included).
int64_t nnlab_histogram(const double *h, size_t n, double lo, double hi, int bins, int64_t *counts);

/// alive[c] = 1 when column c of the rows x cols matrix h has a nonzero entry, else 0.
void nnlab_alive_columns(const double *h, size_t rows, size_t cols, unsigned char *alive);

#endif
