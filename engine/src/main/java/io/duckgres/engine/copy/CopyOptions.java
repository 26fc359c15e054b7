package io.duckgres.engine.copy;

import io.duckgres.engine.sql.parse.tree.PgQuery.DefElem;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.pgwire.copy.CopyFormat;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * COPY's format options with PostgreSQL's defaults: text uses tab and {@code \N}; CSV uses comma,
 * an empty unquoted string for NULL, and {@code "} for quote and escape.
 */
public final class CopyOptions {
  /** The three COPY formats. */
  public enum Format {
    TEXT,
    CSV,
    BINARY
  }

  Format format = Format.TEXT;
  Character delimiter;
  String nullString;
  boolean header;
  char quote = '"';
  Character escape;
  /** The options as given, checked by {@link #validate} before they become the fields above. */
  private String delimiterText;
  private String quoteText;
  private String escapeText;
  boolean forceQuoteAll;
  final Set<String> forceQuote = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
  final Set<String> forceNotNull = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
  final Set<String> forceNull = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  public Format format() {
    return format;
  }

  public byte delimiter() {
    return (byte) (delimiter != null ? delimiter : format == Format.CSV ? ',' : '\t');
  }

  public String nullString() {
    return nullString != null ? nullString : format == Format.CSV ? "" : "\\N";
  }

  public boolean header() {
    return header;
  }

  public byte quote() {
    return (byte) quote;
  }

  public byte escape() {
    return (byte) (escape != null ? escape : quote);
  }

  /** What the data parsers need, with this format's defaults resolved. */
  public CopyFormat dataFormat() {
    return new CopyFormat(CopyFormat.Kind.valueOf(format.name()), delimiter(), nullString(), header,
        quote(), escape(), Collections.unmodifiableSet(forceNotNull),
        Collections.unmodifiableSet(forceNull));
  }

  boolean forceQuote(String column) {
    return forceQuoteAll || forceQuote.contains(column);
  }

  /**
   * The options of a COPY statement, read from its parse tree: PostgreSQL's grammar gives both the
   * parenthesized list and the older keyword forms (WITH CSV HEADER, DELIMITER AS ';', FORCE QUOTE
   * *) as one list of name/value elements. Checked as PostgreSQL's ProcessCopyOptions checks them,
   * with its errors.
   *
   * @param from COPY FROM (some options exist only in one direction)
   */
  static CopyOptions of(List<Node> elements, boolean from) {
    CopyOptions options = new CopyOptions();
    Set<String> seen = new HashSet<>();
    for (Node element : elements) {
      DefElem option = element.getDefElem();
      if (!seen.add(option.getDefname())) {
        throw new PgException(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
      }
      options.option(option, from);
    }
    options.validate(from);
    return options;
  }

  private void option(DefElem option, boolean from) {
    String name = option.getDefname();
    switch (name) {
      case "format" -> {
        String value = string(option);
        format = switch (value) {
          case "text" -> Format.TEXT;
          case "csv" -> Format.CSV;
          case "binary" -> Format.BINARY;
          default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
              "COPY format \"" + value + "\" not recognized");
        };
      }
      case "delimiter" -> delimiterText = string(option);
      case "null" -> nullString = string(option);
      case "header" -> header = header(option, from);
      case "quote" -> quoteText = string(option);
      case "escape" -> escapeText = string(option);
      case "force_quote" -> {
        if (option.getArg().hasAStar()) {
          forceQuoteAll = true;
        } else {
          columns(option, forceQuote);
        }
      }
      case "force_not_null" -> columns(option, forceNotNull);
      case "force_null" -> columns(option, forceNull);
      case "encoding" -> {
        String encoding = string(option);
        if (!encoding.replace("-", "").replace("_", "").equalsIgnoreCase("utf8")) {
          throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
              "COPY encoding \"" + encoding + "\" is not supported (UTF8 only)");
        }
      }
      case "freeze" -> bool(option);
      default -> throw new PgException(SqlState.SYNTAX_ERROR,
          "option \"" + name + "\" not recognized");
    }
  }

  /** PostgreSQL's checks of the options together, in its order. */
  private void validate(boolean from) {
    boolean csv = format == Format.CSV;
    if (format == Format.BINARY && delimiterText != null) {
      throw syntax("cannot specify DELIMITER in BINARY mode");
    }
    if (format == Format.BINARY && nullString != null) {
      throw syntax("cannot specify NULL in BINARY mode");
    }
    String delimiterValue = delimiterText != null ? delimiterText : csv ? "," : "\t";
    String nullValue = nullString();
    if (!singleByte(delimiterValue)) {
      throw unsupported("COPY delimiter must be a single one-byte character");
    }
    char delimiterChar = delimiterValue.charAt(0);
    if (delimiterChar == '\n' || delimiterChar == '\r') {
      throw invalid("COPY delimiter cannot be newline or carriage return");
    }
    if (nullValue.indexOf('\n') >= 0 || nullValue.indexOf('\r') >= 0) {
      throw invalid("COPY null representation cannot use newline or carriage return");
    }
    if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf(delimiterChar) >= 0) {
      throw invalid("COPY delimiter cannot be \"" + delimiterValue + "\"");
    }
    if (format == Format.BINARY && header) {
      throw syntax("cannot specify HEADER in BINARY mode");
    }
    if (!csv && quoteText != null) {
      throw unsupported("COPY quote available only in CSV mode");
    }
    if (csv && quoteText != null && !singleByte(quoteText)) {
      throw unsupported("COPY quote must be a single one-byte character");
    }
    if (quoteText != null) {
      quote = quoteText.charAt(0);
    }
    if (csv && delimiterChar == quote) {
      throw invalid("COPY delimiter and quote must be different");
    }
    if (!csv && escapeText != null) {
      throw unsupported("COPY escape available only in CSV mode");
    }
    if (csv && escapeText != null && !singleByte(escapeText)) {
      throw unsupported("COPY escape must be a single one-byte character");
    }
    if (escapeText != null) {
      escape = escapeText.charAt(0);
    }
    if (!csv && (forceQuoteAll || !forceQuote.isEmpty())) {
      throw unsupported("COPY force quote available only in CSV mode");
    }
    if ((forceQuoteAll || !forceQuote.isEmpty()) && from) {
      throw unsupported("COPY force quote only available using COPY TO");
    }
    if (!csv && !forceNotNull.isEmpty()) {
      throw unsupported("COPY force not null available only in CSV mode");
    }
    if (!forceNotNull.isEmpty() && !from) {
      throw unsupported("COPY force not null only available using COPY FROM");
    }
    if (!csv && !forceNull.isEmpty()) {
      throw unsupported("COPY force null available only in CSV mode");
    }
    if (!forceNull.isEmpty() && !from) {
      throw unsupported("COPY force null only available using COPY FROM");
    }
    if (format != Format.BINARY && nullValue.indexOf(delimiterChar) >= 0) {
      throw unsupported("COPY delimiter must not appear in the NULL specification");
    }
    if (csv && nullValue.indexOf(quote) >= 0) {
      throw unsupported("CSV quote character must not appear in the NULL specification");
    }
    if (delimiterText != null) {
      delimiter = delimiterChar;
    }
  }

  /** An option's value as text, as PostgreSQL's defGetString reads it. */
  private static String string(DefElem option) {
    Node arg = option.getArg();
    if (arg.hasString()) {
      return arg.getString().getSval();
    } else if (arg.hasInteger()) {
      return Integer.toString(arg.getInteger().getIval());
    } else if (arg.hasFloat()) {
      return arg.getFloat().getFval();
    } else if (arg.hasBoolean()) {
      return arg.getBoolean().getBoolval() ? "true" : "false";
    } else if (arg.hasAStar()) {
      return "*";
    }
    throw syntax(option.getDefname() + " requires a parameter");
  }

  /** A Boolean option, as PostgreSQL's defGetBoolean reads it: no value means true. */
  private static boolean bool(DefElem option) {
    Boolean value = booleanValue(option);
    if (value == null) {
      throw syntax(option.getDefname() + " requires a Boolean value");
    }
    return value;
  }

  /** HEADER: a Boolean, or MATCH (COPY FROM only: the header must name the columns). */
  private static boolean header(DefElem option, boolean from) {
    Boolean value = booleanValue(option);
    if (value != null) {
      return value;
    }
    if (option.getArg().hasString()
        && option.getArg().getString().getSval().equalsIgnoreCase("match")) {
      if (!from) {
        throw unsupported("cannot use \"match\" with HEADER in COPY TO");
      }
      return true;
    }
    throw syntax(option.getDefname() + " requires a Boolean value or \"match\"");
  }

  private static Boolean booleanValue(DefElem option) {
    if (!option.hasArg()) {
      return true;
    }
    Node arg = option.getArg();
    if (arg.hasBoolean()) {
      return arg.getBoolean().getBoolval();
    }
    if (arg.hasInteger()) {
      int value = arg.getInteger().getIval();
      return value == 0 ? Boolean.FALSE : value == 1 ? Boolean.TRUE : null;
    }
    if (arg.hasString()) {
      return switch (arg.getString().getSval().toLowerCase(Locale.ROOT)) {
        case "true", "on" -> Boolean.TRUE;
        case "false", "off" -> Boolean.FALSE;
        default -> null;
      };
    }
    return null;
  }

  private static void columns(DefElem option, Set<String> into) {
    if (!option.getArg().hasList()) {
      throw syntax("argument to option \"" + option.getDefname()
          + "\" must be a list of column names");
    }
    for (Node column : option.getArg().getList().getItemsList()) {
      into.add(column.getString().getSval());
    }
  }

  private static boolean singleByte(String value) {
    return value.length() == 1 && value.charAt(0) < 128;
  }

  private static PgException syntax(String message) {
    return new PgException(SqlState.SYNTAX_ERROR, message);
  }

  private static PgException unsupported(String message) {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }

  private static PgException invalid(String message) {
    return new PgException(SqlState.INVALID_PARAMETER_VALUE, message);
  }
}
