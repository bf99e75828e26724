// The index schema: every term prefix, value slot and stored field, declared in one place.
#pragma once

#include <xapian.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ndx {

// Bumped whenever the layout below changes; stored in the database metadata under
// kSchemaKey.  Both tools refuse an index written with another version.
inline constexpr int kSchemaVersion = 2;
inline constexpr const char* kSchemaKey = "ndx:schema";

/*
 * An ndx database holds two kinds of document: one per article, and one per statement (a
 * quotation or reported speech by a named person, see below).
 *
 * Article documents:
 *
 * Terms
 *   Q<id>              unique article id (path, JSON id/url, or path#line); ids over 200
 *                      bytes are shortened to a prefix plus a 64-bit FNV-1a hash
 *   Z<stem>            free text: title (wdf x3), byline, dateline, source, body; positional
 *   ZS<stem>           title words               (query prefix title:)
 *   ZA<stem>           byline words              (query prefix byline:)
 *   ZXDL<stem>         dateline words            (query prefix dateline:)
 *   ZXSRC<stem>        source words              (query prefix source:)
 *                      (an index made with --stemming some has, for each of these, the
 *                      word itself, positional, as <prefix><word>, and its stem without
 *                      positions as Z<prefix><stem>: see Stemming below)
 *   D<YYYYMMDD>, M<YYYYMM>, Y<YYYY>              publication date (Omega's convention)
 *   XUNDATED           the article gives no date
 *   XSP<key>           a speaker                 (boolean; key = normalised name)
 *   XLO<key>           a location named in the text, and every place above it
 *   XGR<key>           a named group
 *   XF<hex>            the input file the article came from (FNV-1a of its absolute path):
 *                      finds the articles of a changed or deleted file
 *   XA                 marks an article (article searches filter on it, unless their words
 *                      can only be in articles)
 *
 * Values
 *   0  Date            "YYYYMMDD", empty when undated (sorting, ranges, histogram)
 *   1  Speakers        packed facet ids of the speakers             (see facet_ids.h)
 *   2  Locations       packed facet ids of places named in the text
 *   3  LocationTree    packed facet ids of those places and all their ancestors
 *   4  Groups          packed facet ids of the named groups
 *   5  Hit             the document data without "text" and "facets" (JSON): what a hit
 *                      shows without a snippet, read without inflating and parsing the text
 *   100+i, 200+i, 300+i, 400+i   (i < kMaxSlotValues)
 *                      the i-th facet id (16 hex digits) of Speakers, Locations,
 *                      LocationTree and Groups, one per slot: the layout Xapian's built-in
 *                      ValueCountMatchSpy can count, also through a remote server
 *                      (xapian-tcpsrv), which knows no spies of ours
 *
 * Statement documents carry XT (marks a statement), Q<article id>#s<n>, XP<hex> (their
 * article: FNV-1a of its id), ZXQ<stem> (the statement's words, positional; the default
 * field in --quotes mode; XQ<word> and ZXQ<stem> with --stemming some), XSP<key> and the Speakers
 * slots for the statement's speaker only, and the article's date, location and group terms and
 * slots (so every filter applies).  Their data is
 * {"type":"statement","article","path","title","date","speaker", "kind","paragraph","text"}.
 *
 * Document data (written and read only by common/record.h, StoredRecord):
 *   a JSON object {"id","path","title","title_derived","date","byline",
 *   "dateline","source","url","text","facets":{...}} used for display, snippets and
 *   evidence; an evidence sentence found in "text" is stored as [offset, length] in it
 *   (resolve_evidence() in document.h), others (the dateline) as strings.
 *
 * Metadata (values written and parsed by common/metadata.h)
 *   ndx:schema              kSchemaVersion
 *   ndx:stemming            "all" or "some" (kStemmingKey; absent: "some")
 *   ndx:fv:<facet id hex>   JSON {"facet","value","key","path","kind","aliases"} for each
 *                           facet value ever indexed (names of the packed ids)
 *   ndx:fa:<facet>:<alias>  facet id hex of the value an alias names (alias normalised)
 *   ndx:gazetteer           fingerprint of the gazetteer the ndx:gv:/ndx:ga: entries
 *                           describe (kept by shard 0, rewritten when it changes)
 *   ndx:gv:<facet id hex>   like ndx:fv:, for every place and organisation of the gazetteer
 *   ndx:ga:<facet>:<name>   facet ids hex (space-separated) of the gazetteer values a name
 *                           or alias names: ndx-search resolves every gazetteer name with
 *                           these, whether or not an article used it (docs/facets.md)
 *   ndx:file:<abs path>     "size mtime_ns hash status" of each input file indexed, status
 *                           "ok" or "failed" (failed files are read again next run); in a
 *                           shard set, kept by shard 0
 *   ndx:maxvalues           "a b c d": most values in one article's spread slots (100+,
 *                           200+, 300+, 400+), for counting through remote servers
 *   ndx:lastrun             the last run's time and summary (kLastRunMeta, --stats)
 *
 * Beside the tables, in each database directory: ndx-facets, the facet table (values 0-4
 * of every document as integers, facet_table.h), a cache rewritten by every ndx-index run
 * and used only while it matches the database's revision.
 */

