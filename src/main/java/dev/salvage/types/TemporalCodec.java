package dev.salvage.types;

/**
 * DATE, TIME, DATETIME, TIMESTAMP and YEAR as InnoDB stores them, printed as the server prints them.
 *
 * <p>Formats (MySQL mysys/my_time.cc, sql/field.cc; MariaDB sql/compat56.cc, sql/field.cc):
 * <ul>
 * <li>DATE: 3 bytes, signed integer with the sign bit flipped, {@code year<<9 | month<<5 | day}.</li>
 * <li>DATETIME(fsp), 5.6.4+ ("DATETIME2"): 5 bytes big-endian {@code intpart + 0x8000000000} with
 *     {@code intpart = ((year*13+month)<<5 | day) << 17 | hour<<12 | minute<<6 | second}, then
 *     (fsp+1)/2 bytes of signed big-endian fraction in units of 10^(6-2*((fsp+1)/2)) microseconds.</li>
 * <li>TIME(fsp) ("TIME2"): 3 bytes {@code intpart + 0x800000}, {@code intpart = hour<<12 | minute<<6 | second},
 *     negative times negated as a whole packed value (fsp 5-6: one 6-byte value + 0x800000000000).</li>
 * <li>TIMESTAMP(fsp) ("TIMESTAMP2"): 4 bytes big-endian seconds since 1970 UTC, then the fraction as DATETIME2.</li>
 * <li>Old DATETIME: 8-byte integer YYYYMMDDhhmmss; old TIME: 3-byte integer hhmmss (sign may be negative);
 *     old TIMESTAMP: 4-byte unsigned seconds; all stored as InnoDB integers (big-endian, sign bit flipped
 *     for the signed ones).</li>
 * <li>YEAR: 1 unsigned byte, 0 = 0000, otherwise 1900 + value.</li>
 * </ul>
 * Values that cannot have been written (month 13, minute 60, a fraction finer than the column's precision…)
 * are bad values; zero dates and zero parts (0000-00-00, 2020-00-00) are legal, as in the server.
 */
public final class TemporalCodec {
    private static final long DATETIMEF_INT_OFS = 0x8000000000L;
    private static final long TIMEF_INT_OFS = 0x800000L;
    private static final long TIMEF_OFS = 0x800000000000L;
    private static final int TIME_MAX_HOUR = 838;
    private static final int[] FRACTION_BYTES = {0, 1, 1, 2, 2, 3, 3};
    private static final long[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000};

    private TemporalCodec() {
    }

    /** Bytes of the fractional part for fractional-seconds precision {@code fsp}; -1 when fsp is not 0..6. */
    public static int fractionBytes(int fsp) {
        return fsp >= 0 && fsp <= 6 ? FRACTION_BYTES[fsp] : -1;
    }

    public static int datetime2Length(int fsp) {
        return 5 + fractionBytes(fsp);
    }

    public static int time2Length(int fsp) {
        return 3 + fractionBytes(fsp);
    }

    public static int timestamp2Length(int fsp) {
        return 4 + fractionBytes(fsp);
    }

    // ---------------------------------------------------------------- DATE, YEAR

    public static Decoded date(byte[] b, int off) {
        if (!Bytes.fits(b, off, 3)) {
            return Bytes.outOfBounds(b, off, 3);
        }
        long raw = Bytes.readUnsigned(b, off, 3);
        if ((raw & 0x800000) == 0) {
            return Decoded.bad("DATE with the sign bit clear (negative)");
        }
        long v = raw ^ 0x800000;
        return formatDate((int) (v >> 9), (int) ((v >> 5) & 15), (int) (v & 31), "DATE");
    }

    public static Decoded year(byte[] b, int off) {
        if (!Bytes.fits(b, off, 1)) {
            return Bytes.outOfBounds(b, off, 1);
        }
        int v = b[off] & 0xFF;
        return Decoded.text(v == 0 ? "0000" : Integer.toString(1900 + v));
    }

    // ---------------------------------------------------------------- 5.6.4+ formats

    public static Decoded datetime2(byte[] b, int off, int fsp) {
        int fracBytes = fractionBytes(fsp);
        if (fracBytes < 0) {
            return Decoded.bad("fractional precision " + fsp + " is not 0..6");
        }
        if (!Bytes.fits(b, off, 5 + fracBytes)) {
            return Bytes.outOfBounds(b, off, 5 + fracBytes);
        }
        long intpart = Bytes.readUnsigned(b, off, 5) - DATETIMEF_INT_OFS;
        long frac = signedFraction(b, off + 5, fracBytes);
        if (intpart < 0 || frac < 0) {
            // DATETIME cannot be negative; the server never writes these.
            return Decoded.bad("negative DATETIME");
        }
        long ymd = intpart >> 17;
        long hms = intpart & ((1 << 17) - 1);
        long ym = ymd >> 5;
        return datetimeText((int) (ym / 13), (int) (ym % 13), (int) (ymd & 31), (int) (hms >> 12),
                (int) ((hms >> 6) & 63), (int) (hms & 63), frac, fsp, "DATETIME");
    }

