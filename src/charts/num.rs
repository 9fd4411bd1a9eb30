//! Numbers written into SVG text without `core::fmt`: a monthly national site writes ~600.000
//! sparkline coordinates and a few hundred thousand chart points and colours, and `write!`
//! (for `{:.1}` a big-number rounding routine) was a tenth of the charts' drawing time. Each
//! writer gives exactly the bytes of the `format!` it replaces (proptested below).

/// `v` as `format!("{v:.1}")` writes it, without a trailing `.0` (so `12`, `12.5`, `-0`).
pub(crate) fn push_tenths(out: &mut String, v: f64) {
    let Some(tenths) = quick_tenths(v).or_else(|| exact_tenths(v)) else {
        use std::fmt::Write as _;
        let _ = write!(out, "{v:.1}");
        if out.ends_with(".0") {
            out.truncate(out.len() - 2);
        }
        return;
    };
    if v.is_sign_negative() {
        out.push('-');
    }
    push_u64(out, tenths / 10);
    let digit = (tenths % 10) as u8;
    if digit != 0 {
        out.push('.');
        out.push((b'0' + digit) as char);
    }
}

/// [`exact_tenths`] for the coordinates of a chart (under a million) whose tenth is not close
/// to a tie: `|v| * 10` in floating point is then within 2^-53 of its exact value (under
/// 1,2e-9 here), so it rounds to the same whole number; values within 1e-8 of a half take the
/// exact path. A few instructions instead of the exact path's 128-bit arithmetic, for the
/// half million sparkline coordinates of a monthly national site.
fn quick_tenths(v: f64) -> Option<u64> {
    let t = v.abs() * 10.0;
    // Also refuses NaN.
    if t.is_nan() || t >= 1e7 {
        return None;
    }
    // t + 0.5 is exact below 2^52, and truncating it needs no call into libm (which
    // `f64::round` is on baseline x86-64).
    let r = (t + 0.5) as u64;
    ((t - r as f64).abs() < 0.5 - 1e-8).then_some(r)
}

/// `|v| * 10` rounded to a whole number as `{:.1}` rounds it: on the exact binary value, a
/// tie to even. `None` for values `{:.1}` writes otherwise (not finite, or too large for the
/// arithmetic here; no chart coordinate is).
fn exact_tenths(v: f64) -> Option<u64> {
    if !v.is_finite() || v.abs() >= 1e15 {
        return None;
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // |v| = m * 2^e exactly.
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    let p = m as u128 * 10;
    if e >= 0 {
        // |v| < 1e15 keeps this below 2^54.
        return Some((p << e) as u64);
    }
    let sh = (-e) as u32;
    if sh >= 100 {
        // p < 2^57 is far below half of 2^sh: rounds to zero.
        return Some(0);
    }
    let q = p >> sh;
    let r = p & ((1u128 << sh) - 1);
    let half = 1u128 << (sh - 1);
    let up = r > half || (r == half && q & 1 == 1);
    Some((q + up as u128) as u64)
}

/// `n` in decimal, as `{}` writes it.
pub(crate) fn push_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_u64(out, n.unsigned_abs());
}

fn push_u64(out: &mut String, n: u64) {
    // itoa writes the digits two at a time into a buffer and hands them over as a `str`: a
    // chart writes a million coordinates of one to four digits.
    out.push_str(itoa::Buffer::new().format(n));
}

/// `#RRGGBB`, as `format!("#{r:02X}{g:02X}{b:02X}")` writes it.
pub(crate) fn push_hex_color(out: &mut String, (r, g, b): (u8, u8, u8)) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('#');
    for c in [r, g, b] {
        out.push(HEX[(c >> 4) as usize] as char);
        out.push(HEX[(c & 15) as usize] as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tenths(v: f64) -> String {
        let mut s = String::new();
        push_tenths(&mut s, v);
        s
    }

    fn want(v: f64) -> String {
        let s = format!("{v:.1}");
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    }

    #[test]
    fn tenths_edges_are_written_as_format_writes_them() {
        for v in [
            0.0,
            -0.0,
            0.05,
            0.15,
            0.25,
            0.35,
            0.45,
            -0.25,
            -0.04,
            0.75,
            1.25,
            2.5,
            117.0,
            3.0,
            25.000000000000004,
            99.95,
            -99.95,
            1e-300,
            f64::MIN_POSITIVE,
            5e-324,
            999_999_999_999_999.9,
            1e15,
            1e20,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(tenths(v), want(v), "{v:e}");
        }
        for k in -2000..2000 {
            // Every exact half-tenth (k / 20 for odd k is a tie only when exact, e.g. 0.25).
            let v = k as f64 / 20.0;
            assert_eq!(tenths(v), want(v), "{v}");
            let v = k as f64 / 4.0;
            assert_eq!(tenths(v), want(v), "{v}");
        }
    }

    proptest! {
        #[test]
        fn tenths_are_written_as_format_writes_them(v in -1e6f64..1e6) {
            prop_assert_eq!(tenths(v), want(v));
        }

        #[test]
        fn tenths_of_any_float_are_written_as_format_writes_them(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            prop_assert_eq!(tenths(v), want(v));
        }

        #[test]
        fn integers_and_colours_are_written_as_format_writes_them(
            n in any::<i64>(), r in any::<u8>(), g in any::<u8>(), b in any::<u8>()
        ) {
            let mut s = String::new();
            push_i64(&mut s, n);
            prop_assert_eq!(s, n.to_string());
            let mut s = String::new();
            push_hex_color(&mut s, (r, g, b));
            prop_assert_eq!(s, format!("#{r:02X}{g:02X}{b:02X}"));
        }
    }
}
