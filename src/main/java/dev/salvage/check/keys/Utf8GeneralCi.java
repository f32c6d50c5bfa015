package dev.salvage.check.keys;

/**
 * utf8mb4_general_ci and utf8mb3_general_ci (the same weights for the Basic Multilingual Plane): every
 * character weighs one 16-bit value, mostly its upper-case letter without accents ('a', 'A', 'á' weigh 'A';
 * 'ß' weighs 'S'); characters above U+FFFF all weigh U+FFFD, so two different emoji are equal. PAD SPACE:
 * after the shorter value ends, the rest of the longer one is compared with spaces.
 *
 * <p>The weights were read from the servers themselves ({@code WEIGHT_STRING} of every code point under
 * utf8mb4_general_ci; MariaDB 10.11, MySQL 5.7.22 and 8.0.15 agree, and utf8mb3_general_ci gives the same)
 * and are kept here as the code points whose weight is not the code point itself, in runs
 * {@code start:count:weight:step} (hex; step 1 when the weight rises with the code point, 0 when the whole run
 * shares one weight). Invalid UTF-8 makes the servers fall back to comparing bytes, as here.
 */
final class Utf8GeneralCi implements FieldOrder {

    static final Utf8GeneralCi INSTANCE = new Utf8GeneralCi();

    private static final String RUNS = ""
            + "61:1a:41:1 b5:1:39c:0 c0:6:41:0 c7:1:43:0 c8:4:45:0 cc:4:49:0 d1:2:4e:1 d3:4:4f:0 d9:4:55:0 dd:1:59:0 "
            + "df:1:53:0 e0:6:41:0 e6:1:c6:0 e7:1:43:0 e8:4:45:0 ec:4:49:0 f0:1:d0:0 f1:2:4e:1 f3:4:4f:0 f8:1:d8:0 "
            + "f9:4:55:0 fd:1:59:0 fe:1:de:0 ff:1:59:0 100:6:41:0 106:8:43:0 10e:2:44:0 111:1:110:0 112:a:45:0 "
            + "11c:8:47:0 124:2:48:0 127:1:126:0 128:a:49:0 133:1:132:0 134:2:4a:0 136:2:4b:0 139:6:4c:0 140:1:13f:0 "
            + "142:1:141:0 143:6:4e:0 14b:1:14a:0 14c:6:4f:0 153:1:152:0 154:6:52:0 15a:8:53:0 162:4:54:0 167:1:166:0 "
            + "168:c:55:0 174:2:57:0 176:3:59:0 179:6:5a:0 17f:1:53:0 183:1:182:0 185:1:184:0 188:1:187:0 18c:1:18b:0 "
            + "192:1:191:0 195:1:1f6:0 199:1:198:0 1a0:2:4f:0 1a3:1:1a2:0 1a5:1:1a4:0 1a8:1:1a7:0 1ad:1:1ac:0 "
            + "1af:2:55:0 1b4:1:1b3:0 1b6:1:1b5:0 1b9:1:1b8:0 1bd:1:1bc:0 1bf:1:1f7:0 1c5:2:1c4:0 1c8:2:1c7:0 "
            + "1cb:2:1ca:0 1cd:2:41:0 1cf:2:49:0 1d1:2:4f:0 1d3:a:55:0 1dd:1:18e:0 1de:4:41:0 1e2:2:c6:0 1e5:1:1e4:0 "
            + "1e6:2:47:0 1e8:2:4b:0 1ea:4:4f:0 1ee:2:1b7:0 1f0:1:4a:0 1f2:2:1f1:0 1f4:2:47:0 1f8:2:4e:0 1fa:2:41:0 "
            + "1fc:2:c6:0 1fe:2:d8:0 200:4:41:0 204:4:45:0 208:4:49:0 20c:4:4f:0 210:4:52:0 214:4:55:0 218:2:53:0 "
            + "21a:2:54:0 21d:1:21c:0 21e:2:48:0 223:1:222:0 225:1:224:0 226:2:41:0 228:2:45:0 22a:8:4f:0 232:2:59:0 "
            + "253:1:181:0 254:1:186:0 256:2:189:1 259:1:18f:0 25b:1:190:0 260:1:193:0 263:1:194:0 268:1:197:0 "
            + "269:1:196:0 26f:1:19c:0 272:1:19d:0 275:1:19f:0 280:1:1a6:0 283:1:1a9:0 288:1:1ae:0 28a:2:1b1:1 "
            + "292:1:1b7:0 345:1:399:0 386:1:391:0 388:1:395:0 389:1:397:0 38a:1:399:0 38c:1:39f:0 38e:1:3a5:0 "
            + "38f:1:3a9:0 390:1:399:0 3aa:1:399:0 3ab:1:3a5:0 3ac:1:391:0 3ad:1:395:0 3ae:1:397:0 3af:1:399:0 "
            + "3b0:1:3a5:0 3b1:11:391:1 3c2:2:3a3:0 3c4:6:3a4:1 3ca:1:399:0 3cb:1:3a5:0 3cc:1:39f:0 3cd:1:3a5:0 "
            + "3ce:1:3a9:0 3d0:1:392:0 3d1:1:398:0 3d3:2:3d2:0 3d5:1:3a6:0 3d6:1:3a0:0 3db:1:3da:0 3dd:1:3dc:0 "
            + "3df:1:3de:0 3e1:1:3e0:0 3e3:1:3e2:0 3e5:1:3e4:0 3e7:1:3e6:0 3e9:1:3e8:0 3eb:1:3ea:0 3ed:1:3ec:0 "
            + "3ef:1:3ee:0 3f0:1:39a:0 3f1:1:3a1:0 3f2:1:3a3:0 400:2:415:0 403:1:413:0 407:1:406:0 40c:1:41a:0 "
            + "40d:1:418:0 40e:1:423:0 430:20:410:1 450:2:415:0 452:1:402:0 453:1:413:0 454:3:404:1 457:1:406:0 "
            + "458:4:408:1 45c:1:41a:0 45d:1:418:0 45e:1:423:0 45f:1:40f:0 461:1:460:0 463:1:462:0 465:1:464:0 "
            + "467:1:466:0 469:1:468:0 46b:1:46a:0 46d:1:46c:0 46f:1:46e:0 471:1:470:0 473:1:472:0 475:3:474:0 "
            + "479:1:478:0 47b:1:47a:0 47d:1:47c:0 47f:1:47e:0 481:1:480:0 48d:1:48c:0 48f:1:48e:0 491:1:490:0 "
            + "493:1:492:0 495:1:494:0 497:1:496:0 499:1:498:0 49b:1:49a:0 49d:1:49c:0 49f:1:49e:0 4a1:1:4a0:0 "
            + "4a3:1:4a2:0 4a5:1:4a4:0 4a7:1:4a6:0 4a9:1:4a8:0 4ab:1:4aa:0 4ad:1:4ac:0 4af:1:4ae:0 4b1:1:4b0:0 "
            + "4b3:1:4b2:0 4b5:1:4b4:0 4b7:1:4b6:0 4b9:1:4b8:0 4bb:1:4ba:0 4bd:1:4bc:0 4bf:1:4be:0 4c1:2:416:0 "
            + "4c4:1:4c3:0 4c8:1:4c7:0 4cc:1:4cb:0 4d0:4:410:0 4d5:1:4d4:0 4d6:2:415:0 4d9:3:4d8:0 4dc:2:416:0 "
            + "4de:2:417:0 4e1:1:4e0:0 4e2:4:418:0 4e6:2:41e:0 4e9:3:4e8:0 4ec:2:42d:0 4ee:6:423:0 4f4:2:427:0 "
            + "4f8:2:42b:0 561:26:531:1 1e00:2:41:0 1e02:6:42:0 1e08:2:43:0 1e0a:a:44:0 1e14:a:45:0 1e1e:2:46:0 "
            + "1e20:2:47:0 1e22:a:48:0 1e2c:4:49:0 1e30:6:4b:0 1e36:8:4c:0 1e3e:6:4d:0 1e44:8:4e:0 1e4c:8:4f:0 "
            + "1e54:4:50:0 1e58:8:52:0 1e60:a:53:0 1e6a:8:54:0 1e72:a:55:0 1e7c:4:56:0 1e80:a:57:0 1e8a:4:58:0 "
            + "1e8e:2:59:0 1e90:6:5a:0 1e96:1:48:0 1e97:1:54:0 1e98:1:57:0 1e99:1:59:0 1e9b:1:53:0 1ea0:18:41:0 "
            + "1eb8:10:45:0 1ec8:4:49:0 1ecc:18:4f:0 1ee4:e:55:0 1ef2:8:59:0 1f00:10:391:0 1f10:6:395:0 1f18:6:395:0 "
            + "1f20:10:397:0 1f30:10:399:0 1f40:6:39f:0 1f48:6:39f:0 1f50:8:3a5:0 1f59:1:3a5:0 1f5b:1:3a5:0 "
            + "1f5d:1:3a5:0 1f5f:1:3a5:0 1f60:10:3a9:0 1f70:1:391:0 1f71:1:1fbb:0 1f72:1:395:0 1f73:1:1fc9:0 "
            + "1f74:1:397:0 1f75:1:1fcb:0 1f76:1:399:0 1f77:1:1fdb:0 1f78:1:39f:0 1f79:1:1ff9:0 1f7a:1:3a5:0 "
            + "1f7b:1:1feb:0 1f7c:1:3a9:0 1f7d:1:1ffb:0 1f80:10:391:0 1f90:10:397:0 1fa0:10:3a9:0 1fb0:5:391:0 "
            + "1fb6:5:391:0 1fbc:1:391:0 1fbe:1:399:0 1fc2:3:397:0 1fc6:2:397:0 1fc8:1:395:0 1fca:1:397:0 1fcc:1:397:0 "
            + "1fd0:3:399:0 1fd6:5:399:0 1fe0:3:3a5:0 1fe4:2:3a1:0 1fe6:5:3a5:0 1fec:1:3a1:0 1ff2:3:3a9:0 1ff6:2:3a9:0 "
            + "1ff8:1:39f:0 1ffa:1:3a9:0 1ffc:1:3a9:0 2170:10:2160:1 24d0:1a:24b6:1 ff41:1a:ff21:1 ";

