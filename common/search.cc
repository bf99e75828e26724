// Running searches: filters, multi-select facet counts, date histogram, rescue hints.
#include "common/search.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "common/database.h"
#include "common/document.h"
#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/facet_count.h"
#include "common/normalize.h"
#include "common/query.h"
#include "common/expand.h"
#include "common/relax.h"

namespace ndx {
namespace {

using Q = Xapian::Query;

std::size_t index_of(Facet f) { return static_cast<std::size_t>(f); }

// The filters of one search, each kept apart so any one can be left out.
struct Filters {
    std::array<std::optional<Q>, 3> include;  // per facet
    std::array<std::optional<Q>, 3> exclude;
    std::array<std::set<std::string>, 3> selected_keys;
    std::optional<Q> date;
    std::vector<std::pair<std::string, Q>> labelled;  // for the rescue hints
    Q kind;  // XA (articles) or XT (statements)
};

// Which filters a query leaves out: none, one (for that facet's multi-select counts), or
// every include filter and the date (tested against the facet table instead).
enum class Leave { Nothing, Facet0, Facet1, Facet2, Date, Selections };

// The Leave value for the filter of facet i (0 speaker, 1 location, 2 group).
Leave leave_facet(std::size_t i) {
    return static_cast<Leave>(static_cast<int>(Leave::Facet0) + static_cast<int>(i));
}

Q combine(const Q& text, const Filters& f, Leave leave) {
    std::vector<Q> filters;
    const bool none = leave == Leave::Selections;
    for (std::size_t i = 0; i < 3; ++i)
        if (f.include[i] && leave != leave_facet(i) && !none)
            filters.push_back(*f.include[i]);
    if (f.date && leave != Leave::Date && !none) filters.push_back(*f.date);
    // articles, or statements in --quotes mode: the kind of document is itself a filter
    filters.push_back(f.kind);
    Q all(Q::OP_AND, filters.begin(), filters.end());
    Q q = text.empty() ? all : Q(Q::OP_FILTER, text, all);
    if (none && text.empty()) {
        // Without text, the facet terms selected rank the matches (wdf = mentions); with
        // their filters tested elsewhere they still weigh, without restricting.
        std::vector<Q> weights;
        for (const auto& inc : f.include)
            if (inc) weights.push_back(*inc);
        if (!weights.empty())
            q = Q(Q::OP_AND_MAYBE, q, Q(Q::OP_AND, weights.begin(), weights.end()));
    }
    std::vector<Q> nots;
    for (const auto& e : f.exclude)
        if (e) nots.push_back(*e);
    if (!nots.empty()) q = Q(Q::OP_AND_NOT, q, Q(Q::OP_OR, nots.begin(), nots.end()));
    return q;
}

Q or_of(const std::vector<FacetValueInfo>& values) {
    std::vector<Q> parts;
    for (const auto& v : values) parts.push_back(facet_value_query(v));
    return Q(Q::OP_OR, parts.begin(), parts.end());
}

std::string describe_values(const std::vector<FacetValueInfo>& values) {
    std::string s;
    for (const auto& v : values) {
        if (!s.empty()) s += ", ";
        s += "'" + (v.path.empty() ? v.value : v.path) + "'";
    }
    return s;
}

Filters build_filters(const SearchRequest& req, const FacetCatalog& catalog,
                      std::vector<std::string>& notes) {
    Filters f;
    f.kind = Q(req.quotes ? kStatementTerm : kArticleTerm);
    for (Facet facet : kEntityFacets) {
        const FacetSelection& sel = req.facets[index_of(facet)];
        const std::string flag(facet_name(facet));
        auto resolve_all = [&](const std::vector<std::string>& names, bool include) {
            std::vector<FacetValueInfo> values;
            for (const std::string& name : names) {
                Resolution r = catalog.resolve(facet, name);
                if (r.values.size() > 1 || (r.partial && r.values.size() == 1))
                    notes.push_back("--" + std::string(include ? "" : "exclude-") + flag + " '" +
                                    name + "' selects " + describe_values(r.values));
                values.insert(values.end(), r.values.begin(), r.values.end());
            }
            return values;
        };
        if (!sel.include.empty()) {
            auto values = resolve_all(sel.include, true);
            f.include[index_of(facet)] = or_of(values);
            for (const auto& v : values) f.selected_keys[index_of(facet)].insert(v.key);
            for (const std::string& name : sel.include)
                f.labelled.emplace_back("--" + flag + " '" + name + "'",
                                        or_of(catalog.resolve(facet, name).values));
        }
        if (!sel.exclude.empty()) {
            auto values = resolve_all(sel.exclude, false);
            f.exclude[index_of(facet)] = or_of(values);
            f.labelled.emplace_back("--exclude-" + flag, Q());
        }
    }
    if (req.undated) {
        f.date = Q(kUndatedTerm);
        f.labelled.emplace_back("--undated", Q());
    } else if (req.from || req.to) {
        f.date = date_range_query(req.from, req.to);
        f.labelled.emplace_back(req.from && req.to ? "--from/--to" : req.from ? "--from" : "--to",
                                Q());
    }
    return f;
}

Xapian::doccount count_matches(const Xapian::Database& db, const Q& q) {
    Xapian::Enquire enq(db);
    enq.set_query(q);
    enq.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet m = enq.get_mset(0, 0, db.get_doccount());
    return m.get_matches_lower_bound();
}

std::string unescape_html(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            static const std::pair<const char*, char> kEntities[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
            bool done = false;
            for (const auto& [ent, ch] : kEntities) {
                std::size_t n = std::char_traits<char>::length(ent);
                if (s.compare(i, n, ent) == 0) {
                    out += ch;
                    i += n - 1;
                    done = true;
                    break;
                }
            }
            if (done) continue;
        }
        out += s[i];
    }
    return out;
}

// Whether a place is counted at the requested level of the hierarchy.
bool at_level(const FacetValueInfo& info, LocationLevel level) {
    // roll-up by the kind of place (a city directly under its country is a city)
    const std::string& k = info.kind;
    bool country = k == "country" || (k.empty() && info.depth == 0);
    bool province = k == "province" || k == "region" || (k.empty() && info.depth == 1);
    switch (level) {
        case LocationLevel::Country: return country;
        case LocationLevel::Province: return province;
        case LocationLevel::City: return !country && !province;
        case LocationLevel::Named: return true;
    }
    return true;
}

FacetCount make_count(const FacetValueInfo& info, Xapian::doccount count,
                      const std::set<std::string>& selected) {
    return make_facet_count(info, count, selected.count(info.key) > 0);
}

// The values to show.  Naming a value costs a metadata read, so in count order only the
// values that can be shown are named: those with at least the count of the last one shown
// (ties go by name), and the selected ones.  Name order and place roll-up need every name.
void fill_facet(FacetResult& out, Facet facet, const FacetCounts& counts,
                const FacetCatalog& catalog, const SearchRequest& req,
                const std::set<std::string>& selected) {
    auto by_name = [](const FacetCount& a, const FacetCount& b) {
        return a.value != b.value ? a.value < b.value : a.key < b.key;
    };
    auto by_count = [&](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : by_name(a, b);
    };
    const bool rollup = facet == Facet::Location && req.location_level != LocationLevel::Named;
    std::vector<FacetCount> named;
    std::size_t total = 0;
    if (req.facet_order == FacetOrder::Name || rollup) {
        for (const auto& [id, count] : counts) {
            auto info = catalog.info(id);
            if (!info || (rollup && !at_level(*info, req.location_level))) continue;
            named.push_back(make_count(*info, count, selected));
        }
        total = named.size();
    } else {
        std::vector<std::pair<Xapian::doccount, FacetId>> by_freq;
        by_freq.reserve(counts.size());
        for (const auto& [id, count] : counts) by_freq.emplace_back(count, id);
        auto more_first = [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        };
        total = by_freq.size();
        std::set<FacetId> wanted;
        for (const std::string& key : selected) wanted.insert(facet_id(facet, key));
        constexpr std::size_t kMaxTies = 2000;  // past this, ties go by id, not name
        // Only the values that can be shown are sorted: those counted at least as often as
        // the last one shown.
        Xapian::doccount threshold = 0;
        std::size_t head = by_freq.size();
        if (req.facet_limit && by_freq.size() > req.facet_limit) {
            std::nth_element(by_freq.begin(), by_freq.begin() + (req.facet_limit - 1),
                             by_freq.end(), more_first);
            threshold = by_freq[req.facet_limit - 1].first;
            head = static_cast<std::size_t>(
                std::partition(by_freq.begin(), by_freq.end(),
                               [&](const auto& p) { return p.first >= threshold; }) -
                by_freq.begin());
        }
        std::sort(by_freq.begin(), by_freq.begin() + static_cast<std::ptrdiff_t>(head), more_first);
        for (std::size_t i = 0; i < by_freq.size(); ++i) {
            bool candidate = i < head && (i < req.facet_limit ||
                                          (by_freq[i].first >= threshold && threshold > 0 && i < kMaxTies));
            if (!candidate && !wanted.count(by_freq[i].second)) continue;
            if (auto info = catalog.info(by_freq[i].second))
                named.push_back(make_count(*info, by_freq[i].first, selected));
        }
    }
    std::sort(named.begin(), named.end(),
              [&](const FacetCount& a, const FacetCount& b) {
                  return req.facet_order == FacetOrder::Name ? by_name(a, b) : by_count(a, b);
              });
    // Selected values are always shown, even past the limit.
    std::vector<FacetCount> shown;
    for (std::size_t i = 0; i < named.size(); ++i)
        if (i < req.facet_limit || named[i].selected) shown.push_back(named[i]);
    out.more = total - shown.size();
    out.values = std::move(shown);
}

void fill_dates(DateHistogram& out, const std::map<std::string, Xapian::doccount>& days,
                Xapian::doccount seen, DateInterval interval) {
    Xapian::doccount dated = 0;
    for (const auto& day : days) dated += day.second;
    out.undated = seen - dated;
    if (interval == DateInterval::Auto)
        interval = days.empty() ? DateInterval::Year
                                : pick_interval(days.begin()->first, days.rbegin()->first);
    out.interval = interval_name(interval);
    if (days.empty()) return;
    std::map<std::string, Xapian::doccount> buckets;
    for (const auto& [ymd, n] : days) buckets[bucket_label(ymd, interval)] += n;
    // every interval from the first to the last, the empty ones as 0
    for (std::string& label : bucket_labels(days.begin()->first, days.rbegin()->first, interval)) {
        auto it = buckets.find(label);
        out.buckets.push_back({std::move(label), it == buckets.end() ? 0 : it->second});
    }
}

// Text with its line breaks and runs of spaces folded to single spaces (for snippets).
std::string one_line(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += c;
    }
    return out;
}

