package io.duckgres.engine.catalog.viewdef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The relations one level of a query reads (its FROM items, by the name PostgreSQL prints for
 * them), and the level around it, so that a column is printed qualified as PostgreSQL prints the
 * columns of a view.
 */
final class Scope {
  /** A FROM item: the name its columns are qualified with, and its columns. */
  record Item(String refname, List<Relations.Column> columns) {}

  /** A column found in scope: the item's name and the column. */
  record Resolved(String refname, Relations.Column column) {}

  private final Scope outer;
  final List<Item> items = new ArrayList<>();
  private final Map<String, List<Relations.Column>> ctes = new HashMap<>();

  Scope(Scope outer) {
    this.outer = outer;
  }

  Resolved resolve(String qualifier, String name) {
    for (Scope scope = this; scope != null; scope = scope.outer) {
      for (Item item : scope.items) {
        if (qualifier != null && !item.refname.equalsIgnoreCase(qualifier)) {
          continue;
        }
        for (Relations.Column column : item.columns) {
          if (column.name().equalsIgnoreCase(name)) {
            return new Resolved(item.refname, column);
          }
        }
      }
    }
    return null;
  }

  Item item(String refname) {
    for (Scope scope = this; scope != null; scope = scope.outer) {
      for (Item item : scope.items) {
        if (item.refname.equalsIgnoreCase(refname)) {
          return item;
        }
      }
    }
    return null;
  }

  Scope outer() {
    return outer;
  }

  void addCte(String name, List<Relations.Column> columns) {
    ctes.put(name.toLowerCase(Locale.ROOT), columns);
  }

  /** The columns of the WITH query {@code name} visible here; null when there is none. */
  List<Relations.Column> cte(String name) {
    for (Scope scope = this; scope != null; scope = scope.outer) {
      List<Relations.Column> columns = scope.ctes.get(name.toLowerCase(Locale.ROOT));
      if (columns != null) {
        return columns;
      }
    }
    return null;
  }
}
