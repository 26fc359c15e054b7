// pgx v5 against a real duckgres server (GoClientsTest starts one and sets DUCKGRES_HOST,
// DUCKGRES_PORT and DUCKGRES_PASSWORD): TLS + SCRAM, the simple protocol and the extended
// protocol with binary formats, types, transactions, errors with their SQLSTATE, CopyFrom and
// pipelined batches.
package goclients

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math/big"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

func env(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func connString() string {
	return fmt.Sprintf("host=%s port=%s user=postgres password=%s dbname=postgres sslmode=require"+
		" connect_timeout=20 application_name=pgx-smoke",
		env("DUCKGRES_HOST", "127.0.0.1"), env("DUCKGRES_PORT", "15440"),
		env("DUCKGRES_PASSWORD", "postgres"))
}

func connect(t *testing.T, mode pgx.QueryExecMode) *pgx.Conn {
	t.Helper()
	config, err := pgx.ParseConfig(connString())
	if err != nil {
		t.Fatal(err)
	}
	config.DefaultQueryExecMode = mode
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, config)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

var tableCounter int

func uniqueTable(t *testing.T, conn *pgx.Conn, prefix string) string {
	tableCounter++
	name := fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), tableCounter)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn.Exec(ctx, "drop table if exists "+name)
	})
	return name
}