    public static Decoded time2(byte[] b, int off, int fsp) {
        int fracBytes = fractionBytes(fsp);
        if (fracBytes < 0) {
            return Decoded.bad("fractional precision " + fsp + " is not 0..6");
        }
        if (!Bytes.fits(b, off, 3 + fracBytes)) {
            return Bytes.outOfBounds(b, off, 3 + fracBytes);
        }
        long packed; // (intpart << 24) + microseconds, negative for negative times
        if (fracBytes == 3) {
            packed = Bytes.readUnsigned(b, off, 6) - TIMEF_OFS;
        } else {
            long intpart = Bytes.readUnsigned(b, off, 3) - TIMEF_INT_OFS;
            long frac = fracBytes == 0 ? 0 : Bytes.readUnsigned(b, off + 3, fracBytes);
            // A negative time with a fraction stores intpart one lower and the fraction as its complement
            // (my_time_packed_from_binary); undo that to get the true packed value.
            if (intpart < 0 && frac != 0) {
                intpart++;
                frac -= 1L << (8 * fracBytes);
            }
            long unit = fracBytes == 1 ? 10000 : 100;
            packed = (intpart << 24) + frac * unit;
        }
        boolean negative = packed < 0;
        long magnitude = Math.abs(packed);
        long hms = magnitude >> 24;
        long micros = magnitude & 0xFFFFFF;
        int hour = (int) ((hms >> 12) & 1023);
        int minute = (int) ((hms >> 6) & 63);
        int second = (int) (hms & 63);
        if ((hms >> 22) != 0) {
            return Decoded.bad("TIME hour field overflows 10 bits");
        }
        return timeText(negative, hour, minute, second, micros, fsp);
    }

    public static Decoded timestamp2(byte[] b, int off, int fsp) {
        int fracBytes = fractionBytes(fsp);
        if (fracBytes < 0) {
            return Decoded.bad("fractional precision " + fsp + " is not 0..6");
        }
        if (!Bytes.fits(b, off, 4 + fracBytes)) {
            return Bytes.outOfBounds(b, off, 4 + fracBytes);
        }
        long seconds = Bytes.readUnsigned(b, off, 4);
        long frac = signedFraction(b, off + 4, fracBytes);
        return timestampText(seconds, frac, fsp);
    }

    /** DATETIME2-style fraction in microseconds (negative only in corrupt data). */
    private static long signedFraction(byte[] b, int off, int fracBytes) {
        if (fracBytes == 0) {
            return 0;
        }
        long raw = Bytes.readUnsigned(b, off, fracBytes);
        int bits = 8 * fracBytes;
        long signed = (raw << (64 - bits)) >> (64 - bits);
        long unit = fracBytes == 1 ? 10000 : fracBytes == 2 ? 100 : 1;
        return signed * unit;
    }

    // ---------------------------------------------------------------- pre-5.6.4 formats

    /** Old DATETIME (MYSQL_TYPE_DATETIME): 8-byte signed integer YYYYMMDDhhmmss. */
    public static Decoded datetimeOld(byte[] b, int off) {
        if (!Bytes.fits(b, off, 8)) {
            return Bytes.outOfBounds(b, off, 8);
        }
        long v = IntegerCodec.signedValue(Bytes.readUnsigned(b, off, 8), 8);
        if (v < 0 || v > 99991231235959L) {
            return Decoded.bad("old DATETIME integer " + v + " out of range");
        }
        long date = v / 1000000;
        long time = v % 1000000;
        return datetimeText((int) (date / 10000), (int) (date / 100 % 100), (int) (date % 100),
                (int) (time / 10000), (int) (time / 100 % 100), (int) (time % 100), 0, 0, "DATETIME");
    }

    /** Old TIME (MYSQL_TYPE_TIME): 3-byte signed integer ±hhmmss. */
    public static Decoded timeOld(byte[] b, int off) {
        if (!Bytes.fits(b, off, 3)) {
            return Bytes.outOfBounds(b, off, 3);
        }
        long v = IntegerCodec.signedValue(Bytes.readUnsigned(b, off, 3), 3);
        long magnitude = Math.abs(v);
        return timeText(v < 0, (int) (magnitude / 10000), (int) (magnitude / 100 % 100), (int) (magnitude % 100), 0, 0);
    }

