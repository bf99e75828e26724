// Building Xapian documents from articles: see document.h and the layout in schema.h.
#include "common/document.h"

#include <algorithm>
#include <set>

#include "common/facet_ids.h"
#include "common/normalize.h"

namespace ndx {

using nlohmann::json;

Xapian::Stem make_stemmer() { return Xapian::Stem("english"); }

const std::vector<Entity>& entities_of(const Facets& f, Facet which) {
    switch (which) {
        case Facet::Speaker: return f.speakers;
        case Facet::Location: return f.locations;
        case Facet::Group: return f.groups;
    }
    return f.speakers;
}

std::string location_path(const Entity& e) {
    std::string out;
    for (const auto& p : e.path) {
        if (!out.empty()) out += '/';
        out += p;
    }
    return out;
}

json facets_json(const Facets& facets) {
    json out = json::object();
    for (Facet f : kEntityFacets) {
        json arr = json::array();
        for (const Entity& e : entities_of(facets, f)) {
            json v = {{"value", e.value}, {"key", e.key}};
            if (!e.kind.empty()) v["kind"] = e.kind;
            if (f == Facet::Location) v["path"] = location_path(e);
            json ev = json::array();
            for (const auto& x : e.evidence) ev.push_back(x.text);
            v["evidence"] = ev;
            arr.push_back(std::move(v));
        }
        out[std::string(facet_name(f))] = std::move(arr);
    }
    return out;
}

json stored_record(const Article& a, const Facets& facets) {
    json rec = {{"id", a.id},
                {"path", a.path},
                {"title", a.title},
                {"title_derived", a.title_derived},
                {"date", a.date ? json(a.date->iso()) : json(nullptr)},
                {"byline", a.byline},
                {"dateline", a.dateline},
                {"source", a.source},
                {"url", a.url},
                {"text", a.body},
                {"facets", facets_json(facets)}};
    if (a.line) rec["line"] = a.line;
    return rec;
}

namespace {

// The packed slot (counted locally) and the one-per-slot layout (counted remotely).
void add_facet_values(Xapian::Document& doc, Slot slot, const std::vector<FacetId>& ids) {
    if (ids.empty()) return;
    doc.add_value(slot_no(slot), pack_ids(ids));
    const Xapian::valueno base = spread_slot_base(slot);
    for (std::size_t i = 0; i < ids.size() && i < kMaxSlotValues; ++i)
        doc.add_value(base + static_cast<Xapian::valueno>(i), to_hex(ids[i]));
}

}  // namespace

DocumentBuilder::DocumentBuilder() {
    termgen_.set_stemmer(make_stemmer());
    termgen_.set_stemming_strategy(kStemStrategy);
}

Xapian::Document DocumentBuilder::build(const Article& a, const Facets& facets,
                                        const std::string& file_term) {
    Xapian::Document doc;
    termgen_.set_document(doc);

    const std::string title = fold_text(a.title);
    termgen_.index_text(title, kTitleWeight);
    termgen_.index_text(title, 1, kTextFields[0].prefix);
    struct {
        const std::string& text;
        const char* prefix;
    } fields[] = {{a.byline, kTextFields[1].prefix},
                  {a.dateline, kTextFields[2].prefix},
                  {a.source, kTextFields[3].prefix}};
    for (const auto& f : fields) {
        if (f.text.empty()) continue;
        const std::string folded = fold_text(f.text);
        termgen_.increase_termpos(kFieldGap);
        termgen_.index_text(folded);
        termgen_.index_text(folded, 1, f.prefix);
    }
    termgen_.increase_termpos(kFieldGap);
    termgen_.index_text(fold_text(a.body));

    doc.add_boolean_term(id_term(a.id));
    if (!file_term.empty()) doc.add_boolean_term(file_term);
    if (a.date) {
        const std::string ymd = a.date->compact();
        doc.add_boolean_term(kDayPrefix + ymd);
        doc.add_boolean_term(kMonthPrefix + ymd.substr(0, 6));
        doc.add_boolean_term(kYearPrefix + ymd.substr(0, 4));
        doc.add_value(slot_no(Slot::Date), ymd);
    } else {
        doc.add_boolean_term(kUndatedTerm);
    }

    for (Facet f : kEntityFacets) {
        std::vector<FacetId> ids;
        const std::string prefix(facet_prefix(f));
        for (const Entity& e : entities_of(facets, f)) {
            ids.push_back(facet_id(f, e.key));
            // wdf = mentions, so alias-aware text search (query.cc) can rank by this term
            doc.add_term(prefix + e.key, static_cast<Xapian::termcount>(
                                             std::max<std::size_t>(1, e.evidence.size())));
        }
        add_facet_values(doc, facet_slot(f), ids);
    }
    // The place tree: every named place and every place above it, once per article.
    std::vector<FacetId> tree;
    std::set<std::string> seen;
    const std::string loc_prefix(facet_prefix(Facet::Location));
    for (const Entity& e : facets.locations) {
        for (const std::string& k : e.path_keys) {
            if (!seen.insert(k).second) continue;
            tree.push_back(facet_id(Facet::Location, k));
            doc.add_boolean_term(loc_prefix + k);  // keeps the wdf of a named place
        }
    }
    add_facet_values(doc, Slot::LocationTree, tree);

    doc.set_data(stored_record(a, facets).dump());
    // Xapian's reference counts are not atomic: drop the generator's reference before the
    // document is handed to another thread (the index writer).
    termgen_.set_document(Xapian::Document());
    return doc;
}

}  // namespace ndx