func pgCode(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

func TestConnectsOverTLSWithSCRAM(t *testing.T) {
	conn := connect(t, pgx.QueryExecModeCacheStatement)
	ctx := testContext(t)
	if _, ok := conn.PgConn().Conn().(*tls.Conn); !ok {
		t.Fatalf("connection is %T, not TLS", conn.PgConn().Conn())
	}
	var user, app string
	var pid int32
	err := conn.QueryRow(ctx, "select current_user, current_setting('application_name'),"+
		" pg_backend_pid()").Scan(&user, &app, &pid)
	if err != nil {
		t.Fatal(err)
	}
	if user != "postgres" || app != "pgx-smoke" {
		t.Fatalf("got user %q application_name %q", user, app)
	}
	// pg_backend_pid() is the pid of BackendKeyData, the one pgx cancels with.
	if uint32(pid) != conn.PgConn().PID() || pid == 0 {
		t.Fatalf("pg_backend_pid() = %d, BackendKeyData pid = %d", pid, conn.PgConn().PID())
	}

	config, _ := pgx.ParseConfig(connString())
	config.Password = "wrong"
	_, err = pgx.ConnectConfig(ctx, config)
	if pgCode(err) != "28P01" {
		t.Fatalf("wrong password: got %v, want SQLSTATE 28P01", err)
	}
}

// The same query through each way pgx talks: the simple protocol (text), and the extended
// protocol with a described statement, which uses binary formats for the types pgx knows.
func TestTypesInEveryExecMode(t *testing.T) {
	modes := map[string]pgx.QueryExecMode{
		"simple":         pgx.QueryExecModeSimpleProtocol,
		"cacheStatement": pgx.QueryExecModeCacheStatement,
		"describeExec":   pgx.QueryExecModeDescribeExec,
		"exec":           pgx.QueryExecModeExec,
	}
	for name, mode := range modes {
		t.Run(name, func(t *testing.T) {
			conn := connect(t, mode)
			ctx := testContext(t)
			var (
				i     int32
				big8  int64
				num   pgtype.Numeric
				text  string
				yes   bool
				day   time.Time
				ts    time.Time
				doc   map[string]any
				ints  []int32
				texts []*string
				null  *int32
				dbl   float64
				raw   []byte
			)
			err := conn.QueryRow(ctx, `select 42::integer, 9007199254740993::bigint,
				12345.678::numeric(10,3), 'héllo'::text, true, date '2024-02-29',
				timestamp '2024-02-29 13:14:15.5', '{"a": [1, 2], "b": null}'::json,
				array[1, 2, 3]::integer[], array['x', null, 'z']::text[], null::integer,
				2.5::double precision, '\xdeadbeef'::bytea`).Scan(
				&i, &big8, &num, &text, &yes, &day, &ts, &doc, &ints, &texts, &null, &dbl, &raw)
			if err != nil {
				t.Fatal(err)
			}
			if i != 42 || big8 != 9007199254740993 || text != "héllo" || !yes || null != nil ||
				dbl != 2.5 {
				t.Fatalf("scalars: %d %d %q %v %v %v", i, big8, text, yes, null, dbl)
			}
			if num.Int.Cmp(big.NewInt(12345678)) != 0 || num.Exp != -3 {
				t.Fatalf("numeric: %v e%d", num.Int, num.Exp)
			}
			if !day.Equal(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)) {
				t.Fatalf("date: %v", day)
			}
			if !ts.Equal(time.Date(2024, 2, 29, 13, 14, 15, 500_000_000, time.UTC)) {
				t.Fatalf("timestamp: %v", ts)
			}
			if !reflect.DeepEqual(doc, map[string]any{"a": []any{1.0, 2.0}, "b": nil}) {
				t.Fatalf("json: %v", doc)
			}
			if !reflect.DeepEqual(ints, []int32{1, 2, 3}) {
				t.Fatalf("int[]: %v", ints)
			}
			if len(texts) != 3 || *texts[0] != "x" || texts[1] != nil || *texts[2] != "z" {
				t.Fatalf("text[]: %v", texts)
			}
			if !reflect.DeepEqual(raw, []byte{0xde, 0xad, 0xbe, 0xef}) {
				t.Fatalf("bytea: %x", raw)
			}

			// Parameters: pgx encodes these in binary in the extended modes.
			when := time.Date(2023, 6, 1, 8, 30, 0, 0, time.UTC)
			var (
				pi    int32
				pbig  int64
				pt    string
				pb    bool
				pts   time.Time
				parr  []int32
				pnull *string
				pday  time.Time
				pnum  string
			)
			err = conn.QueryRow(ctx, `select $1::integer, $2::bigint, $3::text, $4::boolean,
				$5::timestamptz, $6::integer[], $7::text, $8::date, $9::numeric(6,2)::text`,
				int32(7), int64(1)<<40, "seven", true, when, []int32{7, 8}, nil,
				time.Date(2020, 1, 31, 0, 0, 0, 0, time.UTC), "7.77").Scan(
				&pi, &pbig, &pt, &pb, &pts, &parr, &pnull, &pday, &pnum)
			if err != nil {
				t.Fatal(err)
			}
			if pi != 7 || pbig != 1<<40 || pt != "seven" || !pb || !pts.Equal(when) ||
				!reflect.DeepEqual(parr, []int32{7, 8}) || pnull != nil ||
				!pday.Equal(time.Date(2020, 1, 31, 0, 0, 0, 0, time.UTC)) || pnum != "7.77" {
				t.Fatalf("parameters: %d %d %q %v %v %v %v %v %q",
					pi, pbig, pt, pb, pts, parr, pnull, pday, pnum)
			}
		})
	}
}

