// SQLite peer: an FTS5 table of the same articles plus facet tables filled from
// `ndx-index --dump`, and a query mode answering what ndx answers.
//
//   sqlite_bench index ARTICLES.jsonl DUMP.jsonl DB
//   sqlite_bench query DB DUMP.jsonl QUERIES.txt [--passes N] [--warmup N] [--times F]
//                [--results F] [--engine NAME]
//
// Schema:
//   docs   FTS5(title, text), tokenize 'porter unicode61' (rowid = article number)
//   meta   (rowid, id, day)                       article id and YYYYMMDD for browsing
//   vals   (v, f, name)                           facet values (keys, as ndx counts them):
//                                                 f 0 speaker, 1 location (named), 2 group,
//                                                 3 month, 4 location tree (key paths, for
//                                                 filters)
//   fv     (doc, f, v) WITHOUT ROWID, primary key (doc, f, v); index (f, v, doc)
// Loaded in one transaction with journal and sync off; indexes built after the load.
//
// A query: the matches (rowid and bm25 score) go into a temporary table once; the total is
// its row count, the top 10 its best scores (newest first without text), and each facet a
// GROUP BY over its join with fv (the join order picked by the number of matches).  A facet with a
// filter of its own is counted over the matches without that filter (multi-select, as ndx does).
// Query words follow ndx's rule (bench::all_words_first): two or three words without an
// operator are ANDed (`zinc smelter` becomes `"zinc" AND "smelter"`), then ORed when that finds
// nothing; other queries are ORed (`"oil" OR "prices"`); phrases and AND/OR/NOT pass through.
#include <sqlite3.h>

#include <cstdio>
#include <exception>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_common.h"

namespace {

int usage() {
    std::fputs(
        "usage: sqlite_bench index ARTICLES.jsonl DUMP.jsonl DB\n"
        "       sqlite_bench query DB DUMP.jsonl QUERIES.txt [--passes N] [--warmup N] "
        "[--times F] [--results F] [--engine NAME]\n",
        stderr);
    return 2;
}

constexpr int kTree = 4;  // f of the location-tree values

class Db {
  public:
    explicit Db(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK)
            throw std::runtime_error(path + ": " + sqlite3_errmsg(db_));
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "?";
            sqlite3_free(err);
            throw std::runtime_error("sqlite: " + msg + " in: " + sql);
        }
    }
    sqlite3* get() { return db_; }

  private:
    sqlite3* db_ = nullptr;
};