    private static final char[] WEIGHTS = weights();

    private Utf8GeneralCi() {
    }

    private static char[] weights() {
        char[] w = new char[0x10000];
        for (int i = 0; i < w.length; i++) {
            w[i] = (char) i;
        }
        for (String run : RUNS.trim().split(" +")) {
            String[] p = run.split(":");
            int start = Integer.parseInt(p[0], 16);
            int count = Integer.parseInt(p[1], 16);
            int weight = Integer.parseInt(p[2], 16);
            int step = Integer.parseInt(p[3]);
            for (int i = 0; i < count; i++) {
                w[start + i] = (char) (weight + i * step);
            }
        }
        return w;
    }

    /** The weight of one code point (my_tosort_unicode). */
    static int weight(int codePoint) {
        return codePoint > 0xFFFF ? 0xFFFD : WEIGHTS[codePoint];
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            int ca = Utf8.decode(a, i);
            int cb = Utf8.decode(b, j);
            if (ca < 0 || cb < 0) {
                return java.util.Arrays.compareUnsigned(a, i, a.length, b, j, b.length);
            }
            int wa = weight(Utf8.codePoint(ca));
            int wb = weight(Utf8.codePoint(cb));
            if (wa != wb) {
                return wa < wb ? -1 : 1;
            }
            i += Utf8.length(ca);
            j += Utf8.length(cb);
        }
        // PAD SPACE: the rest of the longer value against spaces. Every weight below 0x20 belongs to a code point
        // below 0x20 and the other way round, so comparing bytes (MySQL) and weights (MariaDB) agree here.
        byte[] rest = i < a.length ? a : b;
        int k = i < a.length ? i : j;
        int sign = i < a.length ? 1 : -1;
        for (; k < rest.length; k++) {
            int d = (rest[k] & 0xFF) - 0x20;
            if (d != 0) {
                return d < 0 ? -sign : sign;
            }
        }
        return 0;
    }
}
