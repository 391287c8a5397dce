import GraphCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A symmetric sparse matrix over the nodes of one component (local indices 0..<n), in CSR form, with a diagonal:
/// the signed adjacency A (or |A|) of a component, or its signed Laplacian D̄ − A.
struct ComponentMatrix {
    let n: Int
    let offsets: [Int32]
    let columns: [Int32]
    let values: [Double]
    let diagonal: [Double]

    /// The component of `graph` on `nodes` (global indices; `local` maps them to 0..<nodes.count and is -1 elsewhere).
    /// `absolute` takes |A|; `laplacian` builds D̄ − A with D̄ᵢᵢ = Σⱼ|Aᵢⱼ|.
    init(_ graph: SignedGraph, nodes: [Int], local: [Int32], weighted: Bool, absolute: Bool, laplacian: Bool) {
        n = nodes.count
        var offsets = [Int32](repeating: 0, count: n + 1)
        var columns = [Int32](), values = [Double](), diagonal = [Double](repeating: 0, count: n)
        columns.reserveCapacity(nodes.reduce(0) { $0 + graph.degree(of: $1) })
        values.reserveCapacity(columns.capacity)
        for (i, v) in nodes.enumerated() {
            for (w, e) in graph.incidentEdges(of: v) {
                let j = local[w]
                guard j >= 0 else { continue }
                let magnitude = weighted ? e.weight : 1
                let a = absolute ? magnitude : magnitude * e.sign.value
                columns.append(j)
                values.append(laplacian ? -a : a)
                diagonal[i] += laplacian ? magnitude : 0
            }
            offsets[i + 1] = Int32(columns.count)
        }
        self.offsets = offsets
        self.columns = columns
        self.values = values
        self.diagonal = diagonal
    }

    /// y = M x.
    func multiply(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
        offsets.withUnsafeBufferPointer { o in
            columns.withUnsafeBufferPointer { c in
                values.withUnsafeBufferPointer { v in
                    diagonal.withUnsafeBufferPointer { d in
                        for i in 0..<n {
                            var s = d[i] * x[i]
                            for k in Int(o[i])..<Int(o[i + 1]) { s += v[k] * x[Int(c[k])] }
                            y[i] = s
                        }
                    }
                }
            }
        }
    }

    /// A bound on the spectral radius: the largest absolute row sum (Gershgorin).
    var normBound: Double {
        var best = 0.0
        for i in 0..<n {
            var s = abs(diagonal[i])
            for k in Int(offsets[i])..<Int(offsets[i + 1]) { s += abs(values[k]) }
            best = max(best, s)
        }
        return best
    }
}

/// Lanczos tridiagonalisation of `matrix` from the unit vector `start`, without reorthogonalisation (enough for
/// Gauss quadrature of smooth functions: lost orthogonality only duplicates converged Ritz values). Stops after
/// `maxSteps` steps, when an invariant subspace is found (β ≈ 0), or when `converged(α, β)` says so (checked every
/// `checkEvery` steps). Returns the diagonal α and off-diagonal β of the tridiagonal matrix T.
///
/// - Complexity: O(s·(n + nnz)) for s steps.
func lanczos(_ matrix: ComponentMatrix, start: [Double], maxSteps: Int, checkEvery: Int = 5,
             converged: ([Double], [Double]) -> Bool) -> (alpha: [Double], beta: [Double]) {
    let n = matrix.n
    var v = start, previous = [Double](repeating: 0, count: n), w = [Double](repeating: 0, count: n)
    var alpha = [Double](), beta = [Double]()
    var lastBeta = 0.0
    let scale = max(matrix.normBound, 1)
    for step in 0..<min(maxSteps, n) {
        v.withUnsafeBufferPointer { x in w.withUnsafeMutableBufferPointer { y in matrix.multiply(x, y) } }
        var a = 0.0
        for i in 0..<n { a += w[i] * v[i] }
        var b2 = 0.0
        for i in 0..<n {
            let r = w[i] - a * v[i] - lastBeta * previous[i]
            w[i] = r
            b2 += r * r
        }
        alpha.append(a)
        let b = b2.squareRoot()
        if b <= 1e-13 * scale || step == min(maxSteps, n) - 1 { break }
        beta.append(b)
        if (step + 1) % checkEvery == 0 && converged(alpha, beta) { beta.removeLast(); break }
        lastBeta = b
        for i in 0..<n { previous[i] = v[i]; v[i] = w[i] / b }
    }
    return (alpha, Array(beta.prefix(max(alpha.count - 1, 0))))
}

