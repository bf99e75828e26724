// The QueryParser configured from the schema: see query.h.
#include "common/query.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <set>

#include "common/document.h"
#include "common/error.h"
#include "common/normalize.h"
#include "common/query_text.h"
#include "common/schema.h"
#include "common/stopwords.h"

namespace ndx {
namespace {

// Xapian 1.4's QueryParser leaks the term it is building when a FieldProcessor or
// RangeProcessor throws (LeakSanitizer, found by fuzz_query on "date:yesterday"), so the
// processors below never throw: they keep the first error here and match nothing, and
// QueryBuilder::parse() throws it once the parser is done.
class ProcessorErrors {
  public:
    template <typename F>
    Xapian::Query guard(F&& f) {
        try {
            return f();
        } catch (const QueryError& e) {
            if (first_.empty()) first_ = e.what();
            return Xapian::Query::MatchNothing;
        }
    }
    // Throws the first error kept since the last call, if any.
    void rethrow() {
        std::string e;
        std::swap(e, first_);
        if (!e.empty()) throw QueryError(e);
    }

  private:
    std::string first_;
};

// speaker:/location:/group: inside a query, resolved through the catalog like the flags.
class FacetFieldProcessor : public Xapian::FieldProcessor {
  public:
    FacetFieldProcessor(const FacetCatalog& catalog, Facet facet, ProcessorErrors& errors)
        : catalog_(catalog), facet_(facet), errors_(errors) {}

    Xapian::Query operator()(const std::string& str) override {
        return errors_.guard([&] {
            Resolution r = catalog_.resolve(facet_, str);
            std::vector<Xapian::Query> parts;
            for (const auto& v : r.values) parts.push_back(facet_value_query(v));
            return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
        });
    }

  private:
    const FacetCatalog& catalog_;
    Facet facet_;
    ProcessorErrors& errors_;
};

std::optional<Date> bound(const std::string& s, bool end) {
    if (s.empty()) return std::nullopt;
    auto d = parse_date_bound(s, end);
    if (!d) throw QueryError("bad date '" + s + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    return d;
}

// date:2023-10..2023-12, date:2023.., date:..2023-06-30
class DateRange : public Xapian::RangeProcessor {
  public:
    explicit DateRange(ProcessorErrors& errors)
        : Xapian::RangeProcessor(slot_no(Slot::Date), "date:"), errors_(errors) {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        return errors_.guard(
            [&] { return date_range_query(bound(begin, false), bound(end, true)); });
    }

  private:
    ProcessorErrors& errors_;
};

// ndxentity:HEX (written by expand_aliases): the term of one group or place.
class EntityField : public Xapian::FieldProcessor {
  public:
    explicit EntityField(const FacetCatalog& catalog) : catalog_(catalog) {}
    Xapian::Query operator()(const std::string& str) override {
        FacetId id = 0;
        try {
            id = std::stoull(str, nullptr, 16);
        } catch (const std::exception&) {
            return Xapian::Query();
        }
        auto v = catalog_.info(id);
        if (!v) return Xapian::Query();
        return Xapian::Query(std::string(facet_prefix(v->facet)) + v->key);
    }

  private:
    const FacetCatalog& catalog_;
};

// date:2023-10 (one day, month or year)
class DateField : public Xapian::FieldProcessor {
  public:
    explicit DateField(ProcessorErrors& errors) : errors_(errors) {}
    Xapian::Query operator()(const std::string& str) override {
        return errors_.guard([&] {
            if (auto dots = str.find(".."); dots != std::string::npos)
                return date_range_query(bound(str.substr(0, dots), false),
                                        bound(str.substr(dots + 2), true));
            return date_range_query(bound(str, false), bound(str, true));
        });
    }

  private:
    ProcessorErrors& errors_;
};

}  // namespace

Xapian::BM25Weight ranking_weight() {
    // k2 0 and k3 1 as Xapian's defaults (k3 is moot: a query names a word once); the
    // length normalisation floor 0.5 too
    return Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5);
}

Xapian::Query facet_value_query(const FacetValueInfo& v) {
    return Xapian::Query(std::string(facet_prefix(v.facet)) + v.key);
}

Xapian::Query date_range_query(const std::optional<Date>& from, const std::optional<Date>& to) {
    const auto slot = slot_no(Slot::Date);
    if (from && to)
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, from->compact(), to->compact());
    if (from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, from->compact());
    if (to) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, "1", to->compact());
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, "1");
}