    /** Old TIMESTAMP (MYSQL_TYPE_TIMESTAMP): 4-byte unsigned seconds since 1970 UTC. */
    public static Decoded timestampOld(byte[] b, int off) {
        if (!Bytes.fits(b, off, 4)) {
            return Bytes.outOfBounds(b, off, 4);
        }
        return timestampText(Bytes.readUnsigned(b, off, 4), 0, 0);
    }

    // ---------------------------------------------------------------- straight to bytes

    /*
     * The writers below put the text the decoders above give straight into a byte array (room for 32 bytes
     * needed at {@code at}) and return where it ends, or -1 when the value is anything but plainly good: the
     * caller then asks the decoder, which has the reason. They exist because these types are in most rows.
     */

    /** {@link #datetime2} as bytes. */
    public static int writeDatetime2(byte[] b, int off, int fsp, byte[] dst, int at) {
        int fracBytes = fractionBytes(fsp);
        if (fracBytes < 0 || !Bytes.fits(b, off, 5 + fracBytes)) {
            return -1;
        }
        long intpart = Bytes.readUnsigned(b, off, 5) - DATETIMEF_INT_OFS;
        long frac = signedFraction(b, off + 5, fracBytes);
        if (intpart < 0 || frac < 0) {
            return -1;
        }
        long ymd = intpart >> 17;
        long hms = intpart & ((1 << 17) - 1);
        long ym = ymd >> 5;
        return writeDatetime((int) (ym / 13), (int) (ym % 13), (int) (ymd & 31), (int) (hms >> 12),
                (int) ((hms >> 6) & 63), (int) (hms & 63), frac, fsp, dst, at);
    }

    /** {@link #timestamp2} as bytes. */
    public static int writeTimestamp2(byte[] b, int off, int fsp, byte[] dst, int at) {
        int fracBytes = fractionBytes(fsp);
        if (fracBytes < 0 || !Bytes.fits(b, off, 4 + fracBytes)) {
            return -1;
        }
        long seconds = Bytes.readUnsigned(b, off, 4);
        long micros = signedFraction(b, off + 4, fracBytes);
        if (seconds > Integer.MAX_VALUE || seconds == 0) {
            return -1; // beyond 2038, or the zero timestamp: rare, the decoder handles them
        }
        long secOfDay = seconds % 86400;
        long civil = civilFromDays(seconds / 86400);
        return writeDatetime((int) (civil >> 9), (int) ((civil >> 5) & 15), (int) (civil & 31),
                (int) (secOfDay / 3600), (int) (secOfDay / 60 % 60), (int) (secOfDay % 60), micros, fsp, dst, at);
    }

    /** {@link #date} as bytes. */
    public static int writeDate(byte[] b, int off, byte[] dst, int at) {
        if (!Bytes.fits(b, off, 3)) {
            return -1;
        }
        long raw = Bytes.readUnsigned(b, off, 3);
        if ((raw & 0x800000) == 0) {
            return -1;
        }
        long v = raw ^ 0x800000;
        int year = (int) (v >> 9);
        int month = (int) ((v >> 5) & 15);
        int day = (int) (v & 31);
        if (!dateInRange(year, month, day)) {
            return -1;
        }
        writeDate(dst, at, year, month, day);
        return at + 10;
    }

    private static int writeDatetime(int year, int month, int day, int hour, int minute, int second, long micros,
            int fsp, byte[] dst, int at) {
        if (!dateInRange(year, month, day) || hour > 23 || minute > 59 || second > 59
                || fractionProblem(micros, fsp, "") != null) {
            return -1;
        }
        writeDate(dst, at, year, month, day);
        dst[at + 10] = ' ';
        Digits.two(dst, at + 11, hour);
        dst[at + 13] = ':';
        Digits.two(dst, at + 14, minute);
        dst[at + 16] = ':';
        Digits.two(dst, at + 17, second);
        if (fsp == 0) {
            return at + 19;
        }
        dst[at + 19] = '.';
        Digits.pad(dst, at + 20, micros / POW10[6 - fsp], fsp);
        return at + 20 + fsp;
    }

    private static void writeDate(byte[] dst, int at, int year, int month, int day) {
        Digits.pad(dst, at, year, 4);
        dst[at + 4] = '-';
        Digits.two(dst, at + 5, month);
        dst[at + 7] = '-';
        Digits.two(dst, at + 8, day);
    }

    // ---------------------------------------------------------------- text

    static Decoded timestampText(long seconds, long micros, int fsp) {
        if (seconds > Integer.MAX_VALUE) {
            return Decoded.bad("TIMESTAMP seconds " + seconds + " beyond 2038-01-19 03:14:07");
        }
        if (seconds == 0) {
            // The zero timestamp prints as the zero datetime; a fraction with it cannot be written.
            return micros == 0 ? datetimeText(0, 0, 0, 0, 0, 0, 0, fsp, "TIMESTAMP")
                    : Decoded.bad("zero TIMESTAMP with a fraction");
        }
        long days = Math.floorDiv(seconds, 86400);
        long secOfDay = Math.floorMod(seconds, 86400);
        long civil = civilFromDays(days);
        return datetimeText((int) (civil >> 9), (int) ((civil >> 5) & 15), (int) (civil & 31),
                (int) (secOfDay / 3600), (int) (secOfDay / 60 % 60), (int) (secOfDay % 60), micros, fsp, "TIMESTAMP");
    }

