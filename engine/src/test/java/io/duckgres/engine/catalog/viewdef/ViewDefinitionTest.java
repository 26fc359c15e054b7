package io.duckgres.engine.catalog.viewdef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Views as DuckDB keeps their text (its print of what the server gave it) against the text
 * PostgreSQL 15's pg_get_viewdef gives for the same CREATE VIEW over the same tables (captured
 * from Debian's PostgreSQL 15; the differential suite compares against a live one).
 */
class ViewDefinitionTest {
  private static final String TABLES = columns(
      "t", "id INTEGER", "name VARCHAR", "price DECIMAL(10,2)", "d DATE",
      "u", "uid INTEGER", "id INTEGER", "note VARCHAR");

  private static String columns(String... spec) {
    List<String> records = new ArrayList<>();
    String table = null;
    for (String item : spec) {
      if (!item.contains(" ")) {
        table = item;
        continue;
      }
      String[] parts = item.split(" ", 2);
      records.add(String.join(String.valueOf(Relations.FIELD), "main", table, parts[0], parts[1]));
    }
    return String.join(String.valueOf(Relations.RECORD), records);
  }

  private static String print(String viewSql, String... viewColumns) {
    List<String> spec = new ArrayList<>();
    String name = viewSql.split(" ")[2];
    spec.add(name);
    for (String column : viewColumns) {
      spec.add(column + " INTEGER");
    }
    return ViewDefinition.print(viewSql, TABLES + Relations.RECORD + columns(spec.toArray(String[]::new)));
  }

  /** A text block's lines with the one leading space PostgreSQL's lines have beyond its margin. */
  private static String pg(String block) {
    return block.lines().map(line -> " " + line).collect(java.util.stream.Collectors.joining("\n"));
  }

  @Test
  void qualifiesColumnsOneItemPerLine() {
    assertThat(print("CREATE VIEW v1 AS SELECT id, \"name\" FROM t WHERE ((id > 1) AND (\"name\" != 'x'));",
        "id", "name")).isEqualTo(pg("""
         SELECT t.id,
            t.name
           FROM t
          WHERE ((t.id > 1) AND (t.name <> 'x'::text));"""));
  }

  @Test
  void joinsAggregatesAndDivision() {
    assertThat(print("CREATE VIEW v2 AS SELECT a.id, count_star() AS n, CASE  WHEN ((2 = 0)) THEN"
        + " (\"error\"('division by zero')) ELSE (sum(a.price) // 2) END FROM t AS a INNER JOIN t"
        + " AS b ON ((a.id = b.id)) GROUP BY a.id ORDER BY 1;", "id", "n", "?column?"))
        .isEqualTo(pg("""
         SELECT a.id,
            count(*) AS n,
            (sum(a.price) / (2)::numeric) AS "?column?"
           FROM (t a
             JOIN t b ON ((a.id = b.id)))
          GROUP BY a.id
          ORDER BY a.id;"""));
  }

  @Test
  void expandsStar() {
    assertThat(print("CREATE VIEW v3 AS SELECT * FROM t;", "id", "name", "price", "d"))
        .isEqualTo(pg("""
         SELECT t.id,
            t.name,
            t.price,
            t.d
           FROM t;"""));
  }

  @Test
  void leftJoinLikeOrderLimit() {
    assertThat(print("CREATE VIEW v4 AS SELECT t.id, u.note FROM t LEFT JOIN u ON ((t.id = u.id))"
        + " WHERE (u.note ~~ 'a%') ORDER BY t.id DESC LIMIT 5 OFFSET 2;", "id", "note"))
        .isEqualTo(pg("""
         SELECT t.id,
            u.note
           FROM (t
             LEFT JOIN u ON ((t.id = u.id)))
          WHERE (u.note ~~ 'a%'::text)
          ORDER BY t.id DESC
         OFFSET 2
         LIMIT 5;"""));
  }