struct QueryBuilder::Impl {
    ProcessorErrors errors;               // declared before qp, which holds processors that use it
    std::set<std::string> said_speakers;  // flags' and this query's speaker: keys
    Xapian::QueryParser qp;
    const FacetCatalog* catalog = nullptr;
    Stemming stemming = Stemming::All;
};

namespace {

// A parser that stems (English) as an index of this stemming does: for All, every word,
// into the Z-prefixed terms the field prefixes given to it name (text_prefix()); STEM_ALL
// adds no Z of its own, so wildcards too expand over the stems.
void set_stemming(Xapian::QueryParser& qp, Stemming stemming) {
    qp.set_stemmer(make_stemmer());
    qp.set_stemming_strategy(stemming == Stemming::All ? Xapian::QueryParser::STEM_ALL
                                                       : Xapian::QueryParser::STEM_SOME);
}

// said:(...) in article mode: articles in which the selected speakers (or anyone) said
// these words.  Statements are documents of their own (schema.h), so this searches them
// and selects their articles by id.
class SaidField : public Xapian::FieldProcessor {
  public:
    SaidField(const Xapian::Database& db, const std::set<std::string>& speakers, Stemming stemming)
        : db_(db), speakers_(speakers), stemming_(stemming) {}
    Xapian::Query operator()(const std::string& str) override {
        Xapian::QueryParser qp;
        set_stemming(qp, stemming_);
        qp.set_default_op(Xapian::Query::OP_OR);
        qp.add_prefix("", text_prefix(stemming_, kStatementTextPrefix));
        Xapian::Query words;
        try {
            words = qp.parse_query(fold_text(str), Xapian::QueryParser::FLAG_DEFAULT);
        } catch (const Xapian::QueryParserError&) {
            return Xapian::Query::MatchNothing;
        }
        std::vector<Xapian::Query> filter = {Xapian::Query(kStatementTerm)};
        std::vector<Xapian::Query> who;
        for (const std::string& key : speakers_)
            who.emplace_back(std::string(facet_prefix(Facet::Speaker)) + key);
        if (!who.empty()) filter.emplace_back(Xapian::Query::OP_OR, who.begin(), who.end());
        Xapian::Enquire enq(db_);
        enq.set_query(
            Xapian::Query(Xapian::Query::OP_FILTER, words,
                          Xapian::Query(Xapian::Query::OP_AND, filter.begin(), filter.end())));
        enq.set_weighting_scheme(Xapian::BoolWeight());
        std::set<std::string> articles;
        Xapian::MSet m = enq.get_mset(0, kMaxSaidStatements);
        for (auto it = m.begin(); it != m.end(); ++it) {
            auto rec = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
            if (rec.is_object()) articles.insert(rec.value("article", ""));
        }
        std::vector<Xapian::Query> ids;
        for (const std::string& id : articles) ids.emplace_back(id_term(id));
        // (an empty query would be dropped from the filters: no document is both kinds)
        if (ids.empty())
            return Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(kArticleTerm),
                                 Xapian::Query(kStatementTerm));
        return Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
    }

  private:
    Xapian::Database db_;
    const std::set<std::string>& speakers_;
    Stemming stemming_;
};

}  // namespace

void QueryBuilder::set_said_speakers(const std::set<std::string>& keys) { flag_speakers_ = keys; }

