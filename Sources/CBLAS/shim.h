// OpenBLAS's CBLAS interface. Debian's pkg-config entry `openblas` points the include path at the
// directory that holds this cblas.h (there is no separate `cblas` entry). BLAS integers are 32-bit.
#include <cblas.h>
