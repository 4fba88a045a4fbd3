package dev.notionsync.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Deterministic file contents keyed by a content key: a real 32x32 PNG, a small PDF, text or audio-ish bytes. */
final class FileBytes {

    private FileBytes() {
    }

    static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (n.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        if (n.endsWith(".mp3")) {
            return "audio/mpeg";
        }
        return "application/octet-stream";
    }

    static byte[] of(Source.FileRef file) {
        long h = key(file.contentKey());
        String type = contentType(file.name());
        if (type.equals("image/png")) {
            return png(h);
        }
        if (type.equals("application/pdf")) {
            return pdf(h, file.contentKey());
        }
        if (type.startsWith("text/plain")) {
            return text(h, file.contentKey());
        }
        return noise(h, type.equals("audio/mpeg") ? "ID3" : "BIN");
    }

    private static long key(String contentKey) {
        long h = 0xcbf29ce484222325L;
        for (byte b : contentKey.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        return Hash.mix(h);
    }

    private static byte[] png(long h) {
        int size = 32;
        byte[] raw = new byte[size * (size * 3 + 1)];
        int p = 0;
        for (int y = 0; y < size; y++) {
            raw[p++] = 0;
            for (int x = 0; x < size * 3; x++) {
                raw[p++] = (byte) Hash.of(h, y, x);
            }
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] buffer = new byte[raw.length + 1024];
        int length = deflater.deflate(buffer);
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(size).putInt(size).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        byte[] data = new byte[length];
        System.arraycopy(buffer, 0, data, 0, length);
        chunk(out, "IDAT", data);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] pdf(long h, String contentKey) {
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 30; line++) {
            text.append("BT /F1 10 Tf 40 ").append(760 - line * 20).append(" Td (")
                    .append(Words.sentence(Hash.of(h, line), 8)).append(") Tj ET\n");
        }
        String body = "%PDF-1.4\n% fake file " + contentKey + "\n"
                + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
                + "4 0 obj << /Length " + text.length() + " >> stream\n" + text + "endstream endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n";
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] text(long h, String contentKey) {
        StringBuilder text = new StringBuilder("Fake file ").append(contentKey).append('\n');
        for (int line = 0; line < 40; line++) {
            text.append(Words.sentence(Hash.of(h, line), 9)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] noise(long h, String magic) {
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Hash.of(h, i);
        }
        byte[] head = magic.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }
}