std::string QueryBuilder::expand_aliases(const std::string& folded) const {
    // The words of the query, with their byte spans; a word can start an alias only when
    // it is plain free text: not quoted, not field:value, not +/-, not an operator, and
    // not an operand of NEAR/ADJ (whose meaning a rewrite would change).
    struct Word {
        std::size_t begin, end;
        bool plain;
    };
    std::vector<Word> words;
    bool near_pending = false;  // the word after NEAR/ADJ is an operand too
    for (const QueryToken& t : query_tokens(folded)) {
        if (t.mark) {
            words.push_back({t.begin, t.end, false});
            continue;
        }
        const std::string w = folded.substr(t.begin, t.end - t.begin);
        bool op = w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w.rfind("NEAR", 0) == 0 ||
                  w.rfind("ADJ", 0) == 0;
        bool plain = !t.quoted && !op && w.find(':') == std::string::npos && w[0] != '+' &&
                     w[0] != '-' && w.back() != '*';
        words.push_back({t.begin, t.end, plain});
        if (w.rfind("NEAR", 0) == 0 || w.rfind("ADJ", 0) == 0) {
            // the operands on both sides
            if (words.size() > 1) words[words.size() - 2].plain = false;
            near_pending = true;
        } else if (near_pending) {
            words.back().plain = false;
            near_pending = false;
        }
    }

    std::string out;
    std::size_t copied = 0;
    constexpr std::size_t kMaxWords = 6;
    constexpr std::size_t kMaxLookups = 200;  // bounds the work for very long queries
    std::size_t lookups = 0;
    for (std::size_t i = 0; i < words.size() && lookups < kMaxLookups; ++i) {
        if (!words[i].plain) continue;
        for (std::size_t n = kMaxWords; n >= 1; --n) {
            if (i + n > words.size()) continue;
            bool all_plain = true;
            for (std::size_t k = i; k < i + n; ++k) all_plain = all_plain && words[k].plain;
            if (!all_plain) continue;
            if (++lookups > kMaxLookups) break;
            const std::string phrase =
                folded.substr(words[i].begin, words[i + n - 1].end - words[i].begin);
            const std::string key = entity_key(phrase);
            if (key.size() < 3) continue;
            std::string alts;
            for (Facet f : {Facet::Group, Facet::Location})
                for (const auto& v : impl_->catalog->by_alias(f, key))
                    alts += " OR " + std::string(kEntityField) + ":" + to_hex(v.id);
            if (alts.empty()) continue;
            out += folded.substr(copied, words[i].begin - copied);
            out += "(" + phrase + alts + ")";
            copied = words[i + n - 1].end;
            i += n - 1;
            break;
        }
    }
    out += folded.substr(copied);
    return out;
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const FacetCatalog& catalog, Mode mode)
    : impl_(std::make_unique<Impl>()) {
    impl_->catalog = &catalog;
    const Stemming stemming = impl_->stemming = stemming_of(db);
    Xapian::QueryParser& qp = impl_->qp;
    qp.set_database(db);
    set_stemming(qp, stemming);
    qp.set_default_op(Xapian::Query::OP_OR);
    qp.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    for (const TextField& f : kTextFields)
        qp.add_prefix(f.query_name, text_prefix(stemming, f.prefix));
    for (Facet f : kEntityFacets)
        qp.add_boolean_prefix(std::string(facet_name(f)),
                              (new FacetFieldProcessor(catalog, f, impl_->errors))->release());
    qp.add_rangeprocessor((new DateRange(impl_->errors))->release());
    qp.add_boolean_prefix("date", (new DateField(impl_->errors))->release());
    qp.add_prefix(kEntityField, (new EntityField(catalog))->release());
    if (mode == Mode::Statements) {
        qp.add_prefix("", text_prefix(stemming, kStatementTextPrefix));
        qp.add_prefix("said", text_prefix(stemming, kStatementTextPrefix));
    } else {
        if (stemming == Stemming::All) qp.add_prefix("", text_prefix(stemming, ""));
        qp.add_boolean_prefix("said",
                              (new SaidField(db, impl_->said_speakers, stemming))->release());
    }
}

QueryBuilder::~QueryBuilder() = default;

