/* store_sqlite.c - the store's SQLite backend, the only file that includes
 * sqlite3.h: schema, transactional writes of prepared reports (records, reprint
 * links, full-text index, merging into events by per-field votes), queries, and
 * the FTS5 tokenizer "annals" over bigram.c. docs/store.md for users.
 * SPDX-License-Identifier: MIT */
#include "store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_VERSION "1"
#define MAX_CANDIDATES 64   /* reprint candidates compared a report */
#define BAND_FETCH 8        /* reports fetched a band bucket */
#define ERRMSG_MAX 256

_Static_assert(MINHASH_BANDS == 21, "Q_BAND_INS binds 21 band keys");

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS reports("
	" rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, hash TEXT NOT NULL,"
	" url TEXT, published TEXT, outlet TEXT, agency TEXT, title TEXT, script TEXT,"
	" encoding TEXT, repaired INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL);"
	/* the text apart: metadata rows stay small and many to a page */
	"CREATE TABLE IF NOT EXISTS report_texts(rid INTEGER PRIMARY KEY,"
	" shingles INTEGER NOT NULL DEFAULT 0, minhash BLOB, text TEXT NOT NULL);"
	/* An 8 MiB pending-terms hash (default 1 MiB): a batch of 500 is flushed
	 * as one segment at its commit, not as several, so automerge has less to
	 * merge. (columnsize=0 would save a row a report but makes snippet()
	 * tokenize every hit again to count its tokens: slower search.) */
	"CREATE VIRTUAL TABLE IF NOT EXISTS report_fts USING fts5(text, content='report_texts',"
	" content_rowid='rid', tokenize='annals');"
	"INSERT INTO report_fts(report_fts, rank) SELECT 'hashsize', 8388608"
	" WHERE NOT EXISTS (SELECT 1 FROM report_fts_config WHERE k = 'hashsize');"
	"CREATE TABLE IF NOT EXISTS reprint_bands(key INTEGER NOT NULL, rid INTEGER NOT NULL,"
	" PRIMARY KEY(key, rid)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS reprints(a INTEGER NOT NULL, b INTEGER NOT NULL,"
	" similarity REAL NOT NULL, containment REAL NOT NULL, PRIMARY KEY(a, b)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS reprints_b ON reprints(b);"
	"CREATE TABLE IF NOT EXISTS actors(aid INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" name_en TEXT, country TEXT);"
	"CREATE INDEX IF NOT EXISTS actors_country ON actors(country);"
	"CREATE TABLE IF NOT EXISTS places(pid INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
	" country TEXT, city TEXT, city_en TEXT, venue TEXT, venue_en TEXT);"
	"CREATE TABLE IF NOT EXISTS documents(did INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE,"
	" kind TEXT);"
	"CREATE TABLE IF NOT EXISTS records("
	" rec INTEGER PRIMARY KEY, rid INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" event INTEGER NOT NULL, type TEXT, status TEXT, cameo TEXT, date TEXT, mdate TEXT,"
	" date_basis TEXT, time_of_day TEXT, pid INTEGER, exchanged TEXT, UNIQUE(rid, seq));"
	"CREATE INDEX IF NOT EXISTS records_event ON records(event, rid);"
	"CREATE TABLE IF NOT EXISTS record_actors(rec INTEGER NOT NULL, attendee INTEGER NOT NULL,"
	" seq INTEGER NOT NULL, aid INTEGER NOT NULL, title TEXT, role TEXT,"
	" PRIMARY KEY(rec, attendee, seq)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS record_actors_aid ON record_actors(aid);"
	"CREATE TABLE IF NOT EXISTS record_documents(rec INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" did INTEGER NOT NULL, PRIMARY KEY(rec, seq)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS evidence(rec INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" cp_start INTEGER NOT NULL, cp_end INTEGER NOT NULL, PRIMARY KEY(rec, seq)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS events("
	" event INTEGER PRIMARY KEY, pkey TEXT NOT NULL, tclass TEXT NOT NULL, status TEXT NOT NULL,"
	" type TEXT, cameo TEXT, date TEXT, mdate TEXT, date_basis TEXT, time_of_day TEXT,"
	" country TEXT, city TEXT, city_en TEXT, venue TEXT, venue_en TEXT, exchanged TEXT,"
	" reports INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX IF NOT EXISTS events_key ON events(pkey, tclass, status);"
	"CREATE INDEX IF NOT EXISTS events_date ON events(date);"
	"CREATE TABLE IF NOT EXISTS event_actors(event INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" aid INTEGER NOT NULL, PRIMARY KEY(event, seq)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS event_actors_aid ON event_actors(aid, event);"
	"CREATE TABLE IF NOT EXISTS event_votes(event INTEGER NOT NULL, field TEXT NOT NULL,"
	" value TEXT NOT NULL, n INTEGER NOT NULL, first INTEGER NOT NULL,"
	" PRIMARY KEY(event, field, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO meta VALUES('schema', " SCHEMA_VERSION ");";

/* Cached statements, prepared on first use. */
enum {
	Q_CHECK, Q_REPORT_OLD, Q_REPORT_INS, Q_REPORT_UPD, Q_TEXT_PUT, Q_FTS_INS, Q_FTS_DEL,
	Q_BANDS_DEL, Q_REPRINTS_DEL, Q_BAND_GET, Q_BAND_INS, Q_SIG_GET, Q_REPRINT_INS,
	Q_ACTOR_GET, Q_ACTOR_INS, Q_ACTOR_FILL, Q_PLACE_GET, Q_PLACE_INS, Q_DOC_GET, Q_DOC_INS,
	Q_REC_INS, Q_REC_ACTOR_INS, Q_REC_DOC_INS, Q_EVID_INS,
	Q_CANDIDATES, Q_EVENT_HAS_RID, Q_EVENT_INS, Q_EVENT_ACTOR_INS, Q_VOTE,
	Q_EVENT_VOTES, Q_EVENT_UPD, Q_EVENT_RECOUNT,
	Q_EVENTS_OF_REPORT, Q_REC_DEL, Q_REC_ACTORS_DEL, Q_REC_DOCS_DEL, Q_EVID_DEL,
	Q_EVENT_COUNT, Q_EVENT_DEL, Q_EVENT_ACTORS_DEL, Q_VOTES_DEL,
	Q_E_ACTORS, Q_E_ROLES, Q_E_ATTENDEES, Q_E_DOCS, Q_E_EXCH, Q_E_AREAS, Q_E_SOURCES, Q_E_EVID, Q_E_EVID_TEXT,
	Q_E_SPLIT, Q_E_DIS_TYPE, Q_E_DIS_DATE, Q_E_DIS_TOD, Q_E_DIS_COUNTRY, Q_E_DIS_CITY,
	Q_E_DIS_VENUE, Q_HAS_ACTOR, Q_COUNTS, Q_HIT_REPORT,
	Q_REBUILD_FIRST, /* Q_REBUILD_FIRST .. + NREBUILD - 1 */
	NREBUILD = 14,
	NQ = Q_REBUILD_FIRST + NREBUILD
};

static const char *const sql[NQ] = {
	[Q_CHECK] = "SELECT hash FROM reports WHERE id = ?1",
	[Q_REPORT_OLD] = "SELECT rid, hash FROM reports WHERE id = ?1",
	[Q_REPORT_INS] = "INSERT INTO reports(id, hash, url, published, outlet, agency, title,"
		" script, encoding, repaired, bytes)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[Q_REPORT_UPD] = "UPDATE reports SET hash = ?2, url = ?3, published = ?4, outlet = ?5,"
		" agency = ?6, title = ?7, script = ?8, encoding = ?9, repaired = ?10, bytes = ?11"
		" WHERE rid = ?1",
	[Q_TEXT_PUT] = "INSERT OR REPLACE INTO report_texts(rid, shingles, minhash, text)"
		" VALUES(?1, ?2, ?3, ?4)",
	[Q_FTS_INS] = "INSERT INTO report_fts(rowid, text) VALUES(?1, ?2)",
	[Q_FTS_DEL] = "INSERT INTO report_fts(report_fts, rowid, text)"
		" SELECT 'delete', rid, text FROM report_texts WHERE rid = ?1",
	[Q_BANDS_DEL] = "DELETE FROM reprint_bands WHERE key = ?1 AND rid = ?2",
	[Q_REPRINTS_DEL] = "DELETE FROM reprints WHERE a = ?1 OR b = ?1",
	[Q_BAND_GET] = "SELECT rid FROM reprint_bands WHERE key = ?1 LIMIT ?2",
	/* every band of a report in one statement: MINHASH_BANDS values, the rid last */
	[Q_BAND_INS] = "INSERT OR IGNORE INTO reprint_bands(key, rid) VALUES(?1, ?22), (?2, ?22), "
		"(?3, ?22), (?4, ?22), (?5, ?22), (?6, ?22), (?7, ?22), (?8, ?22), (?9, ?22), "
		"(?10, ?22), (?11, ?22), (?12, ?22), (?13, ?22), (?14, ?22), (?15, ?22), "
		"(?16, ?22), (?17, ?22), (?18, ?22), (?19, ?22), (?20, ?22), (?21, ?22)",
	[Q_SIG_GET] = "SELECT shingles, minhash FROM report_texts WHERE rid = ?1",
	[Q_REPRINT_INS] = "INSERT OR REPLACE INTO reprints(a, b, similarity, containment)"
		" VALUES(?1, ?2, ?3, ?4)",
	[Q_ACTOR_GET] = "SELECT aid, name_en IS NULL, country IS NULL FROM actors WHERE name = ?1",
	[Q_ACTOR_INS] = "INSERT INTO actors(name, name_en, country) VALUES(?1, ?2, ?3)",
	[Q_ACTOR_FILL] = "UPDATE actors SET name_en = coalesce(name_en, ?2),"
		" country = coalesce(country, ?3) WHERE aid = ?1",
	[Q_PLACE_GET] = "SELECT pid FROM places WHERE key = ?1",
	[Q_PLACE_INS] = "INSERT INTO places(key, country, city, city_en, venue, venue_en)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	[Q_DOC_GET] = "SELECT did FROM documents WHERE title = ?1",
	[Q_DOC_INS] = "INSERT INTO documents(title, kind) VALUES(?1, ?2)",
	[Q_REC_INS] = "INSERT INTO records(rid, seq, event, type, status, cameo, date, mdate,"
		" date_basis, time_of_day, pid, exchanged)"
		" VALUES(?1, ?2, ?12, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[Q_REC_ACTOR_INS] = "INSERT INTO record_actors(rec, attendee, seq, aid, title, role)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	[Q_REC_DOC_INS] = "INSERT INTO record_documents(rec, seq, did) VALUES(?1, ?2, ?3)",
	[Q_EVID_INS] = "INSERT INTO evidence(rec, seq, cp_start, cp_end) VALUES(?1, ?2, ?3, ?4)",
	[Q_CANDIDATES] = "SELECT event, type, mdate, time_of_day, country, city, reports FROM events"
		" WHERE pkey = ?1 AND tclass = ?2 AND status = ?3 ORDER BY event",
	[Q_EVENT_HAS_RID] = "SELECT 1 FROM records WHERE rid = ?1 AND event = ?2",
	[Q_EVENT_INS] = "INSERT INTO events(pkey, tclass, status) VALUES(?1, ?2, ?3)",
	[Q_EVENT_ACTOR_INS] = "INSERT OR IGNORE INTO event_actors(event, seq, aid) VALUES(?1, ?2, ?3)",
	[Q_VOTE] = "INSERT INTO event_votes(event, field, value, n, first) VALUES(?1, ?2, ?3, 1, ?4)"
		" ON CONFLICT(event, field, value) DO UPDATE SET n = n + 1",
	[Q_EVENT_VOTES] = "SELECT field, value, n FROM event_votes WHERE event = ?1 AND field IN"
		" ('type', 'cameo', 'date', 'mdate', 'date_basis', 'time_of_day', 'country', 'city',"
		" 'venue', 'exchanged') ORDER BY field, n DESC, first",
	/* ?12: records added (0 or 1). A row that would not change is not
	 * written (no index churn): the usual case of one more source agreeing. */
	[Q_EVENT_UPD] = "UPDATE events SET type = ?2, cameo = ?3, date = ?4, mdate = ?5,"
		" date_basis = ?6, time_of_day = ?7, country = ?8, city = ?9,"
		" city_en = (SELECT city_en FROM places WHERE city = ?9 AND city_en IS NOT NULL LIMIT 1),"
		" venue = ?10,"
		" venue_en = (SELECT venue_en FROM places WHERE venue = ?10 AND venue_en IS NOT NULL"
		" LIMIT 1), exchanged = ?11, reports = reports + ?12 WHERE event = ?1 AND"
		" (?12 OR type IS NOT ?2 OR cameo IS NOT ?3 OR date IS NOT ?4 OR mdate IS NOT ?5"
		" OR date_basis IS NOT ?6 OR time_of_day IS NOT ?7 OR country IS NOT ?8"
		" OR city IS NOT ?9 OR venue IS NOT ?10 OR exchanged IS NOT ?11"
		" OR city_en IS NOT (SELECT city_en FROM places WHERE city = ?9"
		" AND city_en IS NOT NULL LIMIT 1)"
		" OR venue_en IS NOT (SELECT venue_en FROM places WHERE venue = ?10"
		" AND venue_en IS NOT NULL LIMIT 1))",
	[Q_EVENT_RECOUNT] = "UPDATE events SET reports = (SELECT count(*) FROM records"
		" WHERE event = ?1) WHERE event = ?1",
	[Q_EVENTS_OF_REPORT] = "SELECT DISTINCT event FROM records WHERE rid = ?1",
	[Q_REC_DEL] = "DELETE FROM records WHERE rid = ?1",
	[Q_REC_ACTORS_DEL] = "DELETE FROM record_actors WHERE rec IN"
		" (SELECT rec FROM records WHERE rid = ?1)",
	[Q_REC_DOCS_DEL] = "DELETE FROM record_documents WHERE rec IN"
		" (SELECT rec FROM records WHERE rid = ?1)",
	[Q_EVID_DEL] = "DELETE FROM evidence WHERE rec IN (SELECT rec FROM records WHERE rid = ?1)",
	[Q_EVENT_COUNT] = "SELECT count(*) FROM records WHERE event = ?1",
	[Q_EVENT_DEL] = "DELETE FROM events WHERE event = ?1",
	[Q_EVENT_ACTORS_DEL] = "DELETE FROM event_actors WHERE event = ?1",
	[Q_VOTES_DEL] = "DELETE FROM event_votes WHERE event = ?1",
	/* reading an event */
	[Q_E_ACTORS] = "SELECT a.aid, a.name, a.name_en, a.country FROM event_actors e"
		" JOIN actors a ON a.aid = e.aid WHERE e.event = ?1 ORDER BY e.seq",
	[Q_E_ROLES] = "SELECT field, value FROM event_votes WHERE event = ?1 AND"
		" (field GLOB 'title:*' OR field GLOB 'role:*') ORDER BY field, n DESC, first",
	[Q_E_ATTENDEES] = "SELECT a.name, a.country FROM event_votes v JOIN actors a"
		" ON a.aid = CAST(v.value AS INTEGER) WHERE v.event = ?1 AND v.field = 'attendee'"
		" ORDER BY v.n DESC, v.first",
	[Q_E_DOCS] = "SELECT d.title, d.kind FROM event_votes v JOIN documents d"
		" ON d.did = CAST(v.value AS INTEGER) WHERE v.event = ?1 AND v.field = 'document'"
		" ORDER BY v.n DESC, v.first",
	[Q_E_EXCH] = "SELECT json_extract(?1, '$.count'), json_extract(?1, '$.approx')",
	[Q_E_AREAS] = "SELECT value FROM json_each(?1, '$.areas')",
	[Q_E_SOURCES] = "SELECT c.rec, r.id, r.outlet, r.url, r.published, r.title, c.type, c.date,"
		" c.time_of_day FROM records c JOIN reports r ON r.rid = c.rid WHERE c.event = ?1"
		" ORDER BY c.rec",
	[Q_E_EVID] = "SELECT c.rec, e.cp_start, e.cp_end FROM records c JOIN evidence e"
		" ON e.rec = c.rec WHERE c.event = ?1 ORDER BY c.rec, e.seq",
	[Q_E_EVID_TEXT] = "SELECT substr(r.text, ?2 + 1, ?3 - ?2) FROM records c JOIN report_texts r"
		" ON r.rid = c.rid WHERE c.rec = ?1",
	[Q_E_SPLIT] = "SELECT field FROM event_votes WHERE event = ?1 AND field IN ('type',"
		" 'date', 'time_of_day', 'country', 'city', 'venue') GROUP BY field"
		" HAVING count(*) > 1",
	[Q_E_DIS_TYPE] = "SELECT c.type, r.id FROM records c JOIN reports r ON r.rid = c.rid"
		" WHERE c.event = ?1 AND c.type IS NOT NULL ORDER BY 1, c.rec",
	[Q_E_DIS_DATE] = "SELECT c.date, r.id FROM records c JOIN reports r ON r.rid = c.rid"
		" WHERE c.event = ?1 AND c.date IS NOT NULL ORDER BY 1, c.rec",
	[Q_E_DIS_TOD] = "SELECT c.time_of_day, r.id FROM records c JOIN reports r ON r.rid = c.rid"
		" WHERE c.event = ?1 AND c.time_of_day IS NOT NULL ORDER BY 1, c.rec",
	[Q_E_DIS_COUNTRY] = "SELECT p.country, r.id FROM records c JOIN places p ON p.pid = c.pid"
		" JOIN reports r ON r.rid = c.rid WHERE c.event = ?1 AND p.country IS NOT NULL"
		" ORDER BY 1, c.rec",
	[Q_E_DIS_CITY] = "SELECT p.city, r.id FROM records c JOIN places p ON p.pid = c.pid"
		" JOIN reports r ON r.rid = c.rid WHERE c.event = ?1 AND p.city IS NOT NULL"
		" ORDER BY 1, c.rec",
	[Q_E_DIS_VENUE] = "SELECT p.venue, r.id FROM records c JOIN places p ON p.pid = c.pid"
		" JOIN reports r ON r.rid = c.rid WHERE c.event = ?1 AND p.venue IS NOT NULL"
		" ORDER BY 1, c.rec",
	[Q_HIT_REPORT] = "SELECT id, title, outlet, url, published FROM reports WHERE rid = ?1",
	[Q_HAS_ACTOR] = "SELECT 1 FROM actors WHERE name = ?1 OR name_en = ?1 COLLATE NOCASE"
		" OR name_en LIKE '% ' || ?1 LIMIT 1",
	[Q_COUNTS] = "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM records),"
		" (SELECT count(*) FROM events), (SELECT count(*) FROM reprints),"
		" (SELECT count(*) FROM actors), (SELECT count(*) FROM places),"
		" (SELECT count(*) FROM documents)",
	/* Rebuilding an event's votes from its records, after a report left it:
	 * the same votes add_votes() casts one record at a time. */
	[Q_REBUILD_FIRST + 0] = "INSERT INTO event_votes SELECT event, 'type', type, count(*),"
		" min(rec) FROM records WHERE event = ?1 AND type IS NOT NULL GROUP BY type",
	[Q_REBUILD_FIRST + 1] = "INSERT INTO event_votes SELECT event, 'cameo', cameo, count(*),"
		" min(rec) FROM records WHERE event = ?1 AND cameo IS NOT NULL GROUP BY cameo",
	[Q_REBUILD_FIRST + 2] = "INSERT INTO event_votes SELECT event, 'date', date, count(*),"
		" min(rec) FROM records WHERE event = ?1 AND date IS NOT NULL GROUP BY date",
	[Q_REBUILD_FIRST + 3] = "INSERT INTO event_votes SELECT event, 'mdate', mdate, count(*),"
		" min(rec) FROM records WHERE event = ?1 AND mdate IS NOT NULL GROUP BY mdate",
	[Q_REBUILD_FIRST + 4] = "INSERT INTO event_votes SELECT event, 'date_basis', date_basis,"
		" count(*), min(rec) FROM records WHERE event = ?1 AND date_basis IS NOT NULL"
		" GROUP BY date_basis",
	[Q_REBUILD_FIRST + 5] = "INSERT INTO event_votes SELECT event, 'time_of_day', time_of_day,"
		" count(*), min(rec) FROM records WHERE event = ?1 AND time_of_day IS NOT NULL"
		" GROUP BY time_of_day",
	[Q_REBUILD_FIRST + 6] = "INSERT INTO event_votes SELECT event, 'exchanged', exchanged,"
		" count(*), min(rec) FROM records WHERE event = ?1 AND exchanged IS NOT NULL"
		" GROUP BY exchanged",
	[Q_REBUILD_FIRST + 7] = "INSERT INTO event_votes SELECT r.event, 'country', p.country,"
		" count(*), min(r.rec) FROM records r JOIN places p ON p.pid = r.pid"
		" WHERE r.event = ?1 AND p.country IS NOT NULL GROUP BY p.country",
	[Q_REBUILD_FIRST + 8] = "INSERT INTO event_votes SELECT r.event, 'city', p.city,"
		" count(*), min(r.rec) FROM records r JOIN places p ON p.pid = r.pid"
		" WHERE r.event = ?1 AND p.city IS NOT NULL GROUP BY p.city",
	[Q_REBUILD_FIRST + 9] = "INSERT INTO event_votes SELECT r.event, 'venue', p.venue,"
		" count(*), min(r.rec) FROM records r JOIN places p ON p.pid = r.pid"
		" WHERE r.event = ?1 AND p.venue IS NOT NULL GROUP BY p.venue",
	[Q_REBUILD_FIRST + 10] = "INSERT INTO event_votes SELECT r.event, 'title:' || a.aid,"
		" a.title, count(*), min(r.rec) FROM records r JOIN record_actors a ON a.rec = r.rec"
		" WHERE r.event = ?1 AND a.attendee = 0 AND a.title IS NOT NULL GROUP BY a.aid, a.title",
	[Q_REBUILD_FIRST + 11] = "INSERT INTO event_votes SELECT r.event, 'role:' || a.aid,"
		" a.role, count(*), min(r.rec) FROM records r JOIN record_actors a ON a.rec = r.rec"
		" WHERE r.event = ?1 AND a.attendee = 0 AND a.role IS NOT NULL GROUP BY a.aid, a.role",
	[Q_REBUILD_FIRST + 12] = "INSERT INTO event_votes SELECT r.event, 'attendee', a.aid,"
		" count(*), min(r.rec) FROM records r JOIN record_actors a ON a.rec = r.rec"
		" WHERE r.event = ?1 AND a.attendee = 1 GROUP BY a.aid",
	[Q_REBUILD_FIRST + 13] = "INSERT INTO event_votes SELECT r.event, 'document', d.did,"
		" count(*), min(r.rec) FROM records r JOIN record_documents d ON d.rec = r.rec"
		" WHERE r.event = ?1 GROUP BY d.did",
};

struct db {
	sqlite3 *h;
	sqlite3_stmt *q[NQ];
	/* tokens a worker made for the text being inserted (or NULL) */
	const struct store_tokens *replay;
	const char *replay_text;
	size_t replay_len;
	char err[ERRMSG_MAX];
};

static annals_status db_status(struct db *db, int rc)
{
	if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
		return ANNALS_OK;
	snprintf(db->err, sizeof db->err, "%s", db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
	if (rc == SQLITE_NOMEM)
		return ANNALS_E_NOMEM;
	if (rc == SQLITE_TOOBIG)
		return ANNALS_E_TOO_LARGE;
	if (rc == SQLITE_CANTOPEN || rc == SQLITE_IOERR || rc == SQLITE_FULL)
		return ANNALS_E_IO;
	return ANNALS_E_DB;
}

/* The cached statement, reset and unbound, or NULL (db->err says why). */
static sqlite3_stmt *q(struct db *db, int k, annals_status *st)
{
	int rc;
	if (*st)
		return NULL;
	if (!db->q[k]) {
		rc = sqlite3_prepare_v3(db->h, sql[k], -1, SQLITE_PREPARE_PERSISTENT, &db->q[k], NULL);
		if (rc != SQLITE_OK) {
			*st = db_status(db, rc);
			return NULL;
		}
	}
	sqlite3_reset(db->q[k]);
	sqlite3_clear_bindings(db->q[k]);
	return db->q[k];
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* Step a statement that returns no rows we need. */
static annals_status run(struct db *db, sqlite3_stmt *s)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	sqlite3_reset(s);
	return db_status(db, rc);
}

/* Step once: 1 a row, 0 none, -1 error (in *st). */
static int row(struct db *db, sqlite3_stmt *s, annals_status *st)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE) {
		*st = db_status(db, rc);
		return -1;
	}
	return 0;
}

