// Lucene++ peer: the same articles in a Lucene index, with the facet values of
// `ndx-index --dump` as multi-valued fields, and a query mode answering what ndx answers.
//
//   lucene_bench index ARTICLES.jsonl DUMP.jsonl DIR
//   lucene_bench query DIR DUMP.jsonl QUERIES.txt [--passes N] [--warmup N] [--times F]
//                [--results F] [--engine NAME]
//
// Fields: id (stored, not analyzed), title (stored, analyzed), contents (title and text,
// analyzed with SnowballAnalyzer "english", no stop words, positions; not stored), text
// (stored only: the record, as ndx and FTS5 keep it), date (YYYYMMDD, for sorting), and the
// not-analyzed multi-valued facet fields speaker, location (places named), group (their
// keys, as ndx counts them), month, loctree (every place named and above it, as key paths:
// what a location filter matches).
// One IndexWriter, 64 MB RAM buffer, one commit at close, no optimize().
//
// Facet counting: Lucene 3's FieldCache holds one value per document, so multi-valued
// facets are un-inverted once when the searcher opens (each facet field's terms walked
// with TermDocs into a document -> ordinals table, as Solr's UnInvertedField does); the
// time is reported as warm-up.  A query runs once through a collector that feeds the top-10
// collector and records every matching document; the facets are then counted from the
// tables over all matches.  A facet with a filter of its own is counted over a second
// search without that filter (multi-select, as ndx does).  Filters are a
// QueryWrapperFilter; browsing without text sorts by date, newest first.  Query words follow
// ndx's rule (bench::all_words_first): two or three words without an operator must all
// match, and only when no article has them all, any of them.
#include <LuceneHeaders.h>
#include <MatchAllDocsQuery.h>
#include <QueryWrapperFilter.h>
#include <SnowballAnalyzer.h>
#include <Sort.h>
#include <SortField.h>
#include <TopFieldCollector.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "bench/bench_common.h"

namespace {

using namespace Lucene;

int usage() {
    std::fputs(
        "usage: lucene_bench index ARTICLES.jsonl DUMP.jsonl DIR\n"
        "       lucene_bench query DIR DUMP.jsonl QUERIES.txt [--passes N] [--warmup N] "
        "[--times F] [--results F] [--engine NAME]\n",
        stderr);
    return 2;
}

String wide(const std::string& s) { return StringUtils::toUnicode(s); }
std::string narrow(const String& s) { return StringUtils::toUTF8(s); }

const String kFacetFields[4] = {L"speaker", L"location", L"group", L"month"};
const String kTreeField = L"loctree";

AnalyzerPtr make_analyzer() {
    return newLucene<SnowballAnalyzer>(LuceneVersion::LUCENE_30, L"english");
}

int index_mode(const std::string& articles, const std::string& dump_path, const std::string& dir) {
    const auto t0 = bench::Clock::now();
    const bench::Dump dump = bench::read_dump(dump_path);
    const double dump_ms = bench::ms_since(t0);
    IndexWriterPtr writer = newLucene<IndexWriter>(FSDirectory::open(wide(dir)), make_analyzer(),
                                                   true, IndexWriter::MaxFieldLengthUNLIMITED);
    writer->setRAMBufferSizeMB(64);
    std::size_t n = 0, without_facets = 0;
    bench::for_each_article(articles, [&](bench::Article&& a) {
        DocumentPtr doc = newLucene<Document>();
        const String title = wide(a.title), text = wide(a.text);
        doc->add(newLucene<Field>(L"id", wide(a.id), Field::STORE_YES,
                                  Field::INDEX_NOT_ANALYZED_NO_NORMS));
        doc->add(newLucene<Field>(L"title", title, Field::STORE_YES, Field::INDEX_ANALYZED));
        doc->add(newLucene<Field>(L"contents", title + L"\n" + text, Field::STORE_NO,
                                  Field::INDEX_ANALYZED));
        doc->add(newLucene<Field>(L"text", text, Field::STORE_YES, Field::INDEX_NO));
        auto it = dump.by_id.find(a.id);
        if (it != dump.by_id.end()) {
            const bench::ArticleFacets& f = it->second;
            auto add = [&](const String& field, const std::vector<std::string>& values) {
                for (const auto& v : values)
                    doc->add(newLucene<Field>(field, wide(v), Field::STORE_NO,
                                              Field::INDEX_NOT_ANALYZED_NO_NORMS));
            };
            add(kFacetFields[bench::kSpeaker], f.speaker);
            add(kFacetFields[bench::kLocation], f.location);
            add(kFacetFields[bench::kGroup], f.group);
            add(kFacetFields[bench::kMonth], {f.month});
            add(kTreeField, f.location_tree);
            if (!f.day.empty()) add(L"date", {f.day});
        } else {
            ++without_facets;
        }
        writer->addDocument(doc);
        ++n;
    });
    writer->close();
    std::fprintf(stderr,
                 "lucene_bench: %zu articles indexed in %.2f s (dump read in %.2f s; %zu "
                 "without facets)\n",
                 n, bench::ms_since(t0) / 1000, dump_ms / 1000, without_facets);
    return 0;
}

// A facet field un-inverted: document -> ordinals of its values (CSR layout).
struct FacetTable {
    std::vector<std::string> names;  // by ordinal, in term order
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint32_t> ords;
};

FacetTable uninvert(const IndexReaderPtr& reader, const String& field) {
    FacetTable t;
    const auto max_doc = static_cast<std::size_t>(reader->maxDoc());
    std::vector<std::pair<std::int32_t, std::uint32_t>> pairs;
    TermEnumPtr terms = reader->terms(newLucene<Term>(field, L""));
    TermDocsPtr docs = reader->termDocs();
    do {
        TermPtr term = terms->term();
        if (!term || term->field() != field) break;
        const auto ord = static_cast<std::uint32_t>(t.names.size());
        t.names.push_back(narrow(term->text()));
        docs->seek(term);
        while (docs->next()) pairs.emplace_back(docs->doc(), ord);
    } while (terms->next());
    terms->close();
    docs->close();
    t.offsets.assign(max_doc + 1, 0);
    for (const auto& p : pairs) ++t.offsets[static_cast<std::size_t>(p.first) + 1];
    for (std::size_t d = 0; d < max_doc; ++d) t.offsets[d + 1] += t.offsets[d];
    t.ords.resize(pairs.size());
    std::vector<std::uint32_t> fill(t.offsets.begin(), t.offsets.end() - 1);
    for (const auto& p : pairs) t.ords[fill[static_cast<std::size_t>(p.first)]++] = p.second;
    return t;
}

// Records every match (global document number) and passes it on to `inner`, if any.
class MatchCollector : public Collector {
  public:
    MatchCollector(const CollectorPtr& inner, std::vector<std::int32_t>* docs)
        : inner_(inner), docs_(docs) {}
    LUCENE_CLASS(MatchCollector);

