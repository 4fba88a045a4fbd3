package dev.notionsync.core.export;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * Which redirects of a file download are followed. A signed file URL may redirect, but never away from the public
 * web: the target must be https (http only when the download URL itself was http), and its host must resolve only to
 * public addresses, so a redirect cannot make the export fetch (and store) a cloud metadata service, a router or an
 * admin page on the machine. A non-public target is allowed only on the download URL's own origin (a file host on
 * the local network, as in tests). The host is resolved and checked before any connection is made.
 */
final class Redirects {

    /** How many redirects one download follows. */
    static final int MAX = 5;

    /** Resolves a host name to its addresses, like {@link InetAddress#getAllByName(String)}. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * An allowed target.
     *
     * @param uri the absolute URL to fetch
     * @param address the checked address to connect to, so the host is not resolved again (to another address) on
     *        connecting; null for the download URL's own origin, which is connected to as usual
     */
    record Target(URI uri, InetAddress address) {
    }

    private final Resolver resolver;

    Redirects(Resolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Checks the target of a redirect; may block to resolve its host.
     *
     * @param original the download URL as Notion gave it
     * @param current the URL that answered with the redirect
     * @param location the {@code Location} header
     * @return the target to fetch
     * @throws Attachments.DownloadException naming the refused target and why
     */
    Target check(URI original, URI current, String location) {
        URI target;
        try {
            target = current.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw refused(HostedFiles.withoutQuery(location), "not a valid URL");
        }
        String shown = HostedFiles.withoutQuery(target.toString());
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        boolean plainAllowed = "http".equalsIgnoreCase(original.getScheme());
        if (!scheme.equals("https") && !(scheme.equals("http") && plainAllowed)) {
            throw refused(shown, plainAllowed ? "only http and https are followed" : "only https is followed");
        }
        String host = target.getHost();
        if (host == null || host.isEmpty()) {
            throw refused(shown, "it names no host");
        }
        if (target.getUserInfo() != null) {
            throw refused(shown, "it carries credentials");
        }
        if (sameOrigin(original, target)) {
            return new Target(target, null);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw refused(shown, "its host does not resolve");
        }
        for (InetAddress address : addresses) {
            String kind = nonPublic(address);
            if (kind != null) {
                throw refused(shown, "its host is " + kind + " (" + address.getHostAddress() + ")");
            }
        }
        if (addresses.length == 0) {
            throw refused(shown, "its host does not resolve");
        }
        return new Target(target, addresses[0]);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String nonPublic(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isSiteLocalAddress()) {
            return "a private address";
        }
        if (address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc) {
            return "a private address";
        }
        if (address.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4 && ((bytes[0] & 0xff) == 0 || (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64)) {
            // 0.0.0.0/8 reaches this machine on Linux; 100.64.0.0/10 is a carrier's private network
            return "a private address";
        }
        return null;
    }

    private static Attachments.DownloadException refused(String target, String why) {
        return new Attachments.DownloadException("refused the redirect to " + target + ": " + why);
    }
}
