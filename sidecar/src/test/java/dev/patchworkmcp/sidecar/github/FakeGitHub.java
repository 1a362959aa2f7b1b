package dev.patchworkmcp.sidecar.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A stateful GitHub REST API on loopback, for tests: one repository with branches, commits, trees and blobs;
 * answers trees (recursive, or truncated and walked), contents, refs, the git data API, pulls and ref deletion
 * in GitHub's wire format; records every request; can be told to answer any call with an error.
 */
public final class FakeGitHub implements AutoCloseable {
    /** One request as received: method, raw (still encoded) path, decoded path segments, query, body. */
    public record Request(
            String method,
            String rawPath,
            List<String> segments,
            String query,
            String body,
            Map<String, String> headers) {
        public boolean isWrite() {
            return !method.equals("GET");
        }
    }

    /** An opened pull request. */
    public record Pull(int number, String title, String body, String head, String base, boolean draft) {}

    private record Failure(String method, String pathPart, int status, Map<String, String> headers, String body) {}

    private record Entry(String mode, String sha) {}

    private record Commit(String tree, List<String> parents, String message) {}

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final String owner;
    private final String name;
    private final String defaultBranch;
    private final Map<String, String> refs = new LinkedHashMap<>();
    private final Map<String, Commit> commits = new LinkedHashMap<>();
    private final Map<String, Map<String, Entry>> trees = new LinkedHashMap<>();
    private final Map<String, byte[]> blobs = new LinkedHashMap<>();
    private final Map<String, String[]> subtrees = new LinkedHashMap<>();
    private final List<Pull> pulls = new ArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private boolean truncateRecursiveListings;

