// The filters of a search: facet selections, dates and the kind of document, each kept
// apart so that one can be left out (multi-select counts, rescue hints).
#include <string>
#include <string_view>
#include <vector>

#include "common/facet_catalog.h"
#include "common/query.h"
#include "common/search_stages.h"

namespace ndx::search_stages {
namespace {

using Q = Xapian::Query;

Q or_of(const std::vector<FacetValueInfo>& values) {
    std::vector<Q> parts;
    for (const auto& v : values) parts.push_back(facet_value_query(v));
    return Q(Q::OP_OR, parts.begin(), parts.end());
}

// How many values a user sees among `values`: a speaker value merged under another is
// shown as that one (speaker_merge.h).
std::size_t shown_count(const std::vector<FacetValueInfo>& values) {
    std::size_t n = 0;
    for (const auto& v : values) n += v.shown_as == 0;
    return n;
}

std::string describe_values(const std::vector<FacetValueInfo>& values) {
    std::string s;
    for (const auto& v : values) {
        if (v.shown_as) continue;
        if (!s.empty()) s += ", ";
        s += "'" + (v.path.empty() ? v.value : v.path) + "'";
    }
    return s;
}

// Which kind of document holds `term` (true: statements), by its prefix; nullopt for a
// term of both kinds or of neither (ids, facets, dates, markers).
std::optional<bool> term_kind(std::string_view term) {
    std::string_view prefix;
    if (auto st = split_stem_term(term)) {
        if (st->stem.empty()) return std::nullopt;
        prefix = st->field_prefix;
    } else {
        // a word as written (--stemming some): its field prefix, then the word
        std::size_t i = 0;
        while (i < term.size() && term[i] >= 'A' && term[i] <= 'Z') ++i;
        if (i == term.size()) return std::nullopt;
        prefix = term.substr(0, i);
    }
    if (prefix == kStatementTextPrefix) return true;
    if (prefix.empty()) return false;  // free text
    for (const TextField& f : kTextFields)
        if (prefix == f.prefix) return false;
    return std::nullopt;
}

}  // namespace

std::optional<bool> only_statements(const Q& q) {
    const std::size_t n = q.get_num_subqueries();
    switch (q.get_type()) {
        case Q::LEAF_TERM:
            return q.get_terms_begin() == q.get_terms_end() ? std::nullopt
                                                            : term_kind(*q.get_terms_begin());
        case Q::OP_AND:
        case Q::OP_FILTER:
        case Q::OP_NEAR:
        case Q::OP_PHRASE:
            // every subquery matches: any one of them tells
            for (std::size_t i = 0; i < n; ++i)
                if (auto k = only_statements(q.get_subquery(i))) return k;
            return std::nullopt;
        case Q::OP_AND_MAYBE:
        case Q::OP_AND_NOT:
        case Q::OP_SCALE_WEIGHT:
            // the first subquery's matches
            return n ? only_statements(q.get_subquery(0)) : std::nullopt;
        case Q::OP_OR:
        case Q::OP_XOR:
        case Q::OP_SYNONYM:
        case Q::OP_ELITE_SET:
        case Q::OP_MAX: {
            // any subquery matches: each must tell the same
            std::optional<bool> kind;
            for (std::size_t i = 0; i < n; ++i) {
                auto k = only_statements(q.get_subquery(i));
                if (!k || (kind && *kind != *k)) return std::nullopt;
                kind = k;
            }
            return kind;
        }
        default:
            return std::nullopt;
    }
}

Leave leave_facet(std::size_t i) {
    return static_cast<Leave>(static_cast<int>(Leave::Facet0) + static_cast<int>(i));
}

Q combine(const Q& text, const Filters& f, Leave leave) {
    std::vector<Q> filters;
    const bool none = leave == Leave::Selections;
    for (std::size_t i = 0; i < 3; ++i)
        if (f.include[i] && leave != leave_facet(i) && !none) filters.push_back(*f.include[i]);
    if (f.date && leave != Leave::Date && !none) filters.push_back(*f.date);
    // articles, or statements in --quotes mode: the kind of document is itself a filter,
    // unless the text's words match that kind only (free text, title: ...: only articles
    // hold them), when it would restrict nothing and cost the matcher a posting list as
    // long as the collection
    const bool kind_implied = !text.empty() && only_statements(text) == f.statements;
    if (!kind_implied) filters.push_back(f.kind);
    Q q = text;
    if (!filters.empty()) {
        Q all(Q::OP_AND, filters.begin(), filters.end());
        q = text.empty() ? all : Q(Q::OP_FILTER, text, all);
    }
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

Filters build_filters(const SearchRequest& req, const FacetCatalog& catalog,
                      std::vector<std::string>& notes) {
    Filters f;
    f.kind = Q(req.quotes ? kStatementTerm : kArticleTerm);
    f.statements = req.quotes;
    for (Facet facet : kEntityFacets) {
        const FacetSelection& sel = req.facets[index_of(facet)];
        const std::string flag(facet_name(facet));
        auto resolve_all = [&](const std::vector<std::string>& names, bool include) {
            std::vector<FacetValueInfo> values;
            for (const std::string& name : names) {
                Resolution r = catalog.resolve(facet, name);
                if (shown_count(r.values) > 1 || (r.partial && shown_count(r.values) == 1))
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
        f.labelled.emplace_back(req.from && req.to ? "--from/--to"
                                : req.from         ? "--from"
                                                   : "--to",
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

}  // namespace ndx::search_stages