  @Test
  void caseInListsAndTypedLiterals() {
    assertThat(print("CREATE VIEW v5 AS SELECT id, upper(\"name\") AS up, (price * 2) AS p2, CASE "
        + " WHEN ((id > 3)) THEN ('big') ELSE 'small' END AS size FROM t WHERE ((d >= '2024-01-01')"
        + " AND (id IN (1, 2, 3)));", "id", "up", "p2", "size")).isEqualTo(pg("""
         SELECT t.id,
            upper(t.name) AS up,
            (t.price * (2)::numeric) AS p2,
                CASE
                    WHEN (t.id > 3) THEN 'big'::text
                    ELSE 'small'::text
                END AS size
           FROM t
          WHERE ((t.d >= '2024-01-01'::date) AND (t.id = ANY (ARRAY[1, 2, 3])));"""));
  }

  @Test
  void unionCastsAndCoalesce() {
    assertThat(print("CREATE VIEW v7 AS (SELECT id, COALESCE(\"name\", '') AS nm, CAST(id AS VARCHAR)"
        + " AS idt, CAST(price AS INTEGER) AS pi FROM t) UNION ALL (SELECT uid, note, 'x', 1 FROM u);",
        "id", "nm", "idt", "pi")).isEqualTo("""
         SELECT t.id,
            COALESCE(t.name, ''::text) AS nm,
            (t.id)::text AS idt,
            (t.price)::integer AS pi
           FROM t
        UNION ALL
         SELECT u.uid AS id,
            u.note AS nm,
            'x'::text AS idt,
            1 AS pi
           FROM u;""");
  }

  @Test
  void withQueriesSubqueriesAndExists() {
    assertThat(print("CREATE VIEW v9 AS WITH big AS (SELECT * FROM t WHERE (price > 100))SELECT id"
        + " FROM big;", "id")).isEqualTo(pg("""
         WITH big AS (
                 SELECT t.id,
                    t.name,
                    t.price,
                    t.d
                   FROM t
                  WHERE (t.price > (100)::numeric)
                )
         SELECT big.id
           FROM big;"""));
    assertThat(print("CREATE VIEW v10 AS SELECT id FROM t WHERE (EXISTS(SELECT 1 FROM u WHERE"
        + " (u.id = t.id)) AND (NOT (id BETWEEN 1 AND 10)));", "id")).isEqualTo(pg("""
         SELECT t.id
           FROM t
          WHERE ((EXISTS ( SELECT 1
                   FROM u
                  WHERE (u.id = t.id))) AND (NOT ((t.id >= 1) AND (t.id <= 10))));"""));
    assertThat(print("CREATE VIEW w4 AS SELECT s.id, s.c FROM (SELECT id, count_star() AS c FROM t"
        + " GROUP BY id) AS s WHERE (s.c > 2);", "id", "c")).isEqualTo(pg("""
         SELECT s.id,
            s.c
           FROM ( SELECT t.id,
                    count(*) AS c
                   FROM t
                  GROUP BY t.id) s
          WHERE (s.c > 2);"""));
  }

  @Test
  void constantsAsPostgresPrintsThem() {
    assertThat(print("CREATE VIEW w6 AS SELECT 'lit' AS l, 1.5 AS f, CAST('t' AS BOOLEAN) AS b,"
        + " CAST(NULL AS INTEGER) AS n, 3000000000 AS big, -2 AS neg, (id + 1) AS inc FROM t;",
        "l", "f", "b", "n", "big", "neg", "inc")).isEqualTo(pg("""
         SELECT 'lit'::text AS l,
            1.5 AS f,
            true AS b,
            NULL::integer AS n,
            '3000000000'::bigint AS big,
            '-2'::integer AS neg,
            (t.id + 1) AS inc
           FROM t;"""));
    assertThat(print("CREATE VIEW w3 AS SELECT id, \"name\" FROM t WHERE ((\"name\" NOT IN ('a', 'b'))"
        + " AND (id != -1) AND (price IS NULL));", "id", "name")).isEqualTo(pg("""
         SELECT t.id,
            t.name
           FROM t
          WHERE ((t.name <> ALL (ARRAY['a'::text, 'b'::text])) AND (t.id <> '-1'::integer) AND (t.price IS NULL));"""));
  }

  @Test
  void unknownConstructsFallBack() {
    assertThat(print("CREATE VIEW x AS SELECT id, row_number() OVER (ORDER BY id) FROM t;", "id"))
        .isNull();
    assertThat(print("CREATE VIEW x AS SELECT id FROM nowhere;", "id")).isNull();
  }
}
