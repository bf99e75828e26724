// Names, prefixes and slots of the schema declared in schema.h.
#include "common/schema.h"

#include "common/facet_ids.h"

#include <stdexcept>

namespace ndx {

std::string_view facet_name(Facet f) {
    switch (f) {
        case Facet::Speaker: return "speaker";
        case Facet::Location: return "location";
        case Facet::Group: return "group";
    }
    return "?";
}

std::string_view facet_prefix(Facet f) {
    switch (f) {
        case Facet::Speaker: return "XSP";
        case Facet::Location: return "XLO";
        case Facet::Group: return "XGR";
    }
    return "X?";
}

Slot facet_slot(Facet f) {
    switch (f) {
        case Facet::Speaker: return Slot::Speakers;
        case Facet::Location: return Slot::Locations;
        case Facet::Group: return Slot::Groups;
    }
    return Slot::Speakers;
}

Xapian::valueno spread_slot_base(Slot packed) {
    switch (packed) {
        case Slot::Speakers: return 100;
        case Slot::Locations: return 200;
        case Slot::LocationTree: return 300;
        case Slot::Groups: return 400;
        case Slot::Date:
        case Slot::Hit: break;
    }
    throw std::logic_error("spread slots are for facet ids only");
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
    std::string p = s == Stemming::All ? "Z" : "";
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