/// log Σⱼ τⱼ² e^{θⱼ} for the Lanczos matrix T given by `alpha` (diagonal) and `beta` (off-diagonal): θ its
/// eigenvalues, τ the first components of its eigenvectors; the largest θ is factored out against overflow.
/// The one Gauss-quadrature rule of the one-probe and the eight-probe walk-balance estimates.
private func logQuadratureEstimate(_ alpha: [Double], _ beta: [Double]) -> Double? {
    guard let (theta, tau) = tridiagonalEigen(diagonal: alpha, offDiagonal: beta) else { return nil }
    let top = theta.max() ?? 0
    var s = 0.0
    for (t, f) in zip(theta, tau) { s += f * f * exp(t - top) }
    return top + log(s)
}

/// log(uᵀ e^{M} u / uᵀu) by Gauss quadrature on the Lanczos matrix T of M from u: log Σⱼ τⱼ² e^{θⱼ}, with θ the
/// eigenvalues of T and τ the first components of its eigenvectors. The quadrature error for e^x decays
/// super-exponentially in the step count; steps are added until the estimate changes by less than 1e-14
/// relatively (or an invariant subspace is found, where it is exact).
func logGaussQuadratureExp(_ matrix: ComponentMatrix, start: [Double], maxSteps: Int) -> Double? {
    var last = Double.nan
    var failed = false
    let (alpha, beta) = lanczos(matrix, start: start, maxSteps: maxSteps) { a, b in
        guard let e = logQuadratureEstimate(a, b) else { failed = true; return true }
        defer { last = e }
        return abs(e - last) < 1e-14 * max(1, abs(e))
    }
    guard !failed else { return nil }
    return logQuadratureEstimate(alpha, beta)
}

/// Lanczos with full reorthogonalisation from a seeded random start, the one loop of ``smallestEigenvalue`` and
/// ``convergedRitzVectors``: after each step, `stop` gets the coefficients so far (α₁…αₖ, β₁…βₖ₋₁), the norm of
/// the next residual and whether this is the last step (the Krylov space invariant, norm ≤ 10⁻¹³‖M‖, or `steps`
/// steps); the loop ends when `stop` returns true or at the last step.
///
/// - Complexity: O(s·(n + nnz) + s²·n) for s steps; memory O(s·n).
private func reorthogonalizedLanczos(_ matrix: ComponentMatrix, seed: UInt64, steps: Int,
                                     stop: (_ alpha: [Double], _ beta: [Double], _ norm: Double, _ last: Bool) -> Bool)
    -> (basis: [[Double]], alpha: [Double], beta: [Double], norm: Double) {
    let n = matrix.n
    var rng = SplitMix64(seed: seed)
    var v = (0..<n).map { _ in Double(rng.next() >> 11) / Double(1 << 53) - 0.5 }
    var norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    for i in 0..<n { v[i] /= norm }
    var basis = [[Double]](), alpha = [Double](), beta = [Double]()
    var w = [Double](repeating: 0, count: n)
    let scale = max(matrix.normBound, 1)
    let steps = min(steps, n)
    while true {
        basis.append(v)
        v.withUnsafeBufferPointer { x in w.withUnsafeMutableBufferPointer { y in matrix.multiply(x, y) } }
        var a = 0.0
        for i in 0..<n { a += w[i] * v[i] }
        alpha.append(a)
        // Full reorthogonalisation (twice is enough: Parlett's "twice is enough"), on raw buffers (the checked
        // array accesses were most of this loop's time).
        w.withUnsafeMutableBufferPointer { w in
            for _ in 0..<2 {
                for q in basis {
                    q.withUnsafeBufferPointer { q in
                        var d = 0.0
                        for i in 0..<n { d += w[i] * q[i] }
                        for i in 0..<n { w[i] -= d * q[i] }
                    }
                }
            }
        }
        norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let last = norm <= 1e-13 * scale || alpha.count == steps
        if stop(alpha, beta, norm, last) || last { return (basis, alpha, beta, norm) }
        beta.append(norm)
        for i in 0..<n { v[i] = w[i] / norm }
    }
}

