package dev.notionsync.core;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way of getting no answer, as Netty and the JDK signal it, has its own message naming what to check: the
 * host, the port, or the timeout that ran out.
 */
class NoAnswerTests {

    private static final NotionClientOptions LOCAL = ScriptedTransport.options().mutate()
            .baseUrl("http://127.0.0.1:1")
            .connectTimeout(Duration.ofMillis(300))
            .responseTimeout(Duration.ofSeconds(70))
            .build();
    private static final NotionClientOptions REMOTE = ScriptedTransport.options().mutate()
            .baseUrl("https://no-such-host.invalid")
            .build();

    @Test
    void aRefusedConnectionNamesTheHostAndThePortNothingListensOn() {
        NotionException error = map(new ConnectException(
                "finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:1"), LOCAL);

        assertThat(error.kind()).isEqualTo(FailureKind.CONNECTION_FAILED);
        assertThat(error.getMessage()).isEqualTo("GET /v1/users/me failed: connection refused by 127.0.0.1:1: the "
                + "host is reachable, but nothing accepts connections on port 1");
    }

    @Test
    void anUnknownHostIsNamedAndNotRetried() {
        NotionException error = map(new UnknownHostException(
                "Failed to resolve 'no-such-host.invalid' [A(1), AAAA(28)] after 2 queries "), REMOTE);

        assertThat(error).isInstanceOf(NotionNonTransientException.class);
        assertThat(error.kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(error.getMessage())
                .isEqualTo("GET /v1/users/me failed: unknown host no-such-host.invalid: the name does not resolve");
    }

    @Test
    void aLookupThatDnsNeverAnsweredIsATimeoutNotAnUnknownHost() {
        UnknownHostException unknown = new UnknownHostException("Failed to resolve 'no-such-host.invalid'");
        unknown.initCause(new DnsNameResolverTimeoutException(new InetSocketAddress("127.0.0.1", 53),
                new DefaultDnsQuestion("no-such-host.invalid", DnsRecordType.A), "query timed out after 5000 ms"));

        NotionException error = map(unknown, REMOTE);

        assertThat(error.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(error.getMessage()).contains("looking up the host no-such-host.invalid got no answer from DNS");
    }

    @Test
    void aConnectTimeoutNamesTheConnectTimeout() {
        NotionException error = map(new ConnectTimeoutException("connection timed out after 300 ms: /127.0.0.1:1"),
                LOCAL);

        assertThat(error.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(error.getMessage()).isEqualTo(
                "GET /v1/users/me timed out: no connection to 127.0.0.1:1 within the connect timeout of 300ms");
    }

    @Test
    void aSilentServerIsAReadTimeout() {
        NotionException error = map(ReadTimeoutException.INSTANCE, LOCAL);

        assertThat(error.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(error.getMessage()).isEqualTo("GET /v1/users/me timed out: 127.0.0.1:1 accepted the connection "
                + "but sent no answer within the read timeout of 70s");
    }

    @Test
    void aRefusedCertificateIsAFailedHandshakeAndNotRetried() {
        NotionException error = map(new DecoderException(
                new SSLHandshakeException("PKIX path building failed")), REMOTE);

        assertThat(error).isInstanceOf(NotionNonTransientException.class);
        assertThat(error.kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(error.getMessage()).isEqualTo("GET /v1/users/me failed: no TLS session with "
                + "no-such-host.invalid:443 (PKIX path building failed)");
    }

    @Test
    void httpsToAPlainHttpPortIsAFailedHandshake() {
        NotionException error = map(new DecoderException(new NotSslRecordException("not an SSL/TLS record: "
                + "48545450".repeat(200))), REMOTE);

        assertThat(error.kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(error.getMessage()).isEqualTo("GET /v1/users/me failed: no TLS session with "
                + "no-such-host.invalid:443: it answered in plain HTTP (an https:// URL for an http:// server?)");
    }

    @Test
    void aHandshakeThatDoesNotFinishIsATimeout() {
        NotionException error = map(new SslHandshakeTimeoutException("handshake timed out after 10000ms"), REMOTE);

        assertThat(error.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(error.getMessage()).contains("the TLS handshake with no-such-host.invalid:443 did not finish");
    }

    private static NotionException map(Throwable error, NotionClientOptions options) {
        return ErrorMapper.fromThrowable(error, "GET /v1/users/me", options);
    }
}
