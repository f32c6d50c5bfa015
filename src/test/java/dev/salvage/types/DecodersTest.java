package dev.salvage.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Edge values and corrupt bytes, one decoder at a time; the real-server proof is TypesOnRealServersTest. */
class DecodersTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static String text(Decoded d) {
        assertThat(d.isBad()).as("bad value: %s", d.reason()).isFalse();
        return d.text();
    }

    @Test
    void integersFlipTheSignBitOnlyWhenSigned() {
        assertThat(text(IntegerCodec.decode(hex("80"), 0, 1, false))).isEqualTo("0");
        assertThat(text(IntegerCodec.decode(hex("7F"), 0, 1, false))).isEqualTo("-1");
        assertThat(text(IntegerCodec.decode(hex("7F"), 0, 1, true))).isEqualTo("127");
        assertThat(text(IntegerCodec.decode(hex("000000"), 0, 3, false))).isEqualTo("-8388608");
        assertThat(text(IntegerCodec.decode(hex("FFFFFFFFFFFFFFFF"), 0, 8, true))).isEqualTo("18446744073709551615");
        assertThat(text(IntegerCodec.decode(hex("0000000000000000"), 0, 8, false))).isEqualTo("-9223372036854775808");
        assertThat(IntegerCodec.decode(hex("0000000000"), 0, 5, false).reason()).contains("width 5");
    }

    @Test
    void decimalGroupsNineDigitsPerWordAndInvertsNegatives() {
        // DECIMAL(5,2): 3 integer digits in 2 bytes, 2 fraction digits in 1 byte.
        assertThat(DecimalCodec.storedLength(5, 2)).isEqualTo(3);
        assertThat(text(DecimalCodec.decode(hex("800132"), 0, 5, 2))).isEqualTo("1.50");
        assertThat(text(DecimalCodec.decode(hex("7FFECD"), 0, 5, 2))).isEqualTo("-1.50");
        assertThat(text(DecimalCodec.decode(hex("800000"), 0, 5, 2))).isEqualTo("0.00");
        // A stored negative zero (never written by the server) is still zero.
        assertThat(text(DecimalCodec.decode(hex("7FFFFF"), 0, 5, 2))).isEqualTo("0.00");
        // DECIMAL(10,0): one leading digit (1 byte) then a full word.
        assertThat(text(DecimalCodec.decode(hex("81 3B9AC9FF"), 0, 10, 0))).isEqualTo("1999999999");
        assertThat(DecimalCodec.storedLength(65, 30)).isEqualTo(30);
        assertThat(DecimalCodec.decode(hex("800164"), 0, 5, 2).reason()).contains("fraction group");
        assertThat(DecimalCodec.decode(hex("81 3B9ACA00"), 0, 10, 0).reason()).contains("integer word");
        assertThat(DecimalCodec.decode(hex("80"), 0, 5, 2).reason()).contains("need 3 bytes");
        assertThat(DecimalCodec.decode(hex("800000"), 0, 66, 2).isBad()).isTrue();
        assertThat(DecimalCodec.decode(hex("800000"), 0, 5, 6).isBad()).isTrue();
    }

    @Test
    void datesAndZeroDates() {
        assertThat(text(TemporalCodec.date(hex("8FC822"), 0))).isEqualTo("2020-01-02");
        assertThat(text(TemporalCodec.date(hex("800000"), 0))).isEqualTo("0000-00-00");
        assertThat(TemporalCodec.date(hex("8001A0"), 0).reason()).contains("out of range"); // month 13
        assertThat(TemporalCodec.date(hex("0FC822"), 0).reason()).contains("sign bit");
        assertThat(text(TemporalCodec.year(hex("00"), 0))).isEqualTo("0000");
        assertThat(text(TemporalCodec.year(hex("FF"), 0))).isEqualTo("2155");
    }

    @Test
    void datetime2WithFractions() {
        assertThat(text(TemporalCodec.datetime2(hex("8000000000"), 0, 0))).isEqualTo("0000-00-00 00:00:00");
        // 2020-06-15 13:45:30: ym = 2020*13+6, ymd = ym<<5 | 15, hms = 13<<12 | 45<<6 | 30.
        long intpart = ((((2020L * 13 + 6) << 5) | 15) << 17) | (13 << 12) | (45 << 6) | 30;
        String five = String.format("%010X", intpart + 0x8000000000L);
        assertThat(text(TemporalCodec.datetime2(hex(five), 0, 0))).isEqualTo("2020-06-15 13:45:30");
        assertThat(text(TemporalCodec.datetime2(hex(five + "0A"), 0, 1))).isEqualTo("2020-06-15 13:45:30.1");
        assertThat(text(TemporalCodec.datetime2(hex(five + "04D2"), 0, 4))).isEqualTo("2020-06-15 13:45:30.1234");
        assertThat(text(TemporalCodec.datetime2(hex(five + "01E240"), 0, 6))).isEqualTo("2020-06-15 13:45:30.123456");
        // fsp 3 stores hundreds of microseconds; 1235 (123.5 ms) has a 4th digit a DATETIME(3) cannot hold.
        assertThat(TemporalCodec.datetime2(hex(five + "04D3"), 0, 3).reason()).contains("finer than 3");
        assertThat(TemporalCodec.datetime2(hex(five + "64"), 0, 2).reason()).contains("fraction"); // 100 hundredths
        assertThat(TemporalCodec.datetime2(hex("7FFFFFFFFF"), 0, 0).reason()).contains("negative");
        long badMinute = intpart - (45 << 6) + (60 << 6);
        assertThat(TemporalCodec.datetime2(hex(String.format("%010X", badMinute + 0x8000000000L)), 0, 0).isBad()).isTrue();
        assertThat(TemporalCodec.datetime2(hex(five), 0, 7).reason()).contains("precision 7");
    }

    @Test
    void time2NegativeAndFractional() {
        assertThat(text(TemporalCodec.time2(hex("800000"), 0, 0))).isEqualTo("00:00:00");
        // -01:02:03 as written by MariaDB 10.11 (seen in a .ibd).
        assertThat(text(TemporalCodec.time2(hex("7FEF7D"), 0, 0))).isEqualTo("-01:02:03");
        // -00:00:00.5 at fsp 2: intpart -1 and fraction 0x100 - 50 (the stored complement).
        assertThat(text(TemporalCodec.time2(hex("7FFFFF CE"), 0, 2))).isEqualTo("-00:00:00.50");
        // 838:59:59 is the maximum; hour 839 is not a TIME.
        long max = (838L << 12) | (59 << 6) | 59;
        assertThat(text(TemporalCodec.time2(hex(String.format("%06X", max + 0x800000)), 0, 0))).isEqualTo("838:59:59");
        assertThat(TemporalCodec.time2(hex(String.format("%06X", max + (1 << 12) + 0x800000)), 0, 0).isBad()).isTrue();
        assertThat(text(TemporalCodec.time2(hex("800000 000001"), 0, 6))).isEqualTo("00:00:00.000001");
    }

    @Test
    void timestampsAreUtcSeconds() {
        assertThat(text(TemporalCodec.timestamp2(hex("00000000"), 0, 0))).isEqualTo("0000-00-00 00:00:00");
        assertThat(text(TemporalCodec.timestamp2(hex("7FFFFFFF 2706"), 0, 3))).isEqualTo("2038-01-19 03:14:07.999");
        assertThat(TemporalCodec.timestamp2(hex("80000000"), 0, 0).reason()).contains("beyond 2038");
        assertThat(text(TemporalCodec.timestampOld(hex("3B9ACA00"), 0))).isEqualTo("2001-09-09 01:46:40");
    }

    @Test
    void oldTemporalIntegers() {
        // 2020-06-15 13:45:30 as the integer 20200615134530, sign bit flipped.
        String dt = String.format("%016X", 20200615134530L ^ 0x8000000000000000L);
        assertThat(text(TemporalCodec.datetimeOld(hex(dt), 0))).isEqualTo("2020-06-15 13:45:30");
        assertThat(text(TemporalCodec.timeOld(hex(String.format("%06X", (-8385959 & 0xFFFFFF) ^ 0x800000)), 0)))
                .isEqualTo("-838:59:59");
        String badDt = String.format("%016X", 20201315134530L ^ 0x8000000000000000L);
        assertThat(TemporalCodec.datetimeOld(hex(badDt), 0).isBad()).isTrue();
    }

    @Test
    void floatsPrintLikeMyGcvt() {
        assertThat(FloatCodec.gcvt(1e15, 17)).isEqualTo("1e15");
        assertThat(FloatCodec.gcvt(123456789012345.0, 17)).isEqualTo("123456789012345");
        assertThat(FloatCodec.gcvt(1234567890123456.0, 17)).isEqualTo("1.234567890123456e15");
        assertThat(FloatCodec.gcvt(1e-5, 17)).isEqualTo("0.00001");
        // decimal exponent -14 is the last printed plainly (MariaDB 10.11: 1e-15 -> 0.000000000000001, 1e-16 -> 1e-16)
        assertThat(FloatCodec.gcvt(1e-15, 17)).isEqualTo("0.000000000000001");
        assertThat(FloatCodec.gcvt(1e-16, 17)).isEqualTo("1e-16");
        assertThat(FloatCodec.gcvt(0.1 + 0.2, 17)).isEqualTo("0.30000000000000004");
        assertThat(FloatCodec.gcvt((double) 123456789f, 6)).isEqualTo("123457000");
        assertThat(FloatCodec.gcvt((double) 3.14f, 6)).isEqualTo("3.14");
        assertThat(FloatCodec.gcvt(-0.0, 17)).isEqualTo("-0");
        // Little-endian IEEE: 1.5 = 0x3FF8000000000000.
        assertThat(text(FloatCodec.decodeDouble(hex("000000000000F83F"), 0))).isEqualTo("1.5");
        assertThat(text(FloatCodec.decodeDouble(hex("000000000000F83F"), 0, 3))).isEqualTo("1.500");
        assertThat(FloatCodec.decodeFloat(hex("0000C07F"), 0).reason()).contains("NaN");
    }

    @Test
    void charsetsDecodeAsTheServerDoes() {
        MysqlCharset latin1 = MysqlCharset.forName("latin1").orElseThrow();
        assertThat(text(StringCodec.decode(hex("80818D8F909D"), 0, 6, latin1)))
                .isEqualTo("\u20ac\u0081\u008d\u008f\u0090\u009d");
        assertThat(text(StringCodec.decode(hex("5B5D"), 0, 2, "swe7"))).isEqualTo("\u00c4\u00c5");
        assertThat(text(StringCodec.decode(hex("C3A9"), 0, 2, "utf8mb4_0900_ai_ci"))).isEqualTo("\u00e9");
        assertThat(text(StringCodec.decode(hex("F09F9880"), 0, 4, "utf8mb4"))).isEqualTo("\uD83D\uDE00");
        assertThat(StringCodec.decode(hex("F09F9880"), 0, 4, "utf8").reason()).contains("utf8mb3");
        assertThat(StringCodec.decode(hex("C328"), 0, 2, "utf8mb4").reason()).contains("not valid utf8mb4");
        assertThat(StringCodec.decode(hex("41"), 0, 1, "klingon").reason()).contains("unknown character set");
        assertThat(text(StringCodec.decodeChar(hex("6162202020"), 0, 5, latin1))).isEqualTo("ab");
        assertThat(text(StringCodec.decodeChar(hex("0061002000200020"), 0, 8,
                MysqlCharset.forName("ucs2").orElseThrow()))).isEqualTo("a");
        Decoded binary = StringCodec.decodeChar(hex("6100"), 0, 2, MysqlCharset.forName("binary").orElseThrow());
        assertThat(binary.isBinary()).isTrue();
        assertThat(binary.hex()).isEqualTo("6100");
        assertThat(MysqlCharset.all()).hasSize(41);
        assertThat(MysqlCharset.forName("UTF8")).map(MysqlCharset::name).hasValue("utf8mb3");
    }

    @Test
    void enumSetAndBitRejectValuesWithoutLabelsOrBits() {
        List<String> abc = List.of("a", "b", "c");
        assertThat(text(EnumSetCodec.decodeEnum(hex("02"), 0, abc))).isEqualTo("b");
        assertThat(text(EnumSetCodec.decodeEnum(hex("00"), 0, abc))).isEmpty();
        assertThat(EnumSetCodec.decodeEnum(hex("04"), 0, abc).reason()).contains("index 4");
        assertThat(text(EnumSetCodec.decodeSet(hex("05"), 0, abc))).isEqualTo("a,c");
        assertThat(EnumSetCodec.decodeSet(hex("08"), 0, abc).isBad()).isTrue();
        assertThat(EnumSetCodec.setLength(33)).isEqualTo(8);
        assertThat(EnumSetCodec.enumLength(256)).isEqualTo(2);
        Decoded bit = BitCodec.decode(hex("03FF"), 0, 10);
        assertThat(text(bit)).isEqualTo("1023");
        assertThat(bit.hex()).isEqualTo("03FF");
        assertThat(BitCodec.decode(hex("07FF"), 0, 10).reason()).contains("bits above 10");
    }

    @Test
    void geometryHeaderIsChecked() {
        String point = "00000000 01 01000000 000000000000F03F 0000000000000040";
        assertThat(GeometryCodec.decode(hex(point), 0, 25).hex()).isEqualTo(point.replace(" ", ""));
        assertThat(GeometryCodec.decode(hex("00000000 02 01000000"), 0, 9).reason()).contains("byte order");
        assertThat(GeometryCodec.decode(hex("00000000 01 09000000"), 0, 9).reason()).contains("type 9");
    }

    /** Corrupt input is ordinary input: random bytes, offsets and lengths never make a decoder throw. */
    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        MysqlCharset[] charsets = MysqlCharset.all().values().toArray(new MysqlCharset[0]);
        List<String> labels = List.of("x", "y");
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            int off = random.nextInt(50) - 5;
            int len = random.nextInt(50) - 5;
            int fsp = random.nextInt(9) - 1;
            List<Decoded> all = List.of(
                    IntegerCodec.decode(b, off, len, random.nextBoolean()),
                    DecimalCodec.decode(b, off, random.nextInt(70), random.nextInt(35)),
                    TemporalCodec.date(b, off), TemporalCodec.year(b, off),
                    TemporalCodec.datetime2(b, off, fsp), TemporalCodec.time2(b, off, fsp),
                    TemporalCodec.timestamp2(b, off, fsp), TemporalCodec.datetimeOld(b, off),
                    TemporalCodec.timeOld(b, off), TemporalCodec.timestampOld(b, off),
                    FloatCodec.decodeFloat(b, off), FloatCodec.decodeDouble(b, off, random.nextInt(40) - 5),
                    BitCodec.decode(b, off, random.nextInt(70)),
                    EnumSetCodec.decodeEnum(b, off, labels), EnumSetCodec.decodeSet(b, off, labels),
                    StringCodec.decode(b, off, len, charsets[random.nextInt(charsets.length)]),
                    StringCodec.decodeChar(b, off, len, charsets[random.nextInt(charsets.length)]),
                    GeometryCodec.decode(b, off, len));
            for (Decoded d : all) {
                assertThat(d.isBad() ? d.reason() : d.isBinary() ? d.hex() : d.text()).isNotNull();
            }
        }
    }
}
