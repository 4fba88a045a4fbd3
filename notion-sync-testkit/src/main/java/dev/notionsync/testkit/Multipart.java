package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes a {@code multipart/form-data} body into the JSON the upload route reads: text parts as fields, the
 * {@code file} part as {@code {filename, content_type, data}} with the bytes in Base64.
 */
final class Multipart {

    private Multipart() {
    }

    static ObjectNode decode(byte[] body, String contentType) {
        int at = contentType.indexOf("boundary=");
        if (at < 0) {
            throw ApiError.validation("Content-Type multipart/form-data needs a boundary.");
        }
        String boundary = contentType.substring(at + "boundary=".length()).replace("\"", "").split(";")[0].trim();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        ObjectNode out = Json.obj();
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int headersStart = start + delimiter.length;
            if (headersStart + 1 < body.length && body[headersStart] == '-' && body[headersStart + 1] == '-') {
                break;
            }
            headersStart += 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int next = indexOf(body, delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                throw ApiError.validation("The multipart body is malformed.");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int dataStart = headersEnd + 4;
            int dataEnd = next - 2;
            byte[] data = java.util.Arrays.copyOfRange(body, dataStart, Math.max(dataStart, dataEnd));
            String name = attribute(headers, "name");
            String filename = attribute(headers, "filename");
            if (filename != null) {
                ObjectNode file = out.putObject(name);
                file.put("filename", filename);
                file.put("content_type", header(headers, "content-type"));
                file.put("data", Base64.getEncoder().encodeToString(data));
            } else if (name != null) {
                out.put(name, new String(data, StandardCharsets.UTF_8));
            }
            start = next;
        }
        return out;
    }

    private static String attribute(String headers, String name) {
        String key = name + "=\"";
        int at = headers.indexOf("; " + key);
        if (at < 0) {
            return null;
        }
        int from = at + 2 + key.length();
        return headers.substring(from, headers.indexOf('"', from));
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "application/octet-stream";
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
