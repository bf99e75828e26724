// Shared state of one extraction run (internal to extract/).
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "extract/gazetteer.h"
#include "extract/tagger.h"
#include "extract/text.h"

namespace ndx {

// A gazetteer name found in the text: tokens [a, b).
struct NameMatch {
    std::size_t a = 0, b = 0;
    const NameEntry* entry = nullptr;
};

// An organisation mention: a gazetteer organisation, or one recognised by its form.
struct OrgMention {
    std::size_t a = 0, b = 0;
    int org = -1;      // gazetteer index, or -1
    std::string name;  // display name when org == -1
    std::string kind;
    const char* source = "gazetteer";  // Entity::found_by
};

// What an acronym defined in the article stands for.
struct AcronymTarget {
    int org = -1;
    int place = -1;
    std::string name;  // a new organisation's name
    std::string kind;
};

// A speech verb and who it attributes speech to ("Miller said", "he added").
struct Attribution {
    std::size_t verb = 0;                // token of the verb (or of "according")
    std::size_t name_a = 0, name_b = 0;  // the speaker's name tokens (empty for a pronoun)
    std::string speaker, key;            // resolved fullest name and its key
    bool pronoun = false;
    bool according = false;  // "according to X"
};

struct ExtractContext {
    const Article& article;
    const Gazetteer& gaz;
    std::string source;  // the body's closing credit line, cut from the analysed text (set first)
    Analysis an;
    std::vector<NameMatch> names;                   // longest matches, left to right
    std::map<std::string, AcronymTarget> acronyms;  // "TTP" -> ...
    std::vector<OrgMention> orgs;
    std::vector<char> in_org;                      // per token: inside an organisation mention
    std::vector<char> in_person;                   // per token: inside a person's name
    std::vector<std::vector<std::string>> people;  // person names seen (token keys)
    std::vector<Attribution> attributions;         // in text order
    // Names the tagger found (token ranges of the article), and per token the type of the
    // tagged name it lies in (NameType::None outside one, or without a tagger).
    std::vector<TagSpan> tagged;
    std::vector<NameType> tag_of;

