package dev.salvage.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * FLOAT (4 bytes) and DOUBLE (8 bytes), stored little-endian IEEE 754 (InnoDB keeps the machine format,
 * {@code mach_float_read}/{@code mach_double_read}). Text as the server's {@code my_gcvt} (strings/dtoa.c)
 * prints it: DOUBLE with the shortest digits that read back as the same double, FLOAT with at most 6
 * significant digits (FLT_DIG), in plain notation unless the decimal exponent is below -14 or above 15 (DBL_DIG)
 * without fraction digits, then as {@code 1.5e20}. Columns with a fixed number of decimals (FLOAT(M,D),
 * DOUBLE(M,D)) print exactly D decimals. NaN and infinities cannot be stored by the server: bad values.
 */
public final class FloatCodec {
    private static final int FLT_DIG = 6;
    private static final int DBL_DIG = 15;

    private FloatCodec() {
    }

    public static Decoded decodeFloat(byte[] b, int off) {
        return decodeFloat(b, off, -1);
    }

    /** FLOAT(M,D) when {@code decimals >= 0}, plain FLOAT otherwise. */
    public static Decoded decodeFloat(byte[] b, int off, int decimals) {
        if (!Bytes.fits(b, off, 4)) {
            return Bytes.outOfBounds(b, off, 4);
        }
        float f = Float.intBitsToFloat((int) Bytes.readLittleEndian(b, off, 4));
        return render(f, FLT_DIG, decimals);
    }

    public static Decoded decodeDouble(byte[] b, int off) {
        return decodeDouble(b, off, -1);
    }

    /** DOUBLE(M,D) when {@code decimals >= 0}, plain DOUBLE otherwise. */
    public static Decoded decodeDouble(byte[] b, int off, int decimals) {
        if (!Bytes.fits(b, off, 8)) {
            return Bytes.outOfBounds(b, off, 8);
        }
        double d = Double.longBitsToDouble(Bytes.readLittleEndian(b, off, 8));
        return render(d, 17, decimals);
    }

