package org.divemap.migrations.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.divemap.migrations.graph.GraphProblem.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the shared graph rules against the graphs recorded from real Alembic 1.8
 * ({@code conformance/alembic-sample.json}): heads, bases, propagated branch labels, and our branch
 * conflict rule where Alembic reports two or more unlabeled heads.
 */
class AlembicConformanceGraphTest {

    static Stream<JsonObject> cases() throws IOException {
        Path file = Path.of("..", "conformance", "alembic-sample.json");
        JsonArray all = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
        List<JsonObject> cases = new ArrayList<>();
        all.forEach(e -> cases.add(e.getAsJsonObject()));
        assertEquals(60, cases.size());
        return cases.stream();
    }

    private static List<String> strings(JsonElement array) {
        List<String> out = new ArrayList<>();
        array.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        return out;
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void matchesAlembic(JsonObject c) {
        List<RevisionNode> nodes = new ArrayList<>();
        for (JsonElement e : c.getAsJsonArray("revisions")) {
            JsonObject r = e.getAsJsonObject();
            nodes.add(new RevisionNode(r.get("id").getAsString(), strings(r.get("revises")), strings(r.get("depends_on")),
                    strings(r.get("branch_labels")), r.get("id").getAsString()));
        }
        RevisionGraph graph = RevisionGraph.of(nodes);
        JsonObject alembic = c.getAsJsonObject("alembic");
        String name = c.get("name").getAsString();

        assertEquals(new TreeSet<>(strings(alembic.get("heads"))), new TreeSet<>(graph.heads()), name + " heads");
        assertEquals(new TreeSet<>(strings(alembic.get("bases"))), new TreeSet<>(graph.bases()), name + " bases");

        Map<String, Set<String>> expectedLabels = new TreeMap<>();
        alembic.getAsJsonObject("effective_branch_labels").entrySet()
                .forEach(e -> expectedLabels.put(e.getKey(), new TreeSet<>(strings(e.getValue()))));
        Map<String, Set<String>> actualLabels = new TreeMap<>();
        for (String id : nodes.stream().map(RevisionNode::id).toList()) {
            if (!graph.branchLabels(id).isEmpty()) {
                actualLabels.put(id, graph.branchLabels(id));
            }
        }
        assertEquals(expectedLabels, actualLabels, name + " effective branch labels");

        boolean conflict = graph.problems().stream().anyMatch(p -> p.kind() == Kind.BRANCH_CONFLICT);
        assertEquals(c.get("unlabeled_multi_head").getAsBoolean(), conflict, name + " branch conflict: " + graph.problems());
        if (!conflict) {
            assertFalse(graph.hasErrors(), name + ": " + graph.problems());
        } else {
            assertTrue(graph.problems().stream().filter(GraphProblem::isError).count() == 1, name + ": one error");
        }
    }
}
