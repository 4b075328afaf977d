package vaecourse.grader.pipeline;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;
import vaecourse.grader.notebook.NbgraderMeta;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.report.Flag;

/**
 * Rebuilds the notebook grading runs: every cell comes from the grading release (locked cells,
 * tests with their hidden parts, plain cells) except answer cells, whose source comes from the
 * student's cell with the same grade_id (or, failing that, the same cell id). Nothing else of the
 * submission is used, its stored outputs least of all. Deleted, duplicated, reordered, retyped and
 * edited cells are flagged and repaired.
 */
public final class MergeSubmission implements Step<GradingContext> {

  @Override
  public void apply(GradingContext context) {
    if (context.fatal() || context.submission() == null) {
      return;
    }
    List<Cell> submitted = context.submission().cells();
    Map<String, List<Integer>> byGradeId = new HashMap<>();
    Map<String, List<Integer>> byCellId = new HashMap<>();
    int storedOutputs = 0;
    for (int j = 0; j < submitted.size(); j++) {
      Cell c = submitted.get(j);
      final int index = j;
      c.gradeId().ifPresent(g -> byGradeId.computeIfAbsent(g, k -> new ArrayList<>()).add(index));
      c.id().ifPresent(id -> byCellId.computeIfAbsent(id, k -> new ArrayList<>()).add(index));
      if (!c.outputs().isEmpty()) {
        storedOutputs++;
      }
    }

    List<Cell> grading = context.source().gradingRelease().cells();
    List<Cell> student = context.source().studentRelease().cells();
    List<Cell> rebuilt = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    Map<Integer, Integer> rebuiltIndexOfSubmitted = new HashMap<>();
    java.util.Set<String> knownIds = new java.util.HashSet<>();
    java.util.Set<String> plainSources = new java.util.HashSet<>();
    for (Cell g : grading) {
      g.gradeId().ifPresent(knownIds::add);
      g.id().ifPresent(knownIds::add);
      if (g.role() == CellRole.PLAIN) {
        plainSources.add(g.source().strip());
      }
    }
    Map<String, Integer> duplicates = new LinkedHashMap<>();
    for (int i = 0; i < grading.size(); i++) {
      Cell source = grading.get(i);
      CellRole role = source.role();
      if (role == CellRole.PLAIN) {
        rebuilt.add(source.copy());
        continue;
      }
      String gid = source.gradeId().orElse("cell " + (i + 1));
      List<Integer> matches = source.gradeId().map(byGradeId::get).orElse(null);
      if (matches == null) {
        matches = source.id().map(byCellId::get).orElse(List.of());
      }
      if (matches.size() > 1) {
        duplicates.put(gid, matches.size());
      }
      Cell mine = matches.isEmpty() ? null : submitted.get(matches.get(0));
      if (mine != null) {
        order.add(matches.get(0));
        rebuiltIndexOfSubmitted.put(matches.get(0), rebuilt.size());
      }
      String stored = storedChecksum(student.get(i));
      Cell out = source.copy();
      if (role.isStudentOwned()) {
        if (mine == null) {
          context.flag(
              Flag.Level.WARNING,
              gid,
              "answer cell is missing from the submission (deleted?); graded as unanswered");
        } else if (!mine.typeName().equals(source.typeName())) {
          context.flag(
              Flag.Level.WARNING,
              gid,
              "answer cell was changed from "
                  + source.typeName()
                  + " to "
                  + mine.typeName()
                  + "; graded as unanswered");
        } else {
          out.setSource(mine.source());
          if (!stored.isEmpty()
              && stored.equals(ComputeChecksums.of(student.get(i), mine.source()))) {
            context.flag(Flag.Level.INFO, gid, "answer cell is the unchanged stub");
          }
        }
      } else {
        if (mine == null) {
          context.flag(
              Flag.Level.WARNING,
              gid,
              role.name().toLowerCase(java.util.Locale.ROOT)
                  + " cell was deleted; it was restored from the assignment");
        } else if (!mine.typeName().equals(source.typeName())
            || (!stored.isEmpty()
                && !stored.equals(ComputeChecksums.of(student.get(i), mine.source()))
                && !source.source().equals(mine.source()))) {
          context.flag(
              Flag.Level.WARNING,
              gid,
              role.name().toLowerCase(java.util.Locale.ROOT)
                  + " cell was edited; the original was restored and graded instead");
        }
        if (mine != null && role == CellRole.TEST && !mine.outputs().isEmpty()) {
          context.storedOutputsLookClean().put(gid, !hasError(mine));
        }
      }
      rebuilt.add(out);
    }
    duplicates.forEach(
        (gid, n) ->
            context.flag(
                Flag.Level.WARNING,
                gid,
                "the cell appears "
                    + n
                    + " times in the submission; only the first copy was used"));
    for (int k = 1; k < order.size(); k++) {
      if (order.get(k) < order.get(k - 1)) {
        context.flag(
            Flag.Level.INFO,
            "",
            "graded cells were reordered; the notebook was run in the assignment's order");
        break;
      }
    }
    if (storedOutputs > 0) {
      context.flag(
          Flag.Level.INFO,
          "",
          "outputs stored in the submission ("
              + storedOutputs
              + " cells) were ignored: the notebook was run again to grade it");
    }
    rebuilt =
        withAddedCells(
            context, submitted, rebuilt, rebuiltIndexOfSubmitted, knownIds, plainSources);
    Notebook notebook = context.source().gradingRelease().copy();
    notebook.setCells(rebuilt);
    context.setRebuilt(notebook);
  }