// How an index turns words into terms, chosen when it is created (ndx-index --stemming)
// and kept in its metadata: every document of an index is written, and every query
// parsed, the same way.
//   All   each word once, as its English stem with the field's prefix after a Z, with
//         positions (Xapian's STEM_ALL_Z): "Sanctions" and "sanctioned" are one term, and
//         so are phrases that differ only in word endings.
//   Some  each word as written (lower-cased, positional), and its stem without positions
//         (Xapian's STEM_SOME, as Omega and notmuch index): capitalised and quoted query
//         words match as written.  Twice the postings, and slower indexing
//         (docs/indexing.md).  Indexes written before the choice existed are of this kind.
enum class Stemming { All, Some };
inline constexpr const char* kStemmingKey = "ndx:stemming";
std::string_view stemming_name(Stemming s);  // "all", "some"
std::optional<Stemming> parse_stemming(std::string_view name);
// The stemming of an index (Some when it records none).
Stemming stemming_of(const Xapian::Database& db);
// The term prefix that holds a text field's words in an index of this stemming, as the
// QueryParser is given it ("S" -> "ZS" for All, whose parser stems without adding Z).
std::string text_prefix(Stemming s, std::string_view field_prefix);

// ---------------------------------------------------------------- the field table
// Every term prefix and value slot of an index, declared once: the document builder
// (document.cc), the query parser (query.cc), the facet counters (facet_count.cc, search
// and views, remote counting through the spread slots) and docs/schema.md (checked by a
// unit test against schema_markdown()) read it.  Adding a field is one row here.

// How a field is stored.
enum class FieldKind {
    Text,    // words: positional terms, and stems ("Z" + prefix + stem, see Stemming below)
    Facet,   // an entity facet: a term per key, packed facet ids in a slot, spread slots
    Date,    // the publication date: a term per day, month or year, and the Date slot
    Term,    // a boolean term (a prefix followed by a value, or a whole term)
    Stored,  // a value slot read for display only
};

struct Field {
    const char* name;  // "title", "speaker", ...
    FieldKind kind;
    const char* prefix;        // the term prefix ("" for free text; "" when it has no term)
    int slot;                  // its value slot (-1: none)
    int spread;                // first slot of its one-value-per-slot layout (-1: none)
    Xapian::termcount weight;  // Text: the wdf of its words in the free text (0: not there)
    const char* query;         // its query-language prefix ("title" for title:), "" none
    const char* indexed;       // what a document holds
    const char* searched;      // what finds it
    const char* counted;       // what counts it
};

