// The filters of a search: facet selections, dates and the kind of document, each kept
// apart so that one can be left out (multi-select counts, rescue hints).
#include <string>
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

}  // namespace

Leave leave_facet(std::size_t i) {
    return static_cast<Leave>(static_cast<int>(Leave::Facet0) + static_cast<int>(i));
}

Q combine(const Q& text, const Filters& f, Leave leave) {
    std::vector<Q> filters;
    const bool none = leave == Leave::Selections;
    for (std::size_t i = 0; i < 3; ++i)
        if (f.include[i] && leave != leave_facet(i) && !none) filters.push_back(*f.include[i]);
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