// `text` with the words that match the query's statement terms (XQ, ZXQ) marked.
std::string highlight(const std::string& text, const Q& query, const std::string& on,
                      const std::string& off) {
    if (on.empty() && off.empty()) return text;
    const std::string plain = kStatementTextPrefix, stemmed = std::string("Z") + plain;
    std::set<std::string> words, stems;
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
        if ((*t).rfind(stemmed, 0) == 0) stems.insert((*t).substr(stemmed.size()));
        else if ((*t).rfind(plain, 0) == 0) words.insert((*t).substr(plain.size()));
    }
    if (words.empty() && stems.empty()) return text;
    const Xapian::Stem stem = make_stemmer();
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        auto alnum = [&](std::size_t k) {
            auto c = static_cast<unsigned char>(text[k]);
            return std::isalnum(c) || c >= 0x80;
        };
        if (!alnum(i)) {
            out += text[i++];
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && (alnum(j) || (text[j] == '\'' && j + 1 < text.size() && alnum(j + 1)))) ++j;
        const std::string word = text.substr(i, j - i);
        std::string lower = fold_case(word);
        bool hit = words.count(lower) || stems.count(stem(lower));
        out += hit ? on + word + off : word;
        i = j;
    }
    return out;
}

// Splits query text into top-level chunks (quoted phrases kept whole).
std::vector<std::string> query_chunks(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    int depth = 0;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (!quoted && c == '(') ++depth;
        if (!quoted && c == ')') --depth;
        if (c == ' ' && !quoted && depth <= 0) {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// AND, OR, NOT, XOR, NEAR, NEAR/n, ADJ, ADJ/n: query syntax, not words
bool is_operator(const std::string& chunk) {
    return chunk == "AND" || chunk == "OR" || chunk == "NOT" || chunk == "XOR" ||
           chunk.rfind("NEAR", 0) == 0 || chunk.rfind("ADJ", 0) == 0;
}

void find_rescue(const Xapian::Database& db, const SearchRequest& req, QueryBuilder& qb,
                 const Q& text, Filters& filters, std::vector<std::string>& rescue) {
    // Dropping one filter.
    for (std::size_t i = 0; i < 3; ++i) {
        if (!filters.include[i]) continue;
        Xapian::doccount n = count_matches(db, combine(text, filters, leave_facet(i)));
        if (n)
            rescue.push_back("without --" + std::string(facet_name(static_cast<Facet>(i))) +
                             ": " + std::to_string(n) + " result" + (n == 1 ? "" : "s"));
    }
    for (std::size_t i = 0; i < 3; ++i) {
        if (!filters.exclude[i]) continue;
        auto saved = filters.exclude[i];
        filters.exclude[i].reset();
        Xapian::doccount n = count_matches(db, combine(text, filters, Leave::Nothing));
        filters.exclude[i] = saved;
        if (n)
            rescue.push_back("without --exclude-" + std::string(facet_name(static_cast<Facet>(i))) +
                             ": " + std::to_string(n) + " result" + (n == 1 ? "" : "s"));
    }
    if (filters.date) {
        Xapian::doccount n = count_matches(db, combine(text, filters, Leave::Date));
        if (n)
            rescue.push_back(std::string("without ") + (req.undated ? "--undated" : "the date range") +
                             ": " + std::to_string(n) + " result" + (n == 1 ? "" : "s"));
    }
    // Dropping one word or phrase of the query text: one search per word, each as long as
    // the query, so only for short queries (a 10,000-word query matching nothing ran for
    // minutes).
    constexpr std::size_t kMaxRescueWords = 16;
    std::vector<std::string> chunks = query_chunks(req.query);
    if (chunks.size() > 1 && chunks.size() <= kMaxRescueWords) {
        for (std::size_t i = 0; i < chunks.size(); ++i) {
            // an operator is no word to drop; it goes with the word it joins
            if (is_operator(chunks[i])) continue;
            std::size_t with = chunks.size();
            if (i > 0 && is_operator(chunks[i - 1])) with = i - 1;
            else if (i + 1 < chunks.size() && is_operator(chunks[i + 1]) && chunks[i + 1] != "NOT")
                with = i + 1;
            std::string rest;
            for (std::size_t j = 0; j < chunks.size(); ++j)
                if (j != i && j != with) rest += (rest.empty() ? "" : " ") + chunks[j];
            if (rest.empty()) continue;
            Q q;
            try {
                q = qb.parse(rest, req.match);
            } catch (const QueryError&) {
                continue;
            }
            Xapian::doccount n = count_matches(db, combine(q, filters, Leave::Nothing));
            if (n)
                rescue.push_back("without '" + chunks[i] + "': " + std::to_string(n) + " result" +
                                 (n == 1 ? "" : "s"));
        }
    }
}


// Parsing a stored record without its facets and their evidence (only --explain shows
// them): the largest part of many records.
bool skip_evidence(int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    return !(depth == 1 && event == nlohmann::json::parse_event_t::key && parsed == "facets");
}

// The stemmer for a search's snippets.  Xapian's snippet maker stems every word of the
// text, but only words whose stem can be a stemmed query term matter, and an English stem
// keeps the first two letters of its word (happy/happi, skies/sky, dying/die): other words
// are given back unstemmed, which no query term can match.  The stems it does make come
// from one stemmer per thread, whose memory of stems outlives a search.
class SnippetStem : public Xapian::StemImplementation {
  public:
    explicit SnippetStem(const Xapian::Query& query) {
        for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
            const std::string& term = *t;
            if (term.empty() || term[0] != 'Z') continue;
            std::size_t i = 1;
            while (i < term.size() && term[i] >= 'A' && term[i] <= 'Z') ++i;  // field prefix
            if (term.size() - i < 2) all_ = true;
            else heads_.insert(term.substr(i, 2));
        }
    }
    std::string operator()(const std::string& word) override {
        if (!all_ && word.size() >= 2 && !heads_.count(word.substr(0, 2))) return word;
        return stemmer()(word);
    }
    std::string get_description() const override { return "ndx snippet stemmer"; }

  private:
    static const Xapian::Stem& stemmer() {
        thread_local const Xapian::Stem stem = make_stemmer();
        return stem;
    }
    std::set<std::string> heads_;
    bool all_ = false;
};

// The facet table, when the target is one local database and its table describes it as
// opened, else null.  (Over several databases a match spy is shown each document with its
// docid in its own database but not which database that is, so the table of a shard set
// cannot be used: its parts are counted from the value slots.)
const FacetTable* usable_table(const SearchTarget& target) {
    if (target.remote || target.parts.size() != 1) return nullptr;
    const FacetTable* t = target.table.get();
    return t && t->describes(target.parts[0]) ? t : nullptr;
}

}  // namespace

