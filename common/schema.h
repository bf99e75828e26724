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
 *   XA                 marks an article (every article search filters on it)
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
 * field in --quotes mode; XQ<word> and ZXQ<stem> with --stemming some), XSP<key> and the Speakers slots for the statement's speaker
 * only, and the article's date, location and group terms and slots (so every filter
 * applies).  Their data is {"type":"statement","article","path","title","date","speaker",
 * "kind","paragraph","text"}.
 *
 * Document data: a JSON object {"id","path","title","title_derived","date","byline",
 *   "dateline","source","url","text","facets":{...}} used for display, snippets and
 *   evidence; an evidence sentence found in "text" is stored as [offset, length] in it
 *   (resolve_evidence() in document.h), others (the dateline) as strings.
 *
 * Metadata
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
std::string_view stemming_name(Stemming s);               // "all", "some"
std::optional<Stemming> parse_stemming(std::string_view name);
// The stemming of an index (Some when it records none).
Stemming stemming_of(const Xapian::Database& db);
// The term prefix that holds a text field's words in an index of this stemming, as the
// QueryParser is given it ("S" -> "ZS" for All, whose parser stems without adding Z).
std::string text_prefix(Stemming s, std::string_view field_prefix);

// DO NOT RENUMBER: slot numbers are stored in indexes.
enum class Slot : Xapian::valueno {
    Date = 0,
    Speakers = 1,
    Locations = 2,
    LocationTree = 3,
    Groups = 4,
    Hit = 5,
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

// One searchable text field, as the QueryParser sees it.
struct TextField {
    const char* query_name;  // "title"
    const char* prefix;      // "S"
};
inline constexpr std::array<TextField, 4> kTextFields = {{
    {"title", "S"},
    {"byline", "A"},
    {"dateline", "XDL"},
    {"source", "XSRC"},
}};

inline constexpr const char* kIdPrefix = "Q";
inline constexpr const char* kDayPrefix = "D";
inline constexpr const char* kMonthPrefix = "M";
inline constexpr const char* kYearPrefix = "Y";
inline constexpr const char* kUndatedTerm = "XUNDATED";
inline constexpr const char* kArticleTerm = "XA";
inline constexpr const char* kStatementTerm = "XT";
inline constexpr const char* kParentPrefix = "XP";
inline constexpr const char* kStatementTextPrefix = "XQ";

inline constexpr const char* kFacetValueMeta = "ndx:fv:";
inline constexpr const char* kFacetAliasMeta = "ndx:fa:";
inline constexpr const char* kGazetteerMeta = "ndx:gazetteer";
inline constexpr const char* kGazetteerValueMeta = "ndx:gv:";
inline constexpr const char* kGazetteerAliasMeta = "ndx:ga:";
inline constexpr const char* kFileMeta = "ndx:file:";
// "a b c d": most values any article has in the spread slots of Speakers, Locations,
// LocationTree and Groups (how many ValueCountMatchSpy a remote count needs)
inline constexpr const char* kMaxValuesMeta = "ndx:maxvalues";
inline constexpr const char* kFilePrefix = "XF";

// Title words are indexed with this wdf increment, body words with 1.
inline constexpr Xapian::termcount kTitleWeight = 3;
// Gap in term positions between fields, so phrases never span two fields.
inline constexpr Xapian::termpos kFieldGap = 100;

// The Q term for an article id (shortened with a hash when too long for a Xapian term).
std::string id_term(std::string_view id);

}  // namespace ndx
