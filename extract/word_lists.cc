// Speaker word lists from data/: see word_lists.h.
#include "extract/word_lists.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "common/normalize.h"
#include "extract/gazetteer.h"

namespace ndx {
namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

// The words of an entry as token keys ("Gen." -> "gen", "posted on X" -> posted on x).
std::vector<std::string> words_of(const std::string& entry) {
    std::vector<std::string> out;
    std::istringstream in(entry);
    for (std::string w; in >> w;) {
        std::string k = entity_key(w);
        if (!k.empty()) out.push_back(k);
    }
    return out;
}

// Tab-separated lines of `path` (blank lines and # comments skipped), each with its line
// number; `columns` says how many a line may have.
struct Line {
    std::size_t no = 0;
    std::vector<std::string> f;
};

std::vector<Line> read_tsv(const std::string& path, std::size_t min_cols, std::size_t max_cols) {
    std::ifstream in(path);
    if (!in) throw InputError(path + ": cannot open");
    std::vector<Line> out;
    std::string s;
    for (std::size_t no = 1; std::getline(in, s); ++no) {
        if (!s.empty() && s.back() == '\r') s.pop_back();
        if (s.find_first_not_of(" \t") == std::string::npos || s[0] == '#') continue;
        Line l{no, split(s, '\t')};
        const std::string where = path + ":" + std::to_string(no) + ": ";
        if (l.f.size() < min_cols || l.f.size() > max_cols)
            throw InputError(where + "expected " + std::to_string(min_cols) +
                             (max_cols > min_cols ? " to " + std::to_string(max_cols) : "") +
                             " tab-separated columns, found " + std::to_string(l.f.size()));
        for (const auto& c : l.f)
            if (c.empty()) throw InputError(where + "empty column (use '-' for none)");
        if (invalid_utf8_offset(s)) throw InputError(where + "not valid UTF-8");
        out.push_back(std::move(l));
    }
    return out;
}

std::string data_dir() { return find_data_dir(""); }

}  // namespace

std::vector<std::string> verb_forms(const std::string& lemma) {
    std::vector<std::string> out{lemma};
    if (lemma.empty()) return out;
    const char last = lemma.back();
    const bool cons_y = last == 'y' && lemma.size() > 1 && !is_vowel(lemma[lemma.size() - 2]);
    const std::string stem = cons_y ? lemma.substr(0, lemma.size() - 1) : lemma;
    if (cons_y) {
        out.push_back(stem + "ies");
        out.push_back(stem + "ied");
    } else if (lemma.ends_with("s") || lemma.ends_with("x") || lemma.ends_with("z") ||
               lemma.ends_with("ch") || lemma.ends_with("sh")) {
        out.push_back(lemma + "es");
        out.push_back(lemma + "ed");
    } else {
        out.push_back(lemma + "s");
        out.push_back(last == 'e' ? lemma + "d" : lemma + "ed");
    }
    if (last == 'e' && !lemma.ends_with("ee"))
        out.push_back(lemma.substr(0, lemma.size() - 1) + "ing");
    else
        out.push_back(lemma + "ing");
    return out;
}

