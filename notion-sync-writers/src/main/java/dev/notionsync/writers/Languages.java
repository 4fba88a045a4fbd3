package dev.notionsync.writers;

import java.util.Locale;
import java.util.Map;

/** Maps Notion code-block languages to the info strings Markdown highlighters know. */
final class Languages {

    private static final Map<String, String> INFO = Map.ofEntries(
            Map.entry("plain text", "text"),
            Map.entry("c++", "cpp"),
            Map.entry("c#", "csharp"),
            Map.entry("f#", "fsharp"),
            Map.entry("java/c/c++/c#", "java"),
            Map.entry("objective-c", "objectivec"),
            Map.entry("vb.net", "vbnet"),
            Map.entry("visual basic", "vb"),
            Map.entry("webassembly", "wasm"),
            Map.entry("docker", "dockerfile"),
            Map.entry("shell", "sh"),
            Map.entry("markup", "html"),
            Map.entry("notion formula", "text"),
            Map.entry("flow", "javascript"));

    private Languages() {
    }

    /**
     * Returns the info string for a language: known aliases mapped, others lowercased with spaces as hyphens,
     * and {@code mermaid} (like most names) unchanged.
     *
     * @param language Notion's language name
     * @return the info string, possibly empty
     */
    static String infoString(String language) {
        String key = language.strip().toLowerCase(Locale.ROOT);
        String info = INFO.getOrDefault(key, key);
        // only what language names are made of: an info string is copied into the HTML of most renderers
        return plain(info) ? info : info.replaceAll("[^\\p{L}\\p{N}+#._-]+", "-");
    }

    /** Whether an info string is ASCII letters, digits and {@code +#._-} only, as nearly all are. */
    private static boolean plain(String info) {
        for (int i = 0; i < info.length(); i++) {
            char c = info.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '#'
                    || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
