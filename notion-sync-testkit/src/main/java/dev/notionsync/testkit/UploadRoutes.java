package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The File Upload API: create an upload, send its bytes (single part), attach it where a file object goes. An
 * attached upload becomes a hosted file the file host serves with the bytes sent.
 */
final class UploadRoutes {

    static final int SINGLE_PART_BYTES = 20 * 1024 * 1024;

    private final Model model;
    private final Map<String, ObjectNode> uploads = new ConcurrentHashMap<>();

    UploadRoutes(Model model) {
        this.model = model;
    }

    ObjectNode create(ApiRequest request) {
        String mode = request.body().path("mode").asText("single_part");
        if (!"single_part".equals(mode)) {
            throw ApiError.validation("body failed validation: mode `" + mode + "` is not supported by this workspace.");
        }
        String filename = request.body().path("filename").asText("file");
        if (filename.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 900) {
            throw ApiError.validation("body failed validation: body.filename.length should be ≤ `900`.");
        }
        String id;
        synchronized (model) {
            id = model.writer().newId();
        }
        ObjectNode upload = Json.obj().put("object", "file_upload").put("id", id);
        upload.put("created_time", Json.iso(System.currentTimeMillis() / 60_000));
        upload.put("status", "pending").put("filename", filename);
        upload.put("content_type", request.body().path("content_type").asText(FileBytes.contentType(filename)));
        upload.putNull("content_length");
        upload.put("upload_url", request.baseUrl() + "/v1/file_uploads/" + id + "/send");
        uploads.put(id, upload);
        return upload.deepCopy();
    }

    /** Receives the multipart body the gateway decoded into {@code {file: {filename, content_type, data}}}. */
    ObjectNode send(ApiRequest request) {
        ObjectNode upload = find(request.param(0));
        if (!"pending".equals(upload.path("status").asText())) {
            throw ApiError.validation("File upload " + request.param(0) + " is " + upload.path("status").asText()
                    + " and cannot receive data.");
        }
        JsonNode file = request.body().path("file");
        if (!file.has("data")) {
            throw ApiError.validation("body failed validation: the multipart body has no `file` part.");
        }
        byte[] bytes = Base64.getDecoder().decode(file.get("data").asText());
        if (bytes.length > SINGLE_PART_BYTES) {
            throw ApiError.validation("The file is larger than the single-part limit of 20 MB.");
        }
        String fileId;
        synchronized (model) {
            fileId = model.writer().newId();
            model.writer().store.addFile(new Source.FileRef(fileId, upload.get("filename").asText(), fileId));
        }
        model.uploadedBytes.put(fileId, bytes);
        upload.put("status", "uploaded").put("content_length", bytes.length).put("$file", fileId);
        ObjectNode answer = upload.deepCopy();
        answer.remove("$file");
        return answer;
    }

    ObjectNode get(ApiRequest request) {
        ObjectNode answer = find(request.param(0)).deepCopy();
        answer.remove("$file");
        return answer;
    }

    private ObjectNode find(String id) {
        ObjectNode upload = uploads.get(Ids.normalize(id) == null ? id : Ids.normalize(id));
        if (upload == null) {
            throw ApiError.notFound("file_upload", id);
        }
        return upload;
    }

    /**
     * A file object of a request ({@code file_upload}, {@code external}) in stored form: an uploaded file becomes
     * a hosted file; a pending or unknown upload is refused.
     */
    ObjectNode fileObject(JsonNode given) {
        String type = given.path("type").asText(given.has("file_upload") ? "file_upload" : "external");
        if ("external".equals(type)) {
            String url = given.path("external").path("url").asText("");
            if (url.isEmpty() || url.length() > WriteLimits.TEXT_CHARS) {
                throw ApiError.validation("body failed validation: external.url should be a URL of at most 2000"
                        + " characters.");
            }
            return Json.external(url);
        }
        if (!"file_upload".equals(type)) {
            throw ApiError.validation("body failed validation: a file object must be `file_upload` or `external`,"
                    + " instead was `" + type + "`.");
        }
        ObjectNode upload = find(given.path("file_upload").path("id").asText());
        if (!"uploaded".equals(upload.path("status").asText())) {
            throw ApiError.validation("File upload " + upload.get("id").asText() + " is "
                    + upload.path("status").asText() + "; only uploaded files can be attached.");
        }
        ObjectNode file = Json.hosted(upload.get("$file").asText(), upload.get("filename").asText());
        file.put("name", upload.get("filename").asText());
        return file;
    }
}