// speech-cues.tsv: CLASS  CUE  FORMS  FLAGS
void WordLists::load_speech_cues(const std::string& path) {
    for (const Line& l : read_tsv(path, 2, 4)) {
        const std::string where = path + ":" + std::to_string(l.no) + ": ";
        const std::string& cls = l.f[0];
        std::vector<std::string> words = words_of(l.f[1]);
        if (words.empty()) throw InputError(where + "empty cue");
        const std::string forms = l.f.size() > 2 ? l.f[2] : "-";
        const std::string flags = l.f.size() > 3 ? l.f[3] : "-";
        bool past = false, invertible = false, clause = false;
        if (flags != "-")
            for (const std::string& fl : split(flags, ',')) {
                bool& on = fl == "past" ? past : fl == "invertible" ? invertible : clause;
                if (fl != "past" && fl != "invertible" && fl != "clause")
                    throw InputError(where + "unknown flag '" + fl +
                                     "' (invertible, past, clause or -)");
                if (on) throw InputError(where + "flag '" + fl + "' given twice");
                on = true;
            }
        if (cls == "verb") {
            if (words.size() != 1) throw InputError(where + "a verb is one word (use 'phrase')");
            std::vector<std::string> all;
            if (past) {
                all.push_back(verb_forms(words[0])[2]);
            } else {
                all = verb_forms(words[0]);
            }
            if (forms != "-")
                for (const auto& f : split(forms, '|')) {
                    auto k = words_of(f);
                    if (k.size() != 1) throw InputError(where + "bad form '" + f + "'");
                    all.push_back(k[0]);
                }
            for (const auto& f : all) {
                verbs_.insert(f);
                // the verb before its speaker: its -s and past forms, not "saying"
                // (not the lemma: "analysts say Sarney ...")
                if (invertible && !f.ends_with("ing") && f != words[0]) invertible_.insert(f);
                if (clause) clause_.insert(f);
            }
        } else if (cls == "after-name") {
            if (words.size() != 1) throw InputError(where + "an after-name is one word");
            after_name_.insert(words[0]);
        } else if (cls == "phrase" || cls == "by" || cls == "except") {
            if (forms != "-" || flags != "-")
                throw InputError(where + "a " + cls + " takes no forms or flags");
            if (words.size() < 2)
                throw InputError(where + "a " + cls + " has two words or more (use 'verb')");
            if (cls == "except") {
                exceptions_.push_back(words);
            } else if (cls == "by") {
                std::reverse(words.begin(), words.end());
                by_cues_.push_back(words);
            } else {
                phrase_starts_.insert(words[0]);
                phrases_.push_back(words);
            }
        } else if (cls == "aux") {
            if (words.size() != 1) throw InputError(where + "an aux is one word");
            aux_.insert(words[0]);
        } else {
            throw InputError(where + "unknown class '" + cls +
                             "' (verb, phrase, by, except, aux or after-name)");
        }
    }
}

// titles.tsv: CLASS  WORD
void WordLists::load_titles(const std::string& path) {
    for (const Line& l : read_tsv(path, 2, 2)) {
        const std::string where = path + ":" + std::to_string(l.no) + ": ";
        std::vector<std::string> words = words_of(l.f[1]);
        if (words.size() != 1)
            throw InputError(where + "one word expected, found '" + l.f[1] + "'");
        const std::string& cls = l.f[0];
        const std::string& k = words[0];
        if (cls == "honorific")
            titles_[k] = TitleClass::Honorific;
        else if (cls == "rank")
            titles_[k] = TitleClass::Rank;
        else if (cls == "role")
            titles_[k] = TitleClass::Role;
        else if (cls == "qualifier")
            titles_[k] = TitleClass::Qualifier;
        else if (cls == "particle")
            particles_.insert(k);
        else if (cls == "not-name")
            not_names_.insert(k);
        else if (cls == "function")
            function_.insert(k);
        else if (cls == "pronoun")
            pronouns_.insert(k);
        else if (cls == "pronoun-they")
            singular_they_.insert(k);
        else if (cls == "preposition")
            prepositions_.insert(k);
        else if (cls == "org-head")
            org_heads_.insert(k);
        else if (cls == "company-form")
            company_forms_.insert(k);
        else
            throw InputError(where + "unknown class '" + cls +
                             "' (honorific, rank, role, qualifier, particle, not-name, function, "
                             "pronoun, pronoun-they, preposition, org-head, company-form)");
    }
}

