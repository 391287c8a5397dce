import CLapack

/// The eigenvalues of a real symmetric matrix, ascending, by LAPACK's `dsyevr` (OpenBLAS).
///
/// `matrix` is row-major n × n; only its lower triangle is read (the upper one of LAPACK's column-major view).
/// Replaces the hand-written Householder + QL routine of earlier versions: `dsyevr` (Householder reduction in
/// blocked BLAS-3, then the MRRR algorithm) is several times faster on the matrices Blocs diagonalises and is
/// maintained by the LAPACK project.
///
/// - Returns: `nil` if LAPACK reports a failure (`info` ≠ 0: an internal error, not seen in practice).
/// - Complexity: O(n³) time (≈ 4n³/3 flops for the reduction), O(n²) memory.
/// - Reference: I. S. Dhillon, B. N. Parlett & C. Vömel, "The design and implementation of the MRRR algorithm",
///   ACM TOMS 32(4) (2006); LAPACK 3.x `dsyevr`.
public func symmetricEigenvalues(_ matrix: [Double], order n: Int) -> [Double]? {
    precondition(matrix.count == n * n, "matrix must be n × n")
    guard n > 0 else { return [] }
    if n == 1 { return [matrix[0]] }
    LapackThreads.once()
    var a = matrix
    var w = [Double](repeating: 0, count: n)
    var found: Int32 = 0
    var support = [Int32](repeating: 0, count: 2 * n)
    var unused = 0.0
    // Row-major lower triangle = column-major upper triangle: "U" with the column-major layout reads it as is.
    let info = a.withUnsafeMutableBufferPointer { a in
        w.withUnsafeMutableBufferPointer { w in
            support.withUnsafeMutableBufferPointer { s in
                LAPACKE_dsyevr(Int32(LAPACK_COL_MAJOR), CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "A")),
                               CChar(UInt8(ascii: "U")), Int32(n), a.baseAddress, Int32(n), 0, 0, 0, 0, 0,
                               &found, w.baseAddress, &unused, 1, s.baseAddress)
            }
        }
    }
    guard info == 0, found == n else { return nil }
    return w
}

/// Eigenvalues (ascending) and the first component of each unit eigenvector of the symmetric tridiagonal matrix
/// with diagonal `diagonal` and off-diagonal `offDiagonal` (LAPACK `dstev`): the nodes and weights of the Gauss
/// quadrature that a Lanczos run defines.
///
/// - Returns: `nil` if LAPACK reports a failure.
/// - Complexity: O(k²) for k = `diagonal.count` (k is a Lanczos step count: tens to a few hundred).
func tridiagonalEigen(diagonal: [Double], offDiagonal: [Double]) -> (values: [Double], first: [Double])? {
    guard let (values, z) = tridiagonalEigenvectors(diagonal: diagonal, offDiagonal: offDiagonal) else { return nil }
    let k = values.count
    // Column-major: eigenvector j is z[j*k ..< (j+1)*k]; its first component is z[j*k].
    return (values, (0..<k).map { z[$0 * k] })
}

/// Eigenvalues (ascending) and unit eigenvectors (column-major k × k: vector j is `vectors[j*k ..< (j+1)*k]`) of a
/// symmetric tridiagonal matrix (LAPACK `dstev`).
///
/// - Complexity: O(k²) flops for the values, O(k³) with the vectors; k is a Lanczos step count.
func tridiagonalEigenvectors(diagonal: [Double], offDiagonal: [Double]) -> (values: [Double], vectors: [Double])? {
    let k = diagonal.count
    guard k > 0 else { return ([], []) }
    precondition(offDiagonal.count >= k - 1)
    LapackThreads.once()
    var d = diagonal
    var e = Array(offDiagonal.prefix(k - 1)) + [0]
    var z = [Double](repeating: 0, count: k * k)
    let info = d.withUnsafeMutableBufferPointer { d in
        e.withUnsafeMutableBufferPointer { e in
            z.withUnsafeMutableBufferPointer { z in
                LAPACKE_dstev(Int32(LAPACK_COL_MAJOR), CChar(UInt8(ascii: "V")), Int32(k), d.baseAddress, e.baseAddress,
                              z.baseAddress, Int32(k))
            }
        }
    }
    guard info == 0 else { return nil }
    return (d, z)
}

/// OpenBLAS runs single-threaded inside Blocs: the callers already spread snapshots and components over the
/// cores, and OpenBLAS's own threads on top of them only contend (set once per process).
enum LapackThreads {
    private static let setOnce: Void = { openblas_set_num_threads(1) }()
    static func once() { _ = setOnce }
}