  /**
   * Keeps the cells the student added, as nbgrader does: each goes right after the assignment cell
   * it follows in the submission (before the first one, after the first code cell), marked {@code
   * metadata.course.added} so that {@link ScreenAnswers} holds it to the rules of added cells.
   */
  private static List<Cell> withAddedCells(
      GradingContext context,
      List<Cell> submitted,
      List<Cell> rebuilt,
      Map<Integer, Integer> rebuiltIndexOfSubmitted,
      java.util.Set<String> knownIds,
      java.util.Set<String> plainSources) {
    Map<Integer, List<Cell>> after = new LinkedHashMap<>();
    int firstCode = 0;
    for (int k = 0; k < rebuilt.size(); k++) {
      if (rebuilt.get(k).type() == Cell.Type.CODE) {
        firstCode = k;
        break;
      }
    }
    int anchor = firstCode;
    int count = 0;
    for (int j = 0; j < submitted.size(); j++) {
      Cell c = submitted.get(j);
      Integer at = rebuiltIndexOfSubmitted.get(j);
      if (at != null) {
        anchor = at;
        continue;
      }
      boolean known =
          c.gradeId().map(knownIds::contains).orElse(false)
              || c.id().map(knownIds::contains).orElse(false);
      if (known
          || c.type() != Cell.Type.CODE
          || c.source().isBlank()
          || plainSources.contains(c.source().strip())) {
        continue;
      }
      Cell copy = Cell.of(Cell.Type.CODE, c.source());
      vaecourse.grader.notebook.NotebookJson.objectMember(copy.metadata(), "course")
          .addProperty(ScreenAnswers.ADDED, true);
      after.computeIfAbsent(anchor, k -> new ArrayList<>()).add(copy);
      count++;
    }
    if (count == 0) {
      return rebuilt;
    }
    context.flag(
        Flag.Level.INFO,
        "",
        count
            + " code cell(s) you added were kept and run after the cell they follow, under the"
            + " rules of added cells (new helper methods and types only)");
    List<Cell> out = new ArrayList<>();
    for (int k = 0; k < rebuilt.size(); k++) {
      out.add(rebuilt.get(k));
      out.addAll(after.getOrDefault(k, List.of()));
    }
    return out;
  }

  private static String storedChecksum(Cell cell) {
    return cell.nbgrader().map(NbgraderMeta::checksum).orElse("");
  }

  private static boolean hasError(Cell cell) {
    for (JsonElement o : cell.outputs()) {
      if (o.isJsonObject()) {
        Optional<String> type =
            Optional.ofNullable(o.getAsJsonObject().get("output_type"))
                .filter(JsonElement::isJsonPrimitive)
                .map(JsonElement::getAsString);
        Optional<String> name =
            Optional.ofNullable(o.getAsJsonObject().get("name"))
                .filter(JsonElement::isJsonPrimitive)
                .map(JsonElement::getAsString);
        if (type.equals(Optional.of("error")) || name.equals(Optional.of("stderr"))) {
          return true;
        }
      }
    }
    return false;
  }
}