SearchResult run_search(const Xapian::Database& db, const SearchRequest& req) {
    SearchTarget target;
    target.db = db;
    target.parts = {db};
    target.names = {"index"};
    return run_search(target, req);
}

namespace {

// One search, its query's words combined as `mode` says.
SearchResult search_as(const SearchTarget& target, const SearchRequest& req, MatchMode mode) {
    const Xapian::Database& db = target.db;
    SearchResult res;
    res.query = req.query;
    std::optional<FacetCatalog> own_catalog;
    const FacetCatalog& catalog =
        target.catalog ? *target.catalog : own_catalog.emplace(db, target.parts);
    QueryBuilder qb(db, catalog, req.quotes ? QueryBuilder::Mode::Statements
                                            : QueryBuilder::Mode::Articles);
    Filters filters = build_filters(req, catalog, res.notes);
    qb.set_said_speakers(filters.selected_keys[index_of(Facet::Speaker)]);
    const bool has_text = req.query.find_first_not_of(" \t") != std::string::npos;
    Q text = has_text ? qb.parse(req.query, mode) : Q();
    const Q words = text;  // (--expand ranks by more: snippets mark the query's own words)
    if (req.expand && has_text) text = expand_ranking(db, combine(text, filters, Leave::Nothing), text);
    const ParseInfo parse_info = qb.last_parse();
    if (has_text) res.match = parse_info.all ? "all" : "any";
    res.parsed = parse_info;
    const Q query = combine(text, filters, Leave::Nothing);
    const Xapian::doccount all = db.get_doccount();

    try {
        Xapian::Enquire enq(db);
        enq.set_query(query);
        enq.set_weighting_scheme(ranking_weight());
        SortOrder sort = req.sort.value_or(has_text ? SortOrder::Relevance
                                                    : SortOrder::DateDescending);
        const bool sorted = sort != SortOrder::Relevance;
        if (sorted)
            enq.set_sort_by_value_then_relevance(slot_no(Slot::Date),
                                                 sort == SortOrder::DateDescending);
        else
            enq.set_docid_order(Xapian::Enquire::ASCENDING);

        // Spies for the facets whose counts see every filter; facets with a filter of
        // their own are counted in a second pass without it (multi-select).
        std::array<std::unique_ptr<FacetCounter>, 3> spies;
        std::unique_ptr<DateCounter> date_spy;
        auto slot_for = [&](Facet f) {
            if (f != Facet::Location || req.location_level == LocationLevel::Named)
                return facet_slot(f);
            return Slot::LocationTree;
        };
        const FacetTable* table = usable_table(target);
        auto counter_for = [&](Facet f) {
            return std::make_unique<FacetCounter>(
                slot_for(f), target.remote,
                target.remote ? spread_width(target, slot_for(f)) : 0);
        };
        // With a current facet table, one pass counts everything (TableCounter); else a spy
        // per facet, and a second pass for each facet with a filter of its own.
        std::optional<TableCounter> one_pass;
        if (req.count_facets && table) {
            one_pass.emplace(*table, std::array<Slot, 3>{slot_for(Facet::Speaker),
                                                         slot_for(Facet::Location),
                                                         slot_for(Facet::Group)});
            for (Facet f : kEntityFacets) {
                if (!filters.include[index_of(f)]) continue;
                std::vector<FacetId> ids;
                for (const std::string& key : filters.selected_keys[index_of(f)])
                    ids.push_back(facet_id(f, key));
                // a place filter selects every place inside the one named: the place tree
                one_pass->require_any(index_of(f),
                                      f == Facet::Location ? Slot::LocationTree : facet_slot(f), ids);
            }
            if (req.undated)
                one_pass->require_undated();
            else if (req.from || req.to)
                one_pass->require_dates(req.from ? std::stoull(req.from->compact()) : 0,
                                        req.to ? std::stoull(req.to->compact()) : UINT64_MAX);
            // Browsing articles by one selection: its own (multi-select) counts are those
            // of every article, which the table keeps; the filter stays in the query.
            std::vector<std::size_t> selected;
            for (std::size_t i = 0; i < 3; ++i)
                if (filters.include[i]) selected.push_back(i);
            if (filters.date) selected.push_back(TableCounter::kDateGroup);
            const bool excluding = std::any_of(filters.exclude.begin(), filters.exclude.end(),
                                               [](const auto& e) { return e.has_value(); });
            if (!has_text && !req.quotes && !excluding && selected.size() == 1)
                one_pass->count_all_articles(selected[0], db.get_termfreq(kArticleTerm));
            if (!one_pass->has_filters())
                enq.add_matchspy(&one_pass->spy());
            else if (!sorted)
                enq.set_query(combine(text, filters, Leave::Selections));
        } else if (req.count_facets) {
            for (Facet f : kEntityFacets) {
                if (filters.include[index_of(f)]) continue;
                spies[index_of(f)] = counter_for(f);
                spies[index_of(f)]->attach(enq);
            }
            if (!filters.date) {
                date_spy = std::make_unique<DateCounter>();
                date_spy->attach(enq);
            }
        }
        const bool count_apart = one_pass && one_pass->has_filters() && sorted;
        const Xapian::MatchDecider* decider =
            one_pass && one_pass->has_filters() && !sorted ? &one_pass->decider() : nullptr;
        Xapian::MSet mset = enq.get_mset(static_cast<Xapian::doccount>(std::min<std::size_t>(req.offset, all)),
                                         static_cast<Xapian::doccount>(std::min<std::size_t>(req.limit, all)),
                                         all, nullptr, decider);
        if (count_apart) {
            // Sorting by date, the matcher reads every candidate's date before a decider
            // sees it: the sorted pass keeps its filters, and an unsorted, unweighted pass
            // over the candidates counts.
            Xapian::Enquire other(db);
            other.set_query(combine(text, filters, Leave::Selections));
            other.set_weighting_scheme(Xapian::BoolWeight());
            other.get_mset(0, 0, all, nullptr, &one_pass->decider());
        }
        res.total = mset.get_matches_estimated();
        res.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        const Xapian::Stem snippet_stemmer(new SnippetStem(query));
        Xapian::MSet snippet_set = mset;
        if (has_text && req.snippets && !req.quotes)
            if (std::optional<Q> sq = qb.snippet_query(req.query, words)) {
                Xapian::Enquire se(db);
                se.set_query(*sq);
                snippet_set = se.get_mset(0, 0);  // (its term weights only)
            }
        // Without a snippet, an article's hit needs neither its text nor its evidence: the
        // Hit slot has the rest (indexes written before it fall back to the data).
        const bool whole = req.snippets || req.quotes || req.explain;
        std::size_t rank = req.offset;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Hit h;
            h.rank = ++rank;
            h.docid = *it;
            h.score = it.get_weight();
            Xapian::Document doc = it.get_document();
            const std::string head = whole ? std::string() : doc.get_value(slot_no(Slot::Hit));
            if (!head.empty()) {
                h.record = nlohmann::json::parse(head, nullptr, false);
            } else if (req.explain) {
                h.record = nlohmann::json::parse(doc.get_data(), nullptr, false);
                resolve_evidence(h.record);
            } else {
                h.record = nlohmann::json::parse(doc.get_data(), skip_evidence, false);
            }
            if (!h.record.is_object()) h.record = nlohmann::json::object();
            if (req.hit_values) {
                for (Facet f : kEntityFacets)
                    for_each_packed_id(doc.get_value(slot_no(facet_slot(f))), [&](FacetId id) {
                        if (auto info = catalog.info(id)) h.values[index_of(f)].push_back(info->value);
                    });
            }
            if (!whole) {
                res.hits.push_back(std::move(h));
                continue;
            }
            const std::string body = one_line(h.record.value("text", ""));
            if (req.quotes) {
                // a statement is short: all of it, with the words the query matched marked
                h.snippet = highlight(body, query, req.highlight_start, req.highlight_end);
            } else if (has_text) {
                h.snippet = unescape_html(snippet_set.snippet(body, 240, snippet_stemmer,
                                                       Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                                       req.highlight_start, req.highlight_end,
                                                       "\xE2\x80\xA6"));
            }
            if (h.snippet.empty()) {
                std::string first = body;
                if (first.size() > 240) {
                    std::size_t cut = first.rfind(' ', 240);
                    first = first.substr(0, cut == std::string::npos ? 240 : cut) + "\xE2\x80\xA6";
                }
                h.snippet = first;
            }
            res.hits.push_back(std::move(h));
        }

        if (one_pass) {
            for (Facet f : kEntityFacets) {
                FacetResult& out = res.facets[index_of(f)];
                fill_facet(out, f, one_pass->counts(index_of(f)), catalog, req,
                           filters.selected_keys[index_of(f)]);
                out.multi_select = filters.include[index_of(f)].has_value();
            }
            fill_dates(res.dates, one_pass->days(), one_pass->date_seen(), req.date_interval);
            res.dates.multi_select = filters.date.has_value();
        } else if (req.count_facets) {
            for (Facet f : kEntityFacets) {
                FacetResult& out = res.facets[index_of(f)];
                const auto& selected = filters.selected_keys[index_of(f)];
                if (spies[index_of(f)]) {
                    fill_facet(out, f, spies[index_of(f)]->counts(), catalog, req, selected);
                    continue;
                }
                Xapian::Enquire other(db);
                other.set_query(combine(text, filters, leave_facet(index_of(f))));
                other.set_weighting_scheme(Xapian::BoolWeight());
                auto counter = counter_for(f);
                counter->attach(other);
                other.get_mset(0, 0, all);
                fill_facet(out, f, counter->counts(), catalog, req, selected);
                out.multi_select = true;
            }
            if (date_spy) {
                fill_dates(res.dates, date_spy->days(), res.total, req.date_interval);
            } else {
                Xapian::Enquire other(db);
                other.set_query(combine(text, filters, Leave::Date));
                other.set_weighting_scheme(Xapian::BoolWeight());
                DateCounter spy;
                spy.attach(other);
                Xapian::MSet m = other.get_mset(0, 0, all);
                fill_dates(res.dates, spy.days(), m.get_matches_estimated(), req.date_interval);
                res.dates.multi_select = true;
            }
        }
        if (res.total == 0 && (has_text || !filters.labelled.empty()))
            find_rescue(db, req, qb, text, filters, res.rescue);
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;  // the caller reopens and retries
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError(e.get_msg());
    } catch (const Xapian::Error& e) {
        throw IndexError("search failed: " + e.get_description());
    }
    return res;
}

}  // namespace