// DO NOT CHANGE a prefix or slot: they are stored in indexes (bump kSchemaVersion).
inline constexpr std::array<Field, 18> kFields = {{
    {"title", FieldKind::Text, "S", -1, -1, 3, "title",
     "title words, and in the free text with wdf 3", "title:, plain words", ""},
    {"byline", FieldKind::Text, "A", -1, -1, 1, "byline", "byline words, and in the free text",
     "byline:, plain words", ""},
    {"dateline", FieldKind::Text, "XDL", -1, -1, 1, "dateline",
     "dateline words, and in the free text", "dateline:, plain words", ""},
    {"source", FieldKind::Text, "XSRC", -1, -1, 1, "source", "source words, and in the free text",
     "source:, plain words", ""},
    {"text", FieldKind::Text, "", -1, -1, 1, "",
     "body words, after the fields above (a gap of 100 positions between fields)", "plain words",
     ""},
    {"statement", FieldKind::Text, "XQ", -1, -1, 0, "said",
     "a statement's words (statement documents)", "said:, plain words with --quotes", ""},
    {"speaker", FieldKind::Facet, "XSP", 1, 100, 0, "speaker",
     "a speaker's key (wdf: mentions), facet ids",
     "--speaker, speaker:", "speaker facet, timeline, pivot"},
    {"location", FieldKind::Facet, "XLO", 2, 200, 0, "location",
     "a place named (wdf: mentions) and every place above it, facet ids of the places named",
     "--location, location:", "location facet, timeline, pivot"},
    {"location_tree", FieldKind::Facet, "XLO", 3, 300, 0, "",
     "facet ids of the places named and every place above them",
     "a place filter (the places inside it)", "--location-level, the filtered facet"},
    {"group", FieldKind::Facet, "XGR", 4, 400, 0, "group",
     "a group's key (wdf: mentions), facet ids", "--group, group:", "group facet, timeline, pivot"},
    {"date", FieldKind::Date, "D", 0, -1, 0, "date", "D<YYYYMMDD>; slot: YYYYMMDD",
     "--from, --to, date:, ranges, --sort date", "date histogram, timeline"},
    {"month", FieldKind::Date, "M", -1, -1, 0, "", "M<YYYYMM>", "date: with a month", ""},
    {"year", FieldKind::Date, "Y", -1, -1, 0, "", "Y<YYYY>", "date: with a year", ""},
    {"undated", FieldKind::Term, "XUNDATED", -1, -1, 0, "", "the article gives no date",
     "--undated", "the histogram's undated"},
    {"id", FieldKind::Term, "Q", -1, -1, 0, "", "Q<id> (ids over 200 bytes shortened with a hash)",
     "the article of an id", ""},
    {"article", FieldKind::Term, "XA", -1, -1, 0, "", "marks an article",
     "an article search whose words may match a statement", "--stats articles"},
    {"statement_doc", FieldKind::Term, "XT", -1, -1, 0, "", "marks a statement",
     "a --quotes search whose words may match an article", "--stats statements"},
    {"parent", FieldKind::Term, "XP", -1, -1, 0, "", "XP<hash of the article id> (statements)",
     "a statement's article", ""},
}};
// (and two more, below, that only the indexer and the hit reader use)
inline constexpr std::array<Field, 2> kBookkeepingFields = {{
    {"file", FieldKind::Term, "XF", -1, -1, 0, "", "XF<hash of the input file's path>",
     "the articles of a changed or deleted file", ""},
    {"hit", FieldKind::Stored, "", 5, -1, 0, "", "the stored record without text and facets (JSON)",
     "what a hit shows without a snippet", ""},
}};

// The row of a field (a compile error, where constant, for a name not in the table).
constexpr const Field& field(std::string_view name) {
    for (const Field& f : kFields)
        if (name == f.name) return f;
    for (const Field& f : kBookkeepingFields)
        if (name == f.name) return f;
    throw "no such field";  // (not constant: a compile error)
}

// Every row, kFields then kBookkeepingFields.
template <typename Fn>
constexpr void for_each_field(Fn&& fn) {
    for (const Field& f : kFields) fn(f);
    for (const Field& f : kBookkeepingFields) fn(f);
}

// The prefix of stemmed terms: a stem of field prefix P is "Z" + P + stem (Xapian's
// convention; a field prefix is upper-case letters, a stem is not).
inline constexpr const char* kStemPrefix = "Z";
// The term of `stem` in the field of prefix `field_prefix`.
std::string stem_term(std::string_view field_prefix, std::string_view stem);
// A stemmed term's field prefix ("" for free text) and stem; nullopt for another term.
struct StemTerm {
    std::string_view field_prefix, stem;
};
std::optional<StemTerm> split_stem_term(std::string_view term);