    ExtractContext(const Article& a, const Gazetteer& g);
    // An ordinary English word that is not also a proper name ("counterterrorism", not
    // "miller" or "china"): such a word opening a capitalised run is not part of a name.
    bool is_common(const Token& t) const;
    // An ordinary English word, proper name or not ("mobile", "reading", "china").
    bool is_word(const Token& t) const;
};

// A closing credit line of a body: "Published in Dawn, March 3rd, 2024", "courtesy: arab
// news", "Source: Reuters", "-- AP", "This article first appeared in The Express Tribune".
// Returns the publication named and sets `cut` to where the line starts; "" if none.
std::string credit_line(std::string_view body, std::size_t& cut);

// Steps, in the order extract() runs them.
void find_names(ExtractContext& cx);
void run_tagger(ExtractContext& cx, const Tagger& tagger);
void find_acronyms(ExtractContext& cx);
void extract_groups(ExtractContext& cx, std::vector<Entity>& out);
// Organisations only the tagger found that hold a person's name: opening it, before a
// middle initial or a tagged person ("Carla" of "Carla J. Whitcombe"), or after the
// object of a title ("Chancellor of the Exchequer Nigel Lawson"): the words go back to the
// name and the value leaves `groups` when no other mention holds it.
void release_person_spans(ExtractContext& cx, std::vector<Entity>& groups);
void extract_people(ExtractContext& cx, std::vector<Entity>& speakers);
void extract_places(ExtractContext& cx, std::vector<Entity>& out);
void extract_statements(ExtractContext& cx, std::vector<Statement>& out);
// A speaker value whose words end a longer one of the article, the only longest one
// ("Ishaq Dar" and "Muhammad Ishaq Dar"), joins it, with its statements: the rule the
// archive applies across articles (common/speaker_merge.h), so no article holds two
// values the archive shows as one.
void merge_shortened_speakers(std::vector<Entity>& speakers, std::vector<Statement>& statements);

// Organisations the tagger found that no gazetteer name, acronym or organisation shape
// covers, added to cx.orgs (tagged_orgs.cc; extract_groups runs it).
void add_tagged_orgs(ExtractContext& cx);
// Words of data/name-words.tsv: job words ("secretary"), joiners inside names ("of",
// "&"), words opening a run that are no part of a name ("former").
bool is_role(const std::string& key);
bool is_joiner(const Token& t);
bool is_leading_modifier(const std::string& key);
// Marks tokens [a, b) as inside an organisation mention.
void mark_org(ExtractContext& cx, std::size_t a, std::size_t b);

// Words that head organisation names ("Ministry", "Army", "Institute"...), and the kind
// of organisation they suggest ("" if the word is not such a head).
std::string org_head_kind(const std::string& key);

// Words that end the name of something that is neither an organisation nor the place
// it is named after: events, competitions, agreements, laws, roads ("Counterterrorism
// Dialogue", "World Space Week", "Premier League", "Geneva Convention", "Public Order
// Ordinance", "Murree Road", "Gaddafi Stadium").
bool is_thing_head(std::string_view key);
// A competition's league ("Premier League", "Champions League") in
// tokens [a, b): a league whose name says it is a competition is no organisation.
bool is_competition(const Analysis& an, std::size_t a, std::size_t b);

// Whether one of `places` is of one of `types` ("country", "province", "city"...).
bool has_place_of_type(const Gazetteer& gaz, const std::vector<int>& places,
                       std::initializer_list<std::string_view> types);
// Whether the name of tokens [a, b) is the subject of a speech verb right after it,
// opening its clause ("- Rio Tinto said", ", Rio Tinto said"; not "a policeman in the
// town of Chatelet told").
bool speaks_first(const Analysis& an, std::size_t a, std::size_t b);
// Whether one of `places` speaks through its government when news says it does
// ("Pakistan said", "Moscow said"): a country, a province or a large city.  A village
// or a river that "said" is a company or a person named after it ("Rio Tinto said").
bool may_speak(const Gazetteer& gaz, const std::vector<int>& places);

// Whether the name in tokens [a, b) is a side in a line of results ("Preston 2 York 3",
// "Minnesota 6 MILWAUKEE 1"): a score right after it, and the line names, scores and
// nothing else, with at least two sides.
bool in_score_line(const Analysis& an, std::size_t a, std::size_t b);
// Whether the name in tokens [a, b) names a sports side named after its town or state:
// in a line of results (not a country's side), or a town before a player's position or a
// side's staff word and a name ("Norwich striker Keith O'Neill", data/name-words.tsv
// class team-role).
bool names_a_side(const Gazetteer& gaz, const Analysis& an, std::size_t a, std::size_t b);

// A context cue after a name (data/name-words.tsv) and the kind of place it says the
// name is, or null: part of the name ("Orangi Town", "Rehri Goth"), or not ("Chak 41
// village", "Kot Radha Kishan tehsil").
const char* cue_in_name(const Token& t);
const char* cue_after_name(const Token& t);

// Whether the name in tokens [a, b) is a village, tehsil, town or neighbourhood by the
// words around it ("Chak 41 village", "Orangi Town", "the Saadi Town area", "Rehri Goth").
bool place_cue_around(const Analysis& an, std::size_t a, std::size_t b);

// Month and weekday names ("March", "Sunday"): dates, never places.
bool is_calendar_word(const std::string& key);
// The same and their abbreviations as datelines write them ("Feb", "Tue").
bool is_date_word(const std::string& key);

// A dash between words: "-", "--", an en or an em dash (a dateline's end, "OAK BROOK, Ill.,
// Mar 2 - ...").
inline bool is_dash(const Token& t) {
    return t.text == "-" || t.text == "--" || t.text == "\u2013" || t.text == "\u2014";
}

// A company's legal form, which ends its name ("Co", "Corp", "Inc", "Ltd", "plc", "AG"...).
bool is_company_form(std::string_view key);

// A person's title or role word ("President", "Gen.", "Minister", "spokesman").
bool is_person_title(const Token& t);

// Adds `e` to `out`, merging with an entity of the same key (evidence and aliases).
void add_entity(std::vector<Entity>& out, Entity e);

}  // namespace ndx