SearchResult run_search(const SearchTarget& target, const SearchRequest& req) {
    // Query semantics, relaxation and spelling: see relax.h.
    return search_relaxed(target, req, search_as);
}

std::size_t spread_width(const SearchTarget& target, Slot slot) {
    std::size_t group = slot == Slot::Speakers ? 0 : slot == Slot::Locations ? 1
                        : slot == Slot::LocationTree ? 2 : 3;
    std::size_t most = 0;
    for (const auto& part : target.parts) {
        std::istringstream in(part.get_metadata(kMaxValuesMeta));
        std::array<std::size_t, 4> m{};
        for (auto& x : m) in >> x;
        most = std::max(most, m[group]);
    }
    return most;
}

FacetCount make_facet_count(const FacetValueInfo& info, Xapian::doccount count, bool selected) {
    FacetCount c;
    c.value = info.value;
    c.key = info.key;
    c.path = info.path;
    c.kind = info.kind;
    c.count = count;
    c.selected = selected;
    return c;
}

SearchPlan plan_search(const SearchTarget& target, const FacetCatalog& catalog,
                       const SearchRequest& req) {
    SearchPlan plan;
    QueryBuilder qb(target.db, catalog, req.quotes ? QueryBuilder::Mode::Statements
                                                   : QueryBuilder::Mode::Articles);
    Filters filters = build_filters(req, catalog, plan.notes);
    qb.set_said_speakers(filters.selected_keys[index_of(Facet::Speaker)]);
    plan.has_text = req.query.find_first_not_of(" \t") != std::string::npos;
    try {
        Q text = plan.has_text ? qb.parse(req.query, req.match) : Q();
        plan.query = combine(text, filters, Leave::Nothing);
        // As a search does (relax.h): when no article has every word of a short query,
        // the view counts the articles with any of them, and says so.
        if (plan.has_text && qb.last_parse().strict) {
            Xapian::Enquire probe(target.db);
            probe.set_query(plan.query);
            probe.set_weighting_scheme(Xapian::BoolWeight());
            if (probe.get_mset(0, 1).empty()) {
                plan.query = combine(qb.parse(req.query, MatchMode::Any), filters, Leave::Nothing);
                plan.relaxed = true;
                plan.notes.push_back("no article has every word of the query: counted over the "
                                     "articles with any of them");
            }
        }
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError(e.get_msg());
    }
    for (std::size_t i = 0; i < 3; ++i)
        plan.selected_keys[i].assign(filters.selected_keys[i].begin(),
                                     filters.selected_keys[i].end());
    return plan;
}

