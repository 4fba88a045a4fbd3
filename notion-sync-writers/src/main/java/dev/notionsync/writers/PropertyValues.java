package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.model.RichText;
import dev.notionsync.core.model.User;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a page property value ({@code {type, <type>: value}}) into a plain value that every format can show: front
 * matter writes it as YAML, CSV and HTML as one line of text ({@link CellText}).
 *
 * <p>Plain values are {@code null}, {@link Boolean}, {@link Long}, {@link BigDecimal}, {@link String}, {@link List}
 * of plain values, or one of the records of this class for what each format shows its own way: a {@link DateValue},
 * a {@link PageRef} to a related page, a {@link Person}, a {@link FileRef}, a {@link Place}, and {@link Unknown} for
 * property types this library does not know.
 */
final class PropertyValues {

    /** Returned for properties that hold no data (buttons). */
    static final Object SKIP = new Object();

    private final Links links;
    private final Function<String, Optional<User>> users;

    /**
     * @param links link targets, for local copies of files and titles of related pages
     * @param users looks up people by id
     */
    PropertyValues(Links links, Function<String, Optional<User>> users) {
        this.links = links;
        this.users = users;
    }

    /**
     * A Notion date.
     *
     * @param start the ISO start, possibly {@code null}
     * @param end the ISO end, or {@code null}
     * @param timeZone the IANA time zone, or {@code null}
     */
    record DateValue(String start, String end, String timeZone) {
    }

    /**
     * A related page.
     *
     * @param id its id
     * @param title its title when the export knows one, else {@code null}
     */
    record PageRef(String id, String title) {
    }

    /**
     * A person (a user or bot) of a people, created-by or last-edited-by property.
     *
     * @param id the user's id, possibly empty
     * @param name the user's name, else the email, else {@code Unknown user (<id>)}; the id for a user not known
     */
    record Person(String id, String name) {
    }

    /**
     * A file of a files property.
     *
     * @param name its original name (as Notion shows it), else the last segment of its URL
     * @param url its URL, empty for an upload without one
     * @param path the local copy's path relative to a format folder ({@code ../files/...}), or {@code null} when it
     *     was not downloaded
     */
    record FileRef(String name, String url, String path) {
    }

    /**
     * A place: the fields {@code name}, {@code address}, {@code lat}, {@code lon} that are present.
     *
     * @param fields the fields, in that order
     */
    record Place(Map<String, Object> fields) {
    }

    /**
     * The value of a property type this library does not know, kept as JSON.
     *
     * @param json the value of the {@code <type>} field
     */
    record Unknown(JsonNode json) {
    }

    /**
     * Returns the plain value of a property value object.
     *
     * @param property the property value
     * @return the plain value; {@link #SKIP} for buttons
     */
    Object value(JsonNode property) {
        String type = property.path("type").asText("");
        JsonNode v = property.path(type);
        return switch (type) {
            case "title", "rich_text" -> RichText.plainText(v);
            case "number" -> number(v);
            case "select", "status" -> v.isObject() ? v.path("name").asText("") : null;
            case "multi_select" -> {
                List<Object> names = new ArrayList<>();
                v.forEach(option -> names.add(option.path("name").asText("")));
                yield names;
            }
            case "date" -> date(v);
            case "people" -> {
                List<Object> people = new ArrayList<>();
                v.forEach(person -> people.add(person(person)));
                yield people;
            }
            case "files" -> {
                List<Object> files = new ArrayList<>();
                v.forEach(file -> {
                    String url = Links.fileUrl(file);
                    String local = url.isEmpty() ? null : links.localFile(url);
                    files.add(new FileRef(Links.fileName(file, "file"), url, local));
                });
                yield files;
            }
            case "checkbox" -> v.asBoolean(false);
            case "url", "email", "phone_number", "created_time", "last_edited_time", "last_visited_time" -> text(v);
            case "created_by", "last_edited_by" -> v.isObject() ? person(v) : null;
            case "formula" -> typed(v);
            case "rollup" -> rollup(v);
            case "relation" -> {
                List<Object> related = new ArrayList<>();
                v.forEach(relation -> {
                    String id = relation.path("id").asText("");
                    related.add(new PageRef(id, links.knownTitle(id).orElse(null)));
                });
                yield related;
            }
            case "unique_id" -> {
                String prefix = v.path("prefix").asText("");
                Object n = number(v.path("number"));
                yield prefix.isEmpty() || n == null ? n : prefix + "-" + n;
            }
            case "verification" -> v.isObject() ? text(v.path("state")) : null;
            case "place", "location" -> place(v);
            case "button" -> SKIP;
            default -> v.isMissingNode() || v.isNull() ? null : new Unknown(v);
        };
    }

    static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    static Object number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
        }
        return node.isNumber() ? node.decimalValue() : null;
    }

    private static DateValue date(JsonNode date) {
        if (!date.isObject()) {
            return null;
        }
        return new DateValue(text(date.path("start")), text(date.path("end")), text(date.path("time_zone")));
    }

    private Person person(JsonNode person) {
        String id = person.path("id").asText("");
        String name = person.path("name").asText("");
        if (!name.isBlank()) {
            return new Person(id, name);
        }
        // a person whose name Notion leaves out (2026-12-01 may answer null) shows the email instead
        return new Person(id, users.apply(id).map(User::displayName).orElse(id));
    }

    /** A formula value or rollup element: {@code {type: string|number|boolean|date|..., <type>: value}}. */
    private Object typed(JsonNode value) {
        String type = value.path("type").asText("");
        JsonNode v = value.path(type);
        return switch (type) {
            case "string" -> text(v);
            case "number" -> number(v);
            case "boolean" -> v.isBoolean() ? v.asBoolean() : null;
            case "date" -> date(v);
            case "unsupported", "incomplete", "" -> null;
            default -> {
                Object plain = value(value);
                yield plain == SKIP ? null : plain;
            }
        };
    }

    private Object rollup(JsonNode rollup) {
        if (!"array".equals(rollup.path("type").asText())) {
            return typed(rollup);
        }
        List<Object> items = new ArrayList<>();
        rollup.path("array").forEach(item -> items.add(typed(item)));
        return items;
    }

    private static Place place(JsonNode place) {
        if (!place.isObject()) {
            return null;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        for (String field : List.of("name", "address", "lat", "lon")) {
            JsonNode v = place.path(field);
            if (!v.isMissingNode() && !v.isNull()) {
                value.put(field, v.isNumber() ? number(v) : v.asText());
            }
        }
        return new Place(value);
    }
}
