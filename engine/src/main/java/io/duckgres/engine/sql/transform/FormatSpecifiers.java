package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code format(template, …)} with a constant template of {@code %s}, {@code %I}, {@code %L}
 * and {@code %%} that uses {@code %I} or {@code %L} (DuckDB's format knows neither): the
 * {@code concat} of the template's text and the arguments, {@code %I} through
 * {@code quote_ident}, {@code %L} through {@code quote_nullable}, {@code %s} as text (NULL
 * empty). Templates with positions or widths ({@code %1$s}, {@code %-5s}) are left alone.
 */
public final class FormatSpecifiers implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!"format".equals(Nodes.functionName(node.build()))) {
      return false;
    }
    FuncCall call = node.getFuncCall();
    String template = call.getArgsCount() > 0 ? Nodes.stringConstant(call.getArgs(0)) : null;
    if (template == null || (!template.contains("%I") && !template.contains("%L"))) {
      return false;
    }
    List<Node> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int argument = 1;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '%') {
        text.append(c);
        continue;
      }
      if (i + 1 >= template.length()) {
        return false;
      }
      char specifier = template.charAt(++i);
      if (specifier == '%') {
        text.append('%');
        continue;
      }
      if ((specifier != 's' && specifier != 'I' && specifier != 'L')
          || argument >= call.getArgsCount()) {
        return false;
      }
      parts.add(Nodes.string(text.toString()));
      text.setLength(0);
      Node value = Nodes.cast(call.getArgs(argument++), "text");
      parts.add(switch (specifier) {
        case 'I' -> Nodes.call("quote_ident", value);
        case 'L' -> Nodes.call("quote_nullable", value);
        default -> value;
      });
    }
    parts.add(Nodes.string(text.toString()));
    node.clear().mergeFrom(Nodes.call("concat", parts.toArray(Node[]::new)));
    return true;
  }
}