bool location_at_level(const FacetValueInfo& info, LocationLevel level) {
    return at_level(info, level);
}

DateInterval pick_interval(const std::string& first, const std::string& last) {
    if (first.size() < 8 || last.size() < 8) return DateInterval::Year;
    if (first.substr(0, 6) == last.substr(0, 6)) return DateInterval::Day;
    if (std::stoi(last.substr(0, 4)) - std::stoi(first.substr(0, 4)) < 3)
        return DateInterval::Month;
    return DateInterval::Year;
}

std::string interval_name(DateInterval interval) {
    switch (interval) {
        case DateInterval::Day: return "day";
        case DateInterval::Month: return "month";
        case DateInterval::Year:
        case DateInterval::Auto: break;
    }
    return "year";
}

std::string bucket_label(const std::string& day, DateInterval interval) {
    std::string label = day.substr(0, 4);
    if (interval == DateInterval::Month || interval == DateInterval::Day)
        label += "-" + day.substr(4, 2);
    if (interval == DateInterval::Day) label += "-" + day.substr(6, 2);
    return label;
}

std::vector<std::string> bucket_labels(const std::string& first, const std::string& last,
                                       DateInterval interval) {
    std::vector<std::string> out;
    if (first.size() < 8 || last.size() < 8 || last < first) return out;
    int y = std::stoi(first.substr(0, 4)), m = std::stoi(first.substr(4, 2)),
        d = std::stoi(first.substr(6, 2));
    const std::string end = bucket_label(last, interval);
    if (interval != DateInterval::Day) d = 1;
    if (interval == DateInterval::Year || interval == DateInterval::Auto) m = 1;
    constexpr std::size_t kMaxBuckets = 100000;  // as Elasticsearch's max_buckets, about
    for (;;) {
        if (out.size() == kMaxBuckets)
            throw QueryError("the dates from " + first.substr(0, 4) + " to " + last.substr(0, 4) +
                             " make more than " + std::to_string(kMaxBuckets) + " " +
                             interval_name(interval) + "s: use a longer --date-interval");
        char ymd[16];
        std::snprintf(ymd, sizeof ymd, "%04d%02d%02d", y, m, d);
        out.push_back(bucket_label(ymd, interval));
        if (out.back() >= end || y > 9999) break;
        if (interval == DateInterval::Day && valid_date(y, m, d + 1)) {
            ++d;
        } else if (interval != DateInterval::Year && interval != DateInterval::Auto && m < 12) {
            ++m;
            d = 1;
        } else {
            ++y;
            m = 1;
            d = 1;
        }
    }
    return out;
}

}  // namespace ndx