/// The smallest eigenvalue of `matrix` by Lanczos with full reorthogonalisation from a seeded random start:
/// the smallest Ritz value θ (never below the smallest eigenvalue) and its residual bound r = βₛ·|last component
/// of its eigenvector of T|, so that some eigenvalue lies in [θ − r, θ]. Stops when r ≤ `tolerance`·‖M‖ or after
/// `maxSteps` steps.
///
/// - Complexity: O(s·(n + nnz) + s²·n) for s steps; memory O(s·n).
func smallestEigenvalue(_ matrix: ComponentMatrix, seed: UInt64, maxSteps: Int, tolerance: Double = 1e-10)
    -> (value: Double, residual: Double)? {
    let scale = max(matrix.normBound, 1)
    var found: (value: Double, residual: Double)?
    _ = reorthogonalizedLanczos(matrix, seed: seed, steps: maxSteps) { alpha, beta, norm, last in
        guard alpha.count % 10 == 0 || last else { return false }
        guard let (theta, lastComponents) = tridiagonalEigenLast(diagonal: alpha, offDiagonal: beta) else { return true }
        let i = theta.indices.min { theta[$0] < theta[$1] }!
        let residual = last && norm <= 1e-13 * scale ? 0 : norm * abs(lastComponents[i])
        guard residual <= tolerance * scale || last else { return false }
        found = (theta[i], residual)
        return true
    }
    return found
}

/// Converged extreme eigenpairs of `matrix` by `steps` steps of Lanczos with full reorthogonalisation from a seeded
/// random start: the Ritz vectors whose residual bound β·|last component| is at most `tolerance`·‖M‖, orthonormal
/// to working precision. Used to deflate the top of the spectrum before a stochastic trace estimate.
///
/// - Complexity: O(s·(n + nnz) + s²·n); memory O(s·n).
func convergedRitzVectors(_ matrix: ComponentMatrix, seed: UInt64, steps: Int, tolerance: Double = 1e-8) -> [[Double]]? {
    let n = matrix.n
    let scale = max(matrix.normBound, 1)
    let (basis, alpha, beta, norm) = reorthogonalizedLanczos(matrix, seed: seed, steps: steps) { _, _, _, _ in false }
    let s = alpha.count
    guard let (_, z) = tridiagonalEigenvectors(diagonal: alpha, offDiagonal: beta) else { return nil }
    let invariant = norm <= 1e-13 * scale
    var vectors = [[Double]]()
    for j in 0..<s where invariant || norm * abs(z[j * s + s - 1]) <= tolerance * scale {
        var y = [Double](repeating: 0, count: n)
        for (i, q) in basis.enumerated() {
            let c = z[j * s + i]
            for t in 0..<n { y[t] += c * q[t] }
        }
        vectors.append(y)
    }
    return vectors
}

/// Eigenvalues of a symmetric tridiagonal matrix and the last component of each unit eigenvector.
private func tridiagonalEigenLast(diagonal: [Double], offDiagonal: [Double]) -> (values: [Double], last: [Double])? {
    // The last components of T's eigenvectors are the first ones of the reversed T.
    guard let r = tridiagonalEigen(diagonal: diagonal.reversed(), offDiagonal: offDiagonal.reversed()) else { return nil }
    return (r.values, r.first)
}

