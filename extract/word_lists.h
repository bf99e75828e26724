// The word lists of speaker attribution, read from the data directory: speech cues
// (data/speech-cues.tsv), titles and other name words (data/titles.tsv), the roles a
// later "the prime minister said" refers back to (data/roles.tsv) and the small function
// words of the grammar and of sentence splitting (data/grammar-words.tsv).  docs/facets.md
// describes the formats.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/word_map.h"

namespace ndx {

// Hashing for sets of strings looked up by string_view (no string made per lookup).
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// The classes of data/grammar-words.tsv.
enum GrammarWord : std::uint8_t {
    kJoiner = 1,       // "and", "&"
    kDefinite = 2,     // "the"
    kIndefinite = 4,   // "a", "an"
    kLink = 8,         // "of", "for": inside a role phrase
    kComplement = 16,  // "that"
    kAudience = 32,    // "reporters"
    kSetting = 64,     // "in", "at", "during"
    kOccasion = 128,   // "statement", "briefing"
};

// What a word of data/titles.tsv is.
enum class TitleClass {
    None,
    Honorific,  // Mr, Dr, Barrister, Pope: kept with a lone name ("Pope Francis")
    Rank,       // Gen, Col, Sgt: kept with a lone name ("Gen. Haider")
    Role,       // minister, spokesperson, CEO, chairman: the job itself
    Qualifier,  // prime, deputy, federal, interior: words of a role phrase
};

// What a word is to the speaker grammar, all in one lookup (WordLists::flags()).
enum WordFlag : std::uint16_t {
    kSpeechVerb = 1,
    kInvertible = 2,
    kAux = 4,
    kPhraseStart = 8,
    kParticle = 16,
    kNotName = 32,
    kFunction = 64,
    kPronoun = 128,
    kAfterName = 256,
    kRolePart = 512,
    kTitle = 1024,
    kPreposition = 2048,
    kOrgHead = 4096,
    kCompanyForm = 8192,
    kSingularThey = 16384,
    kClauseCue = 32768,
};

class WordLists {
  public:
    // The WordFlag bits of a word (a token key without spaces), 0 for none.
    std::uint16_t flags(std::string_view key) const {
        const std::uint16_t* f = flags_.find(key);
        return f ? *f : 0;
    }

    // The lists of the process, loaded from the data directory on first use (NDX_DATA_DIR,
    // else the source tree's data/, else the installed share/ndx).  Throws InputError
    // ("FILE:LINE: message") on a bad line; later calls rethrow nothing and return the
    // same lists.
    static const WordLists& get();

    // Lists read from `dir` (speech-cues.tsv, titles.tsv, roles.tsv, grammar-words.tsv).
    // Throws InputError.
    static WordLists load(const std::string& dir);

    // Any form of a single-word speech verb ("said", "terms", "lauded", "tweeting").
    bool speech_verb(std::string_view key) const { return verbs_.count(key) > 0; }
    // A verb form that may come before its speaker ("said Farida Haidari").
    bool invertible(std::string_view key) const { return invertible_.count(key) > 0; }
    // A verb form that reports speech only before what was said ("observed that ...",
    // "observed: ..."), not before its object ("observed trading").
    bool clause_cue(std::string_view key) const { return clause_.count(key) > 0; }
    // A word between a speaker and the cue ("has also said").
    bool aux(std::string_view key) const { return aux_.count(key) > 0; }

    // Multi-word cues after the speaker ("posted on X", "was quoted as saying"): the number
    // of words of the longest one that `keys` begins with, 0 if none.
    // Whether a multi-word cue after the speaker begins with this word.
    bool phrase_start(std::string_view key) const { return phrase_starts_.count(key) > 0; }
    std::size_t phrase_at(const std::vector<std::string_view>& keys) const;
    // A cue word that is no cue in these words ("called up", "called off"): `keys` begins
    // with an exception.
    bool not_cue_at(const std::vector<std::string_view>& keys) const;
    // A word that may follow the speaker's name in "said X ..." ("of", "who", "at").
    bool after_name(std::string_view key) const { return after_name_.count(key) > 0; }
    // Multi-word cues before the speaker, ending in "by" ("in a statement issued by",
    // "this was stated by"): the number of words of the longest one that `keys` (read
    // backwards from the word before the speaker) ends with, 0 if none.
    std::size_t by_cue_before(const std::vector<std::string_view>& keys_backwards) const;

