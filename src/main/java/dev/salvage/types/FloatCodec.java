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
        BigDecimal exact = new BigDecimal(x);
        BigDecimal chosen = null;
        for (int p = 1; p <= maxDigits; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            chosen = r;
            if (r.doubleValue() == x) {
                break;
            }
        }
        BigDecimal stripped = chosen.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        int point = digits.length() - stripped.scale();
        return new Digits(digits, point);
    }
}