static annals_status exec(struct db *db, const char *s)
{
	int rc = sqlite3_exec(db->h, s, NULL, NULL, NULL);
	return db_status(db, rc);
}

static const char *col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* ---- the FTS5 tokenizer ----------------------------------------------------------- */

struct fts_ctx {
	void *ctx;
	int (*x_token)(void *, int, const char *, int, int, int);
};

static int fts_token(void *ctx, int kind, const char *tok, size_t len, size_t start, size_t end)
{
	struct fts_ctx *c = ctx;
	return c->x_token(c->ctx, 0, tok, (int)len, (int)start, (int)end);
}

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	*out = (Fts5Tokenizer *)ctx; /* the connection's struct db, for replays */
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t) {}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
	int (*x_token)(void *, int, const char *, int, int, int))
{
	struct db *db = (struct db *)t;
	struct fts_ctx c;
	c.ctx = ctx;
	c.x_token = x_token;
	if (n <= 0 || !text)
		return SQLITE_OK;
	if (db && db->replay && (flags & FTS5_TOKENIZE_DOCUMENT) && (size_t)n == db->replay_len &&
		(text == db->replay_text || !memcmp(text, db->replay_text, (size_t)n))) {
		const struct store_tokens *tk = db->replay;
		size_t i;
		int rc = SQLITE_OK;
		for (i = 0; i < tk->n && rc == SQLITE_OK; i++)
			rc = x_token(ctx, 0, tk->pool.ptr + tk->v[i].off, (int)tk->v[i].len,
				(int)tk->v[i].start, (int)tk->v[i].end);
		return rc;
	}
	return annals_tokenize(text, (size_t)n,
		(flags & FTS5_TOKENIZE_QUERY) ? TOKENIZE_QUERY : TOKENIZE_DOCUMENT, fts_token, &c);
}

