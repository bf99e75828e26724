// Names, prefixes and slots of the schema declared in schema.h.
#include "common/schema.h"

#include <stdexcept>

#include "common/facet_ids.h"

namespace ndx {

std::string_view facet_name(Facet f) {
    switch (f) {
        case Facet::Speaker:
            return "speaker";
        case Facet::Location:
            return "location";
        case Facet::Group:
            return "group";
    }
    return "?";
}

namespace {

// The table's row of a facet.
const Field& field_of(Facet f) { return field(facet_name(f)); }

std::string_view kind_name(FieldKind k) {
    switch (k) {
        case FieldKind::Text:
            return "text";
        case FieldKind::Facet:
            return "facet";
        case FieldKind::Date:
            return "date";
        case FieldKind::Term:
            return "term";
        case FieldKind::Stored:
            return "stored";
    }
    return "?";
}

}  // namespace

std::string_view facet_prefix(Facet f) { return field_of(f).prefix; }

Slot facet_slot(Facet f) { return static_cast<Slot>(field_of(f).slot); }

Xapian::valueno spread_slot_base(Slot packed) {
    const Field* found = nullptr;
    for_each_field([&](const Field& f) {
        if (f.slot == static_cast<int>(slot_no(packed)) && f.spread >= 0) found = &f;
    });
    if (!found) throw std::logic_error("spread slots are for facet ids only");
    return static_cast<Xapian::valueno>(found->spread);
}

std::string stem_term(std::string_view field_prefix, std::string_view stem) {
    std::string t = kStemPrefix;
    t += field_prefix;
    t += stem;
    return t;
}

std::optional<StemTerm> split_stem_term(std::string_view term) {
    const std::string_view z = kStemPrefix;
    if (term.substr(0, z.size()) != z) return std::nullopt;
    std::size_t i = z.size();
    while (i < term.size() && term[i] >= 'A' && term[i] <= 'Z') ++i;  // the field prefix
    return StemTerm{term.substr(z.size(), i - z.size()), term.substr(i)};
}

std::string schema_markdown() {
    std::string out =
        "| field | kind | term prefix | value slot | spread slots | query | a document holds "
        "| found by | counted by |\n|---|---|---|---|---|---|---|---|---|\n";
    auto code = [](std::string_view v) {
        return v.empty() ? std::string("") : "`" + std::string(v) + "`";
    };
    for_each_field([&](const Field& f) {
        out += "| " + std::string(f.name) + " | " + std::string(kind_name(f.kind)) + " | " +
               code(f.prefix) + " | " + (f.slot >= 0 ? std::to_string(f.slot) : "") + " | " +
               (f.spread >= 0 ? std::to_string(f.spread) + "+" : "") + " | " +
               (f.query[0] ? code(std::string(f.query) + ":") : "") + " | " +
               std::string(f.indexed) + " | " + std::string(f.searched) + " | " +
               std::string(f.counted) + " |\n";
    });
    return out;
}

std::string_view stemming_name(Stemming s) { return s == Stemming::All ? "all" : "some"; }

std::optional<Stemming> parse_stemming(std::string_view name) {
    if (name == "all") return Stemming::All;
    if (name == "some") return Stemming::Some;
    return std::nullopt;
}

Stemming stemming_of(const Xapian::Database& db) {
    return parse_stemming(db.get_metadata(kStemmingKey)).value_or(Stemming::Some);
}

std::string text_prefix(Stemming s, std::string_view field_prefix) {
    std::string p = s == Stemming::All ? kStemPrefix : "";
    p += field_prefix;
    return p;
}

std::string id_term(std::string_view id) {
    constexpr std::size_t kMaxIdBytes = 200;
    std::string term = kIdPrefix;
    if (id.size() <= kMaxIdBytes) {
        term += id;
        return term;
    }
    term += id.substr(0, 150);
    term += '#';
    term += to_hex(fnv1a64(id));
    return term;
}

}  // namespace ndx

namespace ndx {

std::string to_hex(std::uint64_t v) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i) {
        s[static_cast<std::size_t>(i)] = kDigits[v & 0xf];
        v >>= 4;
    }
    return s;
}

std::string pack_ids(const std::vector<FacetId>& ids) {
    std::string out;
    out.reserve(ids.size() * 8);
    for (FacetId id : ids) {
        for (int b = 0; b < 8; ++b) out += static_cast<char>((id >> (8 * b)) & 0xff);
    }
    return out;
}

}  // namespace ndx
