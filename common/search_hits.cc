// The hits of a search: each match's stored record, its snippet (or a statement whole,
// its matched words marked) and, when asked, its facet values.
#include <cctype>
#include <optional>
#include <set>
#include <string>

#include "common/document.h"
#include "common/facet_catalog.h"
#include "common/flat_json.h"
#include "common/normalize.h"
#include "common/query.h"
#include "common/search_stages.h"

namespace ndx::search_stages {
namespace {

using Q = Xapian::Query;

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
    const std::string_view plain = kStatementTextPrefix;
    std::set<std::string> words, stems;
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
        const std::string& term = *t;
        if (auto st = split_stem_term(term)) {
            if (st->field_prefix == plain) stems.insert(std::string(st->stem));
        } else if (term.rfind(plain, 0) == 0) {
            words.insert(term.substr(plain.size()));
        }
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
        while (j < text.size() &&
               (alnum(j) || (text[j] == '\'' && j + 1 < text.size() && alnum(j + 1))))
            ++j;
        const std::string word = text.substr(i, j - i);
        std::string lower = fold_case(word);
        bool hit = words.count(lower) || stems.count(stem(lower));
        out += hit ? on + word + off : word;
        i = j;
    }
    return out;
}

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
            const std::string term = *t;  // (split_stem_term's views point into it)
            auto st = split_stem_term(term);
            if (!st) continue;
            if (st->stem.size() < 2)
                all_ = true;
            else
                heads_.insert(std::string(st->stem.substr(0, 2)));
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

// The matches whose snippets are made from (for a search with text, its query text
// alone, so that the filters' terms weigh nothing in choosing the passage).
Xapian::MSet snippet_set(const HitSource& src, const Xapian::MSet& mset) {
    if (src.has_text && src.req.snippets && !src.req.quotes)
        if (std::optional<Q> sq = src.qb.snippet_query(src.req.query, src.text)) {
            Xapian::Enquire se(src.db);
            se.set_query(*sq);
            return se.get_mset(0, 0);  // (its term weights only)
        }
    return mset;
}

// read_record() of the record `json`, read by FlatObject (flat_json.h); nullopt when it
// cannot say, for nlohmann::json to read.  `facets_dropped`: the record's facets are not
// wanted (as skip_evidence() drops them); else a record with facets is left to nlohmann.
std::optional<StoredRecord> flat_record(std::string_view json, bool facets_dropped) {
    FlatObject o;
    if (!o.parse(json) || (!facets_dropped && o.find("facets"))) return std::nullopt;
    StoredRecord r;
    r.type = o.string_at("type") == "statement" ? StoredRecord::Type::Statement
                                                : StoredRecord::Type::Article;
    for (const RecordField& f : kRecordFields) {  // as read_record() reads them
        const FlatObject::Value* v = o.find(f.key);
        if (!v) continue;
        switch (f.kind) {
            case RecordField::Kind::Text:
                if (v->kind == FlatObject::Kind::String) r.*f.text = v->text;
                break;
            case RecordField::Kind::Count:
                if (v->kind == FlatObject::Kind::Count)
                    r.*f.count = static_cast<std::size_t>(v->count);
                break;
            case RecordField::Kind::Flag:
                if (v->kind == FlatObject::Kind::True || v->kind == FlatObject::Kind::False)
                    r.*f.flag = v->kind == FlatObject::Kind::True;
                break;
            case RecordField::Kind::Date:
                if (v->kind == FlatObject::Kind::String) r.*f.date = v->text;
                break;
        }
    }
    return r;
}

// A hit's stored record: without a snippet, an article's hit needs neither its text nor
// its evidence, and the Hit slot has the rest (indexes written before it fall back to the
// data).
StoredRecord hit_record(const Xapian::Document& doc, const SearchRequest& req, bool whole) {
    nlohmann::json record;
    const std::string head = whole ? std::string() : doc.get_value(slot_no(Slot::Hit));
    if (!head.empty()) {
        if (auto fast = flat_record(head, false)) return std::move(*fast);
        record = nlohmann::json::parse(head, nullptr, false);
    } else if (req.explain) {
        record = nlohmann::json::parse(doc.get_data(), nullptr, false);
        resolve_evidence(record);
    } else {
        const std::string data = doc.get_data();
        if (auto fast = flat_record(data, true)) return std::move(*fast);
        record = nlohmann::json::parse(data, skip_evidence, false);
    }
    return read_record(record);
}

// The passage shown for a hit: a statement whole, its matched words marked; an article's
// best passage for the query, or its first 240 bytes.
std::string hit_snippet(const HitSource& src, const StoredRecord& record,
                        const Xapian::MSet& snippets, const Xapian::Stem& stemmer) {
    const SearchRequest& req = src.req;
    const std::string body = one_line(record.text);
    std::string snippet;
    if (req.quotes) {
        // a statement is short: all of it, with the words the query matched marked
        snippet = highlight(body, src.query, req.highlight_start, req.highlight_end);
    } else if (src.has_text) {
        snippet =
            unescape_html(snippets.snippet(body, 240, stemmer, Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                           req.highlight_start, req.highlight_end, "\xE2\x80\xA6"));
    }
    if (snippet.empty()) {
        std::string first = body;
        if (first.size() > 240) {
            std::size_t cut = first.rfind(' ', 240);
            first = first.substr(0, cut == std::string::npos ? 240 : cut) + "\xE2\x80\xA6";
        }
        snippet = first;
    }
    return snippet;
}

}  // namespace

void collect_hits(const HitSource& src, const Xapian::MSet& mset, std::vector<Hit>& hits) {
    const SearchRequest& req = src.req;
    const Xapian::Stem snippet_stemmer(new SnippetStem(src.query));
    const Xapian::MSet snippets = snippet_set(src, mset);
    const bool whole = req.snippets || req.quotes || req.explain;
    std::size_t rank = req.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Hit h;
        h.rank = ++rank;
        h.docid = *it;
        h.score = it.get_weight();
        Xapian::Document doc = it.get_document();
        h.record = hit_record(doc, req, whole);
        if (req.hit_values) {
            for (Facet f : kEntityFacets)
                for_each_packed_id(doc.get_value(slot_no(facet_slot(f))), [&](FacetId id) {
                    if (auto info = src.catalog.info(id))
                        h.values[index_of(f)].push_back(info->value);
                });
        }
        if (whole) h.snippet = hit_snippet(src, h.record, snippets, snippet_stemmer);
        hits.push_back(std::move(h));
    }
}

}  // namespace ndx::search_stages
