package io.duckgres.engine.copy;

import io.duckgres.pgwire.copy.CopyFormat;
import java.util.Collections;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
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

  /** Reads the options after STDIN/STDOUT: the parenthesized list, or the legacy keywords. */
  static CopyOptions parse(CopyTokens tokens) {
    CopyOptions options = new CopyOptions();
    tokens.nextWordIs("with");
    if (tokens.peekIs("(")) {
      String list = tokens.parenthesized();
      CopyTokens inner = new CopyTokens(list);
      while (!inner.atEnd()) {
        String name = inner.word();
        if (name == null) {
          throw syntax(inner.rest());
        }
        options.option(name, inner);
        if (!inner.accept(",") && !inner.atEnd()) {
          throw syntax(inner.rest());
        }
      }
    } else {
      options.legacy(tokens);
    }
    options.validate();
    return options;
  }

  private void option(String name, CopyTokens tokens) {
    switch (name) {
      case "format":
        String value = tokens.value();
        try {
          format = Format.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
          throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
              "COPY format \"" + value + "\" not recognized");
        }
        break;
      case "delimiter":
        delimiter = singleByte("delimiter", tokens.value());
        break;
      case "null":
        nullString = tokens.value();
        break;
      case "header":
        header = booleanOption(tokens);
        break;
      case "quote":
        quote = singleByte("quote", tokens.value());
        break;
      case "escape":
        escape = singleByte("escape", tokens.value());
        break;
      case "force_quote":
        if (tokens.accept("*")) {
          forceQuoteAll = true;
        } else {
          columnList(tokens, forceQuote);
        }
        break;
      case "force_not_null":
        columnList(tokens, forceNotNull);
        break;
      case "force_null":
        columnList(tokens, forceNull);
        break;
      case "encoding":
        String encoding = tokens.value();
        if (!encoding.replace("-", "").equalsIgnoreCase("utf8")) {
          throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
              "COPY encoding \"" + encoding + "\" is not supported (UTF8 only)");
        }
        break;
      case "freeze":
        booleanOption(tokens);
        break;
      default:
        throw new PgException(SqlState.SYNTAX_ERROR, "option \"" + name + "\" not recognized");
    }
  }

  private void legacy(CopyTokens tokens) {
    while (!tokens.atEnd() && !tokens.peekIs(";")) {
      if (tokens.nextWordIs("binary")) {
        format = Format.BINARY;
      } else if (tokens.nextWordIs("csv")) {
        format = Format.CSV;
      } else if (tokens.nextWordIs("header")) {
        header = true;
      } else if (tokens.nextWordIs("delimiter")) {
        tokens.nextWordIs("as");
        delimiter = singleByte("delimiter", tokens.value());
      } else if (tokens.nextWordIs("null")) {
        tokens.nextWordIs("as");
        nullString = tokens.value();
      } else if (tokens.nextWordIs("quote")) {
        tokens.nextWordIs("as");
        quote = singleByte("quote", tokens.value());
      } else if (tokens.nextWordIs("escape")) {
        tokens.nextWordIs("as");
        escape = singleByte("escape", tokens.value());
      } else if (tokens.nextWordIs("force")) {
        if (tokens.nextWordIs("quote")) {
          if (tokens.accept("*")) {
            forceQuoteAll = true;
          } else {
            bareColumnList(tokens, forceQuote);
          }
        } else if (tokens.nextWordIs("not") && tokens.nextWordIs("null")) {
          bareColumnList(tokens, forceNotNull);
        } else {
          throw syntax(tokens.rest());
        }
      } else {
        return;
      }
    }
  }

  private void validate() {
    if (format != Format.CSV && (escape != null || forceQuoteAll || !forceQuote.isEmpty()
        || !forceNotNull.isEmpty() || !forceNull.isEmpty())) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "COPY escape, quote and force options are available only in CSV mode");
    }
    if (format == Format.BINARY && (delimiter != null || nullString != null || header)) {
      throw new PgException(SqlState.SYNTAX_ERROR,
          "cannot specify DELIMITER, NULL or HEADER in BINARY mode");
    }
    if (format == Format.CSV && delimiter() == quote()) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "COPY delimiter and quote must be different");
    }
  }

  private static boolean booleanOption(CopyTokens tokens) {
    if (tokens.atEnd() || tokens.peekIs(",")) {
      return true;
    }
    String value = tokens.value().toLowerCase(java.util.Locale.ROOT);
    switch (value) {
      case "true":
      case "on":
      case "1":
      case "match":
        return true;
      case "false":
      case "off":
      case "0":
        return false;
      default:
        throw new PgException(SqlState.SYNTAX_ERROR, "invalid boolean value \"" + value + "\"");
    }
  }

  private static void columnList(CopyTokens tokens, Set<String> into) {
    String list = tokens.parenthesized();
    if (list == null) {
      bareColumnList(tokens, into);
      return;
    }
    for (String column : list.split(",")) {
      into.add(column.strip().replace("\"", ""));
    }
  }

  private static void bareColumnList(CopyTokens tokens, Set<String> into) {
    do {
      into.add(tokens.value());
    } while (tokens.accept(","));
  }

  private static char singleByte(String option, String value) {
    if (value == null || value.length() != 1 || value.charAt(0) > 127) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "COPY " + option + " must be a single one-byte character");
    }
    return value.charAt(0);
  }

  private static PgException syntax(String near) {
    return new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + near + "\"");
  }
}
