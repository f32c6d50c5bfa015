package dev.salvage.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The allocation-free date arithmetic and formatting against java.time over the whole range they serve. */
class TemporalTextTest {

    @Test
    void civilFromDaysIsLocalDateOfEpochDay() {
        // Every day a TIMESTAMP can hold (and well beyond, both sides).
        for (long day = -800_000; day <= 3_000_000; day++) {
            LocalDate d = LocalDate.ofEpochDay(day);
            long packed = TemporalCodec.civilFromDays(day);
            if ((packed >> 9) != d.getYear() || ((packed >> 5) & 15) != d.getMonthValue()
                    || (packed & 31) != d.getDayOfMonth()) {
                assertThat(packed).as("day %d is %s", day, d).isEqualTo(-1);
            }
        }
    }

    @Test
    void timestampsPrintAsJavaTimeDoes() {
        for (long s = 1; s <= Integer.MAX_VALUE; s += 7_777_777L) {
            String expected = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC).toString().replace('T', ' ');
            if (expected.length() == 16) {
                expected += ":00"; // java.time leaves out zero seconds
            }
            assertThat(TemporalCodec.timestampText(s, 0, 0).text()).isEqualTo(expected);
            assertThat(TemporalCodec.timestampText(s, 120_000, 3).text()).isEqualTo(expected + ".120");
            assertThat(TemporalCodec.timestampText(s, 5, 6).text()).isEqualTo(expected + ".000005");
        }
    }

    @Test
    void datetimeTextKeepsItsChecksAndPadding() {
        assertThat(TemporalCodec.datetimeText(7, 1, 2, 3, 4, 5, 60, 5, "DATETIME").text())
                .isEqualTo("0007-01-02 03:04:05.00006");
        assertThat(TemporalCodec.datetimeText(0, 0, 0, 0, 0, 0, 0, 0, "TIMESTAMP").text())
                .isEqualTo("0000-00-00 00:00:00");
        assertThat(TemporalCodec.datetimeText(2020, 13, 1, 0, 0, 0, 0, 0, "DATETIME").reason())
                .isEqualTo("DATETIME 2020-13-1 out of range");
        assertThat(TemporalCodec.datetimeText(2020, 1, 1, 24, 0, 0, 0, 0, "DATETIME").reason())
                .isEqualTo("DATETIME time of day 24:0:0 out of range");
        assertThat(TemporalCodec.datetimeText(2020, 1, 1, 0, 0, 0, 123, 2, "DATETIME").reason())
                .isEqualTo("DATETIME fraction 123 finer than 2 digits");
        assertThat(TemporalCodec.datetimeText(2020, 1, 1, 0, 0, 0, 1_000_000, 6, "DATETIME").reason())
                .isEqualTo("DATETIME fraction 1000000 out of range");
    }
}
