package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The S3 stand-in: issues signed, expiring URLs for hosted files and serves their bytes. A URL is valid for the
 * TTL after the moment its owning object was served; expired or tampered URLs answer 403 with an S3 XML body.
 */
final class FileHost {

    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Model model;
    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;
    private final FaultPlan faults;

    FileHost(Model model, byte[] key, Duration ttl, Clock clock, FaultPlan faults) {
        this.model = model;
        this.key = key.clone();
        this.ttl = ttl;
        this.clock = clock;
        this.faults = faults;
    }

    ObjectNode issue(String baseUrl, String fileId, String name) {
        Instant issued = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String date = AMZ_DATE.format(issued);
        long expires = ttl.getSeconds();
        String url = baseUrl + "/files/" + fileId + "/" + name + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Expires=" + expires + "&X-Amz-Date=" + date
                + "&X-Amz-Signature=" + sign(fileId, name, date, expires);
        return Json.obj().put("url", url).put("expiry_time", Json.iso(issued.plus(ttl)));
    }

    private String sign(String fileId, String name, String date, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((fileId + "/" + name + "\n" + date + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Serves {@code /files/{fileId}/{name}} with its query parameters. */
    Reply serve(String path, Map<String, List<String>> query) {
        String[] parts = path.substring("/files/".length()).split("/", 2);
        if (parts.length != 2) {
            return s3Error(404, "NoSuchKey", "The specified key does not exist.");
        }
        String fileId = parts[0];
        String name = URLDecoder.decode(parts[1].replace("+", "%2B"), StandardCharsets.UTF_8);
        String date = first(query, "X-Amz-Date");
        String expires = first(query, "X-Amz-Expires");
        String signature = first(query, "X-Amz-Signature");
        if (date == null || expires == null || signature == null) {
            return s3Error(403, "AccessDenied", "Query-string authentication requires the X-Amz-Date, X-Amz-Expires "
                    + "and X-Amz-Signature parameters");
        }
        Instant issued;
        long seconds;
        try {
            issued = Instant.from(AMZ_DATE.parse(date));
            seconds = Long.parseLong(expires);
        } catch (DateTimeParseException | NumberFormatException e) {
            return s3Error(403, "AccessDenied", "Access Denied");
        }
        if (!MessageDigest.isEqual(sign(fileId, name, date, seconds).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return s3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the "
                    + "signature you provided.");
        }
        Instant now = clock.instant();
        Instant revokedBefore = faults.expiredBefore();
        if (!now.isBefore(issued.plusSeconds(seconds)) || (revokedBefore != null && issued.isBefore(revokedBefore))
                || faults.takeDownloadExpiry()) {
            return s3Error(403, "AccessDenied", "Request has expired", "<X-Amz-Expires>" + seconds + "</X-Amz-Expires>"
                    + "<Expires>" + issued.plusSeconds(seconds) + "</Expires><ServerTime>" + now + "</ServerTime>");
        }
        Optional<Source.FileRef> file = model.file(fileId).filter(f -> f.name().equals(name));
        if (file.isEmpty()) {
            return s3Error(404, "NoSuchKey", "The specified key does not exist.");
        }
        byte[] uploaded = model.uploadedBytes.get(fileId);
        return Reply.bytes(200, FileBytes.contentType(name), uploaded != null ? uploaded : FileBytes.of(file.get()))
                .withHeader("ETag", "\"" + Integer.toHexString(file.get().contentKey().hashCode()) + "\"");
    }

    /** An S3 error answer of a host under strain, for {@link FaultPlan#failNextDownloads(int, int)}. */
    Reply failure(int status) {
        return status == 503 ? s3Error(503, "SlowDown", "Please reduce your request rate.")
                : s3Error(status, "InternalError", "We encountered an internal error. Please try again.");
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Reply s3Error(int status, String code, String message) {
        return s3Error(status, code, message, "");
    }

    private static Reply s3Error(int status, String code, String message, String extra) {
        return Reply.xml(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message>" + extra + "<RequestId>FAKE0000000000</RequestId>"
                + "<HostId>fake-notion-file-host</HostId></Error>");
    }
}
