package io.duckgres.engine.cursor;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DECLARE, FETCH, MOVE and CLOSE (PostgreSQL docs, "DECLARE", "FETCH", "MOVE", "CLOSE"):
 *
 * <pre>
 * DECLARE name [ BINARY ] [ ASENSITIVE | INSENSITIVE ] [ [ NO ] SCROLL ]
 *     CURSOR [ { WITH | WITHOUT } HOLD ] FOR query
 * FETCH [ direction ] [ FROM | IN ] name      MOVE [ direction ] [ FROM | IN ] name
 * CLOSE { name | ALL }
 * direction: NEXT | PRIOR | FIRST | LAST | ABSOLUTE n | RELATIVE n | n | ALL
 *          | FORWARD [ n | ALL ] | BACKWARD [ n | ALL ]
 * </pre>
 *
 * @param verb which statement
 * @param name the cursor (null for CLOSE ALL)
 * @param query DECLARE's query
 * @param hold DECLARE … WITH HOLD
 * @param direction how FETCH/MOVE moves
 * @param count the count of the direction (Long.MAX_VALUE for ALL)
 * @param noScroll DECLARE … NO SCROLL: the cursor refuses to move backward, as in PostgreSQL
 */
public record CursorCommand(Verb verb, String name, String query, boolean hold,
    Direction direction, long count, boolean noScroll) {

  public CursorCommand(
      Verb verb, String name, String query, boolean hold, Direction direction, long count) {
    this(verb, name, query, hold, direction, count, false);
  }

  public enum Verb {
    DECLARE,
    FETCH,
    MOVE,
    CLOSE
  }

  /** FETCH/MOVE directions; counts may be negative for RELATIVE and BACKWARD. */
  public enum Direction {
    FORWARD,
    BACKWARD,
    ABSOLUTE,
    RELATIVE,
    FIRST,
    LAST
  }

  private static final Pattern DECLARE = Pattern.compile(
      "(?is)^\\s*DECLARE\\s+(\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s+((?:BINARY|ASENSITIVE|INSENSITIVE|NO"
          + "|SCROLL|\\s)*)CURSOR\\s+(?:(WITH|WITHOUT)\\s+HOLD\\s+)?FOR\\s+(.*?)\\s*;?\\s*$");
  private static final Pattern MOVEMENT = Pattern.compile(
      "(?is)^\\s*(FETCH|MOVE)\\s+(.*?)\\s*;?\\s*$");
  private static final Pattern CLOSE = Pattern.compile(
      "(?is)^\\s*CLOSE\\s+(\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s*;?\\s*$");

  /** Parses one of the four statements; null when {@code sql} is none of them. */
  public static CursorCommand parse(String sql) {
    Matcher declare = DECLARE.matcher(sql);
    if (declare.matches()) {
      return new CursorCommand(Verb.DECLARE, name(declare.group(1)), declare.group(4),
          "WITH".equalsIgnoreCase(declare.group(3)), Direction.FORWARD, 0,
          declare.group(2).toUpperCase(java.util.Locale.ROOT).matches("(?s).*\\bNO\\s+SCROLL\\b.*"));
    }
    Matcher close = CLOSE.matcher(sql);
    if (close.matches()) {
      String name = close.group(1);
      return new CursorCommand(Verb.CLOSE, name.equalsIgnoreCase("all") ? null : name(name),
          null, false, Direction.FORWARD, 0);
    }
    Matcher movement = MOVEMENT.matcher(sql);
    if (movement.matches()) {
      Verb verb = movement.group(1).equalsIgnoreCase("FETCH") ? Verb.FETCH : Verb.MOVE;
      return movement(verb, movement.group(2).trim().split("\\s+"));
    }
    return null;
  }

  private static CursorCommand movement(Verb verb, String[] words) {
    if (words.length == 0 || words[0].isEmpty()) {
      throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
    }
    String name = name(words[words.length - 1]);
    int end = words.length - 1;
    if (end > 0 && (words[end - 1].equalsIgnoreCase("FROM") || words[end - 1].equalsIgnoreCase("IN"))) {
      end--;
    }
    Direction direction = Direction.FORWARD;
    long count = 1;
    if (end >= 1) {
      String first = words[0].toUpperCase(Locale.ROOT);
      String argument = end >= 2 ? words[1] : null;
      switch (first) {
        case "NEXT":
          break;
        case "PRIOR":
          direction = Direction.BACKWARD;
          break;
        case "FIRST":
          direction = Direction.FIRST;
          break;
        case "LAST":
          direction = Direction.LAST;
          break;
        case "ALL":
          count = Long.MAX_VALUE;
          break;
        case "ABSOLUTE":
          direction = Direction.ABSOLUTE;
          count = number(argument);
          break;
        case "RELATIVE":
          direction = Direction.RELATIVE;
          count = number(argument);
          break;
        case "FORWARD":
        case "BACKWARD":
          direction = first.equals("FORWARD") ? Direction.FORWARD : Direction.BACKWARD;
          count = argument == null ? 1
              : argument.equalsIgnoreCase("ALL") ? Long.MAX_VALUE : number(argument);
          break;
        default:
          count = number(words[0]);
          if (count < 0) {
            direction = Direction.BACKWARD;
            count = -count;
          }
      }
    }
    return new CursorCommand(verb, name, null, false, direction, count);
  }

  private static long number(String word) {
    try {
      return Long.parseLong(word);
    } catch (NumberFormatException | NullPointerException e) {
      throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + word + "\"");
    }
  }

  private static String name(String word) {
    if (word.startsWith("\"") && word.endsWith("\"") && word.length() > 1) {
      return word.substring(1, word.length() - 1).replace("\"\"", "\"");
    }
    return word.toLowerCase(Locale.ROOT);
  }
}