// The field table as the Markdown table of docs/schema.md.
std::string schema_markdown();

// DO NOT RENUMBER: slot numbers are stored in indexes (the table above gives them).
enum class Slot : Xapian::valueno {
    Date = field("date").slot,
    Speakers = field("speaker").slot,
    Locations = field("location").slot,
    LocationTree = field("location_tree").slot,
    Groups = field("group").slot,
    Hit = field("hit").slot,
};

// First slot of the one-value-per-slot layout of each packed facet slot (see above).
Xapian::valueno spread_slot_base(Slot packed);
// Values per article and facet laid out one per slot; further values are still filtered
// and counted locally, but not counted through a remote server.
inline constexpr std::size_t kMaxSlotValues = 64;

// The three entity facets.  DO NOT RENUMBER: used in stored facet ids.
enum class Facet { Speaker = 0, Location = 1, Group = 2 };
inline constexpr std::array<Facet, 3> kEntityFacets = {Facet::Speaker, Facet::Location,
                                                       Facet::Group};

// Name of a facet as shown to users and in JSON ("speaker", "location", "group").
std::string_view facet_name(Facet f);
// Boolean term prefix holding a facet's keys (XSP, XLO, XGR).
std::string_view facet_prefix(Facet f);
// The value slot counted for a facet (for Location: the named places).
Slot facet_slot(Facet f);

inline Xapian::valueno slot_no(Slot s) { return static_cast<Xapian::valueno>(s); }

// One searchable text field of articles with a query prefix, as the QueryParser sees it.
struct TextField {
    const char* query_name;  // "title"
    const char* prefix;      // "S"
};
namespace schema_detail {
constexpr bool is_query_text(const Field& f) {
    return f.kind == FieldKind::Text && f.weight > 0 && f.query[0] != '\0';
}
constexpr std::size_t count_query_text() {
    std::size_t n = 0;
    for (const Field& f : kFields) n += is_query_text(f);
    return n;
}
constexpr std::array<TextField, count_query_text()> query_text_fields() {
    std::array<TextField, count_query_text()> out{};
    std::size_t i = 0;
    for (const Field& f : kFields)
        if (is_query_text(f)) out[i++] = {f.query, f.prefix};
    return out;
}
}  // namespace schema_detail
inline constexpr auto kTextFields = schema_detail::query_text_fields();

inline constexpr const char* kIdPrefix = field("id").prefix;
inline constexpr const char* kDayPrefix = field("date").prefix;
inline constexpr const char* kMonthPrefix = field("month").prefix;
inline constexpr const char* kYearPrefix = field("year").prefix;
inline constexpr const char* kUndatedTerm = field("undated").prefix;
inline constexpr const char* kArticleTerm = field("article").prefix;
inline constexpr const char* kStatementTerm = field("statement_doc").prefix;
inline constexpr const char* kParentPrefix = field("parent").prefix;
inline constexpr const char* kStatementTextPrefix = field("statement").prefix;
inline constexpr const char* kFilePrefix = field("file").prefix;

inline constexpr const char* kFacetValueMeta = "ndx:fv:";
inline constexpr const char* kFacetAliasMeta = "ndx:fa:";
inline constexpr const char* kGazetteerMeta = "ndx:gazetteer";
inline constexpr const char* kGazetteerValueMeta = "ndx:gv:";
inline constexpr const char* kGazetteerAliasMeta = "ndx:ga:";
inline constexpr const char* kFileMeta = "ndx:file:";
// "a b c d": most values any article has in the spread slots of Speakers, Locations,
// LocationTree and Groups (how many ValueCountMatchSpy a remote count needs)
inline constexpr const char* kMaxValuesMeta = "ndx:maxvalues";

// Title words are indexed with this wdf increment, body words with 1.
inline constexpr Xapian::termcount kTitleWeight = field("title").weight;
// Gap in term positions between fields, so phrases never span two fields.
inline constexpr Xapian::termpos kFieldGap = 100;

// The Q term for an article id (shortened with a hash when too long for a Xapian term).
std::string id_term(std::string_view id);

}  // namespace ndx
