package vaecourse.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST: a 4-byte magic number {@code
 * 0x00 0x00 TYPE RANK}, then {@code RANK} big-endian 32-bit dimension sizes, then the data in row
 * major order. Only unsigned bytes ({@code TYPE = 0x08}) are supported, which is what image and
 * label files use. Gzip compression is detected from the first two bytes, not from the file name.
 */
public final class IdxFile {

  /** The IDX type code of unsigned bytes. */
  public static final int UNSIGNED_BYTE = 0x08;

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final int MAX_RANK = 8;

  private IdxFile() {}

  /**
   * An IDX array of unsigned bytes.
   *
   * @param dims the size of each dimension, e.g. {@code [n, 28, 28]} for images, {@code [n]} for
   *     labels
   * @param data the values in row-major order, as stored (read them with {@code b & 0xff})
   */
  public record Array(int[] dims, byte[] data) {

    /** Checks that {@code data} holds exactly the product of {@code dims} values. */
    public Array {
      if (dims.length == 0 || dims.length > MAX_RANK) {
        throw new IllegalArgumentException(
            "dims must have 1 to " + MAX_RANK + " entries but had " + dims.length);
      }
      long count = 1;
      for (int d : dims) {
        if (d < 0) {
          throw new IllegalArgumentException("dims must be >= 0 but were " + Arrays.toString(dims));
        }
        count *= d;
      }
      if (count != data.length) {
        throw new IllegalArgumentException(
            "dims "
                + Arrays.toString(dims)
                + " need "
                + count
                + " values but data has "
                + data.length);
      }
      dims = dims.clone();
    }

    /** The size of the first dimension (the number of items). */
    public int count() {
      return dims[0];
    }

    /** The number of values per item (the product of all dimensions after the first). */
    public int itemSize() {
      int size = 1;
      for (int i = 1; i < dims.length; i++) {
        size *= dims[i];
      }
      return size;
    }

    @Override
    public int[] dims() {
      return dims.clone();
    }

    @Override
    public String toString() {
      return "IdxFile.Array" + Arrays.toString(dims);
    }
  }

  /**
   * Reads an IDX file, gzipped or raw.
   *
   * @throws IOException naming the file if it is missing, truncated, not IDX or not unsigned bytes
   */
  public static Array read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "IDX file not found");
    }
    try (InputStream in = open(file)) {
      int[] magic = new int[4];
      for (int i = 0; i < 4; i++) {
        magic[i] = readByte(in, file, "the magic number");
      }
      if (magic[0] != 0 || magic[1] != 0) {
        throw new IOException(
            String.format(
                "%s is not an IDX file: its magic number starts with 0x%02x 0x%02x, expected"
                    + " 0x00 0x00 (is it an HTML error page or a different format?)",
                file, magic[0], magic[1]));
      }
      if (magic[2] != UNSIGNED_BYTE) {
        throw new IOException(
            String.format(
                "%s holds IDX type 0x%02x; only unsigned bytes (0x%02x) are supported",
                file, magic[2], UNSIGNED_BYTE));
      }
      int rank = magic[3];
      if (rank < 1 || rank > MAX_RANK) {
        throw new IOException(file + " has an IDX rank of " + rank + "; expected 1 to " + MAX_RANK);
      }
      int[] dims = new int[rank];
      long count = 1;
      for (int i = 0; i < rank; i++) {
        int d = 0;
        for (int b = 0; b < 4; b++) {
          d = (d << 8) | readByte(in, file, "the dimension sizes");
        }
        if (d < 0) {
          throw new IOException(file + " declares a negative dimension size " + d);
        }
        dims[i] = d;
        count *= d;
      }
      if (count > Integer.MAX_VALUE - 16) {
        throw new IOException(
            file + " declares " + count + " values, more than one array can hold");
      }
      byte[] data = new byte[(int) count];
      int read = in.readNBytes(data, 0, data.length);
      if (read < data.length) {
        throw new IOException(
            String.format(
                "%s is truncated: dimensions %s need %d data bytes but only %d are present;"
                    + " delete it and fetch or convert it again",
                file, Arrays.toString(dims), count, read));
      }
      if (in.read() != -1) {
        throw new IOException(
            file + " has bytes after the " + count + " values its header declares");
      }
      return new Array(dims, data);
    } catch (EOFException | ZipException e) {
      throw new IOException(file + " is truncated or corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * Writes an IDX file of unsigned bytes, gzipped when the name ends in {@code .gz}. Parent
   * directories are created. The file is written to a temporary name first and moved into place, so
   * a reader never sees half a file.
   */
  public static void write(Path file, Array array) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = parent.resolve(file.getFileName() + ".part");
    try {
      OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
      boolean gzip = file.getFileName().toString().endsWith(".gz");
      try (DataOutputStream out =
          new DataOutputStream(gzip ? new GZIPOutputStream(raw, 1 << 16) : raw)) {
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(UNSIGNED_BYTE);
        out.writeByte(array.dims.length);
        for (int d : array.dims) {
          out.writeInt(d);
        }
        out.write(array.data);
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static InputStream open(Path file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }

  private static int readByte(InputStream in, Path file, String what) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new IOException(file + " is truncated: it ends inside " + what);
    }
    return b;
  }
}
