// The door to LAPACK: Debian's liblapacke-dev (the LAPACKE C interface) over libopenblas-dev (optimised LAPACK
// and BLAS). LAPACK_COMPLEX_STRUCTURE makes LAPACKE's complex types plain structs: Swift does not import C99
// _Complex. lapack_int is LAPACKE's default 32-bit int.
#ifndef BLOCS_CLAPACK_SHIM_H
#define BLOCS_CLAPACK_SHIM_H

#define LAPACK_COMPLEX_STRUCTURE
#include <lapacke.h>

/// OpenBLAS's own thread count (Blocs parallelises over snapshots and sources itself).
void openblas_set_num_threads(int num_threads);

#endif
