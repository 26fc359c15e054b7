package io.duckgres.engine.catalog.viewdef;

/** A construct this printer does not print in PostgreSQL's form; the caller falls back. */
final class Unprintable extends RuntimeException {
  Unprintable(String what) {
    super(what, null, false, false);
  }
}
