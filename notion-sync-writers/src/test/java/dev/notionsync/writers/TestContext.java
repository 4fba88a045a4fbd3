package dev.notionsync.writers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.ExportWriter;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.model.User;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A plain {@link ExportContext} for writer tests. */
record TestContext(Path outputDir, FileNames names, Map<String, User> userMap, ExportSpec spec)
        implements ExportContext {

    static TestContext of(Path outputDir, ExportWriter... writers) {
        return new TestContext(outputDir, FileNames.create(), new LinkedHashMap<>(),
                ExportSpec.builder().outputDir(outputDir).writers(writers).build());
    }

    TestContext withUser(String id, String name) {
        ObjectNode json = JsonFileWriter.MAPPER.createObjectNode().put("object", "user").put("id", id)
                .put("type", "person").put("name", name);
        userMap.put(id, new User(json));
        return this;
    }

    @Override
    public Optional<User> user(String id) {
        return Optional.ofNullable(userMap.get(id));
    }

    @Override
    public Collection<User> users() {
        return userMap.values();
    }
}
