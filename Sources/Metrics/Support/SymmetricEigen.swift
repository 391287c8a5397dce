/// The eigenvalues of a real symmetric matrix, ascending.
///
/// Householder reduction to tridiagonal form, then the implicit QL algorithm with Wilkinson-style shifts
/// (the `tred2`/`tqli` pair of Numerical Recipes, eigenvalues only). `matrix` is row-major n × n; only its lower
/// triangle is read.
///
/// - Returns: `nil` if QL fails to converge in 60 sweeps for some eigenvalue (does not happen in practice).
/// - Complexity: O(n³) time (≈ 4n³/3 flops), O(n²) memory.
/// - Reference: W. H. Press et al., *Numerical Recipes*, 3rd ed. (2007), §11.3–11.4.
public func symmetricEigenvalues(_ matrix: [Double], order n: Int) -> [Double]? {
    precondition(matrix.count == n * n, "matrix must be n × n")
    guard n > 0 else { return [] }
    if n == 1 { return [matrix[0]] }
    var a = matrix
    var d = [Double](repeating: 0, count: n)
    var e = [Double](repeating: 0, count: n)
    // Householder tridiagonalisation (lower triangle).
    for i in stride(from: n - 1, to: 0, by: -1) {
        let l = i - 1
        var h = 0.0
        if l > 0 {
            var scale = 0.0
            for k in 0...l { scale += abs(a[i * n + k]) }
            if scale == 0 {
                e[i] = a[i * n + l]
            } else {
                for k in 0...l {
                    a[i * n + k] /= scale
                    h += a[i * n + k] * a[i * n + k]
                }
                var f = a[i * n + l]
                let g0 = f >= 0 ? -h.squareRoot() : h.squareRoot()
                e[i] = scale * g0
                h -= f * g0
                a[i * n + l] = f - g0
                f = 0
                for j in 0...l {
                    var g = 0.0
                    for k in 0...j { g += a[j * n + k] * a[i * n + k] }
                    if j + 1 <= l { for k in (j + 1)...l { g += a[k * n + j] * a[i * n + k] } }
                    e[j] = g / h
                    f += e[j] * a[i * n + j]
                }
                let hh = f / (h + h)
                for j in 0...l {
                    let fj = a[i * n + j]
                    let gj = e[j] - hh * fj
                    e[j] = gj
                    for k in 0...j { a[j * n + k] -= fj * e[k] + gj * a[i * n + k] }
                }
            }
        } else {
            e[i] = a[i * n + l]
        }
        d[i] = h
    }
    for i in 0..<n { d[i] = a[i * n + i] }
    // QL with implicit shifts on the tridiagonal (d, e).
    for i in 1..<n { e[i - 1] = e[i] }
    e[n - 1] = 0
    for l in 0..<n {
        var iterations = 0
        while true {
            var m = l
            while m < n - 1 {
                let dd = abs(d[m]) + abs(d[m + 1])
                if abs(e[m]) <= Double.ulpOfOne * dd { break }
                m += 1
            }
            if m == l { break }
            iterations += 1
            if iterations > 60 { return nil }
            var g = (d[l + 1] - d[l]) / (2 * e[l])
            var r = hypot2(g, 1)
            g = d[m] - d[l] + e[l] / (g + (g >= 0 ? abs(r) : -abs(r)))
            var s = 1.0, c = 1.0, p = 0.0
            var i = m - 1
            var underflow = false
            while i >= l {
                let f = s * e[i]
                let b = c * e[i]
                r = hypot2(f, g)
                e[i + 1] = r
                if r == 0 {
                    d[i + 1] -= p
                    e[m] = 0
                    underflow = true
                    break
                }
                s = f / r
                c = g / r
                g = d[i + 1] - p
                r = (d[i] - g) * s + 2 * c * b
                p = s * r
                d[i + 1] = g + p
                g = c * r - b
                i -= 1
            }
            if underflow { continue }
            d[l] -= p
            e[l] = g
            e[m] = 0
        }
    }
    return d.sorted()
}

@inline(__always)
private func hypot2(_ a: Double, _ b: Double) -> Double {
    let x = abs(a), y = abs(b)
    if x > y { let t = y / x; return x * (1 + t * t).squareRoot() }
    if y == 0 { return 0 }
    let t = x / y
    return y * (1 + t * t).squareRoot()
}
