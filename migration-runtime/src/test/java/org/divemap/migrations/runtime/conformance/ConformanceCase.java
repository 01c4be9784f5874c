package org.divemap.migrations.runtime.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;

/**
 * One case of {@code conformance/alembic-sample.json}: a graph recorded from Alembic 1.8 and the
 * steps run on it. See {@code conformance/README.md} for the format and the comparison rules.
 */
record ConformanceCase(String name, boolean unlabeledMultiHead, List<Revision> revisions, List<Step> steps) {

    record Revision(String id, List<String> revises, List<String> branchLabels, List<String> dependsOn) {}

    record Step(String command, List<String> targets, boolean listTarget, boolean purge, List<String> versionBefore,
            boolean ok, String errorMessage, List<List<String>> executed, List<String> versionAfter,
            boolean orderForced, boolean unstable, List<String> warnings) {

        String target() {
            return String.join(" ", targets);
        }

        @Override
        public String toString() {
            return command + " " + targets + (purge ? " --purge" : "") + " from " + versionBefore;
        }
    }

    static List<ConformanceCase> load() throws IOException {
        Path file = Path.of("..", "conformance", "alembic-sample.json");
        JsonArray all = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
        List<ConformanceCase> cases = new ArrayList<>();
        for (JsonElement element : all) {
            JsonObject c = element.getAsJsonObject();
            List<Revision> revisions = new ArrayList<>();
            for (JsonElement r : c.getAsJsonArray("revisions")) {
                JsonObject o = r.getAsJsonObject();
                revisions.add(new Revision(o.get("id").getAsString(), strings(o.get("revises")),
                        strings(o.get("branch_labels")), strings(o.get("depends_on"))));
            }
            List<Step> steps = new ArrayList<>();
            for (JsonElement s : c.getAsJsonArray("steps")) {
                JsonObject o = s.getAsJsonObject();
                JsonElement target = o.get("target");
                List<List<String>> executed = new ArrayList<>();
                for (JsonElement e : o.getAsJsonArray("executed")) {
                    executed.add(strings(e));
                }
                boolean unstable = o.get("hashseed_dependent").getAsBoolean() || o.get("load_order_dependent").getAsBoolean();
                String error = o.get("error").isJsonNull() ? null : o.getAsJsonObject("error").get("message").getAsString();
                steps.add(new Step(o.get("command").getAsString(),
                        target.isJsonArray() ? strings(target) : List.of(target.getAsString()), target.isJsonArray(),
                        o.has("purge") && !o.get("purge").isJsonNull() && o.get("purge").getAsBoolean(),
                        strings(o.get("version_before")), o.get("ok").getAsBoolean(), error, executed,
                        strings(o.get("version_after")), o.get("order_forced").getAsBoolean(), unstable,
                        strings(o.get("warnings"))));
            }
            cases.add(new ConformanceCase(c.get("name").getAsString(), c.get("unlabeled_multi_head").getAsBoolean(),
                    revisions, steps));
        }
        return cases;
    }

    private static List<String> strings(JsonElement array) {
        List<String> out = new ArrayList<>();
        if (array != null && !array.isJsonNull()) {
            array.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        }
        return out;
    }

    /** The case's revisions as a registry would list them; each migration records what runs. */
    List<RegisteredRevision> registered(List<String> log) {
        List<RegisteredRevision> registered = new ArrayList<>();
        for (Revision r : revisions) {
            registered.add(new RegisteredRevision(r.id(), r.revises(), r.branchLabels(), r.dependsOn(), "",
                    Recorder.class.getName(), null, () -> new Recorder(r.id(), log)));
        }
        return registered;
    }

    /**
     * Where this implementation deliberately differs from Alembic (conformance/README.md): the step
     * must fail and change nothing here. Null when the step is to be compared with Alembic.
     */
    String deliberateDifference(Step step) {
        List<String> targets = step.targets();
        if (step.command().equals("stamp") && targets.size() > 1) {
            for (int i = 0; i < targets.size(); i++) {
                for (int j = i + 1; j < targets.size(); j++) {
                    if (lineageUp(targets.get(i)).contains(targets.get(j))
                            || lineageUp(targets.get(j)).contains(targets.get(i))) {
                        return "stamp of several revisions on one line of history";
                    }
                }
            }
        }
        String target = step.target();
        if (step.command().equals("downgrade") && target.matches("-\\d+")
                && new HashSet<>(step.versionBefore()).size() > 1) {
            return "downgrade -N from several heads";
        }
        if (step.command().equals("downgrade") && target.endsWith("@head")) {
            return "downgrade <label>@head";
        }
        if (target.endsWith("@base") && !isLabel(target.substring(0, target.length() - "@base".length()))) {
            return "unknown label with @base";
        }
        return null;
    }

    /** A migration that logs its runs as ("up"|"down", id). */
    public static final class Recorder implements Migration {
        private final String id;
        private final List<String> log;

        public Recorder() {
            this("?", new ArrayList<>());
        }

        Recorder(String id, List<String> log) {
            this.id = id;
            this.log = log;
        }

        @Override
        public void upgrade(Operations op) {
            log.add("up " + id);
        }

        @Override
        public void downgrade(Operations op) {
            log.add("down " + id);
        }
    }

    /** Ids of revisions that are ancestors-or-self of {@code id} through revises only. */
    Set<String> lineageUp(String id) {
        Set<String> seen = new HashSet<>();
        List<String> stack = new ArrayList<>(List.of(id));
        while (!stack.isEmpty()) {
            String current = stack.remove(stack.size() - 1);
            if (seen.add(current)) {
                revisions.stream().filter(r -> r.id().equals(current)).findFirst()
                        .ifPresent(r -> stack.addAll(r.revises()));
            }
        }
        return seen;
    }

    boolean isLabel(String name) {
        return revisions.stream().anyMatch(r -> r.branchLabels().contains(name) || r.id().equals(name));
    }
}