// roles.tsv: ROLE  ALIASES
void WordLists::load_roles(const std::string& path) {
    for (const Line& l : read_tsv(path, 2, 2)) {
        const std::string where = path + ":" + std::to_string(l.no) + ": ";
        std::vector<std::string> canon = words_of(l.f[0]);
        if (canon.empty()) throw InputError(where + "empty role");
        // the words of roles, but not "of" and "the" ("member of the national assembly")
        auto add_parts = [&](const std::vector<std::string>& ws) {
            for (const auto& x : ws)
                if (!function_.count(x) && !not_names_.count(x)) role_parts_.insert(x);
        };
        add_parts(canon);
        canonical_roles_.push_back(canon);
        for (const std::string& a : split(l.f[1], '|')) {
            std::vector<std::string> alias = words_of(a);
            if (alias.empty()) throw InputError(where + "empty alias");
            add_parts(alias);
            roles_.emplace_back(alias, canon);
        }
    }
}

// name-words.tsv: CLASS  WORD  [KIND]
void WordLists::load_name_words(const std::string& path) {
    for (const Line& l : read_tsv(path, 2, 3)) {
        const std::string where = path + ":" + std::to_string(l.no) + ": ";
        const std::string& cls = l.f[0];
        const bool kinded =
            cls == "org-head" || cls == "place-cue-in-name" || cls == "place-cue-after";
        static const char* kClasses[] = {
            "org-head",          "joiner",          "role",       "lead",
            "thing-head",        "competition",     "legal-form", "place-word",
            "place-cue-in-name", "place-cue-after", "calendar",   "date-abbrev",
            "compass",           "defined-joiner",  "geo-head",   "team-role",
            "group-tail"};
        if (std::none_of(std::begin(kClasses), std::end(kClasses),
                         [&](const char* c) { return cls == c; }))
            throw InputError(where + "unknown class '" + cls + "' (see the file's first lines)");
        if (kinded != (l.f.size() == 3))
            throw InputError(where + "class " + cls +
                             (kinded ? " needs a KIND column" : " takes no KIND column"));
        // joiners are written as in the text ("&", "-"); other words as token keys
        const std::string word =
            cls == "joiner" || cls == "defined-joiner" ? l.f[1] : entity_key(l.f[1]);
        if (word.empty() || word.find(' ') != std::string::npos ||
            l.f[1].find(' ') != std::string::npos)
            throw InputError(where + "one word expected, found '" + l.f[1] + "'");
        auto& classes = name_words_[word];
        auto have = std::find_if(classes.begin(), classes.end(),
                                 [&](const auto& c) { return c.first == cls; });
        if (have == classes.end()) have = classes.insert(classes.end(), {cls, ""});
        have->second = kinded ? l.f[2] : "";
    }
}

// grammar-words.tsv: CLASS  WORD
void WordLists::load_grammar_words(const std::string& path) {
    static const std::pair<const char*, std::uint8_t> kGrammar[] = {
        {"joiner", kJoiner},   {"definite", kDefinite},     {"indefinite", kIndefinite},
        {"link", kLink},       {"complement", kComplement}, {"audience", kAudience},
        {"setting", kSetting}, {"occasion", kOccasion}};
    for (const Line& l : read_tsv(path, 2, 2)) {
        const std::string where = path + ":" + std::to_string(l.no) + ": ";
        const std::string& cls = l.f[0];
        if (cls == "abbreviation") {
            if (l.f[1].find_first_of(" .") != std::string::npos)
                throw InputError(where + "an abbreviation is one word, without its dot");
            abbreviations_.insert(l.f[1]);
            continue;
        }
        std::vector<std::string> words = words_of(l.f[1]);
        if (words.size() != 1 && l.f[1] != "&")
            throw InputError(where + "one word expected, found '" + l.f[1] + "'");
        const std::string k = words.empty() ? l.f[1] : words[0];
        auto it = std::find_if(std::begin(kGrammar), std::end(kGrammar),
                               [&](const auto& g) { return cls == g.first; });
        if (it == std::end(kGrammar))
            throw InputError(where + "unknown class '" + cls +
                             "' (joiner, definite, indefinite, link, complement, audience, "
                             "setting, occasion, abbreviation)");
        grammar_[k] |= it->second;
    }
}