    private static Decoded render(double x, int maxDigits, int decimals) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Decoded.bad("floating point value " + x + " cannot be stored by the server");
        }
        if (decimals >= 0 && decimals < 31) {
            return Decoded.text(fixed(x, decimals));
        }
        return Decoded.text(gcvt(x, maxDigits));
    }

    /** {@code my_fcvt}: exactly {@code decimals} digits after the point, correctly rounded. */
    static String fixed(double x, int decimals) {
        BigDecimal v = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN);
        String s = v.toPlainString();
        if (x < 0 || (x == 0 && 1 / x < 0)) {
            return s.startsWith("-") ? s : "-" + s;
        }
        return s;
    }

    /**
     * {@code my_gcvt} for a wide field (no truncation): digits from {@link #shortestDigits}, 'f' format unless
     * the exponent is out of DBL_DIG range.
     */
    static String gcvt(double x, int maxDigits) {
        boolean negative = x < 0 || (x == 0 && 1 / x < 0);
        StringBuilder out = new StringBuilder();
        if (negative) {
            out.append('-');
        }
        if (x == 0) {
            return out.append('0').toString();
        }
        Digits d = shortestDigits(Math.abs(x), maxDigits);
        String digits = d.digits;
        int len = digits.length();
        int decpt = d.decimalPoint;
        boolean plain = decpt >= -DBL_DIG + 1 && (decpt <= DBL_DIG || len > decpt);
        if (plain) {
            if (decpt <= 0) {
                out.append("0.");
                for (int i = decpt; i < 0; i++) {
                    out.append('0');
                }
                out.append(digits);
            } else if (decpt < len) {
                out.append(digits, 0, decpt).append('.').append(digits, decpt, len);
            } else {
                out.append(digits);
                for (int i = len; i < decpt; i++) {
                    out.append('0');
                }
            }
        } else {
            out.append(digits.charAt(0));
            if (len > 1) {
                out.append('.').append(digits, 1, len);
            }
            int exponent = decpt - 1;
            out.append('e').append(exponent);
        }
        return out.toString();
    }

    /** Significant digits without trailing zeros, and where the decimal point goes: value = 0.DIGITS × 10^point. */
    record Digits(String digits, int decimalPoint) {
    }

    /**
     * dtoa mode 4: the shortest digit string that reads back as {@code x}, but no more than {@code maxDigits}
     * digits (then correctly rounded to that many). Rounding the exact binary value to p digits gives the closest
     * p-digit decimal, so the first p that round-trips is the shortest.
     */
    static Digits shortestDigits(double x, int maxDigits) {
        Digits quick = fromToString(x, maxDigits);
        if (quick != null) {
            return quick;
        }
        BigDecimal exact = new BigDecimal(x);
        BigDecimal chosen = guided(x, exact, maxDigits);
        return digitsOf(chosen != null ? chosen : byLoop(x, exact, maxDigits));
    }

    /**
     * The answer without any big-number arithmetic, for the common case: {@code Double.toString} gives a
     * decimal D of n ≤ 15 significant digits that reads back as x. No two different decimals of at most 15 digits
     * (DBL_DIG) read back as the same normal double, so no shorter rounding of x reads back as x, and the n-digit
     * rounding of x (closer to x than D, inside x's symmetric rounding interval) reads back as x and so is D.
     * Powers of two (asymmetric interval) and subnormals (fewer digits of precision) are left to the others; null
     * then, or when D is longer.
     */
    private static Digits fromToString(double x, int maxDigits) {
        if (x < Double.MIN_NORMAL || (Double.doubleToRawLongBits(x) & 0x000FFFFFFFFFFFFFL) == 0) {
            return null;
        }
        String s = Double.toString(x);
        int e = s.indexOf('E');
        int mantissaEnd = e < 0 ? s.length() : e;
        int exponent = e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10);
        StringBuilder digits = new StringBuilder(20);
        int point = 0; // digits before the decimal point in the mantissa, leading zeros not counted
        boolean seenPoint = false;
        for (int i = 0; i < mantissaEnd; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                seenPoint = true;
            } else if (digits.length() == 0 && c == '0') {
                if (seenPoint) {
                    point--; // 0.00123: each zero after the point moves the first digit right
                }
            } else {
                digits.append(c);
                if (!seenPoint) {
                    point++;
                }
            }
        }
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        if (end == 0 || end > Math.min(DBL_DIG, maxDigits)) {
            return null;
        }
        return new Digits(digits.substring(0, end), point + exponent);
    }

    /** {@link #shortestDigits} by trying every length from 1: the definition, and the fallback of the fast way. */
    static Digits shortestDigitsByLoop(double x, int maxDigits) {
        return digitsOf(byLoop(x, new BigDecimal(x), maxDigits));
    }

    private static BigDecimal byLoop(double x, BigDecimal exact, int maxDigits) {
        BigDecimal chosen = null;
        for (int p = 1; p <= maxDigits; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            chosen = r;
            if (r.doubleValue() == x) {
                break;
            }
        }
        return chosen;
    }

    /**
     * The loop's answer in two roundings instead of up to 17: {@code Double.toString} has (about) the shortest
     * length n; if rounding to n digits reads back and rounding to n - 1 does not, n is the loop's stopping
     * point, because rounding to more digits only comes closer to x and stays inside its rounding interval.
     * That holds where the interval is symmetric, so not for powers of two (their lower half-gap is half the
     * upper one); there, and whenever a check fails, null: the caller runs the loop.
     */
    private static BigDecimal guided(double x, BigDecimal exact, int maxDigits) {
        if ((Double.doubleToRawLongBits(x) & 0x000FFFFFFFFFFFFFL) == 0) {
            return null;
        }
        String s = Double.toString(x);
        int n = 0;
        int lastNonZero = 0;
        boolean leading = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'E') {
                break;
            }
            if (c >= '0' && c <= '9') {
                if (leading && c == '0') {
                    continue;
                }
                leading = false;
                n++;
                if (c != '0') {
                    lastNonZero = n;
                }
            }
        }
        n = lastNonZero; // significant digits without trailing zeros
        if (n < 1 || n > maxDigits) {
            return null;
        }
        if (n > 1 && exact.round(new MathContext(n - 1, RoundingMode.HALF_EVEN)).doubleValue() == x) {
            return null;
        }
        BigDecimal r = exact.round(new MathContext(n, RoundingMode.HALF_EVEN));
        return r.doubleValue() == x ? r : null;
    }

    private static Digits digitsOf(BigDecimal chosen) {
        BigDecimal stripped = chosen.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        int point = digits.length() - stripped.scale();
        return new Digits(digits, point);
    }
}
