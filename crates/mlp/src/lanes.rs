//! Two f64 lanes at a time ([`F2`]) for the hot loops of training and evaluation, four f32
//! lanes ([`F4`]) for the decision map.
//!
//! In WebAssembly built with `simd128` (the page's build), [`F2`] is one `v128` register and each
//! operation one instruction: LLVM does not vectorize these f64 loops for wasm by itself.
//! Elsewhere it is a pair of f64 that the compiler keeps in an SSE register. Either way the
//! arithmetic is the same IEEE operations in the same order, so native and wasm results agree
//! bit for bit (up to `exp`/`ln`, which come from different libraries).
//!
//! [`axpy`] and [`dot`] take slices of any length (the last odd element in scalar code).

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{
        f64x2_abs, f64x2_add, f64x2_extract_lane, f64x2_gt, f64x2_mul, f64x2_pmax, f64x2_splat,
        f64x2_sub, f32x4_add, f32x4_extract_lane, f32x4_mul, f32x4_pmax, f32x4_splat,
        v128, v128_and, v128_load, v128_store,
    };

    /// Four f32 lanes in one wasm `v128`.
    #[derive(Clone, Copy)]
    pub struct F4(v128);

    impl F4 {
        #[inline(always)]
        pub fn splat(v: f32) -> F4 {
            F4(f32x4_splat(v))
        }
        #[inline(always)]
        pub fn load(s: &[f32; 4]) -> F4 {
            // SAFETY: `s` is 16 readable bytes; wasm loads need no alignment.
            F4(unsafe { v128_load(s.as_ptr().cast()) })
        }
        #[inline(always)]
        pub fn add(self, o: F4) -> F4 {
            F4(f32x4_add(self.0, o.0))
        }
        #[inline(always)]
        pub fn mul(self, o: F4) -> F4 {
            F4(f32x4_mul(self.0, o.0))
        }
        /// `if v > 0 { v } else { 0 }` per lane (NaN gives 0).
        #[inline(always)]
        pub fn rect(self) -> F4 {
            F4(f32x4_pmax(f32x4_splat(0.0), self.0))
        }
        #[inline(always)]
        pub fn lanes(self) -> [f32; 4] {
            [
                f32x4_extract_lane::<0>(self.0),
                f32x4_extract_lane::<1>(self.0),
                f32x4_extract_lane::<2>(self.0),
                f32x4_extract_lane::<3>(self.0),
            ]
        }
    }

    /// Two f64 lanes in one wasm `v128`.
    #[derive(Clone, Copy)]
    pub struct F2(v128);

    impl F2 {
        #[inline(always)]
        pub fn splat(v: f64) -> F2 {
            F2(f64x2_splat(v))
        }
        #[inline(always)]
        pub fn load(s: &[f64; 2]) -> F2 {
            // SAFETY: `s` is 16 readable bytes; wasm loads need no alignment.
            F2(unsafe { v128_load(s.as_ptr().cast()) })
        }
        #[inline(always)]
        pub fn store(self, s: &mut [f64; 2]) {
            // SAFETY: `s` is 16 writable bytes; wasm stores need no alignment.
            unsafe { v128_store(s.as_mut_ptr().cast(), self.0) }
        }
        #[inline(always)]
        pub fn add(self, o: F2) -> F2 {
            F2(f64x2_add(self.0, o.0))
        }
        #[inline(always)]
        pub fn sub(self, o: F2) -> F2 {
            F2(f64x2_sub(self.0, o.0))
        }
        #[inline(always)]
        pub fn mul(self, o: F2) -> F2 {
            F2(f64x2_mul(self.0, o.0))
        }
        #[inline(always)]
        pub fn abs(self) -> F2 {
            F2(f64x2_abs(self.0))
        }
        /// Per lane `if o > self { o } else { self }` (a NaN `o` is ignored).
        #[inline(always)]
        pub fn max_with(self, o: F2) -> F2 {
            F2(f64x2_pmax(self.0, o.0))
        }
        /// `if v > 0 { v } else { 0 }` per lane (NaN gives 0): rect, ReLU.
        #[inline(always)]
        pub fn rect(self) -> F2 {
            // pmax(a, b) = if a < b { b } else { a }
            F2(f64x2_pmax(f64x2_splat(0.0), self.0))
        }
        /// Per lane: `self` where `gate > 0`, else 0 (NaN gates give 0).
        #[inline(always)]
        pub fn where_positive(self, gate: F2) -> F2 {
            F2(v128_and(self.0, f64x2_gt(gate.0, f64x2_splat(0.0))))
        }
        #[inline(always)]
        pub fn lanes(self) -> [f64; 2] {
            [f64x2_extract_lane::<0>(self.0), f64x2_extract_lane::<1>(self.0)]
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    /// Four f32 lanes as an array (the compiler maps it to one SSE/NEON register).
    #[derive(Clone, Copy)]
    pub struct F4([f32; 4]);

    impl F4 {
        #[inline(always)]
        pub fn splat(v: f32) -> F4 {
            F4([v; 4])
        }
        #[inline(always)]
        pub fn load(s: &[f32; 4]) -> F4 {
            F4(*s)
        }
        #[inline(always)]
        pub fn add(self, o: F4) -> F4 {
            F4(std::array::from_fn(|i| self.0[i] + o.0[i]))
        }
        #[inline(always)]
        pub fn mul(self, o: F4) -> F4 {
            F4(std::array::from_fn(|i| self.0[i] * o.0[i]))
        }
        /// `if v > 0 { v } else { 0 }` per lane (NaN gives 0).
        #[inline(always)]
        pub fn rect(self) -> F4 {
            F4(self.0.map(|v| if v > 0.0 { v } else { 0.0 }))
        }
        #[inline(always)]
        pub fn lanes(self) -> [f32; 4] {
            self.0
        }
    }

    /// Two f64 lanes as a pair (the compiler maps it to one SSE/NEON register).
    #[derive(Clone, Copy)]
    pub struct F2([f64; 2]);

    impl F2 {
        #[inline(always)]
        pub fn splat(v: f64) -> F2 {
            F2([v, v])
        }
        #[inline(always)]
        pub fn load(s: &[f64; 2]) -> F2 {
            F2(*s)
        }
        #[inline(always)]
        pub fn store(self, s: &mut [f64; 2]) {
            *s = self.0;
        }
        #[inline(always)]
        pub fn add(self, o: F2) -> F2 {
            F2([self.0[0] + o.0[0], self.0[1] + o.0[1]])
        }
        #[inline(always)]
        pub fn sub(self, o: F2) -> F2 {
            F2([self.0[0] - o.0[0], self.0[1] - o.0[1]])
        }
        #[inline(always)]
        pub fn mul(self, o: F2) -> F2 {
            F2([self.0[0] * o.0[0], self.0[1] * o.0[1]])
        }
        #[inline(always)]
        pub fn abs(self) -> F2 {
            F2(self.0.map(f64::abs))
        }
        /// Per lane `if o > self { o } else { self }` (a NaN `o` is ignored).
        #[inline(always)]
        pub fn max_with(self, o: F2) -> F2 {
            let pick = |a: f64, b: f64| if a < b { b } else { a };
            F2([pick(self.0[0], o.0[0]), pick(self.0[1], o.0[1])])
        }
        /// `if v > 0 { v } else { 0 }` per lane (NaN gives 0): rect, ReLU.
        #[inline(always)]
        pub fn rect(self) -> F2 {
            F2(self.0.map(|v| if v > 0.0 { v } else { 0.0 }))
        }
        /// Per lane: `self` where `gate > 0`, else 0 (NaN gates give 0).
        #[inline(always)]
        pub fn where_positive(self, gate: F2) -> F2 {
            let pick = |v: f64, g: f64| if g > 0.0 { v } else { 0.0 };
            F2([pick(self.0[0], gate.0[0]), pick(self.0[1], gate.0[1])])
        }
        #[inline(always)]
        pub fn lanes(self) -> [f64; 2] {
            self.0
        }
    }
}

pub(crate) use imp::{F2, F4};

/// `&s[..2]` as an array (`s` has at least 2 elements where this is called).
#[inline(always)]
pub(crate) fn pair(s: &[f64]) -> &[f64; 2] {
    s[..2].try_into().expect("two elements")
}

/// `&mut s[..2]` as an array.
#[inline(always)]
pub(crate) fn pair_mut(s: &mut [f64]) -> &mut [f64; 2] {
    (&mut s[..2]).try_into().expect("two elements")
}

/// y += alpha · x, element by element (over the shorter length).
#[inline(always)]
pub(crate) fn axpy(alpha: f64, x: &[f64], y: &mut [f64]) {
    let n = x.len().min(y.len());
    let even = n & !1;
    let (x_pairs, x_tail) = x[..n].split_at(even);
    let (y_pairs, y_tail) = y[..n].split_at_mut(even);
    let a = F2::splat(alpha);
    for (xc, yc) in x_pairs.chunks_exact(2).zip(y_pairs.chunks_exact_mut(2)) {
        let yc = pair_mut(yc);
        F2::load(yc).add(a.mul(F2::load(pair(xc)))).store(yc);
    }
    if let (Some(&xi), Some(yi)) = (x_tail.first(), y_tail.first_mut()) {
        *yi += alpha * xi;
    }
}

/// a · b (over the shorter length) with four partial sums,
/// `(s₀ + s₁) + (s₂ + s₃) + tail` where s_t sums the elements of index ≡ t (mod 4) of the
/// whole groups of four, and `tail` the last `len mod 4` products in order.
#[inline(always)]
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let whole = n & !3;
    let (mut s01, mut s23) = (F2::splat(0.0), F2::splat(0.0));
    for (x, y) in a[..whole].chunks_exact(4).zip(b[..whole].chunks_exact(4)) {
        s01 = s01.add(F2::load(pair(x)).mul(F2::load(pair(y))));
        s23 = s23.add(F2::load(pair(&x[2..])).mul(F2::load(pair(&y[2..]))));
    }
    let tail: f64 = a[whole..n].iter().zip(&b[whole..n]).map(|(x, y)| x * y).sum();
    let ([s0, s1], [s2, s3]) = (s01.lanes(), s23.lanes());
    (s0 + s1) + (s2 + s3) + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axpy_and_dot_match_the_plain_loops_for_every_length() {
        for n in 0..11 {
            let x: Vec<f64> = (0..n).map(|i| 0.1 + i as f64 * 1.7).collect();
            let mut y: Vec<f64> = (0..n).map(|i| 3.0 - i as f64 * 0.3).collect();
            let expected: Vec<f64> = x.iter().zip(&y).map(|(x, y)| y + -1.25 * x).collect();
            axpy(-1.25, &x, &mut y);
            assert_eq!(y, expected);
            let mut acc = [0.0; 4];
            for i in 0..n / 4 * 4 {
                acc[i % 4] += x[i] * y[i];
            }
            let tail: f64 = (n / 4 * 4..n).map(|i| x[i] * y[i]).sum();
            assert_eq!(dot(&x, &y), (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail);
        }
    }

    #[test]
    fn rect_and_gates_give_zero_for_nan() {
        let v = F2::load(&[-1.0, 2.0]).rect().lanes();
        assert_eq!(v, [0.0, 2.0]);
        assert_eq!(F2::load(&[f64::NAN, -0.0]).rect().lanes(), [0.0, 0.0]);
        let gated = F2::load(&[5.0, 7.0]).where_positive(F2::load(&[f64::NAN, 1.0]));
        assert_eq!(gated.lanes(), [0.0, 7.0]);
        let sums = F2::splat(1.5).add(F2::splat(2.0)).sub(F2::splat(0.5)).mul(F2::splat(2.0));
        assert_eq!(sums.lanes(), [6.0, 6.0]);
    }
}