    // Whether a token key is of a class of data/grammar-words.tsv (GrammarWord bits).
    bool grammar(std::string_view key, std::uint8_t classes) const {
        auto it = grammar_.find(key);
        return it != grammar_.end() && (it->second & classes) != 0;
    }
    // A word, as written without its dot, whose full stop does not end a sentence.
    bool abbreviation(std::string_view word) const { return abbreviations_.count(word) > 0; }

    TitleClass title_class(std::string_view key) const;
    bool is_title(std::string_view key) const { return title_class(key) != TitleClass::None; }
    // Name particles written in lower case inside a name ("de", "van", "bin").
    bool particle(std::string_view key) const { return particles_.count(key) > 0; }
    // Words that are never part of a person's name ("the", "he", "monday", "house").
    bool not_name(std::string_view key) const { return not_names_.count(key) > 0; }
    // Words that, capitalised at the start of a sentence, never begin a name ("In", "As").
    bool function_word(std::string_view key) const { return function_.count(key) > 0; }
    // Pronouns that refer back to one person ("he", "she").
    bool pronoun(std::string_view key) const { return pronouns_.count(key) > 0; }
    // Pronouns that refer back to one person only when the text shows it ("they" of a
    // person named as the subject just before, with no plural noun in between).
    bool singular_they(std::string_view key) const { return singular_they_.count(key) > 0; }

    // A role phrase in canonical words: abbreviations and synonyms of data/roles.tsv
    // replaced ("PM" -> "prime minister", "spokesman" -> "spokesperson").
    std::vector<std::string> canonical_role(const std::vector<std::string>& keys) const;

    // A word of a role or alias of data/roles.tsv ("army" of "army chief").
    bool role_part(std::string_view key) const { return role_parts_.count(key) > 0; }
    // The canonical role ends with a role of data/roles.tsv ("sindh chief minister").
    bool known_role(const std::vector<std::string>& canonical) const;

    // data/name-words.tsv: words of organisation and place names by class ("org-head",
    // "joiner", "thing-head"...; docs/facets.md).  The KIND column of `key` in class `cls`
    // ("government" for the org-head "ministry", "" for a word listed without one), or
    // null when the word is not in the class.
    const std::string* name_word(std::string_view cls, std::string_view key) const;
    bool is_name_word(std::string_view cls, std::string_view key) const {
        return name_word(cls, key) != nullptr;
    }

  private:
    // One loader per data file (data/speech-cues.tsv, titles.tsv, roles.tsv, name-words.tsv,
    // grammar-words.tsv), then the per-word flags built from the sets they filled.
    void load_speech_cues(const std::string& path);
    void load_titles(const std::string& path);
    void load_roles(const std::string& path);
    void load_name_words(const std::string& path);
    void load_grammar_words(const std::string& path);
    void build_flags();

    // data/name-words.tsv by word: its classes and their kinds (one hash per look-up)
    WordMap<std::vector<std::pair<std::string, std::string>>> name_words_;
    WordSet verbs_, invertible_, aux_, particles_, not_names_, function_, pronouns_, phrase_starts_,
        after_name_, role_parts_, prepositions_, org_heads_, company_forms_, singular_they_,
        clause_, abbreviations_;
    std::unordered_map<std::string, std::uint8_t, StringHash, std::equal_to<>> grammar_;
    std::vector<std::vector<std::string>> phrases_, by_cues_, exceptions_;
    std::unordered_map<std::string, TitleClass, StringHash, std::equal_to<>> titles_;
    // alias word sequence -> canonical words, longest aliases first
    std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> roles_;
    std::vector<std::vector<std::string>> canonical_roles_;
    WordMap<std::uint16_t> flags_;
};

// The regular forms of an English verb: lemma, -s, -ed and -ing ("term" -> term, terms,
// termed, terming; "deny" -> denies, denied, denying; "note" -> notes, noted, noting).
std::vector<std::string> verb_forms(const std::string& lemma);

}  // namespace ndx
