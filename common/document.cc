// Building Xapian documents from articles: see document.h and the layout in schema.h.
#include "common/document.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "common/facet_ids.h"
#include "common/normalize.h"
#include "common/record.h"
#include "common/word_map.h"

namespace ndx {

using nlohmann::json;

namespace {

// The English stemmer with a memory of the words it has stemmed: news text repeats its
// words, and the Snowball stemmer costs far more than a hash lookup (a large share of
// indexing and of snippet making).  Not thread-safe, like any Xapian object.
class CachedStem : public Xapian::StemImplementation {
  public:
    std::string operator()(const std::string& word) override {
        if (const std::string* known = cache_.find(word)) return *known;
        if (cache_.size() >= kMaxWords) cache_.clear();  // bounded memory
        return cache_[word] = stem_(word);
    }
    std::string get_description() const override { return "ndx cached " + stem_.get_description(); }

  private:
    static constexpr std::size_t kMaxWords = 200000;
    Xapian::Stem stem_{"english"};
    WordMap<std::string> cache_;
};

}  // namespace

Xapian::Stem make_stemmer() { return Xapian::Stem(new CachedStem); }

const std::vector<Entity>& entities_of(const Facets& f, Facet which) {
    switch (which) {
        case Facet::Speaker:
            return f.speakers;
        case Facet::Location:
            return f.locations;
        case Facet::Group:
            return f.groups;
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

namespace {

// Evidence as stored: [offset, length] of the sentence in the stored text when it is there
// (it nearly always is, near the offset the extractor gives), else the sentence itself.
json stored_evidence(const Evidence& x, const std::string* text) {
    if (text && !x.text.empty()) {
        std::size_t from = x.offset == kNoOffset ? 0 : x.offset;
        from = from > x.text.size() ? from - x.text.size() : 0;
        std::size_t at = text->find(x.text, from);
        if (at == std::string::npos && from > 0) at = text->find(x.text);
        if (at != std::string::npos) return json::array({at, x.text.size()});
    }
    return x.text;
}

}  // namespace

json facets_json(const Facets& facets, const std::string* text) {
    json out = json::object();
    for (Facet f : kEntityFacets) {
        json arr = json::array();
        for (const Entity& e : entities_of(facets, f)) {
            json v = {{"value", e.value}, {"key", e.key}};
            if (!e.kind.empty()) v["kind"] = e.kind;
            if (f == Facet::Location) v["path"] = location_path(e);
            json ev = json::array();
            for (const auto& x : e.evidence) ev.push_back(stored_evidence(x, text));
            v["evidence"] = ev;
            if (!e.found_by.empty()) v["found_by"] = e.found_by;
            arr.push_back(std::move(v));
        }
        out[std::string(facet_name(f))] = std::move(arr);
    }
    return out;
}

json stored_record(const Article& a, const Facets& facets) {
    return record_json(article_record(a, facets_json(facets, &a.body)));
}

void resolve_evidence(json& record) {
    if (!record.is_object() || !record.contains("facets") || !record["facets"].is_object()) return;
    static const std::string kNone;
    const std::string& text = record.contains("text") && record["text"].is_string()
                                  ? record["text"].get_ref<const std::string&>()
                                  : kNone;
    for (auto& [facet, values] : record["facets"].items()) {
        if (!values.is_array()) continue;
        for (json& v : values) {
            if (!v.is_object() || !v.contains("evidence") || !v["evidence"].is_array()) continue;
            for (json& ev : v["evidence"]) {
                if (!ev.is_array() || ev.size() != 2 || !ev[0].is_number_unsigned() ||
                    !ev[1].is_number_unsigned())
                    continue;
                const auto at = ev[0].get<std::size_t>(), n = ev[1].get<std::size_t>();
                ev = at <= text.size() ? text.substr(at, n) : std::string();
            }
        }
    }
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

std::string parent_term(const std::string& article_id) {
    return kParentPrefix + to_hex(fnv1a64(article_id));
}

std::string statement_id(const std::string& article_id, std::size_t n) {
    return article_id + "#s" + std::to_string(n);
}

namespace {

// The text of an article's field of the table (schema.h).
const std::string& article_text(const Article& a, std::string_view field_name) {
    if (field_name == "title") return a.title;
    if (field_name == "byline") return a.byline;
    if (field_name == "dateline") return a.dateline;
    if (field_name == "source") return a.source;
    if (field_name == "text") return a.body;
    throw std::logic_error("no article text for the field " + std::string(field_name));
}

// Date terms and slot, shared by articles and their statements.
void add_date(Xapian::Document& doc, const Article& a) {
    if (a.date) {
        const std::string ymd = a.date->compact();
        doc.add_boolean_term(kDayPrefix + ymd);
        doc.add_boolean_term(kMonthPrefix + ymd.substr(0, 6));
        doc.add_boolean_term(kYearPrefix + ymd.substr(0, 4));
        doc.add_value(slot_no(Slot::Date), ymd);
    } else {
        doc.add_boolean_term(kUndatedTerm);
    }
}

// Location and group terms and slots (the place tree included).
void add_places_and_groups(Xapian::Document& doc, const Facets& facets, bool weighted) {
    for (Facet f : {Facet::Location, Facet::Group}) {
        std::vector<FacetId> ids;
        const std::string prefix(facet_prefix(f));
        for (const Entity& e : entities_of(facets, f)) {
            ids.push_back(facet_id(f, e.key));
            // wdf = mentions, so alias-aware text search (query.cc) can rank by this term
            if (weighted)
                doc.add_term(prefix + e.key, static_cast<Xapian::termcount>(
                                                 std::max<std::size_t>(1, e.evidence.size())));
            else
                doc.add_boolean_term(prefix + e.key);
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
}

}  // namespace

Xapian::Document DocumentBuilder::build_statement(const Article& a, const Facets& facets,
                                                  std::size_t n) {
    const Statement& st = facets.statements[n];
    Xapian::Document doc;
    termgen_.set_document(doc);
    termgen_.index_text(fold_text(st.text), 1, kStatementTextPrefix);
    doc.add_boolean_term(kStatementTerm);
    doc.add_boolean_term(id_term(statement_id(a.id, n)));
    doc.add_boolean_term(parent_term(a.id));
    add_date(doc, a);
    doc.add_term(std::string(facet_prefix(Facet::Speaker)) + st.speaker_key);
    add_facet_values(doc, Slot::Speakers, {facet_id(Facet::Speaker, st.speaker_key)});
    add_places_and_groups(doc, facets, false);
    doc.set_data(record_json(statement_record(a, st)).dump());
    termgen_.set_document(Xapian::Document());
    return doc;
}

DocumentBuilder::DocumentBuilder(Stemming stemming) {
    termgen_.set_stemmer(make_stemmer());
    termgen_.set_stemming_strategy(stemming == Stemming::All ? Xapian::TermGenerator::STEM_ALL_Z
                                                             : Xapian::TermGenerator::STEM_SOME);
}

Xapian::Document DocumentBuilder::build(const Article& a, const Facets& facets,
                                        const std::string& file_term) {
    Xapian::Document doc;
    termgen_.set_document(doc);

    // The text fields in the table's order, each once with its prefix and once in the
    // free text; the body last.
    bool first = true;
    for (const Field& f : kFields) {
        if (f.kind != FieldKind::Text || f.weight == 0 || f.prefix[0] == '\0') continue;
        const std::string& text = article_text(a, f.name);
        if (!first) {
            if (text.empty()) continue;
            termgen_.increase_termpos(kFieldGap);
        }
        first = false;
        const std::string folded = fold_text(text);
        termgen_.index_text(folded, f.weight);
        termgen_.index_text(folded, 1, f.prefix);
    }
    termgen_.increase_termpos(kFieldGap);
    termgen_.index_text(fold_text(a.body), field("text").weight);

    doc.add_boolean_term(kArticleTerm);
    doc.add_boolean_term(id_term(a.id));
    if (!file_term.empty()) doc.add_boolean_term(file_term);
    add_date(doc, a);

    std::vector<FacetId> speakers;
    const std::string sp_prefix(facet_prefix(Facet::Speaker));
    for (const Entity& e : facets.speakers) {
        speakers.push_back(facet_id(Facet::Speaker, e.key));
        doc.add_term(sp_prefix + e.key,
                     static_cast<Xapian::termcount>(std::max<std::size_t>(1, e.evidence.size())));
    }
    add_facet_values(doc, Slot::Speakers, speakers);
    add_places_and_groups(doc, facets, true);

    RecordDumps rec = record_dumps(article_record(a, facets_json(facets, &a.body)));
    doc.add_value(slot_no(Slot::Hit), std::move(rec.hit));
    doc.set_data(std::move(rec.data));
    // Xapian's reference counts are not atomic: drop the generator's reference before the
    // document is handed to another thread (the index writer).
    termgen_.set_document(Xapian::Document());
    return doc;
}

}  // namespace ndx