    /**
     * The proleptic Gregorian date of a day count since 1970-01-01, packed as {@code year<<9 | month<<5 | day}
     * (H. Hinnant's civil_from_days; what {@code LocalDate.ofEpochDay} gives, without an object per value).
     */
    static long civilFromDays(long epochDay) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return year << 9 | month << 5 | day;
    }

    static Decoded datetimeText(int year, int month, int day, int hour, int minute, int second, long micros,
            int fsp, String type) {
        if (!dateInRange(year, month, day)) {
            return Decoded.bad(type + " " + year + "-" + month + "-" + day + " out of range");
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return Decoded.bad(type + " time of day " + hour + ":" + minute + ":" + second + " out of range");
        }
        String badFraction = fractionProblem(micros, fsp, type);
        if (badFraction != null) {
            return Decoded.bad(badFraction);
        }
        // Straight into a char array: this runs once per temporal value of every row.
        char[] out = new char[19 + (fsp > 0 ? 1 + fsp : 0)];
        putDate(out, year, month, day);
        out[10] = ' ';
        putDigits(out, 11, hour, 2);
        out[13] = ':';
        putDigits(out, 14, minute, 2);
        out[16] = ':';
        putDigits(out, 17, second, 2);
        if (fsp > 0) {
            out[19] = '.';
            putDigits(out, 20, micros / POW10[6 - fsp], fsp);
        }
        return Decoded.text(new String(out));
    }

    private static boolean dateInRange(int year, int month, int day) {
        return !(year > 9999 || month > 12 || day > 31 || year < 0 || month < 0 || day < 0);
    }

    /** Why a fraction cannot be stored at precision {@code fsp}; null when it can. */
    private static String fractionProblem(long micros, int fsp, String type) {
        if (micros < 0 || micros > 999999) {
            return type + " fraction " + micros + " out of range";
        }
        long unit = POW10[6 - fsp];
        if (micros % unit != 0) {
            // The server rounds to the column's precision before storing; finer digits mean foreign bytes.
            return type + " fraction " + micros + " finer than " + fsp + " digits";
        }
        return null;
    }

    /** {@code yyyy-mm-dd} at the start of {@code out}; the caller has checked the ranges. */
    private static void putDate(char[] out, int year, int month, int day) {
        putDigits(out, 0, year, 4);
        out[4] = '-';
        putDigits(out, 5, month, 2);
        out[7] = '-';
        putDigits(out, 8, day, 2);
    }

    /** {@code value} (0 .. 10^width - 1) as exactly {@code width} zero-padded digits at {@code at}. */
    private static void putDigits(char[] out, int at, long value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static Decoded timeText(boolean negative, int hour, int minute, int second, long micros, int fsp) {
        if (hour > TIME_MAX_HOUR || minute > 59 || second > 59
                || (hour == TIME_MAX_HOUR && minute == 59 && second == 59 && micros != 0)) {
            return Decoded.bad("TIME " + hour + ":" + minute + ":" + second + "." + micros + " out of range");
        }
        StringBuilder out = new StringBuilder();
        if (negative) {
            out.append('-');
        }
        Bytes.pad(out, hour, 2);
        out.append(':');
        Bytes.pad(out, minute, 2);
        out.append(':');
        Bytes.pad(out, second, 2);
        return appendFraction(out, micros, fsp, "TIME");
    }

    private static Decoded appendFraction(StringBuilder out, long micros, int fsp, String type) {
        if (micros < 0 || micros > 999999) {
            return Decoded.bad(type + " fraction " + micros + " out of range");
        }
        long unit = POW10[6 - fsp];
        if (micros % unit != 0) {
            // The server rounds to the column's precision before storing; finer digits mean foreign bytes.
            return Decoded.bad(type + " fraction " + micros + " finer than " + fsp + " digits");
        }
        if (fsp > 0) {
            out.append('.');
            Bytes.pad(out, micros / unit, fsp);
        }
        return Decoded.text(out.toString());
    }

    private static Decoded formatDate(int year, int month, int day, String type) {
        if (!dateInRange(year, month, day)) {
            return Decoded.bad(type + " " + year + "-" + month + "-" + day + " out of range");
        }
        char[] out = new char[10];
        putDate(out, year, month, day);
        return Decoded.text(new String(out));
    }
}