static annals_status register_tokenizer(struct db *db)
{
	static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
	fts5_api *api = NULL;
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db->h, "SELECT fts5(?1)", -1, &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(s);
	}
	sqlite3_finalize(s);
	if (!api) {
		snprintf(db->err, sizeof db->err, "this SQLite has no FTS5");
		return ANNALS_E_DB;
	}
	rc = api->xCreateTokenizer(api, "annals", db, &tok, NULL);
	return db_status(db, rc);
}

/* Why the last open failed on this thread: the handle is gone by then. */
static _Thread_local char open_error[ERRMSG_MAX];

/* ---- open and transactions ------------------------------------------------------------ */

static void db_close(void *p)
{
	struct db *db = p;
	int i;
	if (!db)
		return;
	for (i = 0; i < NQ; i++)
		sqlite3_finalize(db->q[i]);
	sqlite3_close(db->h);
	free(db);
}

static annals_status db_open(void **out, const char *path)
{
	struct db *db = calloc(1, sizeof *db);
	annals_status st;
	int rc;
	*out = NULL;
	if (!db)
		return ANNALS_E_NOMEM;
	/* one thread at a time uses a store: no mutex on every call */
	rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
		SQLITE_OPEN_NOMUTEX, NULL);
	st = db_status(db, rc);
	if (st)
		goto out;
	sqlite3_busy_timeout(db->h, 10000);
	/* WAL with synchronous=NORMAL: a killed process loses nothing committed;
	 * only a power cut may lose the last transactions, never consistency. */
	/* 8 KiB pages: reports of a few KB fit with less overflow waste (a new
	 * database only; an existing one keeps its page size) */
	st = exec(db, "PRAGMA page_size=8192; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
		" PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=8192;");
	if (!st)
		st = register_tokenizer(db);
	if (!st)
		st = exec(db, "BEGIN IMMEDIATE");
	if (!st) {
		st = exec(db, schema);
		if (!st)
			st = exec(db, "COMMIT");
		else
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	}
	if (!st) {
		sqlite3_stmt *s = NULL;
		rc = sqlite3_prepare_v2(db->h, "SELECT value FROM meta WHERE key = 'schema'", -1, &s,
			NULL);
		if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW &&
			strcmp(col_text(s, 0) ? col_text(s, 0) : "", SCHEMA_VERSION) != 0) {
			snprintf(db->err, sizeof db->err, "database schema %s, this engine reads %s",
				col_text(s, 0), SCHEMA_VERSION);
			st = ANNALS_E_DB;
		}
		sqlite3_finalize(s);
	}
