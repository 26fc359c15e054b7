package io.duckgres.bench;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The input of the bulk-load workload, written once per run: N rows of (a int8, b float8,
 * c varchar) as CSV and in PostgreSQL's binary COPY format. Row i is (i, i / 4, 'name-i'); b has
 * an exact decimal form so CSV and binary load the same values.
 */
final class CopyFiles {
  private static final String[] QUARTERS = {"", ".25", ".5", ".75"};
  /** "PGCOPY\n\377\r\n\0": the binary COPY signature (PostgreSQL docs, COPY, Binary Format). */
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

  private CopyFiles() {}

  static void writeCsv(Path file, long rows) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      StringBuilder line = new StringBuilder(64);
      for (long i = 0; i < rows; i++) {
        line.setLength(0);
        line.append(i).append(',').append(i >> 2).append(QUARTERS[(int) (i & 3)]).append(",name-").append(i)
            .append('\n');
        for (int k = 0; k < line.length(); k++) {
          out.write(line.charAt(k)); // ASCII only
        }
      }
    }
  }

  /**
   * Header: signature | int32 flags (0) | int32 header-extension length (0). Each tuple: int16
   * field count | per field int32 length then the value in network byte order. Trailer: int16 -1.
   */
  static void writeBinary(Path file, long rows) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.write(SIGNATURE);
      out.writeInt(0);
      out.writeInt(0);
      for (long i = 0; i < rows; i++) {
        byte[] name = ("name-" + i).getBytes(StandardCharsets.US_ASCII);
        out.writeShort(3);
        out.writeInt(8);
        out.writeLong(i);
        out.writeInt(8);
        out.writeDouble(i / 4.0);
        out.writeInt(name.length);
        out.write(name);
      }
      out.writeShort(-1);
    }
  }
}