func TestManyRowsAndRowCounts(t *testing.T) {
	conn := connect(t, pgx.QueryExecModeCacheStatement)
	ctx := testContext(t)
	rows, err := conn.Query(ctx, "select i, 'row ' || i from generate_series(1, 5000) t(i)"+
		" where i > $1 order by i", 0)
	if err != nil {
		t.Fatal(err)
	}
	var count, sum int64
	for rows.Next() {
		var i int64
		var label string
		if err := rows.Scan(&i, &label); err != nil {
			t.Fatal(err)
		}
		count++
		sum += i
		if label != fmt.Sprintf("row %d", i) {
			t.Fatalf("label %q for %d", label, i)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if count != 5000 || sum != 5000*5001/2 {
		t.Fatalf("got %d rows summing to %d", count, sum)
	}
	if rows.CommandTag().String() != "SELECT 5000" {
		t.Fatalf("command tag %q", rows.CommandTag())
	}

	table := uniqueTable(t, conn, "pgx_counts")
	if _, err := conn.Exec(ctx, "create table "+table+" (id integer, name text)"); err != nil {
		t.Fatal(err)
	}
	tag, err := conn.Exec(ctx, "insert into "+table+" values ($1, $2), ($3, $4)", 1, "a", 2, "b")
	if err != nil || !tag.Insert() || tag.RowsAffected() != 2 {
		t.Fatalf("insert: %v %v", tag, err)
	}
	tag, err = conn.Exec(ctx, "update "+table+" set name = upper(name)")
	if err != nil || !tag.Update() || tag.RowsAffected() != 2 {
		t.Fatalf("update: %v %v", tag, err)
	}
}

func TestTransactionRollbackAndCommit(t *testing.T) {
	conn := connect(t, pgx.QueryExecModeCacheStatement)
	ctx := testContext(t)
	table := uniqueTable(t, conn, "pgx_tx")
	if _, err := conn.Exec(ctx, "create table "+table+" (x integer)"); err != nil {
		t.Fatal(err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "insert into "+table+" values (1), (2)"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "insert into "+table+" values (3)")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var values []int32
	rows, _ := conn.Query(ctx, "select x from "+table+" order by x")
	values, err = pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil || !reflect.DeepEqual(values, []int32{3}) {
		t.Fatalf("after rollback and commit: %v %v", values, err)
	}

	tx, err = conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
	if err != nil {
		t.Fatal(err)
	}
	var level string
	if err := tx.QueryRow(ctx, "show transaction isolation level").Scan(&level); err != nil {
		t.Fatal(err)
	}
	if level != "serializable" {
		t.Fatalf("isolation level %q", level)
	}
	tx.Rollback(ctx)

	// A nested transaction is a savepoint: its commit is RELEASE SAVEPOINT.
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "insert into "+table+" values (4)"); err != nil {
			return err
		}
		return pgx.BeginFunc(ctx, tx, func(nested pgx.Tx) error {
			_, err := nested.Exec(ctx, "insert into "+table+" values (5)")
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ = conn.Query(ctx, "select x from "+table+" order by x")
	values, err = pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil || !reflect.DeepEqual(values, []int32{3, 4, 5}) {
		t.Fatalf("after the nested transaction: %v %v", values, err)
	}
}

func TestErrorsCarrySQLStateAndConnectionStaysUsable(t *testing.T) {
	conn := connect(t, pgx.QueryExecModeCacheStatement)
	ctx := testContext(t)
	_, err := conn.Exec(ctx, "select * from no_such_table_pgx")
	if pgCode(err) != "42P01" {
		t.Fatalf("missing table: %v", err)
	}
	_, err = conn.Exec(ctx, "selec 1")
	if pgCode(err) != "42601" {
		t.Fatalf("syntax error: %v", err)
	}
	var n int32
	err = conn.QueryRow(ctx, "select $1::text::integer", "twelve").Scan(&n)
	if pgCode(err) != "22P02" {
		t.Fatalf("bad integer: %v", err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "select * from no_such_table_pgx"); pgCode(err) != "42P01" {
		t.Fatalf("in transaction: %v", err)
	}
	if _, err := tx.Exec(ctx, "select 1"); pgCode(err) != "25P02" {
		t.Fatalf("failed transaction: %v", err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(ctx, "select 5").Scan(&n); err != nil || n != 5 {
		t.Fatalf("after errors: %d %v", n, err)
	}
}

func TestCopyFrom(t *testing.T) {
	conn := connect(t, pgx.QueryExecModeCacheStatement)
	ctx := testContext(t)
	table := uniqueTable(t, conn, "pgx_copy")
	_, err := conn.Exec(ctx, "create table "+table+
		" (id bigint, name text, score double precision, ts timestamp, ok boolean)")
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var source [][]any
	for i := 0; i < 3000; i++ {
		var name any = fmt.Sprintf("name %d", i)
		if i%100 == 0 {
			name = nil
		}
		source = append(source, []any{int64(i), name, float64(i) / 4, base.Add(time.Duration(i) *
			time.Minute), i%2 == 0})
	}
	copied, err := conn.CopyFrom(ctx, pgx.Identifier{table},
		[]string{"id", "name", "score", "ts", "ok"}, pgx.CopyFromRows(source))
	if err != nil {
		t.Fatal(err)
	}
	if copied != 3000 {
		t.Fatalf("CopyFrom reported %d rows", copied)
	}
	var count, nulls, evens int64
	var maxAt time.Time
	var scoreSum float64
	err = conn.QueryRow(ctx, "select count(*), count(*) - count(name), sum(score), max(ts),"+
		" count(*) filter (where ok) from "+table).Scan(&count, &nulls, &scoreSum, &maxAt, &evens)
	if err != nil {
		t.Fatal(err)
	}
	if count != 3000 || nulls != 30 || scoreSum != 2999*3000/2/4.0 || evens != 1500 ||
		!maxAt.Equal(base.Add(2999*time.Minute)) {
		t.Fatalf("copied: %d rows, %d nulls, sum %v, max %v, %d true", count, nulls, scoreSum,
			maxAt, evens)
	}
}

func TestPipelinedBatch(t *testing.T) {
	conn := connect(t, pgx.QueryExecModeCacheStatement)
	ctx := testContext(t)
	table := uniqueTable(t, conn, "pgx_batch")
	if _, err := conn.Exec(ctx, "create table "+table+" (id integer, name text)"); err != nil {
		t.Fatal(err)
	}
	batch := &pgx.Batch{}
	for i := 1; i <= 50; i++ {
		batch.Queue("insert into "+table+" values ($1, $2)", i, fmt.Sprintf("n%d", i))
	}
	batch.Queue("select count(*), sum(id) from " + table)
	batch.Queue("select name from "+table+" where id = $1", 7)
	results := conn.SendBatch(ctx, batch)
	for i := 1; i <= 50; i++ {
		tag, err := results.Exec()
		if err != nil || tag.RowsAffected() != 1 {
			t.Fatalf("insert %d: %v %v", i, tag, err)
		}
	}
	var count, sum int64
	if err := results.QueryRow().Scan(&count, &sum); err != nil || count != 50 || sum != 1275 {
		t.Fatalf("count: %d %d %v", count, sum, err)
	}
	var name string
	if err := results.QueryRow().Scan(&name); err != nil || name != "n7" {
		t.Fatalf("name: %q %v", name, err)
	}
	if err := results.Close(); err != nil {
		t.Fatal(err)
	}

	// An error while a batch runs (after every statement was prepared): the statements before it
	// ran, the error has its SQLSTATE, and the connection is usable afterwards.
	batch = &pgx.Batch{}
	batch.Queue("select 1")
	batch.Queue("select $1::text::integer", "not a number")
	batch.Queue("select 3")
	results = conn.SendBatch(ctx, batch)
	var one int32
	if err := results.QueryRow().Scan(&one); err != nil || one != 1 {
		t.Fatalf("first: %d %v", one, err)
	}
	if _, err := results.Exec(); pgCode(err) != "22P02" {
		t.Fatalf("second: %v", err)
	}
	results.Close()
	if err := conn.QueryRow(ctx, "select 4").Scan(&one); err != nil || one != 4 {
		t.Fatalf("after batch: %d %v", one, err)
	}
}

// A statement whose result columns depend on a parameter (a table function's argument): the
// extended protocol must describe its real columns at Parse, or pgx rejects the rows.
func TestParameterInATableFunction(t *testing.T) {
	conn := connect(t, pgx.QueryExecModeCacheStatement)
	ctx := testContext(t)
	rows, _ := conn.Query(ctx, "select i, 'row ' || i from generate_series(1, $1::integer)"+
		" t(i) order by i", 3)
	type pair struct {
		I     int64
		Label string
	}
	got, err := pgx.CollectRows(rows, pgx.RowToStructByPos[pair])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, []pair{{1, "row 1"}, {2, "row 2"}, {3, "row 3"}}) {
		t.Fatalf("rows %v", got)
	}
}