Xapian::Query QueryBuilder::parse(const std::string& text, MatchMode mode) {
    info_ = ParseInfo();
    // fold_text() and the parser take other bytes for Latin-1: "\xff" matched everything
    if (auto bad = invalid_utf8_offset(text))
        throw QueryError("the query is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
    const std::string folded = fold_text(text);
    bool blank = folded.find_first_not_of(" \t\n") == std::string::npos;
    if (blank) return Xapian::Query::MatchAll;
    info_ = analyse_query(folded);
    // Short queries of plain words want every word (as notmuch, Meilisearch and web search
    // engines do); long ones, written as sentences, are ranked by every word.
    const bool strict = mode == MatchMode::All || (mode == MatchMode::Auto && !info_.operators &&
                                                   info_.words <= kMaxStrictWords);
    info_.all = strict;
    info_.strict = strict && mode == MatchMode::Auto && info_.words > 1;
    // (one word: OR, whose parse of stray brackets and operators stays as it was)
    impl_->qp.set_default_op(strict && info_.words > 1 ? Xapian::Query::OP_AND
                                                       : Xapian::Query::OP_OR);
    // A query ranked by any of its words leaves out English function words ("what",
    // "the", "of"): they match nearly every article and rank none (docs/ranking.md).  Not
    // when every word is required (each one then counts), nor with operators, nor in a
    // phrase, nor when the query holds nothing else (Xapian keeps them then).
    const bool stopping = !strict && !info_.operators;
    impl_->qp.set_stopper(stopping ? &query_stopper() : nullptr);
    constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                Xapian::QueryParser::FLAG_WILDCARD |
                                Xapian::QueryParser::FLAG_PURE_NOT;
    // Alias-aware text: words naming a group or place by any of its names also find the
    // articles that name it otherwise ("Pakistani Taliban" finds "TTP"): they become
    // "(Pakistani Taliban OR ndxentity:ID)", the value's term (wdf = mentions, so BM25 ranks
    // those articles beside exact-word matches).  Done on the query text, not with Xapian
    // synonyms, so remote databases (which serve no synonyms) answer the same.
    const std::string expanded = expand_aliases(folded);
    // said: searches the statements of the speakers the flags and speaker: select
    impl_->said_speakers = flag_speakers_;
    if (folded.find("said:") != std::string::npos) {
        for (const std::string& name : speaker_fields(folded)) {
            try {
                for (const auto& v : impl_->catalog->resolve(Facet::Speaker, name).values)
                    impl_->said_speakers.insert(v.key);
            } catch (const QueryError&) {
                // the speaker: field reports it when the query is parsed
            }
        }
    }
    Xapian::Query parsed;
    try {
        parsed = impl_->qp.parse_query(expanded, kFlags);
    } catch (const Xapian::QueryParserError& e) {
        impl_->errors.rethrow();
        throw QueryError("cannot parse query '" + text + "': " + e.get_msg());
    }
    impl_->errors.rethrow();
    // a word left out is not searched, so it has no spelling to correct
    if (stopping && impl_->qp.stoplist_begin() != impl_->qp.stoplist_end())
        std::erase_if(info_.free_words, [](const std::string& w) {
            std::string lower = w;
            for (char& c : lower)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return is_stopword(lower);
        });
    return parsed;
}

std::optional<Xapian::Query> QueryBuilder::snippet_query(const std::string& text,
                                                         const Xapian::Query& parsed) const {
    if (impl_->stemming != Stemming::All) return std::nullopt;
    // Xapian's snippet maker finds a phrase by comparing its terms with the words of the
    // text as written, and a wildcard by the start of those words: an index of stems
    // gives it neither.  So it is given every stem of free text the query holds (a
    // phrase's words are then marked wherever they occur) and the wildcard words as
    // written.
    std::vector<Xapian::Query> parts;
    for (auto t = parsed.get_unique_terms_begin(); t != parsed.get_unique_terms_end(); ++t) {
        const std::string& term = *t;
        if (auto st = split_stem_term(term); st && st->field_prefix.empty() && !st->stem.empty())
            parts.emplace_back(term);
    }
    for (const std::string& w : free_wildcards(fold_text(text)))
        parts.emplace_back(Xapian::Query::OP_WILDCARD, w, 1, Xapian::Query::WILDCARD_LIMIT_FIRST);
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace ndx