class Stmt {
  public:
    Stmt(Db& db, const std::string& sql) : db_(db.get()) {
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_) + " in: " + sql);
    }
    ~Stmt() { sqlite3_finalize(st_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt& bind(int i, const std::string& s) {
        sqlite3_bind_text(st_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind(int i, sqlite3_int64 v) {
        sqlite3_bind_int64(st_, i, v);
        return *this;
    }
    // True while there is a row.
    bool step() {
        const int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
    }
    void run() {
        while (step()) {
        }
        reset();
    }
    void reset() {
        sqlite3_reset(st_);
        sqlite3_clear_bindings(st_);
    }
    sqlite3_int64 integer(int col) { return sqlite3_column_int64(st_, col); }
    std::string text(int col) {
        const auto* p = sqlite3_column_text(st_, col);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               static_cast<std::size_t>(sqlite3_column_bytes(st_, col)))
                 : std::string();
    }

  private:
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

int index_mode(const std::string& articles, const std::string& dump_path, const std::string& path) {
    const auto t0 = bench::Clock::now();
    const bench::Dump dump = bench::read_dump(dump_path);
    std::remove(path.c_str());
    Db db(path);
    db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
    db.exec(
        "CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='porter unicode61');"
        "CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, day TEXT);"
        "CREATE TABLE vals(v INTEGER PRIMARY KEY, f INTEGER NOT NULL, name TEXT NOT NULL);"
        "CREATE TABLE fv(doc INTEGER, f INTEGER, v INTEGER, PRIMARY KEY(doc, f, v)) "
        "WITHOUT ROWID;");
    db.exec("BEGIN");
    Stmt ins_doc(db, "INSERT INTO docs(rowid, title, text) VALUES(?1, ?2, ?3)");
    Stmt ins_meta(db, "INSERT INTO meta(rowid, id, day) VALUES(?1, ?2, ?3)");
    Stmt ins_val(db, "INSERT INTO vals(v, f, name) VALUES(?1, ?2, ?3)");
    Stmt ins_fv(db, "INSERT OR IGNORE INTO fv(doc, f, v) VALUES(?1, ?2, ?3)");
    std::map<std::pair<int, std::string>, sqlite3_int64> ids;
    auto value_id = [&](int f, const std::string& name) {
        auto [it, fresh] = ids.try_emplace({f, name}, static_cast<sqlite3_int64>(ids.size() + 1));
        if (fresh) ins_val.bind(1, it->second).bind(2, f).bind(3, name).run();
        return it->second;
    };
    sqlite3_int64 row = 0;
    std::size_t without_facets = 0;
    bench::for_each_article(articles, [&](bench::Article&& a) {
        ++row;
        ins_doc.bind(1, row).bind(2, a.title).bind(3, a.text).run();
        auto it = dump.by_id.find(a.id);
        const bench::ArticleFacets* f = it == dump.by_id.end() ? nullptr : &it->second;
        if (!f) ++without_facets;
        ins_meta.bind(1, row).bind(2, a.id);
        if (f && !f->day.empty()) ins_meta.bind(3, f->day);
        ins_meta.run();
        if (!f) return;
        auto add = [&](int k, const std::vector<std::string>& values) {
            for (const auto& v : values)
                ins_fv.bind(1, row).bind(2, k).bind(3, value_id(k, v)).run();
        };
        add(bench::kSpeaker, f->speaker);
        add(bench::kLocation, f->location);
        add(bench::kGroup, f->group);
        add(bench::kMonth, {f->month});
        add(kTree, f->location_tree);
    });
    db.exec("COMMIT");
    db.exec(
        "CREATE INDEX fv_by_value ON fv(f, v, doc); CREATE INDEX vals_by_name ON vals(f, name);"
        "ANALYZE;");
    std::fprintf(stderr, "sqlite_bench: %lld articles indexed in %.2f s (%zu without facets)\n",
                 static_cast<long long>(row), bench::ms_since(t0) / 1000, without_facets);
    return 0;
}

// Query words ORed: `oil "crude prices" AND opec` -> `"oil" OR "crude prices" AND "opec"`;
// with `all`, ANDed: `zinc smelter` -> `"zinc" AND "smelter"`.
std::string fts5_query(const std::string& text, bool all) {
    std::string out;
    bool need_op = false;
    for (const std::string& tok : bench::tokenize_query(text)) {
        if (tok == "AND" || tok == "OR" || tok == "NOT") {
            out += ' ' + tok;
            need_op = false;
            continue;
        }
        if (need_op) out += all ? " AND" : " OR";
        std::string quoted = "\"";
        for (char c : tok)
            if (c != '"') quoted += c;
        quoted += '"';
        out += ' ' + quoted;
        need_op = true;
    }
    return out;
}

class Searcher {
  public:
    Searcher(Db& db, const bench::Dump& dump) : db_(db), dump_(dump) {
        db_.exec(
            "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;"
            "CREATE TEMP TABLE m(rowid INTEGER PRIMARY KEY, score REAL);"
            "CREATE TEMP TABLE m2(rowid INTEGER PRIMARY KEY, score REAL);");
        Stmt n(db_, "SELECT count(*) FROM meta");
        n.step();
        doccount_ = static_cast<std::size_t>(n.integer(0));
    }

    void run(const bench::Query& q, bench::Answer& ans) {
        // ndx's rule (bench::all_words_first): every word, else any
        std::string text = fts5_query(q.text, bench::all_words_first(q.text));
        ans.total = fill("m", text, q.filters, -1);
        if (ans.total == 0 && bench::all_words_first(q.text)) {
            text = fts5_query(q.text, false);
            ans.total = fill("m", text, q.filters, -1);
        }
        {
            Stmt top(db_, q.text.empty()
                              ? "SELECT meta.id FROM m JOIN meta ON meta.rowid = m.rowid "
                                "ORDER BY meta.day DESC, m.rowid LIMIT 10"
                              : "SELECT meta.id FROM m JOIN meta ON meta.rowid = m.rowid "
                                "ORDER BY m.score, m.rowid LIMIT 10");
            while (top.step()) ans.top.push_back(top.text(0));
        }
        ans.has_facets = true;
        for (int k = 0; k < 4; ++k) {
            bool own_filter = false;
            for (const auto& f : q.filters) own_filter |= f.facet == k;
            const char* table = "m";
            std::size_t rows = ans.total;
            if (own_filter) {
                rows = fill("m2", text, q.filters, k);
                table = "m2";
            }
            ans.facets[static_cast<std::size_t>(k)] =
                count(table, k, k == bench::kMonth ? 0 : 10, rows);
        }
    }

  private:
    // Fills `table` with the matches of `text` and every filter but those on facet `leave`;
    // returns how many.
    std::size_t fill(const char* table, const std::string& text,
                     const std::vector<bench::Filter>& filters, int leave) {
        db_.exec(std::string("DELETE FROM ") + table);
        std::string sql = std::string("INSERT INTO ") + table;
        std::string where;
        if (text.empty()) {
            sql += "(rowid, score) SELECT rowid, 0 FROM meta";
        } else {
            sql += "(rowid, score) SELECT rowid, bm25(docs) FROM docs";
            where = " WHERE docs MATCH ?1";
        }
        // Values of one facet are alternatives; facets are all required.
        std::map<int, std::vector<std::string>> by_facet;
        for (const auto& f : filters)
            if (f.facet != leave) by_facet[f.facet].push_back(f.value);
        std::vector<std::pair<int, std::string>> binds;
        for (const auto& [facet, values] : by_facet) {
            const int f = facet == bench::kLocation ? kTree : facet;
            std::string in;
            for (const auto& v : values) {
                binds.emplace_back(f, dump_.key(static_cast<bench::FacetKind>(facet), v));
                in += std::string(in.empty() ? "" : ", ") +
                      "(SELECT v FROM vals WHERE f = " + std::to_string(f) + " AND name = ?" +
                      std::to_string(binds.size() + 1) + ")";
            }
            // With text, `+rowid` keeps the filter from being handed to FTS5, which would
            // run the MATCH once per filtered article (100 times slower for big filters).
            where += std::string(where.empty() ? " WHERE" : " AND") +
                     (text.empty() ? " rowid" : " +rowid") +
                     " IN (SELECT doc FROM fv WHERE f = " + std::to_string(f) + " AND v IN (" + in +
                     "))";
        }
        Stmt st(db_, sql + where);
        if (!text.empty()) st.bind(1, text);
        for (std::size_t i = 0; i < binds.size(); ++i)
            st.bind(static_cast<int>(i + 2), binds[i].second);
        while (st.step()) {
        }
        return static_cast<std::size_t>(sqlite3_changes(db_.get()));
    }

    // Counts facet `f` over the `rows` matches in `table`, the top `limit` values (0: all).
    // SQLite's planner knows nothing of the temporary table's size, so the plan is chosen
    // here: few matches look their values up by document (primary key of fv); many matches
    // scan the facet's rows in fv_by_value and probe the matches (measured crossover: about
    // 40% of the collection).
    std::vector<std::pair<std::string, std::size_t>> count(const char* table, int f,
                                                           std::size_t limit, std::size_t rows) {
        const std::string t = table;
        const std::string groups =
            rows * 5 < doccount_ * 2
                ? "SELECT v, count(*) AS c FROM fv WHERE f = ?1 AND doc IN (SELECT rowid FROM " +
                      t + ") GROUP BY v"
                : "SELECT fv.v AS v, count(*) AS c FROM " + t + " JOIN fv ON fv.doc = " + t +
                      ".rowid AND fv.f = ?1 GROUP BY fv.v";
        std::string sql = "SELECT vals.name, c FROM (" + groups +
                          ") AS g JOIN vals ON vals.v = g.v ORDER BY c DESC, vals.name";
        if (limit) sql += " LIMIT " + std::to_string(limit);
        Stmt st(db_, sql);
        st.bind(1, static_cast<sqlite3_int64>(f));
        std::vector<std::pair<std::string, std::size_t>> out;
        while (st.step()) out.emplace_back(st.text(0), static_cast<std::size_t>(st.integer(1)));
        return out;
    }

    Db& db_;
    const bench::Dump& dump_;
    std::size_t doccount_ = 0;
};

int query_mode(int argc, char** argv) {
    std::vector<std::string> pos;
    bench::QueryOptions opt = bench::parse_query_options(argc, argv, 2, pos);
    if (pos.size() != 3) return usage();
    if (opt.engine.empty()) opt.engine = "sqlite";
    Db db(pos[0]);
    const bench::Dump dump = bench::read_dump(pos[1]);
    const std::vector<bench::Query> queries = bench::read_queries(pos[2]);
    Searcher s(db, dump);
    bench::run_query_passes(
        opt, queries, [](const bench::Query&) { return false; },
        [&](const bench::Query& q, bench::Answer& ans) { s.run(q, ans); });
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc < 2) return usage();
        const std::string mode = argv[1];
        if (mode == "index" && argc == 5) return index_mode(argv[2], argv[3], argv[4]);
        if (mode == "query") return query_mode(argc, argv);
        return usage();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sqlite_bench: %s\n", e.what());
    }
    return 1;
}