    void setScorer(const ScorerPtr& scorer) override {
        if (inner_) inner_->setScorer(scorer);
    }
    void collect(std::int32_t doc) override {
        docs_->push_back(base_ + doc);
        if (inner_) inner_->collect(doc);
    }
    void setNextReader(const IndexReaderPtr& reader, std::int32_t base) override {
        base_ = base;
        if (inner_) inner_->setNextReader(reader, base);
    }
    bool acceptsDocsOutOfOrder() override {
        return inner_ ? inner_->acceptsDocsOutOfOrder() : true;
    }

  private:
    CollectorPtr inner_;
    std::vector<std::int32_t>* docs_;
    std::int32_t base_ = 0;
};

class Searcher {
  public:
    Searcher(const std::string& dir, const bench::Dump& dump) : dump_(dump) {
        reader_ = IndexReader::open(FSDirectory::open(wide(dir)), true);
        searcher_ = newLucene<IndexSearcher>(reader_);
        parser_ = newLucene<QueryParser>(LuceneVersion::LUCENE_30, L"contents", make_analyzer());
        const auto t0 = bench::Clock::now();
        for (int k = 0; k < 4; ++k) tables_[k] = uninvert(reader_, kFacetFields[k]);
        std::fprintf(stderr, "lucene_bench: facet tables un-inverted in %.0f ms (%d docs)\n",
                     bench::ms_since(t0), reader_->maxDoc());
        sort_ = newLucene<Sort>(newLucene<SortField>(L"date", SortField::STRING, true));
    }