// The per-word flags of the sets, and the roles longest alias first.
void WordLists::build_flags() {
    for (auto [set, bit] : {std::pair{&verbs_, kSpeechVerb},
                            {&invertible_, kInvertible},
                            {&aux_, kAux},
                            {&phrase_starts_, kPhraseStart},
                            {&particles_, kParticle},
                            {&not_names_, kNotName},
                            {&function_, kFunction},
                            {&pronouns_, kPronoun},
                            {&after_name_, kAfterName},
                            {&role_parts_, kRolePart},
                            {&prepositions_, kPreposition},
                            {&org_heads_, kOrgHead},
                            {&company_forms_, kCompanyForm},
                            {&singular_they_, kSingularThey},
                            {&clause_, kClauseCue}})
        for (const auto& k : *set) flags_[k] |= bit;
    for (const auto& [k, c] : titles_) flags_[k] |= kTitle;
    std::stable_sort(roles_.begin(), roles_.end(),
                     [](const auto& x, const auto& y) { return x.first.size() > y.first.size(); });
}

WordLists WordLists::load(const std::string& dir) {
    WordLists w;
    w.load_speech_cues(dir + "/speech-cues.tsv");
    w.load_titles(dir + "/titles.tsv");
    w.load_roles(dir + "/roles.tsv");
    w.load_name_words(dir + "/name-words.tsv");
    w.load_grammar_words(dir + "/grammar-words.tsv");
    w.build_flags();
    return w;
}

const std::string* WordLists::name_word(std::string_view cls, std::string_view key) const {
    const auto* classes = name_words_.find(key);
    if (!classes) return nullptr;
    for (const auto& [c, kind] : *classes)
        if (c == cls) return &kind;
    return nullptr;
}

const WordLists& WordLists::get() {
    static const WordLists lists = load(data_dir());
    return lists;
}

std::size_t WordLists::phrase_at(const std::vector<std::string_view>& keys) const {
    std::size_t best = 0;
    for (const auto& p : phrases_) {
        if (p.size() > keys.size() || p.size() <= best) continue;
        if (std::equal(p.begin(), p.end(), keys.begin())) best = p.size();
    }
    return best;
}

bool WordLists::not_cue_at(const std::vector<std::string_view>& keys) const {
    for (const auto& p : exceptions_)
        if (p.size() <= keys.size() && std::equal(p.begin(), p.end(), keys.begin())) return true;
    return false;
}

std::size_t WordLists::by_cue_before(const std::vector<std::string_view>& back) const {
    std::size_t best = 0;
    for (const auto& p : by_cues_) {
        if (p.size() > back.size() || p.size() <= best) continue;
        if (std::equal(p.begin(), p.end(), back.begin())) best = p.size();
    }
    return best;
}

bool WordLists::known_role(const std::vector<std::string>& c) const {
    return std::any_of(canonical_roles_.begin(), canonical_roles_.end(), [&](const auto& r) {
        return r.size() <= c.size() &&
               std::equal(r.begin(), r.end(), c.end() - static_cast<std::ptrdiff_t>(r.size()));
    });
}

TitleClass WordLists::title_class(std::string_view key) const {
    auto it = titles_.find(key);
    return it == titles_.end() ? TitleClass::None : it->second;
}

std::vector<std::string> WordLists::canonical_role(const std::vector<std::string>& keys) const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < keys.size();) {
        bool done = false;
        for (const auto& [alias, canon] : roles_) {
            if (i + alias.size() > keys.size()) continue;
            if (!std::equal(alias.begin(), alias.end(),
                            keys.begin() + static_cast<std::ptrdiff_t>(i)))
                continue;
            out.insert(out.end(), canon.begin(), canon.end());
            i += alias.size();
            done = true;
            break;
        }
        if (!done) out.push_back(keys[i++]);
    }
    return out;
}

}  // namespace ndx
