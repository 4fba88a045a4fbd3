package dev.notionsync.testkit;

/** Deterministic 64-bit mixing (SplitMix64): every generated value is derived from the seed through here. */
final class Hash {

    private Hash() {
    }

    static long mix(long z) {
        long x = z + 0x9e3779b97f4a7c15L;
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    static long of(long a, long b) {
        return mix(mix(a) ^ b);
    }

    static long of(long a, long b, long c) {
        return mix(of(a, b) ^ c);
    }

    static long of(long a, long b, long c, long d) {
        return mix(of(a, b, c) ^ d);
    }

    /** A value in {@code [0, n)} taken from the hash. */
    static int below(long hash, int n) {
        return (int) Long.remainderUnsigned(hash, n);
    }

    /** A hash of the seed folded to the 32 bits that prefix every id of a workspace. */
    static int seedHash(long seed) {
        long h = mix(seed ^ 0x6e6f74696f6eL);
        return (int) (h ^ (h >>> 32));
    }
}