/// ``logGaussQuadratureExp(_:start:maxSteps:)`` for several unit start vectors at once: the same Lanczos runs, the
/// same stopping rules and the same arithmetic lane by lane (so the same values, bit for bit: SIMD lanes do the
/// scalar operations, in the same order), but eight runs share each pass over the matrix. Vectors are interleaved
/// (`SIMD8` per node, one lane per run), so a row's column indices and values are read once for all eight runs.
/// A run that has stopped (and the unused lanes of a last, partial block) keeps zero vectors until the block ends.
///
/// - Returns: log(uᵀe^M u) per start vector, `nil` where LAPACK failed on the tridiagonal matrix.
/// - Complexity: O(s·(n + nnz)) per block of eight runs for s steps (the slowest run of the block).
func blockLogGaussQuadratureExp(_ matrix: ComponentMatrix, starts: [[Double]], maxSteps: Int) -> [Double?] {
    var results = [Double?](repeating: nil, count: starts.count)
    for first in stride(from: 0, to: starts.count, by: 8) {
        let block = Array(starts[first..<min(starts.count, first + 8)])
        for (b, r) in quadratureBlock(matrix, block, maxSteps: maxSteps).enumerated() { results[first + b] = r }
    }
    return results
}

private func quadratureBlock(_ matrix: ComponentMatrix, _ starts: [[Double]], maxSteps: Int) -> [Double?] {
    typealias Lanes = SIMD8<Double>
    let n = matrix.n, used = starts.count
    let scale = max(matrix.normBound, 1)
    let steps = min(maxSteps, n)
    var v = [Lanes](repeating: Lanes(), count: n)
    var previous = v, w = v
    for (b, start) in starts.enumerated() { for i in 0..<n { v[i][b] = start[i] } }
    var alpha = [[Double]](repeating: [], count: 8), beta = [[Double]](repeating: [], count: 8)
    var lastBeta = Lanes(), divisor = Lanes(repeating: 1)
    var last = [Double](repeating: .nan, count: 8)
    var running = (0..<8).map { $0 < used }, failed = [Bool](repeating: false, count: 8)
    var active = used
    for step in 0..<steps where active > 0 {
        var a = Lanes(), b2 = Lanes()
        matrix.offsets.withUnsafeBufferPointer { o in
            matrix.columns.withUnsafeBufferPointer { c in
                matrix.values.withUnsafeBufferPointer { m in
                    matrix.diagonal.withUnsafeBufferPointer { d in
                        v.withUnsafeBufferPointer { x in
                            w.withUnsafeMutableBufferPointer { y in
                                previous.withUnsafeBufferPointer { p in
                                    // y = M x, lane by lane in the order of ComponentMatrix.multiply.
                                    for i in 0..<n {
                                        var s = Lanes(repeating: d[i]) * x[i]
                                        for k in Int(o[i])..<Int(o[i + 1]) { s += Lanes(repeating: m[k]) * x[Int(c[k])] }
                                        y[i] = s
                                    }
                                    for i in 0..<n { a += y[i] * x[i] }
                                    for i in 0..<n {
                                        let r = y[i] - a * x[i] - lastBeta * p[i]
                                        y[i] = r
                                        b2 += r * r
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for l in 0..<8 where running[l] {
            alpha[l].append(a[l])
            let norm = b2[l].squareRoot()
            var stop = norm <= 1e-13 * scale || step == steps - 1
            if !stop {
                beta[l].append(norm)
                if (step + 1) % 5 == 0 {
                    if let e = logQuadratureEstimate(alpha[l], beta[l]) {
                        if abs(e - last[l]) < 1e-14 * max(1, abs(e)) { stop = true; beta[l].removeLast() }
                        last[l] = e
                    } else { failed[l] = true; stop = true }
                }
            }
            if stop {
                running[l] = false
                active -= 1
                lastBeta[l] = 0
                divisor[l] = 1
                for i in 0..<n { v[i][l] = 0; w[i][l] = 0 }
            } else {
                lastBeta[l] = norm
                divisor[l] = norm
            }
        }
        guard active > 0 else { break }
        swap(&previous, &v)
        w.withUnsafeBufferPointer { y in
            v.withUnsafeMutableBufferPointer { v in
                for i in 0..<n { v[i] = y[i] / divisor }
            }
        }
    }
    return (0..<used).map { l in
        failed[l] ? nil : logQuadratureEstimate(alpha[l], Array(beta[l].prefix(max(alpha[l].count - 1, 0))))
    }
}
