// The speaker grammar's state for one article and its stages (internal to extract/):
// candidate name spans (people_spans.cc), the attribution grammar (people_grammar.cc),
// roles and pronouns that refer back (people_refs.cc), and naming and merging a person's
// forms (people_names.cc).  extract_people.cc runs them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "extract/extract_internal.h"
#include "extract/word_lists.h"

namespace ndx::people {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct Span {
    std::size_t a = 0, b = 0;
    bool empty() const { return a >= b; }
    std::size_t size() const { return b > a ? b - a : 0; }
};

// A person as the article names them: the span of their fullest name, or of a title and
// one name when that is all the article gives ("Pope Francis").
struct Person {
    Span name;    // the fullest name (without titles)
    Span titled;  // title + name when the name is one word and no fuller one exists
    bool ok() const { return !name.empty(); }
};

// Who holds a role, as the article introduced them ("Prime Minister X", "X, the interior
// minister", "the army chief, Gen. X").
struct Holder {
    std::vector<std::string> role;  // canonical words ("prime", "minister")
    Span name;                      // the name as written there
    std::size_t at = 0;             // token of the introduction
};

class People {
  public:
    explicit People(ExtractContext& cx);
    bool has(std::size_t k, std::uint16_t flag) const { return (flags_[k] & flag) != 0; }
    // A word of a class of data/grammar-words.tsv (GrammarWord bits).
    bool is(std::size_t k, std::uint8_t classes) const {
        return w_.grammar(
            toks_[k].key.empty() ? std::string_view(toks_[k].text) : std::string_view(toks_[k].key),
            classes);
    }
    bool title(std::size_t k) const { return has(k, kTitle); }
    std::size_t par(std::size_t tok) const {
        return cx_.an.sentences[toks_[tok].sentence].paragraph;
    }
    // A capitalised word opening a sentence that never begins a name ("In", "As", "A").
    bool opener(std::size_t k) const;
    // Capitalised run (with name particles) ending at token `end` (exclusive).
    Span run_ending(std::size_t end) const;
    Span run_starting(std::size_t start) const;
    bool stop_word(std::size_t k) const;
    // A role word or qualifier ending a name: "Ahmed Khan Chairman" is cut before it.
    bool trailing_role(std::size_t k) const;
    // The person's name inside a run: after any title, organisation, country or
    // province, and leading ordinary words.  Empty when it is not a plausible name.
    Span name_in(Span r, bool speaking = false) const;
    Span name_after_titles(Span r, bool speaking) const;
    // The title words right before a one-word name, capitalised ("Pope", "Barrister",
    // "PM"): the start of "Pope Francis".  `n.a` when there are none.
    std::size_t title_start(Span n) const;
    // The first token from `k` on that is not a lower-case role word ("analyst",
    // "chief economist") of sentence `sentence`.
    std::size_t after_roles(std::size_t k, std::size_t sentence) const;
    // Every token from a to stop (inclusive) is a title, organisation or place word.
    bool leads_with_stops(std::size_t a, std::size_t stop) const;
    // A hyphenated word of ordinary words ("Leg-spinner", "Left-winger").
    bool common_compound(const Token& t) const;
    // Two capitals in a row in a mixed-case word: an acronym ("GDRs", "NGOs"), not a name.
    static bool acronym_like(const std::string& w);
    // A full name that a first name alone may stand for: no ordinary word, place or
    // acronym after the first word ("Reynolds Metals", "Funaro Brazil", "Asea AB" are not).
    bool person_shaped(const Span& m) const;
    // A mention that a pronoun may refer back to: a name, not "the Italian Grand Prix".
    bool antecedent(const Span& m) const;
    // `speaking`: the span is the subject of a speech verb, itself evidence of a person
    // ("Chelsea Ward, the club's head ..., said"; "Jordan said" after "Thomas Jordan").
    bool plausible(Span s, bool speaking) const;
    // Tokens of an organisation or of a country/province name are not part of a person's
    // name ("US Ambassador X", "Pakistan Army Chief Y"); a city's may be ("Elizabeth").
    bool strips_place(std::size_t k) const;
    std::vector<std::string> keys(Span s) const;
    std::string display(Span s) const;
    // The role words of tokens [a, b): canonical, without honorifics and ranks.
    std::vector<std::string> role_of(std::size_t a, std::size_t b) const;
    bool has_role_word(const std::vector<std::string>& role) const;
    // A word of a role phrase: a title, or a word of a role of data/roles.tsv ("army").
    bool role_word(std::size_t k) const { return has(k, kTitle | kRolePart); }
    void add_holder(std::vector<std::string> role, Span name, std::size_t at);
    // The ranks among tokens [a, b), each a role of its own ("Gen." -> "general").
    void add_rank_holders(std::size_t a, std::size_t b, Span name);
    // Every person name in the article, and the roles the article gives them.
    void collect_mentions();
    // Mentions equal to the candidate or ending with its words.
    std::optional<Span> by_suffix(const std::vector<std::string>& want) const;
    // The person a name stands for: the fullest mention ending with its words ("Miller"
    // -> "Matthew Miller"), else the one person whose name begins with a lone first name
    // ("Yasir" -> "Yasir Shah"), else the name itself when it has two words or more, else
    // a title and the name ("Pope Francis").
    Person resolve(Span cand) const;
    std::string value_of(const Person& p) const;
    void evidence_of(std::size_t tok, Entity& e) const;
    // Adds the speaker of cue token `cue`; `named` is the token that named them when it is
    // in another sentence (a role or pronoun referring back).
    void add_person(const Person& p, Span cand, std::size_t cue, std::vector<Entity>& out,
                    bool pronoun = false, std::size_t named = kNone);
    void add_speaker(Span cand, std::size_t cue, std::vector<Entity>& out);
    // "Sens. A, B, C and D said": the names before the subject `n`, joined by commas and
    // "and", each a speaker too.
    void add_coordinated(Span n, std::size_t cue, std::vector<Entity>& out);
    // The speaker named before cue token `v`, if any ("Miller told", "X, the minister,
    // said").
    std::optional<Span> subject_of(std::size_t v) const;
    // Role words ending at token `end` (exclusive) after "the" or a possessive, or opening
    // the sentence: "the prime minister", "The PM", "the Sindh chief minister".  Returns the
    // first token of the role, or kNone.
    std::size_t role_phrase_ending(std::size_t end) const;
    // The one person introduced before token `at` whose role ends with `role` ("the
    // minister" -> "Interior Minister X"); none when no one or several hold it.  An exact
    // match wins over a longer role ("the prime minister" is not the deputy prime minister).
    std::optional<Holder> holder_of(const std::vector<std::string>& role, std::size_t at) const;
    // "the prime minister said": the person who holds the role, if exactly one does.
    bool add_role_reference(std::size_t role_a, std::size_t role_b, std::size_t cue,
                            std::vector<Entity>& out);
    // A pronoun before cue token `v` ("he said", "she also added"): the nearest person
    // named before it in its sentence or the one before (outside quotation marks), when
    // named after the sentence of the last speaker; else the person last named as speaking.
    // The nearest one-word name before `pron` (its sentence or the one before, outside
    // quotation marks) that the article gives in full.
    std::optional<Span> short_form_before(std::size_t pron) const;
    void add_pronoun(std::size_t pron, std::size_t v, std::vector<Entity>& out);
    // A plural noun: an ordinary lower-case word in -s whose singular is one too
    // ("officials", "organisers"; not "this", "us", "news").
    bool plural_noun(std::size_t k) const;
    // "Okonjo-Reyes arrived on Friday. "…," they said": "they" is one person when the
    // nearest name before it (this sentence or the one before, outside quotation marks)
    // is a person who opens their sentence or spoke there, no organisation or other
    // person comes between, and no plural noun does.  Otherwise no one.
    void add_singular_they(std::size_t pron, std::size_t v, std::vector<Entity>& out);
    // Token `a` begins its sentence's words (after a dateline or a quotation mark).
    bool opens_clause(std::size_t a) const;
    // The person of span `n` is the subject of an attribution already found.
    bool spoke(Span n) const;
    // After a cue that comes before its speaker ("according to", "This was stated by"):
    // the person named from token `j` on, by name or by role.
    bool add_following(std::size_t j, std::size_t cue, std::vector<Entity>& out);
    // "X, Federal Minister for Planning, Development and Reform, said", "Rep. Dana
    // Whitfield, D-Ohio, said": the name opening the clause before a chain of
    // comma-separated titles.
    bool organisation_apposition(std::size_t a, std::size_t b) const;
    std::optional<Span> subject_before_titles(std::size_t v) const;
    // "Mian Zahid Latif President Faisalabad Chamber of Commerce said", "X Y Secretary
    // General of the chamber added": the sentence opens with a name, its role without a
    // comma and what the role heads, then the cue.
    std::optional<Span> subject_before_role(std::size_t v) const;
    void find_speakers(std::vector<Entity>& out);
    // In run `r` after a preposition, name `n` follows the preposition's object, ordinary
    // words ("Secretary of Commerce Malcolm Baldrige"; not "of Greenwell Montagu", "of New
    // York City").
    bool name_after_object(Span r, Span n) const;
    // No word of `n` is an ordinary word ("Philippines Trade" is no name of names).
    bool names_only(Span n) const;
    void speech_cue(std::size_t i, std::vector<Entity>& out);
    // The speaker after an invertible cue `i` ("said X", "said analyst X", "said a
    // spokeswoman for the hotels, X").
    void speaker_after(std::size_t i, std::vector<Entity>& out);
    // After "said X": punctuation, or a word that goes on about X ("of", "who"); not a
    // verb of which X is the subject ("said Wang would be sent").
    bool ends_inverted_name(std::size_t k) const;
    std::vector<std::string_view> keys_from(std::size_t i) const;
    // "Jane Doe, The Wall Street Journal: "..."": the person opening the sentence before
    // the colon, alone or followed by their employer.
    void round_up(std::size_t colon, std::vector<Entity>& out);

  private:
    ExtractContext& cx_;
    const std::vector<Token>& toks_;
    const WordLists& w_;
    std::vector<char> in_quote_;
    std::vector<std::uint16_t> flags_;  // WordFlag bits per token
    std::multimap<std::size_t, const NameMatch*> name_of_;
    std::vector<Span> mentions_;  // names of two words or more
    std::vector<Span> titled_;    // one-word names after a title ("Pope Francis")
    std::vector<Holder> holders_;
    std::set<std::vector<std::string>> company_names_;
};

}  // namespace ndx::people