    private FakeGitHub(
            String owner, String name, String defaultBranch, Map<String, String> files, Map<String, String> links)
            throws IOException {
        this.owner = owner;
        this.name = name;
        this.defaultBranch = defaultBranch;
        Map<String, Entry> root = new TreeMap<>();
        files.forEach((path, content) ->
                root.put(path, new Entry("100644", blob(content.getBytes(StandardCharsets.UTF_8)))));
        links.forEach((path, target) ->
                root.put(path, new Entry("120000", blob(target.getBytes(StandardCharsets.UTF_8)))));
        String tree = tree(root);
        String commit = commit(new Commit(tree, List.of(), "initial"));
        refs.put(defaultBranch, commit);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake with repository {@code owner/name}, branch {@code main} holding {@code files}. */
    public static FakeGitHub start(String repo, Map<String, String> files) throws IOException {
        return start(repo, files, Map.of());
    }

    /** As {@link #start(String, Map)}, plus symbolic links (path to target) in the same commit. */
    public static FakeGitHub start(String repo, Map<String, String> files, Map<String, String> links)
            throws IOException {
        String[] parts = repo.split("/");
        return new FakeGitHub(parts[0], parts[1], "main", files, links);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next matching call ({@code method}, raw path containing {@code pathPart}) with this error. */
    public synchronized void failNext(
            String method, String pathPart, int status, Map<String, String> headers, String message) {
        failures.add(new Failure(
                method,
                pathPart,
                status,
                headers,
                json.createObjectNode()
                        .put("message", message)
                        .put("documentation_url", "https://docs.github.com")
                        .toString()));
    }

    /** Makes every {@code ?recursive=1} listing come back truncated, as GitHub does for huge repositories. */
    public synchronized void truncateRecursiveListings() {
        truncateRecursiveListings = true;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> writes() {
        return requests.stream().filter(Request::isWrite).toList();
    }

    public synchronized List<Pull> pulls() {
        return List.copyOf(pulls);
    }

    public synchronized Map<String, String> branches() {
        return Map.copyOf(refs);
    }

    /** The text files of a branch's head commit. */
    public synchronized Map<String, String> filesOf(String branch) {
        String commit = refs.get(branch);
        if (commit == null) {
            return Map.of();
        }
        return trees.get(commits.get(commit).tree()).entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> new String(blobs.get(e.getValue().sha()), StandardCharsets.UTF_8)));
    }

    public synchronized String commitMessage(String branch) {
        return commits.get(refs.get(branch)).message();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.substring(1).split("/", -1)) {
            segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        Request request = new Request(
                exchange.getRequestMethod(),
                rawPath,
                segments,
                exchange.getRequestURI().getRawQuery(),
                body,
                headers);
        requests.add(request);
        Answer answer;
        synchronized (this) {
            answer = answer(request);
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), answer.status() == 204 ? -1 : bytes.length);
        if (answer.status() != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private record Answer(int status, Map<String, String> headers, String body) {
        static Answer ok(int status, JsonNode body) {
            return new Answer(status, Map.of(), body.toString());
        }
    }

    private Answer answer(Request request) throws IOException {
        for (Failure failure : failures) {
            if (failure.method().equals(request.method()) && request.rawPath().contains(failure.pathPart())) {
                failures.remove(failure);
                return new Answer(failure.status(), failure.headers(), failure.body());
            }
        }
        if (!request.headers().getOrDefault("Authorization", "").startsWith("Bearer ")) {
            return error(401, "Requires authentication");
        }
        List<String> s = request.segments();
        if (s.size() < 3
                || !s.get(0).equals("repos")
                || !s.get(1).equals(owner)
                || !s.get(2).equals(name)) {
            return error(404, "Not Found");
        }
        List<String> rest = s.subList(3, s.size());
        String method = request.method();
        JsonNode body = request.body().isEmpty() ? json.createObjectNode() : json.readTree(request.body());
        if (rest.isEmpty() && method.equals("GET")) {
            return Answer.ok(
                    200,
                    json.createObjectNode().put("full_name", owner + "/" + name).put("default_branch", defaultBranch));
        }
        String first = rest.getFirst();
        if (first.equals("contents") && method.equals("GET")) {
            return contents(String.join("/", rest.subList(1, rest.size())), request.query());
        }
        if (first.equals("pulls") && method.equals("POST")) {
            return pull(body);
        }
        if (!first.equals("git") || rest.size() < 2) {
            return error(404, "Not Found");
        }
        String kind = rest.get(1);
        List<String> tail = rest.subList(2, rest.size());
        return switch (method + " " + kind) {
            case "GET ref" -> getRef(String.join("/", tail.subList(1, tail.size())));
            case "GET trees" -> getTree(tail.getFirst(), "recursive=1".equals(request.query()));
            case "GET blobs" -> getBlob(tail.getFirst());
            case "GET commits" -> getCommit(tail.getFirst());
            case "POST refs" -> createRef(body);
            case "POST trees" -> createTree(body);
            case "POST commits" -> createCommit(body);
            case "PATCH refs" -> updateRef(String.join("/", tail.subList(1, tail.size())), body);
            case "DELETE refs" -> deleteRef(String.join("/", tail.subList(1, tail.size())));
            default -> error(404, "Not Found");
        };
    }

    private Answer contents(String path, String query) {
        String ref = query == null
                ? defaultBranch
                : URLDecoder.decode(query.replaceFirst("^ref=", ""), StandardCharsets.UTF_8);
        String commit = refs.containsKey(ref) ? refs.get(ref) : ref;
        if (!commits.containsKey(commit)) {
            return error(404, "No commit found for the ref " + ref);
        }
        Entry entry = trees.get(commits.get(commit).tree()).get(path);
        if (entry == null) {
            return error(404, "Not Found");
        }
        byte[] bytes = blobs.get(entry.sha());
        return Answer.ok(
                200,
                json.createObjectNode()
                        .put("type", "file")
                        .put("encoding", "base64")
                        .put("path", path)
                        .put("sha", entry.sha())
                        .put("size", bytes.length)
                        .put("content", Base64.getMimeEncoder().encodeToString(bytes)));
    }

    private Answer getRef(String branch) {
        String sha = refs.get(branch);
        if (sha == null) {
            return error(404, "Not Found");
        }
        ObjectNode ref = json.createObjectNode().put("ref", "refs/heads/" + branch);
        ref.putObject("object").put("sha", sha).put("type", "commit");
        return Answer.ok(200, ref);
    }

    private Answer getTree(String sha, boolean recursive) {
        String treeSha = commits.containsKey(sha) ? commits.get(sha).tree() : sha;
        String prefix = "";
        if (subtrees.containsKey(treeSha)) {
            prefix = subtrees.get(treeSha)[1];
            treeSha = subtrees.get(treeSha)[0];
        }
        Map<String, Entry> files = trees.get(treeSha);
        if (files == null) {
            return error(404, "Not Found");
        }
        ObjectNode answer = json.createObjectNode().put("sha", sha);
        ArrayNode entries = answer.putArray("tree");
        if (recursive) {
            boolean truncate = truncateRecursiveListings;
            files.entrySet().stream()
                    .limit(truncate ? 1 : Long.MAX_VALUE)
                    .forEach(e -> blobEntry(entries, e.getKey(), e.getValue()));
            answer.put("truncated", truncate);
            return Answer.ok(200, answer);
        }
        Map<String, Boolean> children = new TreeMap<>();
        for (String path : files.keySet()) {
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                int slash = rest.indexOf('/');
                children.put(slash < 0 ? rest : rest.substring(0, slash), slash >= 0);
            }
        }
        for (Map.Entry<String, Boolean> child : children.entrySet()) {
            if (child.getValue()) {
                String subSha = sha1("subtree " + treeSha + " " + prefix + child.getKey());
                subtrees.put(subSha, new String[] {treeSha, prefix + child.getKey() + "/"});
                entries.addObject()
                        .put("path", child.getKey())
                        .put("mode", "040000")
                        .put("type", "tree")
                        .put("sha", subSha);
            } else {
                Entry entry = files.get(prefix + child.getKey());
                blobEntry(entries, child.getKey(), entry);
            }
        }
        answer.put("truncated", false);
        return Answer.ok(200, answer);
    }

    private void blobEntry(ArrayNode entries, String path, Entry entry) {
        entries.addObject()
                .put("path", path)
                .put("mode", entry.mode())
                .put("type", "blob")
                .put("sha", entry.sha())
                .put("size", blobs.get(entry.sha()).length);
    }

    private Answer getBlob(String sha) {
        byte[] bytes = blobs.get(sha);
        if (bytes == null) {
            return error(404, "Not Found");
        }
        return Answer.ok(
                200,
                json.createObjectNode()
                        .put("sha", sha)
                        .put("encoding", "base64")
                        .put("size", bytes.length)
                        .put("content", Base64.getMimeEncoder().encodeToString(bytes)));
    }

    private Answer getCommit(String sha) {
        Commit commit = commits.get(sha);
        if (commit == null) {
            return error(404, "Not Found");
        }
        ObjectNode answer = json.createObjectNode().put("sha", sha).put("message", commit.message());
        answer.putObject("tree").put("sha", commit.tree());
        commit.parents().forEach(p -> answer.withArray("parents").addObject().put("sha", p));
        return Answer.ok(200, answer);
    }

    private Answer createRef(JsonNode body) {
        String ref = body.path("ref").asText();
        String sha = body.path("sha").asText();
        if (!ref.startsWith("refs/heads/") || !commits.containsKey(sha)) {
            return error(422, "Invalid request");
        }
        String branch = ref.substring("refs/heads/".length());
        if (refs.containsKey(branch)) {
            return error(422, "Reference already exists");
        }
        refs.put(branch, sha);
        ObjectNode answer = json.createObjectNode().put("ref", ref);
        answer.putObject("object").put("sha", sha).put("type", "commit");
        return Answer.ok(201, answer);
    }

    private Answer createTree(JsonNode body) {
        Map<String, Entry> base = trees.get(body.path("base_tree").asText());
        if (base == null) {
            return error(422, "base_tree is not a valid tree");
        }
        Map<String, Entry> next = new TreeMap<>(base);
        for (JsonNode entry : body.path("tree")) {
            String path = entry.path("path").asText();
            if (entry.has("sha") && entry.get("sha").isNull()) {
                next.remove(path);
            } else {
                next.put(
                        path,
                        new Entry(
                                entry.path("mode").asText(),
                                blob(entry.path("content").asText().getBytes(StandardCharsets.UTF_8))));
            }
        }
        return Answer.ok(201, json.createObjectNode().put("sha", tree(next)));
    }

    private Answer createCommit(JsonNode body) {
        String tree = body.path("tree").asText();
        if (!trees.containsKey(tree)) {
            return error(422, "tree is not a valid tree");
        }
        List<String> parents = new ArrayList<>();
        body.path("parents").forEach(p -> parents.add(p.asText()));
        return Answer.ok(
                201,
                json.createObjectNode()
                        .put(
                                "sha",
                                commit(new Commit(
                                        tree, parents, body.path("message").asText()))));
    }

    private Answer updateRef(String branch, JsonNode body) {
        if (!refs.containsKey(branch)) {
            return error(422, "Reference does not exist");
        }
        String sha = body.path("sha").asText();
        Commit commit = commits.get(sha);
        if (commit == null || !commit.parents().contains(refs.get(branch))) {
            return error(422, "Update is not a fast forward");
        }
        refs.put(branch, sha);
        ObjectNode answer = json.createObjectNode().put("ref", "refs/heads/" + branch);
        answer.putObject("object").put("sha", sha);
        return Answer.ok(200, answer);
    }

    private Answer deleteRef(String branch) {
        if (refs.remove(branch) == null) {
            return error(422, "Reference does not exist");
        }
        return new Answer(204, Map.of(), "");
    }

    private Answer pull(JsonNode body) {
        String head = body.path("head").asText();
        if (!refs.containsKey(head) || !refs.containsKey(body.path("base").asText())) {
            return error(422, "Validation Failed");
        }
        Pull pull = new Pull(
                pulls.size() + 1,
                body.path("title").asText(),
                body.path("body").asText(),
                head,
                body.path("base").asText(),
                body.path("draft").asBoolean(false));
        pulls.add(pull);
        return Answer.ok(
                201,
                json.createObjectNode()
                        .put("number", pull.number())
                        .put("html_url", "https://github.test/" + owner + "/" + name + "/pull/" + pull.number())
                        .put("draft", pull.draft()));
    }

    private Answer error(int status, String message) {
        return new Answer(
                status,
                Map.of(),
                json.createObjectNode().put("message", message).toString());
    }

    private String blob(byte[] bytes) {
        String sha = sha1("blob " + new String(bytes, StandardCharsets.UTF_8));
        blobs.put(sha, bytes);
        return sha;
    }

    private String tree(Map<String, Entry> files) {
        String sha = sha1("tree " + files);
        trees.put(sha, new TreeMap<>(files));
        return sha;
    }

    private String commit(Commit commit) {
        String sha = sha1("commit " + commit + " " + commits.size());
        commits.put(sha, commit);
        return sha;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