out:
	if (st) {
		if (db->err[0] == '\0' && db->h)
			snprintf(db->err, sizeof db->err, "%s", sqlite3_errmsg(db->h));
		memcpy(open_error, db->err, sizeof open_error);
		db_close(db);
		return st;
	}
	*out = db;
	return ANNALS_OK;
}

static annals_status db_begin(void *p)
{
	return exec(p, "BEGIN IMMEDIATE");
}

static annals_status db_commit(void *p)
{
	return exec(p, "COMMIT");
}

static void db_rollback(void *p)
{
	struct db *db = p;
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

static annals_status db_check(void *p, const char *id, const char *hash, annals_ingest_kind *kind)
{
	struct db *db = p;
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s = q(db, Q_CHECK, &st);
	int r;
	*kind = ANNALS_INGEST_NEW;
	if (!s)
		return st;
	bind_text(s, 1, id);
	r = row(db, s, &st);
	if (r > 0)
		*kind = col_text(s, 0) && !strcmp(col_text(s, 0), hash) ? ANNALS_INGEST_UNCHANGED
									: ANNALS_INGEST_CHANGED;
	sqlite3_reset(s);
	return st;
}

/* ---- writing a report ------------------------------------------------------------------- */

/* The id of the row that key names in a dictionary table, inserted if new. */
static annals_status actor_id(struct db *db, const struct store_actor *a, long long *out)
{
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s = q(db, Q_ACTOR_GET, &st);
	int r;
	if (!s)
		return st;
	bind_text(s, 1, a->name);
	r = row(db, s, &st);
	if (r > 0) {
		int fill = (sqlite3_column_int(s, 1) && a->name_en) ||
			(sqlite3_column_int(s, 2) && a->country);
		*out = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (fill && (s = q(db, Q_ACTOR_FILL, &st)) != NULL) {
			sqlite3_bind_int64(s, 1, *out);
			bind_text(s, 2, a->name_en);
			bind_text(s, 3, a->country);
			st = run(db, s);
		}
		return st;
	}
	sqlite3_reset(s);
	if (r < 0 || !(s = q(db, Q_ACTOR_INS, &st)))
		return st;
	bind_text(s, 1, a->name);
	bind_text(s, 2, a->name_en);
	bind_text(s, 3, a->country);
	st = run(db, s);
	*out = sqlite3_last_insert_rowid(db->h);
	return st;
}

static annals_status place_id(struct db *db, const annals_place *pl, long long *out)
{
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s;
	char key[1024];
	int r;
	*out = 0;
	if (!pl->country && !pl->city && !pl->venue)
		return ANNALS_OK;
	snprintf(key, sizeof key, "%s|%s|%s", pl->country ? pl->country : "",
		pl->city ? pl->city : "", pl->venue ? pl->venue : "");
	if (!(s = q(db, Q_PLACE_GET, &st)))
		return st;
	bind_text(s, 1, key);
	r = row(db, s, &st);
	if (r > 0)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (r != 0 || !(s = q(db, Q_PLACE_INS, &st)))
		return st;
	bind_text(s, 1, key);
	bind_text(s, 2, pl->country);
	bind_text(s, 3, pl->city);
	bind_text(s, 4, pl->city_en);
	bind_text(s, 5, pl->venue);
	bind_text(s, 6, pl->venue_en);
	st = run(db, s);
	*out = sqlite3_last_insert_rowid(db->h);
	return st;
}

static annals_status document_id(struct db *db, const annals_document *d, long long *out)
{
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s = q(db, Q_DOC_GET, &st);
	int r;
	if (!s)
		return st;
	bind_text(s, 1, d->title);
	r = row(db, s, &st);
	if (r > 0)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (r != 0 || !(s = q(db, Q_DOC_INS, &st)))
		return st;
	bind_text(s, 1, d->title);
	bind_text(s, 2, d->kind);
	st = run(db, s);
	*out = sqlite3_last_insert_rowid(db->h);
	return st;
}

static annals_status vote(struct db *db, long long ev, const char *field, const char *value,
	long long rec)
{
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s;
	if (!value)
		return ANNALS_OK; /* "not stated" is no vote */
	if (!(s = q(db, Q_VOTE, &st)))
		return st;
	sqlite3_bind_int64(s, 1, ev);
	bind_text(s, 2, field);
	bind_text(s, 3, value);
	sqlite3_bind_int64(s, 4, rec);
	return run(db, s);
}

/* What a stored record said, with its dictionary ids: the votes it casts. */
struct rec_ids {
	long long rec, *aids, *attendee_aids, *dids;
};

static annals_status add_votes(struct db *db, long long ev, const struct store_record *r,
	const struct rec_ids *ids)
{
	const annals_event *e = r->e;
	annals_status st;
	char field[48], val[32];
	size_t i;
	st = vote(db, ev, "type", e->type, ids->rec);
	if (!st) st = vote(db, ev, "cameo", e->cameo, ids->rec);
	if (!st) st = vote(db, ev, "date", e->date, ids->rec);
	if (!st) st = vote(db, ev, "mdate", r->mdate, ids->rec);
	if (!st) st = vote(db, ev, "date_basis", e->date_basis, ids->rec);
	if (!st) st = vote(db, ev, "time_of_day", e->time_of_day, ids->rec);
	if (!st) st = vote(db, ev, "exchanged", r->exchanged_json, ids->rec);
	if (!st) st = vote(db, ev, "country", e->place.country, ids->rec);
	if (!st) st = vote(db, ev, "city", e->place.city, ids->rec);
	if (!st) st = vote(db, ev, "venue", e->place.venue, ids->rec);
	for (i = 0; i < r->nactors && !st; i++) {
		snprintf(field, sizeof field, "title:%lld", ids->aids[i]);
		st = vote(db, ev, field, r->actors[i].title, ids->rec);
		snprintf(field, sizeof field, "role:%lld", ids->aids[i]);
		if (!st)
			st = vote(db, ev, field, r->actors[i].role, ids->rec);
	}
	for (i = 0; i < r->nattendees && !st; i++) {
		snprintf(val, sizeof val, "%lld", ids->attendee_aids[i]);
		st = vote(db, ev, "attendee", val, ids->rec);
	}
	for (i = 0; i < e->ndocuments && !st; i++) {
		snprintf(val, sizeof val, "%lld", ids->dids[i]);
		st = vote(db, ev, "document", val, ids->rec);
	}
	return st;
}

/* Set an event's shown values from its votes: the majority of the sources that
 * state a value; for dates the most specific value first. */
static annals_status refresh_event(struct db *db, long long ev, int added)
{
	enum { F_TYPE, F_CAMEO, F_DATE, F_MDATE, F_BASIS, F_TOD, F_COUNTRY, F_CITY, F_VENUE, F_EXCH, NF };
	static const char *const names[NF] = {"type", "cameo", "date", "mdate", "date_basis",
		"time_of_day", "country", "city", "venue", "exchanged"};
	char *val[NF];
	int rank[NF];
	long long best[NF];
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s = q(db, Q_EVENT_VOTES, &st);
	int f, r;
	memset(val, 0, sizeof val);
	for (f = 0; f < NF; f++) {
		rank[f] = -1;
		best[f] = 0;
	}
	if (!s)
		return st;
	sqlite3_bind_int64(s, 1, ev);
	while ((r = row(db, s, &st)) > 0) {
		const char *field = col_text(s, 0), *v = col_text(s, 1);
		long long n = sqlite3_column_int64(s, 2);
		int rk;
		for (f = 0; f < NF && strcmp(names[f], field); f++)
			;
		if (f == NF || !v)
			continue;
		rk = f == F_DATE || f == F_MDATE ? annals_merge_date_rank(v) : 0;
		/* rows come most votes first: a later row wins only by being more specific */
		if (rank[f] < 0 || rk > rank[f] || (rk == rank[f] && n > best[f])) {
			char *copy = strdup(v);
			if (!copy) {
				st = ANNALS_E_NOMEM;
				break;
			}
			free(val[f]);
			val[f] = copy;
			rank[f] = rk;
			best[f] = n;
		}
	}
	sqlite3_reset(s);
	if (!st && (s = q(db, Q_EVENT_UPD, &st)) != NULL) {
		sqlite3_bind_int64(s, 1, ev);
		bind_text(s, 2, val[F_TYPE]);
		bind_text(s, 3, val[F_CAMEO]);
		bind_text(s, 4, val[F_DATE]);
		bind_text(s, 5, val[F_MDATE]);
		bind_text(s, 6, val[F_BASIS]);
		bind_text(s, 7, val[F_TOD]);
		bind_text(s, 8, val[F_COUNTRY]);
		bind_text(s, 9, val[F_CITY]);
		bind_text(s, 10, val[F_VENUE]);
		bind_text(s, 11, val[F_EXCH]);
		sqlite3_bind_int(s, 12, added);
		st = run(db, s);
	}
	for (f = 0; f < NF; f++)
		free(val[f]);
	return st;
}

/* The event a record joins (0: none fits), by the rule of merge.c. */
static annals_status find_event(struct db *db, long long rid, const struct store_record *r,
	long long *out)
{
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s = q(db, Q_CANDIDATES, &st), *h;
	struct merge_side me, ev;
	long long ids[256];
	int scores[256], n = 0, i, best = -1, rr;
	size_t reports[256];
	*out = 0;
	if (!s)
		return st;
	memset(&me, 0, sizeof me);
	me.type = r->e->type;
	me.mdate = r->mdate;
	me.time_of_day = r->e->time_of_day;
	me.country = r->e->place.country;
	me.city = r->e->place.city;
	bind_text(s, 1, r->pkey);
	bind_text(s, 2, r->tclass);
	bind_text(s, 3, r->e->status ? r->e->status : "reported");
	while (n < 256 && (rr = row(db, s, &st)) > 0) {
		int sc;
		ev.id = sqlite3_column_int64(s, 0);
		ev.type = col_text(s, 1);
		ev.mdate = col_text(s, 2);
		ev.time_of_day = col_text(s, 3);
		ev.country = col_text(s, 4);
		ev.city = col_text(s, 5);
		ev.reports = (size_t)sqlite3_column_int64(s, 6);
		sc = annals_merge_score(&ev, &me);
		if (sc < 0)
			continue;
		ids[n] = ev.id;
		scores[n] = sc;
		reports[n] = ev.reports;
		n++;
	}
	sqlite3_reset(s);
	for (i = 0; i < n && !st; i++) {
		int has;
		/* two records of one report are two encounters by the extractor's word */
		if (!(h = q(db, Q_EVENT_HAS_RID, &st)))
			break;
		sqlite3_bind_int64(h, 1, rid);
		sqlite3_bind_int64(h, 2, ids[i]);
		has = row(db, h, &st);
		sqlite3_reset(h);
		if (has)
			continue;
		if (best < 0 || scores[i] > scores[best] ||
			(scores[i] == scores[best] && reports[i] > reports[best]))
			best = i;
	}
	if (!st && best >= 0)
		*out = ids[best];
	return st;
}

static annals_status new_event(struct db *db, const struct store_record *r, const long long *aids,
	long long *out)
{
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s = q(db, Q_EVENT_INS, &st);
	size_t i;
	if (!s)
		return st;
	/* an event that does not merge gets a key nothing else has */
	bind_text(s, 1, r->mergeable ? r->pkey : "");
	bind_text(s, 2, r->mergeable ? r->tclass : "");
	bind_text(s, 3, r->e->status ? r->e->status : "reported");
	st = run(db, s);
	*out = sqlite3_last_insert_rowid(db->h);
	for (i = 0; i < r->nactors && !st; i++) {
		if (!(s = q(db, Q_EVENT_ACTOR_INS, &st)))
			break;
		sqlite3_bind_int64(s, 1, *out);
		sqlite3_bind_int64(s, 2, (long long)i);
		sqlite3_bind_int64(s, 3, aids[i]);
		st = run(db, s);
	}
	return st;
}

static annals_status put_record(struct db *db, long long rid, int seq, const struct store_record *r,
	annals_ingest_outcome *out)
{
	const annals_event *e = r->e;
	annals_status st = ANNALS_OK;
	struct rec_ids ids;
	long long pid = 0, ev = 0;
	sqlite3_stmt *s;
	size_t i, n = r->nactors + r->nattendees + e->ndocuments + 1;
	memset(&ids, 0, sizeof ids);
	ids.aids = calloc(n, sizeof *ids.aids);
	if (!ids.aids)
		return ANNALS_E_NOMEM;
	ids.attendee_aids = ids.aids + r->nactors;
	ids.dids = ids.attendee_aids + r->nattendees;
	for (i = 0; i < r->nactors && !st; i++)
		st = actor_id(db, &r->actors[i], &ids.aids[i]);
	for (i = 0; i < r->nattendees && !st; i++)
		st = actor_id(db, &r->attendees[i], &ids.attendee_aids[i]);
	for (i = 0; i < e->ndocuments && !st; i++)
		st = document_id(db, &e->documents[i], &ids.dids[i]);
	if (!st)
		st = place_id(db, &e->place, &pid);
	/* the event first, so that the record is written once, with it */
	if (!st && r->mergeable)
		st = find_event(db, rid, r, &ev);
	if (!st && !ev) {
		st = new_event(db, r, ids.aids, &ev);
		out->new_events++;
	}
	if (!st && (s = q(db, Q_REC_INS, &st)) != NULL) {
		sqlite3_bind_int64(s, 1, rid);
		sqlite3_bind_int(s, 2, seq);
		bind_text(s, 3, e->type);
		bind_text(s, 4, e->status);
		bind_text(s, 5, e->cameo);
		bind_text(s, 6, e->date);
		bind_text(s, 7, r->mdate);
		bind_text(s, 8, e->date_basis);
		bind_text(s, 9, e->time_of_day);
		if (pid)
			sqlite3_bind_int64(s, 10, pid);
		bind_text(s, 11, r->exchanged_json);
		sqlite3_bind_int64(s, 12, ev);
		st = run(db, s);
		ids.rec = sqlite3_last_insert_rowid(db->h);
	}
	for (i = 0; i < r->nactors + r->nattendees && !st; i++) {
		int att = i >= r->nactors;
		const struct store_actor *a = att ? &r->attendees[i - r->nactors] : &r->actors[i];
		if (!(s = q(db, Q_REC_ACTOR_INS, &st)))
			break;
		sqlite3_bind_int64(s, 1, ids.rec);
		sqlite3_bind_int(s, 2, att);
		sqlite3_bind_int64(s, 3, (long long)(att ? i - r->nactors : i));
		sqlite3_bind_int64(s, 4, ids.aids[i]); /* attendee_aids follow aids */
		bind_text(s, 5, att ? NULL : a->title);
		bind_text(s, 6, att ? NULL : a->role);
		st = run(db, s);
	}
	for (i = 0; i < e->ndocuments && !st; i++) {
		if (!(s = q(db, Q_REC_DOC_INS, &st)))
			break;
		sqlite3_bind_int64(s, 1, ids.rec);
		sqlite3_bind_int64(s, 2, (long long)i);
		sqlite3_bind_int64(s, 3, ids.dids[i]);
		st = run(db, s);
	}
	for (i = 0; i < e->nevidence && !st; i++) {
		if (!(s = q(db, Q_EVID_INS, &st)))
			break;
		sqlite3_bind_int64(s, 1, ids.rec);
		sqlite3_bind_int64(s, 2, (long long)i);
		sqlite3_bind_int64(s, 3, (long long)e->evidence[i].start);
		sqlite3_bind_int64(s, 4, (long long)e->evidence[i].end);
		st = run(db, s);
	}
	if (!st)
		st = add_votes(db, ev, r, &ids);
	if (!st)
		st = refresh_event(db, ev, 1);
	free(ids.aids);
	return st;
}

/* Take a report's records out of their events; events left empty go, the
 * others get their votes counted again from the records that stay. */
static annals_status remove_records(struct db *db, long long rid)
{
	static const int del[] = {Q_REC_ACTORS_DEL, Q_REC_DOCS_DEL, Q_EVID_DEL, Q_REC_DEL};
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s = q(db, Q_EVENTS_OF_REPORT, &st);
	long long *evs = NULL;
	size_t n = 0, cap = 0, i;
	int k, r;
	if (!s)
		return st;
	sqlite3_bind_int64(s, 1, rid);
	while ((r = row(db, s, &st)) > 0) {
		if (n == cap) {
			long long *p;
			cap = cap ? cap * 2 : 16;
			if (cap > ANNALS_MAX_EVENTS || !(p = realloc(evs, cap * sizeof *p))) {
				st = cap > ANNALS_MAX_EVENTS ? ANNALS_E_TOO_LARGE : ANNALS_E_NOMEM;
				break;
			}
			evs = p;
		}
		evs[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	for (k = 0; k < 4 && !st; k++)
		if ((s = q(db, del[k], &st)) != NULL) {
			sqlite3_bind_int64(s, 1, rid);
			st = run(db, s);
		}
	for (i = 0; i < n && !st; i++) {
		long long left = 0;
		if ((s = q(db, Q_EVENT_COUNT, &st)) == NULL)
			break;
		sqlite3_bind_int64(s, 1, evs[i]);
		if (row(db, s, &st) > 0)
			left = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if ((s = q(db, Q_VOTES_DEL, &st)) != NULL) {
			sqlite3_bind_int64(s, 1, evs[i]);
			st = run(db, s);
		}
		if (!left) {
			if ((s = q(db, Q_EVENT_ACTORS_DEL, &st)) != NULL) {
				sqlite3_bind_int64(s, 1, evs[i]);
				st = run(db, s);
			}
			if ((s = q(db, Q_EVENT_DEL, &st)) != NULL) {
				sqlite3_bind_int64(s, 1, evs[i]);
				st = run(db, s);
			}
			continue;
		}
		for (k = 0; k < NREBUILD && !st; k++)
			if ((s = q(db, Q_REBUILD_FIRST + k, &st)) != NULL) {
				sqlite3_bind_int64(s, 1, evs[i]);
				st = run(db, s);
			}
		if (!st && (s = q(db, Q_EVENT_RECOUNT, &st)) != NULL) {
			sqlite3_bind_int64(s, 1, evs[i]);
			st = run(db, s);
		}
		if (!st)
			st = refresh_event(db, evs[i], 0);
	}
	free(evs);
	return st;
}

struct link {
	long long rid;
	double sim, cont;
};

static int cmp_link(const void *a, const void *b)
{
	const struct link *x = a, *y = b;
	if (x->sim != y->sim)
		return x->sim < y->sim ? 1 : -1;
	return x->rid < y->rid ? -1 : x->rid > y->rid;
}

static annals_status link_reprints(struct db *db, long long rid, const struct minhash *sig,
	annals_ingest_outcome *out)
{
	annals_status st = ANNALS_OK;
	long long cand[MAX_CANDIDATES];
	struct link links[MAX_CANDIDATES];
	int nc = 0, nl = 0, b, i, k, r;
	sqlite3_stmt *s;
	/* a text too short to have a fingerprint has no reprints either */
	if (sig->shingles < 20)
		return ANNALS_OK;
	/* candidates band by band, compared at once: a story reprinted a thousand
	 * times fills its first bucket with enough exact copies to stop early */
	for (b = 0; b < MINHASH_BANDS && !st && nl < REPRINT_MAX_LINKS; b++) {
		int first = nc;
		if (!(s = q(db, Q_BAND_GET, &st)))
			break;
		sqlite3_bind_int64(s, 1, (long long)sig->band[b]);
		sqlite3_bind_int(s, 2, BAND_FETCH);
		while ((r = row(db, s, &st)) > 0 && nc < MAX_CANDIDATES) {
			long long c = sqlite3_column_int64(s, 0);
			for (k = 0; k < nc && cand[k] != c; k++)
				;
			if (k == nc && c != rid)
				cand[nc++] = c;
		}
		sqlite3_reset(s);
		for (i = first; i < nc && !st; i++) {
			double js, jc;
			if (!(s = q(db, Q_SIG_GET, &st)))
				break;
			sqlite3_bind_int64(s, 1, cand[i]);
			if (row(db, s, &st) > 0 && sqlite3_column_bytes(s, 1) == (int)sizeof sig->v) {
				uint32_t other[MINHASH_K];
				memcpy(other, sqlite3_column_blob(s, 1), sizeof other);
				annals_minhash_compare(sig->v, sig->shingles, other,
					(size_t)sqlite3_column_int64(s, 0), &js, &jc);
				if (annals_reprint_is(js, jc)) {
					links[nl].rid = cand[i];
					links[nl].sim = js;
					links[nl].cont = jc;
					nl++;
				}
			}
			sqlite3_reset(s);
		}
	}
	/* the most similar few: a story reprinted a thousand times must not cost
	 * a million pairs */
	qsort(links, (size_t)nl, sizeof links[0], cmp_link);
	for (i = 0; i < nl && i < REPRINT_MAX_LINKS && !st; i++) {
		long long o = links[i].rid;
		if (!(s = q(db, Q_REPRINT_INS, &st)))
			break;
		sqlite3_bind_int64(s, 1, o < rid ? o : rid);
		sqlite3_bind_int64(s, 2, o < rid ? rid : o);
		sqlite3_bind_double(s, 3, links[i].sim);
		sqlite3_bind_double(s, 4, links[i].cont);
		st = run(db, s);
		out->reprints++;
	}
	if (!st && (s = q(db, Q_BAND_INS, &st)) != NULL) {
		for (b = 0; b < MINHASH_BANDS; b++)
			sqlite3_bind_int64(s, b + 1, (long long)sig->band[b]);
		sqlite3_bind_int64(s, MINHASH_BANDS + 1, rid);
		st = run(db, s);
	}
	return st;
}

/* The old text's band keys come from its stored signature: no index by rid. */
static annals_status remove_bands(struct db *db, long long rid)
{
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s = q(db, Q_SIG_GET, &st);
	struct minhash old;
	int b, have = 0;
	if (!s)
		return st;
	sqlite3_bind_int64(s, 1, rid);
	if (row(db, s, &st) > 0 && sqlite3_column_bytes(s, 1) == (int)sizeof old.v) {
		memcpy(old.v, sqlite3_column_blob(s, 1), sizeof old.v);
		have = 1;
	}
	sqlite3_reset(s);
	if (!have)
		return st;
	annals_minhash_bands(&old);
	for (b = 0; b < MINHASH_BANDS && !st; b++)
		if ((s = q(db, Q_BANDS_DEL, &st)) != NULL) {
			sqlite3_bind_int64(s, 1, (long long)old.band[b]);
			sqlite3_bind_int64(s, 2, rid);
			st = run(db, s);
		}
	return st;
}

static annals_status db_put(void *p, const struct store_prepared *pr, annals_ingest_outcome *out)
{
	struct db *db = p;
	const annals_report *r = pr->r;
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s = q(db, Q_REPORT_OLD, &st);
	long long rid = 0;
	size_t i;
	int found;
	memset(out, 0, sizeof *out);
	if (!s)
		return st;
	bind_text(s, 1, r->id);
	found = row(db, s, &st);
	if (found > 0) {
		rid = sqlite3_column_int64(s, 0);
		if (col_text(s, 1) && !strcmp(col_text(s, 1), pr->hash)) {
			sqlite3_reset(s);
			out->kind = ANNALS_INGEST_UNCHANGED;
			return ANNALS_OK;
		}
	}
	sqlite3_reset(s);
	if (st)
		return st;
	if (!pr->has_doc)
		return ANNALS_E_USAGE;
	if (found > 0) {
		/* changed: take out what the old text put in, keep the row id */
		static const int del[] = {Q_FTS_DEL, Q_REPRINTS_DEL};
		out->kind = ANNALS_INGEST_CHANGED;
		st = remove_records(db, rid);
		if (!st)
			st = remove_bands(db, rid);
		for (i = 0; i < 2 && !st; i++)
			if ((s = q(db, del[i], &st)) != NULL) {
				sqlite3_bind_int64(s, 1, rid);
				st = run(db, s);
			}
	}
	if (!st && (s = q(db, found > 0 ? Q_REPORT_UPD : Q_REPORT_INS, &st)) != NULL) {
		if (found > 0)
			sqlite3_bind_int64(s, 1, rid);
		else
			bind_text(s, 1, r->id);
		bind_text(s, 2, pr->hash);
		bind_text(s, 3, r->url);
		bind_text(s, 4, r->published);
		bind_text(s, 5, pr->outlet);
		bind_text(s, 6, pr->agency);
		bind_text(s, 7, pr->title);
		bind_text(s, 8, pr->script);
		bind_text(s, 9, r->encoding);
		sqlite3_bind_int(s, 10, r->repaired);
		sqlite3_bind_int64(s, 11, (long long)r->text_len);
		st = run(db, s);
		if (!found)
			rid = sqlite3_last_insert_rowid(db->h);
	}
	if (!st && (s = q(db, Q_TEXT_PUT, &st)) != NULL) {
		sqlite3_bind_int64(s, 1, rid);
		sqlite3_bind_int64(s, 2, (long long)pr->sig.shingles);
		sqlite3_bind_blob(s, 3, pr->sig.v, (int)sizeof pr->sig.v, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, r->text, (int)r->text_len, SQLITE_STATIC);
		st = run(db, s);
	}
	if (!st && (s = q(db, Q_FTS_INS, &st)) != NULL) {
		sqlite3_bind_int64(s, 1, rid);
		sqlite3_bind_text(s, 2, r->text, (int)r->text_len, SQLITE_STATIC);
		if (pr->toks.n) {
			db->replay = &pr->toks;
			db->replay_text = r->text;
			db->replay_len = r->text_len;
		}
		st = run(db, s);
		db->replay = NULL;
	}
	if (!st)
		st = link_reprints(db, rid, &pr->sig, out);
	for (i = 0; i < pr->nrecs && !st; i++)
		st = put_record(db, rid, (int)i, &pr->recs[i], out);
	out->records = pr->nrecs;
	return st;
}

/* ---- reading events -----------------------------------------------------------------
 * Each event is built in an arena that lives for one callback: a walk over a
 * hundred thousand events holds one at a time. Lists are read in two passes
 * (count, then fill) so that they go into the arena at their exact size. */

struct build {
	struct db *db;
	struct annals_arena a;
	annals_status st;
};

static const char *adup(struct build *b, const char *s)
{
	const char *r;
	if (!s || b->st)
		return NULL;
	r = annals_arena_strdup(&b->a, s);
	if (!r)
		b->st = ANNALS_E_NOMEM;
	return r;
}

static void *aalloc(struct build *b, size_t n)
{
	void *p;
	if (b->st)
		return NULL;
	p = annals_arena_alloc(&b->a, n ? n : 1);
	if (!p)
		b->st = ANNALS_E_TOO_LARGE;
	return p;
}

/* Rows a bound statement yields (it is reset afterwards). */
static size_t count_rows(struct build *b, sqlite3_stmt *s)
{
	size_t n = 0;
	int r;
	while ((r = row(b->db, s, &b->st)) > 0)
		n++;
	sqlite3_reset(s);
	return n;
}

static sqlite3_stmt *bound(struct build *b, int k, long long ev)
{
	sqlite3_stmt *s = q(b->db, k, &b->st);
	if (s)
		sqlite3_bind_int64(s, 1, ev);
	return s;
}

static void read_actors(struct build *b, long long ev, annals_event *e)
{
	sqlite3_stmt *s = bound(b, Q_E_ACTORS, ev);
	long long *aids;
	size_t n, i = 0;
	if (!s)
		return;
	n = count_rows(b, s);
	e->actors = aalloc(b, n * sizeof *e->actors);
	aids = aalloc(b, n * sizeof *aids);
	if (!e->actors || !aids)
		return;
	while (i < n && row(b->db, s, &b->st) > 0) {
		aids[i] = sqlite3_column_int64(s, 0);
		e->actors[i].name = adup(b, col_text(s, 1));
		e->actors[i].name_en = adup(b, col_text(s, 2));
		e->actors[i].country = adup(b, col_text(s, 3));
		i++;
	}
	sqlite3_reset(s);
	e->nactors = i;
	/* title and role: the majority of the sources, per person */
	if (!(s = bound(b, Q_E_ROLES, ev)))
		return;
	while (row(b->db, s, &b->st) > 0) {
		const char *field = col_text(s, 0), *colon = strchr(field, ':');
		long long aid = colon ? atoll(colon + 1) : 0;
		for (i = 0; i < e->nactors; i++) {
			if (aids[i] != aid)
				continue;
			if (!strncmp(field, "title:", 6) && !e->actors[i].title)
				e->actors[i].title = adup(b, col_text(s, 1));
			else if (!strncmp(field, "role:", 5) && !e->actors[i].role)
				e->actors[i].role = adup(b, col_text(s, 1));
		}
	}
	sqlite3_reset(s);
}

static void read_lists(struct build *b, long long ev, annals_event *e, const char *exchanged)
{
	sqlite3_stmt *s;
	size_t n, i;
	if ((s = bound(b, Q_E_ATTENDEES, ev)) != NULL) {
		n = count_rows(b, s);
		e->attendees = aalloc(b, n * sizeof *e->attendees);
		for (i = 0; e->attendees && i < n && row(b->db, s, &b->st) > 0; i++) {
			e->attendees[i].name = adup(b, col_text(s, 0));
			e->attendees[i].country = adup(b, col_text(s, 1));
		}
		e->nattendees = e->attendees ? i : 0;
		sqlite3_reset(s);
	}
	if ((s = bound(b, Q_E_DOCS, ev)) != NULL) {
		n = count_rows(b, s);
		e->documents = aalloc(b, n * sizeof *e->documents);
		for (i = 0; e->documents && i < n && row(b->db, s, &b->st) > 0; i++) {
			e->documents[i].title = adup(b, col_text(s, 0));
			e->documents[i].kind = adup(b, col_text(s, 1));
		}
		e->ndocuments = e->documents ? i : 0;
		sqlite3_reset(s);
	}
	if (!exchanged || b->st)
		return;
	e->exchanged = aalloc(b, sizeof *e->exchanged);
	if (!e->exchanged || !(s = q(b->db, Q_E_EXCH, &b->st)))
		return;
	bind_text(s, 1, exchanged);
	if (row(b->db, s, &b->st) > 0) {
		e->exchanged->count = sqlite3_column_int(s, 0);
		e->exchanged->approx = adup(b, col_text(s, 1));
	}
	sqlite3_reset(s);
	if (!(s = q(b->db, Q_E_AREAS, &b->st)))
		return;
	bind_text(s, 1, exchanged);
	n = count_rows(b, s);
	e->exchanged->areas = aalloc(b, n * sizeof *e->exchanged->areas);
	for (i = 0; e->exchanged->areas && i < n && row(b->db, s, &b->st) > 0; i++)
		e->exchanged->areas[i] = adup(b, col_text(s, 0));
	e->exchanged->nareas = e->exchanged->areas ? i : 0;
	sqlite3_reset(s);
}

/* The source of a record id; sources are in record order. */
static const annals_stored_source *source_of(const annals_stored_event *se, long long rec)
{
	size_t lo = 0, hi = se->nsources;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (se->sources[mid].record < rec)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < se->nsources && se->sources[lo].record == rec ? &se->sources[lo] : NULL;
}

static void read_sources(struct build *b, long long ev, size_t nrec, annals_stored_event *se,
	int text)
{
	annals_stored_source *src;
	annals_stored_evidence *evd;
	sqlite3_stmt *s = bound(b, Q_E_SOURCES, ev);
	size_t n, i;
	if (!s)
		return;
	/* events.reports counts the records: one pass, not two, over a long list */
	src = aalloc(b, nrec * sizeof *src);
	for (i = 0; src && i < nrec && row(b->db, s, &b->st) > 0; i++) {
		src[i].record = sqlite3_column_int64(s, 0);
		src[i].report = adup(b, col_text(s, 1));
		src[i].outlet = adup(b, col_text(s, 2));
		src[i].url = adup(b, col_text(s, 3));
		src[i].published = adup(b, col_text(s, 4));
		src[i].title = adup(b, col_text(s, 5));
		src[i].type = adup(b, col_text(s, 6));
		src[i].date = adup(b, col_text(s, 7));
		src[i].time_of_day = adup(b, col_text(s, 8));
	}
	sqlite3_reset(s);
	se->sources = src;
	se->nsources = src ? i : 0;
	se->nreports = se->nsources;
	if (se->nsources)
		se->ev.doc = se->sources[0].report;
	if (!(s = bound(b, Q_E_EVID, ev)))
		return;
	n = count_rows(b, s);
	evd = aalloc(b, n * sizeof *evd);
	for (i = 0; evd && i < n && row(b->db, s, &b->st) > 0; i++) {
		const annals_stored_source *from = source_of(se, sqlite3_column_int64(s, 0));
		evd[i].report = from ? from->report : NULL;
		evd[i].start = (size_t)sqlite3_column_int64(s, 1);
		evd[i].end = (size_t)sqlite3_column_int64(s, 2);
		if (text) {
			sqlite3_stmt *t = q(b->db, Q_E_EVID_TEXT, &b->st);
			if (!t)
				break;
			sqlite3_bind_int64(t, 1, sqlite3_column_int64(s, 0));
			sqlite3_bind_int64(t, 2, (long long)evd[i].start);
			sqlite3_bind_int64(t, 3, (long long)evd[i].end);
			evd[i].text = adup(b, row(b->db, t, &b->st) > 0 && col_text(t, 0) ? col_text(t, 0) : "");
			sqlite3_reset(t);
		}
	}
	sqlite3_reset(s);
	se->evidence = evd;
	se->nevidence = evd ? i : 0;
}

static int cmp_value(const void *a, const void *b)
{
	const annals_stored_value *x = a, *y = b;
	return x->nreports < y->nreports ? 1 : x->nreports > y->nreports ? -1 : 0;
}

/* Fields on which the sources disagree: every value with its reports. */
static void read_disagreements(struct build *b, long long ev, annals_stored_event *se)
{
	static const struct {
		const char *vote, *field;
		int k;
	} fields[] = {
		{"type", "type", Q_E_DIS_TYPE}, {"date", "date", Q_E_DIS_DATE},
		{"time_of_day", "time_of_day", Q_E_DIS_TOD}, {"country", "place.country", Q_E_DIS_COUNTRY},
		{"city", "place.city", Q_E_DIS_CITY}, {"venue", "place.venue", Q_E_DIS_VENUE},
	};
	annals_disagreement *d;
	char split[6];
	size_t nd = 0, f;
	sqlite3_stmt *s = bound(b, Q_E_SPLIT, ev);
	if (!s)
		return;
	memset(split, 0, sizeof split);
	while (row(b->db, s, &b->st) > 0)
		for (f = 0; f < 6; f++)
			if (!strcmp(fields[f].vote, col_text(s, 0))) {
				split[f] = 1;
				nd++;
			}
	sqlite3_reset(s);
	if (!nd)
		return;
	d = aalloc(b, nd * sizeof *d);
	if (!d)
		return;
	se->disagreements = d;
	for (f = 0; f < 6 && !b->st; f++) {
		annals_stored_value *vals;
		const char **ids;
		size_t n, i = 0, nv = 0;
		if (!split[f] || !(s = bound(b, fields[f].k, ev)))
			continue;
		n = count_rows(b, s);
		vals = aalloc(b, n * sizeof *vals);
		ids = aalloc(b, n * sizeof *ids);
		while (vals && ids && i < n && row(b->db, s, &b->st) > 0) {
			const char *v = col_text(s, 0);
			if (!nv || strcmp(vals[nv - 1].value, v)) {
				vals[nv].value = adup(b, v);
				vals[nv].reports = ids + i;
				vals[nv].nreports = 0;
				nv++;
			}
			ids[i++] = adup(b, col_text(s, 1));
			vals[nv - 1].nreports++;
			if (b->st)
				break;
		}
		sqlite3_reset(s);
		if (!vals || !ids || b->st)
			break;
		qsort(vals, nv, sizeof *vals, cmp_value);
		d[se->ndisagreements].field = fields[f].field;
		d[se->ndisagreements].values = vals;
		d[se->ndisagreements].nvalues = nv;
		se->ndisagreements++;
	}
}

static annals_status add_param(annals_buf *sqlb, const char *clause)
{
	return annals_buf_adds(sqlb, clause);
}

static annals_status db_events(void *p, const struct store_query *sq, annals_stored_event_fn fn,
	void *ctx)
{
	struct db *db = p;
	annals_buf sqlb;
	sqlite3_stmt *s = NULL;
	annals_status st;
	int i, rc, r, stop = 0;
	size_t seen = 0;
	annals_buf_init(&sqlb, 1 << 16);
	/* parameters by number: 1 id, 2-3 actors, 4-5 countries, 6 type, 7 status,
	 * 8 since, 9 until, 10 limit, 11-12 actors as typed */
	st = annals_buf_adds(&sqlb, "SELECT event, type, status, cameo, date, date_basis,"
		" time_of_day, country, city, city_en, venue, venue_en, exchanged, reports"
		" FROM events e WHERE 1");
	if (!st && sq->id)
		st = add_param(&sqlb, " AND e.event = ?1");
	for (i = 0; i < 2 && !st; i++) {
		if (sq->actor[i])
			st = annals_buf_printf(&sqlb, " AND e.event IN (SELECT ea.event FROM event_actors"
				" ea WHERE ea.aid IN (SELECT aid FROM actors WHERE name = ?%d OR"
				" name_en = ?%d COLLATE NOCASE OR name_en LIKE '%% ' || ?%d))",
				2 + i, 11 + i, 11 + i);
		if (!st && sq->country[i])
			st = annals_buf_printf(&sqlb, " AND e.event IN (SELECT ea.event FROM event_actors"
				" ea JOIN actors a ON a.aid = ea.aid WHERE a.country = ?%d)", 4 + i);
	}
	if (!st && sq->type)
		st = add_param(&sqlb, " AND e.type = ?6");
	if (!st && sq->status)
		st = add_param(&sqlb, " AND e.status = ?7");
	if (!st && sq->since)
		st = add_param(&sqlb, " AND e.date >= ?8");
	if (!st && sq->until)
		st = add_param(&sqlb, " AND (e.date <= ?9 OR substr(e.date, 1, length(?9)) = ?9)");
	if (!st)
		st = add_param(&sqlb, " ORDER BY e.date IS NULL, e.date, e.event LIMIT ?10");
	if (st)
		goto out;
	rc = sqlite3_prepare_v2(db->h, sqlb.ptr, -1, &s, NULL);
	if ((st = db_status(db, rc)) != ANNALS_OK)
		goto out;
	if (sq->id)
		sqlite3_bind_int64(s, 1, sq->id);
	for (i = 0; i < 2; i++) {
		if (sq->actor[i]) {
			bind_text(s, 2 + i, sq->actor[i]);
			bind_text(s, 11 + i, sq->actor_raw[i] ? sq->actor_raw[i] : sq->actor[i]);
		}
		if (sq->country[i])
			bind_text(s, 4 + i, sq->country[i]);
	}
	bind_text(s, 6, sq->type);
	bind_text(s, 7, sq->status);
	bind_text(s, 8, sq->since);
	bind_text(s, 9, sq->until);
	sqlite3_bind_int64(s, 10, sq->limit ? (long long)sq->limit : -1);
	while (!stop && (r = row(db, s, &st)) > 0) {
		struct build b;
		annals_stored_event se;
		annals_event *e = &se.ev;
		long long ev = sqlite3_column_int64(s, 0);
		memset(&b, 0, sizeof b);
		memset(&se, 0, sizeof se);
		b.db = db;
		seen++;
		se.id = ev;
		e->type = adup(&b, col_text(s, 1));
		e->status = adup(&b, col_text(s, 2));
		e->cameo = adup(&b, col_text(s, 3));
		e->date = adup(&b, col_text(s, 4));
		e->date_basis = adup(&b, col_text(s, 5));
		e->time_of_day = adup(&b, col_text(s, 6));
		e->place.country = adup(&b, col_text(s, 7));
		e->place.city = adup(&b, col_text(s, 8));
		e->place.city_en = adup(&b, col_text(s, 9));
		e->place.venue = adup(&b, col_text(s, 10));
		e->place.venue_en = adup(&b, col_text(s, 11));
		read_actors(&b, ev, e);
		read_lists(&b, ev, e, col_text(s, 12));
		read_sources(&b, ev, (size_t)sqlite3_column_int64(s, 13), &se, sq->evidence);
		read_disagreements(&b, ev, &se);
		st = b.st;
		if (!st)
			stop = fn(ctx, &se);
		annals_arena_free(&b.a);
		if (st)
			break;
	}
	if (!st && sq->id && !seen)
		st = ANNALS_E_NOT_FOUND;
out:
	sqlite3_finalize(s);
	annals_buf_free(&sqlb);
	return st;
}

/* ---- search, reprints, counts -------------------------------------------------------------- */

/* Snippets keep the report's own line breaks; one line reads better. */
static annals_status one_line(const char *s, annals_buf *o)
{
	annals_status st = ANNALS_OK;
	int space = 0;
	annals_buf_reset(o);
	for (; s && *s && !st; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t' || *s == ' ') {
			space = o->len > 0;
			continue;
		}
		if (space)
			st = annals_buf_addc(o, ' ');
		space = 0;
		if (!st)
			st = annals_buf_addc(o, *s);
	}
	if (!st && !o->ptr)
		st = annals_buf_adds(o, "");
	return st;
}

static annals_status db_search(void *p, const char *fts, size_t limit, annals_search_hit_fn fn,
	void *ctx)
{
	struct db *db = p;
	sqlite3_stmt *s = NULL;
	annals_buf snip;
	annals_status st;
	int rc, r;
	annals_buf_init(&snip, 1 << 20);
	/* newest first: FTS5 walks rowids backwards and stops at the limit, where
	 * ranking would score every match of a common word; the snippet is cut
	 * only for the rows returned (a join here would sort, and cut, them all) */
	rc = sqlite3_prepare_v2(db->h,
		"SELECT rowid, snippet(report_fts, 0, '[', ']', '…', 24) FROM report_fts"
		" WHERE report_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2", -1, &s, NULL);
	st = db_status(db, rc);
	if (st)
		goto out;
	bind_text(s, 1, fts);
	sqlite3_bind_int64(s, 2, limit ? (long long)limit : -1);
	while ((r = row(db, s, &st)) > 0) {
		annals_search_hit h;
		sqlite3_stmt *m;
		int stop;
		st = one_line(col_text(s, 1), &snip);
		if (st || !(m = q(db, Q_HIT_REPORT, &st)))
			break;
		sqlite3_bind_int64(m, 1, sqlite3_column_int64(s, 0));
		if (row(db, m, &st) <= 0) {
			sqlite3_reset(m);
			continue;
		}
		h.report = col_text(m, 0);
		h.title = col_text(m, 1);
		h.outlet = col_text(m, 2);
		h.url = col_text(m, 3);
		h.published = col_text(m, 4);
		h.snippet = snip.ptr;
		stop = fn(ctx, &h);
		sqlite3_reset(m);
		if (stop)
			break;
	}
out:
	sqlite3_finalize(s);
	annals_buf_free(&snip);
	return st;
}

static annals_status db_reprints(void *p, const char *report, annals_reprint_fn fn, void *ctx)
{
	struct db *db = p;
	sqlite3_stmt *s = NULL;
	annals_status st;
	int rc, r;
	rc = sqlite3_prepare_v2(db->h,
		"SELECT ra.id, rb.id, p.similarity, p.containment FROM reprints p"
		" JOIN reports ra ON ra.rid = p.a JOIN reports rb ON rb.rid = p.b"
		" WHERE ?1 IS NULL OR ra.id = ?1 OR rb.id = ?1 ORDER BY p.a, p.b", -1, &s, NULL);
	st = db_status(db, rc);
	if (st)
		goto out;
	bind_text(s, 1, report);
	while ((r = row(db, s, &st)) > 0) {
		annals_reprint pr;
		pr.a = col_text(s, 0);
		pr.b = col_text(s, 1);
		pr.similarity = sqlite3_column_double(s, 2);
		pr.containment = sqlite3_column_double(s, 3);
		if (fn(ctx, &pr))
			break;
	}
out:
	sqlite3_finalize(s);
	return st;
}

static annals_status db_counts(void *p, annals_store_counts *out)
{
	struct db *db = p;
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s = q(db, Q_COUNTS, &st);
	if (!s)
		return st;
	if (row(db, s, &st) > 0) {
		out->reports = (size_t)sqlite3_column_int64(s, 0);
		out->records = (size_t)sqlite3_column_int64(s, 1);
		out->events = (size_t)sqlite3_column_int64(s, 2);
		out->reprints = (size_t)sqlite3_column_int64(s, 3);
		out->actors = (size_t)sqlite3_column_int64(s, 4);
		out->places = (size_t)sqlite3_column_int64(s, 5);
		out->documents = (size_t)sqlite3_column_int64(s, 6);
	}
	sqlite3_reset(s);
	return st;
}

static annals_status db_has_actor(void *p, const char *name, int *found)
{
	struct db *db = p;
	annals_status st = ANNALS_OK;
	sqlite3_stmt *s = q(db, Q_HAS_ACTOR, &st);
	*found = 0;
	if (!s)
		return st;
	bind_text(s, 1, name);
	*found = row(db, s, &st) > 0;
	sqlite3_reset(s);
	return st;
}

static const char *db_errmsg(void *p)
{
	struct db *db = p;
	return db ? db->err : open_error;
}

const struct store_backend annals_store_sqlite = {
	"sqlite",
	db_open,
	db_close,
	db_begin,
	db_commit,
	db_rollback,
	db_check,
	db_put,
	db_events,
	db_search,
	db_reprints,
	db_counts,
	db_has_actor,
	db_errmsg,
};