    void run(const bench::Query& q, bench::Answer& ans) {
        // ndx's rule (bench::all_words_first): every word, else any
        const bool all = !q.text.empty() && bench::all_words_first(q.text);
        QueryPtr text;
        std::vector<std::int32_t> docs;
        TopDocsCollectorPtr top;
        for (bool every : {all, false}) {
            parser_->setDefaultOperator(every ? QueryParser::AND_OPERATOR
                                              : QueryParser::OR_OPERATOR);
            text = q.text.empty() ? QueryPtr(newLucene<MatchAllDocsQuery>())
                                  : parser_->parse(wide(q.text));
            if (q.text.empty())
                top = TopFieldCollector::create(sort_, 10, false, false, false, false);
            else
                top = TopScoreDocCollector::create(10, false);
            searcher_->search(text, filter(q.filters, -1), newLucene<MatchCollector>(top, &docs));
            if (!every || !docs.empty()) break;
        }
        ans.total = docs.size();
        const TopDocsPtr best = top->topDocs();
        for (const ScoreDocPtr& sd : best->scoreDocs)
            ans.top.push_back(narrow(searcher_->doc(sd->doc)->get(L"id")));
        ans.has_facets = true;
        for (int k = 0; k < 4; ++k) {
            bool own_filter = false;
            for (const auto& f : q.filters) own_filter |= f.facet == k;
            if (!own_filter) {
                ans.facets[static_cast<std::size_t>(k)] = count(k, docs);
                continue;
            }
            std::vector<std::int32_t> others;
            searcher_->search(text, filter(q.filters, k),
                              newLucene<MatchCollector>(CollectorPtr(), &others));
            ans.facets[static_cast<std::size_t>(k)] = count(k, others);
        }
    }

  private:
    // Every filter but those on facet `leave`: values of one facet are alternatives,
    // facets are all required.  Null when there is none.
    FilterPtr filter(const std::vector<bench::Filter>& filters, int leave) {
        BooleanQueryPtr all = newLucene<BooleanQuery>();
        bool any = false;
        for (int k = 0; k < 3; ++k) {
            if (k == leave) continue;
            BooleanQueryPtr alternatives = newLucene<BooleanQuery>();
            bool some = false;
            for (const auto& f : filters) {
                if (f.facet != k) continue;
                const String field = k == bench::kLocation ? kTreeField : kFacetFields[k];
                const String value = wide(dump_.key(f.facet, f.value));
                alternatives->add(newLucene<TermQuery>(newLucene<Term>(field, value)),
                                  BooleanClause::SHOULD);
                some = true;
            }
            if (!some) continue;
            all->add(alternatives, BooleanClause::MUST);
            any = true;
        }
        return any ? FilterPtr(newLucene<QueryWrapperFilter>(all)) : FilterPtr();
    }

    std::vector<std::pair<std::string, std::size_t>> count(int k,
                                                           const std::vector<std::int32_t>& docs) {
        const FacetTable& t = tables_[k];
        std::vector<std::uint32_t> counts(t.names.size(), 0);
        for (std::int32_t d : docs) {
            const auto i = static_cast<std::size_t>(d);
            for (std::uint32_t j = t.offsets[i]; j < t.offsets[i + 1]; ++j) ++counts[t.ords[j]];
        }
        std::vector<std::uint32_t> nonzero;
        for (std::uint32_t o = 0; o < counts.size(); ++o)
            if (counts[o]) nonzero.push_back(o);
        auto better = [&](std::uint32_t a, std::uint32_t b) {
            return counts[a] != counts[b] ? counts[a] > counts[b] : a < b;
        };
        const std::size_t limit =
            k == bench::kMonth ? nonzero.size() : std::min<std::size_t>(10, nonzero.size());
        std::partial_sort(nonzero.begin(), nonzero.begin() + static_cast<std::ptrdiff_t>(limit),
                          nonzero.end(), better);
        std::vector<std::pair<std::string, std::size_t>> out;
        for (std::size_t i = 0; i < limit; ++i)
            out.emplace_back(t.names[nonzero[i]], counts[nonzero[i]]);
        return out;
    }

    const bench::Dump& dump_;
    IndexReaderPtr reader_;
    IndexSearcherPtr searcher_;
    QueryParserPtr parser_;
    SortPtr sort_;
    FacetTable tables_[4];
};

int query_mode(int argc, char** argv) {
    std::vector<std::string> pos;
    bench::QueryOptions opt = bench::parse_query_options(argc, argv, 2, pos);
    if (pos.size() != 3) return usage();
    if (opt.engine.empty()) opt.engine = "lucene";
    const bench::Dump dump = bench::read_dump(pos[1]);
    const std::vector<bench::Query> queries = bench::read_queries(pos[2]);
    Searcher s(pos[0], dump);
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
    } catch (const LuceneException& e) {
        std::fprintf(stderr, "lucene_bench: %s\n", narrow(e.getError()).c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lucene_bench: %s\n", e.what());
    }
    return 1;
}
