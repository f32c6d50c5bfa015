package dev.salvage.types;

/**
 * MariaDB's own TIME/DATETIME/TIMESTAMP formats with fractional seconds, used by columns created before 10.1.2 or
 * with {@code mysql56_temporal_format=OFF} (MariaDB sql/field.cc: Field_time_hires, Field_datetime_hires,
 * Field_timestamp_hires). Without fractional digits such columns use the pre-5.6.4 formats of
 * {@link TemporalCodec#datetimeOld}, {@link TemporalCodec#timeOld}, {@link TemporalCodec#timestampOld}.
 *
 * <p>DATETIME and TIME pack the value as one number of microseconds,
 * {@code ((((year*13+month)*32+day)*24+hour)*60+minute)*60+second)*1000000+microseconds}, divided by
 * 10^(6-fsp) ({@code sec_part_shift}) and stored big-endian in the fewest bytes that hold the range. TIME adds a
 * zero point of (838:59:59 + 1 s) so negative times stay positive and sort. TIMESTAMP stores the 4-byte
 * seconds, then the shifted fraction big-endian in {@code (fsp+1)/2} bytes.
 */
public final class MariadbTemporalCodec {
    private static final int[] DATETIME_BYTES = {5, 6, 6, 7, 7, 7, 8};
    private static final int[] TIME_BYTES = {3, 4, 4, 5, 5, 5, 6};
    private static final int[] TIMESTAMP_FRACTION_BYTES = {0, 1, 1, 2, 2, 3, 3};
    private static final long[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000};
    private static final long TIME_MAX_VALUE_SECONDS = 838 * 3600 + 59 * 60 + 59;

    private MariadbTemporalCodec() {
    }

    private static boolean validFsp(int fsp) {
        return fsp >= 1 && fsp <= 6;
    }

    public static int datetimeLength(int fsp) {
        return validFsp(fsp) ? DATETIME_BYTES[fsp] : -1;
    }

    public static int timeLength(int fsp) {
        return validFsp(fsp) ? TIME_BYTES[fsp] : -1;
    }

    public static int timestampLength(int fsp) {
        return validFsp(fsp) ? 4 + TIMESTAMP_FRACTION_BYTES[fsp] : -1;
    }

    public static Decoded datetime(byte[] b, int off, int fsp) {
        if (!validFsp(fsp)) {
            return Decoded.bad("MariaDB DATETIME(" + fsp + "): fractional precision must be 1..6");
        }
        int len = DATETIME_BYTES[fsp];
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        long micros = Bytes.readUnsigned(b, off, len) * POW10[6 - fsp];
        long fraction = micros % 1000000;
        long rest = micros / 1000000;
        int second = (int) (rest % 60);
        rest /= 60;
        int minute = (int) (rest % 60);
        rest /= 60;
        int hour = (int) (rest % 24);
        rest /= 24;
        int day = (int) (rest % 32);
        rest /= 32;
        int month = (int) (rest % 13);
        long year = rest / 13;
        if (year > 9999) {
            return Decoded.bad("MariaDB DATETIME year " + year + " out of range");
        }
        return TemporalCodec.datetimeText((int) year, month, day, hour, minute, second, fraction, fsp, "DATETIME");
    }

    public static Decoded time(byte[] b, int off, int fsp) {
        if (!validFsp(fsp)) {
            return Decoded.bad("MariaDB TIME(" + fsp + "): fractional precision must be 1..6");
        }
        int len = TIME_BYTES[fsp];
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        long zeroPoint = (TIME_MAX_VALUE_SECONDS + 1) * 1000000 / POW10[6 - fsp];
        long micros = (Bytes.readUnsigned(b, off, len) - zeroPoint) * POW10[6 - fsp];
        boolean negative = micros < 0;
        long magnitude = Math.abs(micros);
        long fraction = magnitude % 1000000;
        long seconds = magnitude / 1000000;
        // The packed form goes through day and month fields; for a TIME they only carry hours.
        long hour = seconds / 3600;
        if (hour > 838) {
            return Decoded.bad("MariaDB TIME hour " + hour + " out of range");
        }
        return TemporalCodec.timeText(negative, (int) hour, (int) (seconds / 60 % 60), (int) (seconds % 60), fraction,
                fsp);
    }

    public static Decoded timestamp(byte[] b, int off, int fsp) {
        if (!validFsp(fsp)) {
            return Decoded.bad("MariaDB TIMESTAMP(" + fsp + "): fractional precision must be 1..6");
        }
        int len = 4 + TIMESTAMP_FRACTION_BYTES[fsp];
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        long seconds = Bytes.readUnsigned(b, off, 4);
        long fraction = Bytes.readUnsigned(b, off + 4, TIMESTAMP_FRACTION_BYTES[fsp]) * POW10[6 - fsp];
        return TemporalCodec.timestampText(seconds, fraction, fsp);
    }
}
