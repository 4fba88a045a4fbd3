package dev.notionsync.core.export;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which redirect targets a download follows; host names resolve through a table, so nothing leaves the test. */
class RedirectsTests {

    private static final URI S3 = URI.create("https://prod-files-secure.s3.us-west-2.amazonaws.com/a/b/report.pdf?X=1");
    private static final URI LOCAL = URI.create("http://127.0.0.1:8080/files/f1/report.pdf?X-Amz-Signature=ab");

    private final List<String> resolved = new ArrayList<>();
    private final Redirects redirects = new Redirects(host -> {
        resolved.add(host);
        return switch (host) {
            case "files.example.net" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
            case "rebound.example.net" -> new InetAddress[] {InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("10.1.2.3")};
            case "localhost" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            default -> {
                if (host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+]")) {
                    yield InetAddress.getAllByName(host);
                }
                throw new UnknownHostException(host);
            }
        };
    });

    @Test
    void anHttpsRedirectToAPublicHostIsFollowed() {
        Redirects.Target target = redirects.check(S3, S3, "https://files.example.net/x/report.pdf?sig=1");

        assertThat(target.uri()).hasToString("https://files.example.net/x/report.pdf?sig=1");
        assertThat(target.address().getHostAddress()).as("the checked address, connected to").isEqualTo("93.184.216.34");
        assertThat(redirects.check(S3, S3, "/other/report.pdf").uri()).hasHost(S3.getHost());
    }

    @Test
    void plainHttpIsFollowedOnlyWhenTheDownloadItselfWasHttp() {
        assertRefused(S3, "http://files.example.net/report.pdf", "only https is followed");
        assertThat(redirects.check(LOCAL, LOCAL, "http://files.example.net/report.pdf").uri()).hasScheme("http");
    }

    @Test
    void otherSchemesAreRefused() {
        assertRefused(S3, "file:///etc/passwd", "refused the redirect to file:///etc/passwd");
        assertRefused(LOCAL, "ftp://files.example.net/report.pdf", "only http and https are followed");
        assertRefused(S3, "javascript:alert(1)", "only https");
    }

    @Test
    void loopbackLinkLocalAndPrivateTargetsAreRefused() {
        assertRefused(S3, "https://169.254.169.254/latest/meta-data/", "a link-local address (169.254.169.254)");
        assertRefused(LOCAL, "http://169.254.169.254/latest/meta-data/iam", "link-local");
        assertRefused(S3, "https://127.0.0.1/admin", "a loopback address");
        assertRefused(S3, "https://localhost:9200/_admin", "a loopback address");
        assertRefused(S3, "https://10.0.0.8/x", "a private address");
        assertRefused(S3, "https://172.16.5.4/x", "a private address");
        assertRefused(S3, "https://192.168.1.1/x", "a private address");
        assertRefused(S3, "https://[fe80::1]/x", "a link-local address");
        assertRefused(S3, "https://[fd12:3456::1]/x", "a private address");
        assertRefused(S3, "https://[::ffff:169.254.169.254]/x", "a link-local address");
        assertRefused(S3, "https://0.0.0.0/x", "the unspecified address");
    }

    @Test
    void aHostNameIsRefusedWhenAnyOfItsAddressesIsPrivate() {
        assertRefused(S3, "https://rebound.example.net/x", "a private address (10.1.2.3)");
        assertThat(resolved).contains("rebound.example.net");
    }

    @Test
    void aLocalFileHostMayRedirectOnlyWithinItsOwnOrigin() {
        Redirects.Target sameOrigin = redirects.check(LOCAL, LOCAL, "/files/f1/moved.pdf");

        assertThat(sameOrigin.uri()).hasPort(8080).hasHost("127.0.0.1");
        assertThat(sameOrigin.address()).isNull();
        assertRefused(LOCAL, "http://127.0.0.1:9090/_admin/stats", "a loopback address");
        assertRefused(LOCAL, "http://localhost:8080/_admin/stats", "a loopback address");
    }

    @Test
    void credentialsAndUnresolvableHostsAreRefused() {
        assertRefused(S3, "https://user:pw@files.example.net/x", "credentials");
        assertRefused(S3, "https://nowhere.invalid/x", "does not resolve");
        assertRefused(S3, "https:///x", "names no host");
    }

    @Test
    void theRefusalNamesTheTargetWithoutItsSignature() {
        assertThatThrownBy(() -> redirects.check(S3, S3, "https://10.0.0.8/x?X-Amz-Signature=secret"))
                .hasMessageContaining("https://10.0.0.8/x").hasMessageNotContaining("secret");
    }

    private void assertRefused(URI original, String location, String why) {
        assertThatThrownBy(() -> redirects.check(original, original, location))
                .isInstanceOf(Attachments.DownloadException.class)
                .hasMessageContaining("refused the redirect to")
                .hasMessageContaining(why);
    }
}
