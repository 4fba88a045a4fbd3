package dev.notionsync.core.export;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The one naming policy of an export: every exported object gets one base name (without extension) that all
 * formats use, so a link written by any writer resolves to the file another writer produced.
 *
 * <p>Names come from titles and are:
 * <ul>
 *   <li>stable: once settled, a name stays with its object (across reruns, when the export state restores it),
 *       whatever happens to other titles;</li>
 *   <li>unique within the export folder, compared case-insensitively (macOS and Windows fold case); a clash gets
 *       the first 8 hex digits of the id appended (all 32 when those clash too). During the crawl the first object
 *       to claim a name gets it; once the crawl is done, {@link #settle()} gives the names of this run again in an
 *       order that does not depend on the crawl: among the objects with files that claimed a name, the oldest
 *       ({@code created_time}, then id) keeps it plain;</li>
 *   <li>safe on Linux, macOS and Windows: no path separators or reserved characters, no control characters and no
 *       bidirectional controls (which would make {@code txt.exe} look like {@code exe.txt}; both are removed), no
 *       leading dots, underscores or spaces, no trailing dots or spaces, no reserved device names ({@code CON},
 *       {@code NUL}, {@code COM1}, ...), Unicode NFC, and at most {@value #MAX_NAME_BYTES} UTF-8 bytes, which leaves
 *       room for a suffix and an extension under the 255-byte limit of a path component;</li>
 *   <li>never one of the {@link #RESERVED_NAMES names of the export's own files} ({@code index}, {@code users},
 *       ...), compared case-insensitively, so no page can overwrite {@code json/index.json} or
 *       {@code html/index.html}: such a title gets a {@code _} appended, as a device name does.</li>
 * </ul>
 * A title such as {@code ../../etc/passwd} therefore can never name a file outside the output folder.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class FileNames {

    /** The longest base name in UTF-8 bytes, before a collision suffix and an extension are added. */
    public static final int MAX_NAME_BYTES = 180;

    /**
     * The base names of the files and folders the export writes for itself, in lowercase: the indexes
     * ({@code json/index.json}, {@code html/index.html}), the user list ({@code json/users.json}), the report
     * ({@code export-report.json}), the HTML site's {@code assets/} folder, style sheet and search index, and the
     * {@code files/} folder of attachments. No object is ever given one of them, whatever the case of its title;
     * names starting with {@code _} or {@code .} are kept for the tool as well. A writer that adds a file of its
     * own takes its name from this list.
     */
    public static final Set<String> RESERVED_NAMES = Set.of("index", "users", "export-report", "assets", "files",
            "style", "search", "search-index");

    // removed, not replaced: C0 controls (NUL among them) and DEL, and the bidirectional controls, which reorder
    // what a file manager shows (U+202E before "txt.exe" shows the name as ending in "exe.txt")
    private static final Pattern INVISIBLE = Pattern.compile(
            "[\\x00-\\x1f\\x7f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]");
    private static final Pattern FORBIDDEN = Pattern.compile("[\\p{Cntrl}<>:\"/\\\\|?*\\u2028\\u2029\\uFEFF]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern RESERVED = Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\\$|CONOUT\\$)");

    /** Names given and titles recorded other than by {@link #restore}: see {@link #changes()}. */
    private final java.util.concurrent.atomic.LongAdder changes = new java.util.concurrent.atomic.LongAdder();
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    /**
     * The names given in this run (restored ones are never settled), by folded base name: the ids that claimed each
     * base. Settled after the crawl ({@link #settle()}), so who gets the plain name does not depend on the order.
     * A base claimed once (most are) holds the id itself, not a list: one entry per object of the run.
     */
    private final Map<String, Object> claims = new HashMap<>();
    /** The base (title part) each id of {@link #claims} claimed. */
    private final Map<String, String> claimedBase = new HashMap<>();
    /** Blocks some exported link points at (with a {@code #<block id>} anchor). */
    private final IdSet anchored;
    /**
     * For objects handed to the writers with a name of this run: their {@code created_time} in epoch millis, by the
     * number of their id (see {@link #withFiles}).
     */
    private long[] created = new long[0];
    /** The objects {@link #created} holds a time for. */
    private final IdSet withFiles;

    /** Objects whose files exist or are being written, in this run or an earlier one; null when not tracked. */
    private final IdSet exported;
    private final boolean namesReferences;
    /** The numbers of the ids this export meets, shared by the run's sets of ids. */
    private final IdTable ids = new IdTable();

    private FileNames(boolean namesReferences, boolean tracksExports) {
        this.namesReferences = namesReferences;
        this.exported = tracksExports ? new IdSet(ids) : null;
        this.anchored = new IdSet(ids);
        this.withFiles = new IdSet(ids);
    }

    /** The numbers of the ids of this export, for the run's other sets of ids. */
    IdTable ids() {
        return ids;
    }

    /**
     * Returns an empty naming table.
     *
     * @return the names
     */
    public static FileNames create() {
        return new FileNames(true, false);
    }

    /**
     * Returns an empty naming table that also knows which objects are exported: a link resolves to a local file
     * ({@link #linkName}) only once its object is {@link #exported exported} in this run or was in an earlier one, so
     * no local link ever points at a file that does not exist. The export engine uses it.
     *
     * @param subtreesOnly whether the export leaves out the objects it only refers to ({@link #forSubtrees()})
     * @return the names
     */
    public static FileNames forExport(boolean subtreesOnly) {
        return new FileNames(!subtreesOnly, true);
    }

    /**
     * Returns an empty naming table for an export of subtrees that leaves out the objects it only refers to: a
     * mention or link does not name its target, so writers link to Notion unless the target is exported.
     *
     * @return the names
     */
    public static FileNames forSubtrees() {
        return new FileNames(false, false);
    }

    /**
     * Records that an object's files exist or are being written (it is handed to the writers in this run, or an
     * earlier run exported it), naming it from its title if it has no name yet. From then on links to it are local.
     *
     * @param id the object id
     * @param title its title, used only when it has no name yet
     */
    public void exported(String id, String title) {
        assignHint(id, title);
        if (exported != null) {
            exported.add(id);
        }
    }

    /**
     * Returns whether links to an object may be local: it is {@link #exported exported} when this table tracks
     * exports, else it merely has a name.
     *
     * @param id the object id (with or without dashes)
     * @return whether its files exist or are being written
     */
    public boolean linkable(String id) {
        String key = normalizeId(id);
        return (exported == null || exported.contains(key)) && byId.containsKey(key);
    }

    /**
     * Returns the name of an object for a link: present only when the object is {@link #linkable linkable}, so a
     * writer that gets none links to Notion instead of to a missing file.
     *
     * @param id the object id (with or without dashes)
     * @return the base name
     */
    public Optional<String> linkName(String id) {
        return linkable(id) ? name(id) : Optional.empty();
    }

    /**
     * Returns whether this table knows which objects are exported ({@link #forExport}); then no name is ever given
     * from a reference's text alone.
     *
     * @return whether exports are tracked
     */
    public boolean tracksExports() {
        return exported != null;
    }

    /**
     * Returns whether an object met only in a reference (a mention, a link) may be named from the reference's text,
     * as the crawl exports it too. False for an export of subtrees, which leaves such objects out.
     *
     * @return whether references name their targets
     */
    public boolean namesReferences() {
        return namesReferences;
    }

    /**
     * Returns the name of an object, giving it one from its title if it has none yet. A later call with another
     * title returns the same name and only updates the recorded title.
     *
     * @param id the object id
     * @param title the best title known for it; blank gives {@code Untitled}
     * @return the base name, without extension
     */
    public String assign(String id, String title) {
        return assign(id, title, true);
    }

    private String assign(String id, String title, boolean confirmed) {
        Objects.requireNonNull(id, "id");
        String key = normalizeId(id);
        Entry existing = byId.get(key);
        if (existing != null) {
            if (confirmed && title != null && !title.isBlank()
                    && (!title.equals(existing.title()) || !existing.confirmed())) {
                byId.put(key, new Entry(existing.name(), title, true));
                if (!existing.title().isEmpty() && !title.equals(existing.title())) {
                    changes.increment();
                }
            } else if (title != null && !title.isBlank() && existing.title().isEmpty()) {
                // a name restored from an earlier run's files learns its title from the first hint (the same one as in
                // the earlier run, unless what holds the hint changed)
                byId.put(key, new Entry(existing.name(), title, existing.confirmed()));
            }
            return existing.name();
        }
        synchronized (this) {
            existing = byId.get(key);
            if (existing != null) {
                return existing.name();
            }
            String base = sanitize(title == null ? "" : title);
            claims.merge(fold(base), key, FileNames::bothClaims);
            claimedBase.put(key, base);
            String name = take(base, key);
            byId.put(key, new Entry(name, title == null ? "" : title, confirmed));
            changes.increment();
            return name;
        }
    }

    /**
     * How many names were given and titles changed since the table was made, other than by {@link #restore}: none
     * means every name and title is the one the earlier run left.
     */
    long changes() {
        return changes.sum();
    }

    /**
     * Like {@link #assign(String, String)}, but the title is only a hint (the text of a mention, the title on a
     * child-page block): it names an object that has no name yet, and never replaces a title already recorded, so
     * the recorded title does not depend on which reference was met last.
     *
     * @param id the object id
     * @param title the title as the reference shows it
     * @return the base name, without extension
     */
    public String assignHint(String id, String title) {
        return assign(id, title, false);
    }

    /**
     * Records a name given in an earlier run, so it stays the same. Names restored this way win over new ones. A name
     * the policy no longer allows (one an older version gave, such as {@code index}) is not restored: the object
     * gets a new name from its title.
     *
     * @param id the object id
     * @param name the base name
     * @param title the title
     */
    public synchronized void restore(String id, String name, String title) {
        if (!acceptable(name)) {
            return;
        }
        String key = normalizeId(id);
        byId.put(key, new Entry(name, title == null ? "" : title, true));
        taken.add(fold(name));
    }

    /**
     * Records the name an earlier run's files show for an object whose title is not known yet (one without a
     * checkpoint of its own): the name stays, the title comes when the object is assigned again.
     */
    synchronized void restoreFromFile(String id, String name) {
        String key = normalizeId(id);
        if (acceptable(name) && !byId.containsKey(key)) {
            byId.put(key, new Entry(name, "", false));
            taken.add(fold(name));
        }
    }

    /**
     * Returns whether some exported link (in this run or an earlier one) points at a block: Markdown gives such a
     * block an anchor of its own ({@code <a id="<32 hex>"></a>}); HTML gives every block one anyway.
     *
     * @param blockId the block id (with or without dashes)
     * @return whether a link targets it
     * @since 0.10
     */
    public boolean isLinkTarget(String blockId) {
        return anchored.contains(blockId);
    }

    /** Records that a link points at a block; {@code false} when one was known already. */
    boolean linkTarget(String blockId) {
        return anchored.add(blockId);
    }

    /**
     * Notes that an object named in this run has files: it takes part in {@link #settle()}, ordered by its
     * {@code created_time} (then its id).
     *
     * @param id the object id
     * @param createdTime its creation time in epoch millis, {@link Long#MAX_VALUE} when unknown
     */
    synchronized void hasFiles(String id, long createdTime) {
        if (withFiles.add(id)) {
            int number = ids.number(id);
            if (number >= created.length) {
                created = Arrays.copyOf(created, Math.max(number + 1, created.length * 2 + 64));
            }
            created[number] = createdTime;
        }
    }

    private long created(String id) {
        return created[ids.find(id)];
    }

    /** Adds a claim to a base claimed before: an id becomes a list of two. */
    @SuppressWarnings("unchecked")
    private static Object bothClaims(Object before, Object added) {
        List<String> ids;
        if (before instanceof String single) {
            ids = new ArrayList<>(2);
            ids.add(single);
        } else {
            ids = (List<String>) before;
        }
        ids.add((String) added);
        return ids;
    }

    /**
     * Settles the names given in this run, once every object of the run has been named: among the objects with files
     * that claimed one base name, the oldest ({@code created_time}, then id) gets the plain name and each other one
     * the name with the first 8 hex digits of its id appended (all 32 when those are taken too). Objects without files
     * that claimed the same base take what is left, by id. Names restored from an earlier run never change, and
     * keep their base: a new object with that title gets a suffix. So which object has which name depends only on
     * the set of objects, never on the order they were found in.
     *
     * @return the objects with files whose name changed, with their name before
     */
    synchronized Map<String, String> settle() {
        Map<String, String> renamed = new LinkedHashMap<>();
        List<String> bases = new ArrayList<>(claims.keySet());
        bases.sort(null);
        for (String folded : bases) {
            if (!(claims.get(folded) instanceof List<?> claimed)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) claimed;
            List<String> members = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (String id : ids) {
                (withFiles.contains(id) ? members : others).add(id);
            }
            if (members.isEmpty()) {
                continue;
            }
            members.sort(Comparator.comparingLong(this::created).thenComparing(id -> id));
            others.sort(null);
            Map<String, String> before = new HashMap<>();
            for (String id : ids) {
                String old = byId.get(id).name();
                before.put(id, old);
                taken.remove(fold(old));
            }
            List<String> order = new ArrayList<>(members);
            order.addAll(others);
            for (String id : order) {
                String name = take(claimedBase.get(id), id);
                Entry entry = byId.get(id);
                byId.put(id, new Entry(name, entry.title(), entry.confirmed()));
                if (!name.equals(before.get(id)) && withFiles.contains(id)) {
                    renamed.put(id, before.get(id));
                }
            }
        }
        claims.clear();
        claimedBase.clear();
        withFiles.clear();
        created = new long[0];
        return renamed;
    }

    /** Takes the first free name of base, base with the id's first 8 hex digits, base with the whole id. */
    private String take(String base, String key) {
        String name = base;
        if (!taken.add(fold(name))) {
            name = base + " " + key.substring(0, Math.min(8, key.length()));
            if (!taken.add(fold(name))) {
                name = base + " " + key;
                taken.add(fold(name));
            }
        }
        return name;
    }

    /**
     * Returns whether an object's name was given in this run and not settled yet, so it may still change.
     *
     * @param id the object id
     * @return whether its name is not final
     */
    synchronized boolean unsettled(String id) {
        return claimedBase.containsKey(normalizeId(id));
    }

    /**
     * Returns whether some object holds a name (compared as the file system does, case-insensitively).
     *
     * @param name a base name
     * @return whether it is given
     */
    boolean taken(String name) {
        return taken.contains(fold(name));
    }

    /**
     * Returns the name of an object, if it has one.
     *
     * @param id the object id (with or without dashes)
     * @return the base name
     */
    public Optional<String> name(String id) {
        Entry entry = byId.get(normalizeId(id));
        return entry == null ? Optional.empty() : Optional.of(entry.name());
    }

    /**
     * Returns the last title recorded for an object.
     *
     * @param id the object id (with or without dashes)
     * @return the title
     */
    public Optional<String> title(String id) {
        Entry entry = byId.get(normalizeId(id));
        return entry == null ? Optional.empty() : Optional.of(entry.title());
    }

    /**
     * Returns the title of an object as the object itself gave it when it was fetched (in this run or an earlier
     * one), not as a mention or a listing showed it. Writers that print other objects' titles use it to wait until
     * a title is final, so the output does not depend on the order of the crawl.
     *
     * @param id the object id (with or without dashes)
     * @return the confirmed title
     */
    public Optional<String> confirmedTitle(String id) {
        Entry entry = byId.get(normalizeId(id));
        return entry == null || !entry.confirmed() ? Optional.empty() : Optional.of(entry.title());
    }

    /**
     * Returns how many objects have names.
     *
     * @return the count
     */
    public int size() {
        return byId.size();
    }

    /**
     * Turns any title into a safe file name under the policy of this class (without uniqueness).
     *
     * @param title the title
     * @return the safe name, never empty
     */
    public static String sanitize(String title) {
        String name = Normalizer.normalize(title, Normalizer.Form.NFC);
        // line breaks and tabs separate words: they become spaces before the other controls go
        name = SPACES.matcher(name).replaceAll(" ");
        name = INVISIBLE.matcher(name).replaceAll("");
        name = FORBIDDEN.matcher(name).replaceAll("_");
        name = SPACES.matcher(name).replaceAll(" ").strip();
        name = stripEnds(name);
        name = truncate(name, MAX_NAME_BYTES);
        name = stripEnds(name);
        if (name.isEmpty()) {
            return "Untitled";
        }
        if (deviceName(name) || isReserved(name)) {
            name = name + "_";
        }
        return name;
    }

    /**
     * Returns whether a base name belongs to the export itself: one of {@link #RESERVED_NAMES} in any case, or a name
     * starting with {@code _} or {@code .}.
     *
     * @param name a base name, without extension
     * @return whether no object may have it
     */
    public static boolean isReserved(String name) {
        return name.startsWith("_") || name.startsWith(".") || RESERVED_NAMES.contains(fold(name));
    }

    /** Whether a name restored from an earlier run still meets the policy; one that does not is given anew. */
    private static boolean acceptable(String name) {
        return name != null && !name.isEmpty() && !name.startsWith(" ") && !name.endsWith(" ") && !name.endsWith(".")
                && !isReserved(name) && !deviceName(name) && !INVISIBLE.matcher(name).find()
                && !FORBIDDEN.matcher(name).find();
    }

    /** Windows reserves device names whatever the extension: {@code CON}, {@code con.txt}, {@code COM1.tar.gz}. */
    private static boolean deviceName(String name) {
        String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return RESERVED.matcher(stem.strip()).matches();
    }

    /**
     * Normalises an id to 32 lowercase hex digits, so dashed and undashed ids meet. The result is interned: the
     * visited set, the names, the state and the run's sets all key on it, and one shared instance per object keeps
     * what grows with the workspace to the ids themselves.
     */
    static String normalizeId(String id) {
        // Notion's two forms in one pass, without the two strings replace and toLowerCase make: this runs for
        // every id of every object, dozens of times an object
        int length = id.length();
        if (length == 32 || length == 36) {
            char[] digits = new char[32];
            int n = 0;
            for (int i = 0; i < length; i++) {
                char c = id.charAt(i);
                if (c == '-') {
                    continue;
                }
                if (n == 32 || c >= 0x80) {
                    return id.replace("-", "").toLowerCase(Locale.ROOT).intern();
                }
                digits[n++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            }
            if (n == 32) {
                return new String(digits).intern();
            }
        }
        return id.replace("-", "").toLowerCase(Locale.ROOT).intern();
    }

    private static String stripEnds(String name) {
        int start = 0;
        while (start < name.length()
                && (name.charAt(start) == '.' || name.charAt(start) == ' ' || name.charAt(start) == '_')) {
            start++;
        }
        int end = name.length();
        while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(start, end);
    }

    private static String truncate(String name, int maxBytes) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            out.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private record Entry(String name, String title, boolean confirmed) {
    }
}
