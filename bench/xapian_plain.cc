// The Xapian floor: a plain TermGenerator index of the same articles, without facet
// extraction, facet values or stored records, and a query mode without facet counting.
//
//   xapian_plain index ARTICLES.jsonl DB
//   xapian_plain query DB QUERIES.txt [--passes N] [--warmup N] [--times F] [--results F]
//
// Indexing: title (wdf 3, and again with prefix S for title:), a gap of 100 positions, the
// text; English stemmer, STEM_SOME, positions; the document data is "id\ttitle"; one commit
// at the end.  Querying: QueryParser with the same stemmer, phrases and booleans, default
// AND for two or three words without an operator and OR when that finds nothing or for other
// queries (ndx's rule, bench::all_words_first); the top 10 and the exact total (check_at_least =
// every document).  Queries with facet filters, and browsing without text, are left out: this index
// has no facets.
#include <xapian.h>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "bench/bench_common.h"

namespace {

int usage() {
    std::fputs(
        "usage: xapian_plain index ARTICLES.jsonl DB\n"
        "       xapian_plain query DB QUERIES.txt [--passes N] [--warmup N] [--times F] "
        "[--results F] [--engine NAME]\n",
        stderr);
    return 2;
}

int index_mode(const std::string& articles, const std::string& path) {
    const auto t0 = bench::Clock::now();
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::size_t n = 0;
    bench::for_each_article(articles, [&](bench::Article&& a) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(a.title, 3);
        tg.index_text(a.title, 1, "S");
        tg.increase_termpos(100);
        tg.index_text(a.text);
        doc.add_boolean_term("Q" + a.id);
        doc.set_data(a.id + "\t" + a.title);
        db.add_document(doc);
        ++n;
    });
    db.commit();
    std::fprintf(stderr, "xapian_plain: %zu articles indexed in %.2f s\n", n,
                 bench::ms_since(t0) / 1000);
    return 0;
}

int query_mode(int argc, char** argv) {
    std::vector<std::string> pos;
    bench::QueryOptions opt = bench::parse_query_options(argc, argv, 2, pos);
    if (pos.size() != 2) return usage();
    if (opt.engine.empty()) opt.engine = "xapian";
    Xapian::Database db(pos[0]);
    const std::vector<bench::Query> queries = bench::read_queries(pos[1]);
    const Xapian::doccount all = db.get_doccount();

    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_OR);
    qp.add_prefix("title", "S");

    bench::run_query_passes(
        opt, queries, [](const bench::Query& q) { return !q.filters.empty() || q.text.empty(); },
        [&](const bench::Query& q, bench::Answer& ans) {
            // ndx's rule (bench::all_words_first): every word, else any
            Xapian::Enquire enq(db);
            Xapian::MSet mset;
            for (bool every : {bench::all_words_first(q.text), false}) {
                qp.set_default_op(every ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
                enq.set_query(qp.parse_query(q.text, Xapian::QueryParser::FLAG_DEFAULT));
                mset = enq.get_mset(0, 10, all);
                if (!every || !mset.empty()) break;
            }
            ans.total = mset.get_matches_estimated();
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                const std::string data = it.get_document().get_data();
                ans.top.push_back(data.substr(0, data.find('\t')));
            }
        });
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc < 2) return usage();
        const std::string mode = argv[1];
        if (mode == "index" && argc == 4) return index_mode(argv[2], argv[3]);
        if (mode == "query") return query_mode(argc, argv);
        return usage();
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "xapian_plain: %s\n", e.get_description().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "xapian_plain: %s\n", e.what());
    }
    return 1;
}
