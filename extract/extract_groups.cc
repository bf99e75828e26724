// Named groups: gazetteer organisations, acronyms the article defines, and names that
// have the form of an organisation ("... Ministry of ...", "... Institute for ..."); the
// tagger's organisations are in tagged_orgs.cc.
#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "common/normalize.h"
#include "extract/extract_internal.h"
#include "extract/word_lists.h"

namespace ndx {

bool is_role(const std::string& key) { return WordLists::get().is_name_word("role", key); }
bool is_joiner(const Token& t) { return WordLists::get().is_name_word("joiner", t.text); }
bool is_leading_modifier(const std::string& key) {
    return WordLists::get().is_name_word("lead", key);
}
void mark_org(ExtractContext& cx, std::size_t a, std::size_t b) {
    for (std::size_t i = a; i < b; ++i) cx.in_org[i] = 1;
}

namespace {

bool is_calendar(const Token& t) { return WordLists::get().is_name_word("calendar", t.key); }

// A capitalised word that can be part of an organisation's name.
bool name_word(const Token& t) {
    return t.word && t.cap && !is_calendar(t) && t.text.find("-based") == std::string::npos;
}

// Inside a gazetteer organisation's name, or inside a multi-word place name (a head
// word that is itself a town's name, "University", "Police", still counts as a head).
bool covered_by_name(const ExtractContext& cx, std::size_t i) {
    return std::any_of(cx.names.begin(), cx.names.end(), [&](const NameMatch& m) {
        return m.a <= i && i < m.b && (!m.entry->orgs.empty() || m.b - m.a > 1);
    });
}

Entity org_entity(const ExtractContext& cx, const OrgMention& m) {
    Entity e;
    if (m.org >= 0) {
        const Organisation& o = cx.gaz.orgs()[static_cast<std::size_t>(m.org)];
        e.value = o.name;
        e.kind = o.kind;
        e.aliases = o.aliases;
    } else {
        e.value = m.name;
        e.kind = m.kind;
    }
    e.key = entity_key(e.value);
    e.found_by.push_back(m.source);
    if (std::string_view(m.source) != "tagger" &&
        std::any_of(cx.tag_of.begin() + static_cast<std::ptrdiff_t>(m.a),
                    cx.tag_of.begin() + static_cast<std::ptrdiff_t>(m.b),
                    [](NameType t) { return t == NameType::Organisation; }))
        e.found_by.push_back("tagger");
    const Token& t = cx.an.tokens[m.a];
    e.evidence.push_back({std::string(cx.an.sentence_text(t.sentence)), t.begin});
    const std::string surface = cx.an.span_text(m.a, m.b);
    if (entity_key(surface) != e.key) e.aliases.push_back(surface);
    return e;
}

// Tokens [a, b) read as a person's name, titles first allowed ("Economist Ines Kovac",
// "Tomas Brevik"): two or more capitalised words, none an ordinary word, an acronym or an
// organisation's head word.
bool person_like(const ExtractContext& cx, std::size_t a, std::size_t b) {
    const auto& toks = cx.an.tokens;
    while (a < b && is_person_title(toks[a])) ++a;
    if (b < a + 2) return false;
    for (std::size_t k = a; k < b; ++k) {
        const Token& t = toks[k];
        if (!t.word || !t.cap || (t.upper && t.text.size() > 2) || cx.is_common(t) ||
            !org_head_kind(t.key).empty())
            return false;
    }
    return true;
}

// The end of the capitalised run of name words and joiners from toks[i] in its sentence.
std::size_t formed_run_end(const ExtractContext& cx, std::size_t i) {
    const auto& toks = cx.an.tokens;
    std::size_t end = i + 1;
    while (end < toks.size()) {
        const Token& t = toks[end];
        if (t.sentence != toks[i].sentence) break;
        if (name_word(t) && !cx.in_org[end]) {
            ++end;
            continue;
        }
        // one or two joiners before the next capitalised word ("of the Philippines");
        // "and" after a head word ends the name ("Stock Exchange and the Ministry")
        std::size_t k = end;
        while (k < toks.size() && k - end < 2 && is_joiner(toks[k])) ++k;
        bool head_seen = false;
        for (std::size_t h = i; h < end; ++h)
            if (!org_head_kind(toks[h].key).empty()) head_seen = true;
        // ("Standard Oil Co and BP North America Inc": "and" right after a head)
        if (head_seen && toks[end].key == "and" &&
            ((k > end + 1 && toks[end + 1].key == "the") ||
             !org_head_kind(toks[end - 1].key).empty()))
            break;
        if (k > end && k < toks.size() && name_word(toks[k]) && !cx.in_org[k] &&
            toks[k].sentence == t.sentence) {
            end = k + 1;
            continue;
        }
        break;
    }
    return end;
}

// The first word of the organisation's name in the run [i, head]: without a leading
// modifier, a role, a sentence's opening words or a person speaking for it.
std::size_t formed_name_start(const ExtractContext& cx, std::size_t i, std::size_t head) {
    const auto& toks = cx.an.tokens;
    std::size_t a = i;
    // "Briefing the ...", "Inspector General of Police": not part of the name
    while (
        a < head &&
        (is_leading_modifier(toks[a].key) || is_role(toks[a].key) ||
         // "Inspector General of Police", but "General Motors Corp"
         (toks[a].key == "general" && a > i && is_role(toks[a - 1].key)) || is_joiner(toks[a]) ||
         (toks[a].sentence_start && toks[a].key.size() > 4 &&
          (toks[a].key.ends_with("ing") || toks[a].key.ends_with("ed"))) ||
         // "While the Treasury"
         (toks[a].sentence_start && cx.is_common(toks[a]) && org_head_kind(toks[a].key).empty() &&
          a + 1 < head && is_leading_modifier(toks[a + 1].key))))
        ++a;
    // "Shares of Lucky Cement": an ordinary word and "of" opening a sentence
    // ("Shares on the Nigerian Exchange": any preposition, and "the" after it)
    // (after a dateline's dash, too: "(Reuters) - Shares on the ...")
    if (a + 2 < head && (toks[a].sentence_start || (a > 0 && toks[a - 1].text == "-")) &&
        cx.is_word(toks[a]) && org_head_kind(toks[a].key).empty() &&
        (toks[a + 1].key == "of" || toks[a + 1].key == "on" || toks[a + 1].key == "in" ||
         toks[a + 1].key == "at" || toks[a + 1].key == "for" || toks[a + 1].key == "from")) {
        a += 2;
        while (a < head && is_leading_modifier(toks[a].key)) ++a;
    }
    // "analyst Tomas Brevik of Halden Securities Inc": a person's name before "of" is
    // someone speaking for the organisation after it
    for (std::size_t o = head; o > a; --o) {
        if (toks[o - 1].key != "of") continue;
        std::size_t after = o;
        while (after < head && is_joiner(toks[after])) ++after;
        // ("Harlow Banks of Florida Inc": a place and a legal form name no company)
        const bool place_only =
            std::any_of(cx.names.begin(), cx.names.end(), [&](const NameMatch& m) {
                return m.a == after && m.b == head && !m.entry->places.empty();
            });
        if (person_like(cx, a, o - 1) && !place_only) a = after;
        break;
    }
    return a;
}

// Adds the organisation from toks[a] to its head word toks[head] (kind: the head's kind),
// with the complements up to the run's end.
void add_formed_org(ExtractContext& cx, std::size_t a, std::size_t head, std::size_t end,
                    const std::string& kind) {
    const auto& toks = cx.an.tokens;
    // keep "of ..." complements ("Ministry of Foreign Affairs"); stop before a
    // person's title ("Army Chief ...") or a name that follows the head
    // (a legal form ends a company's name: "Merrow Pharmaceuticals Inc of St. Petersburg")
    std::size_t b = head + 1;
    // ("Aluminum Co of America" keeps it: without it the name is ordinary words)
    bool proper = false;
    for (std::size_t k = a; k < head; ++k)
        if (toks[k].word && !is_joiner(toks[k]) && !cx.is_common(toks[k])) proper = true;
    if (b < end && is_joiner(toks[b]) && toks[b].text != "and" &&
        !(is_company_form(toks[head].key) && proper))
        b = end;
    while (b > head + 1 && !toks[b - 1].word) --b;
    std::size_t words = 0;
    for (std::size_t k = a; k < b; ++k)
        if (toks[k].word && !is_joiner(toks[k])) ++words;
    bool whole_match = std::any_of(cx.names.begin(), cx.names.end(),
                                   [&](const NameMatch& m) { return m.a == a && m.b == b; });
    // a line in capitals ("CBT TREASURY", "PASSING DAILY") shows no names
    bool shouted = true;
    for (std::size_t k = a; k < b; ++k)
        if (toks[k].word && !is_joiner(toks[k]) && !toks[k].upper) shouted = false;
    if (words >= 2 && !whole_match && !shouted && !is_competition(cx.an, a, b)) {
        OrgMention m;
        m.a = a;
        m.b = b;
        m.name = cx.an.span_text(a, b);
        m.kind = kind;
        m.source = "organisation shape";
        cx.orgs.push_back(m);
        mark_org(cx, a, b);
    }
}

// Organisations recognised by their form: a capitalised run holding a head word
// (Ministry, Army, Institute...) that no gazetteer name covers.
void find_formed_orgs(ExtractContext& cx) {
    const auto& toks = cx.an.tokens;
    for (std::size_t i = 0; i < toks.size();) {
        if (!name_word(toks[i]) || cx.in_org[i]) {
            ++i;
            continue;
        }
        const std::size_t end = formed_run_end(cx, i);
        // the last head word not inside a gazetteer name
        std::size_t head = end;
        std::string kind;
        for (std::size_t k = end; k > i; --k) {
            const Token& t = toks[k - 1];
            if (!t.word || covered_by_name(cx, k - 1)) continue;
            kind = org_head_kind(t.key);
            if (!kind.empty()) {
                head = k - 1;
                break;
            }
        }
        if (kind.empty()) {
            i = end;
            continue;
        }
        const std::size_t a = formed_name_start(cx, i, head);
        // "Interior Cabinet Secretary": the head names a role, not an organisation
        if (head + 1 < toks.size() && is_role(toks[head + 1].key)) {
            i = end;
            continue;
        }
        add_formed_org(cx, a, head, end, kind);
        i = end;
    }
}

// Whether the words of key `shorter` begin those of `longer` ("goldman sachs" and
// "goldman sachs group inc").
bool word_prefix(const std::string& shorter, const std::string& longer) {
    return longer.size() > shorter.size() + 1 && longer.compare(0, shorter.size(), shorter) == 0 &&
           longer[shorter.size()] == ' ';
}

// Organisations of the gazetteer the article names (a bare acronym only when the
// article names its country and does not define it otherwise).
void add_gazetteer_orgs(ExtractContext& cx) {
    const auto& toks = cx.an.tokens;
    std::set<std::string> countries;  // ISO codes of countries the article names
    for (const NameMatch& m : cx.names)
        for (int p : m.entry->places) {
            int c = cx.gaz.country_of(p);
            if (c >= 0) countries.insert(cx.gaz.places()[static_cast<std::size_t>(c)].code);
        }
    if (!cx.article.dateline.empty())
        if (const NameEntry* e = cx.gaz.find(entity_key(cx.article.dateline)))
            for (int p : e->places) {
                int c = cx.gaz.country_of(p);
                if (c >= 0) countries.insert(cx.gaz.places()[static_cast<std::size_t>(c)].code);
            }
    for (const NameMatch& m : cx.names) {
        if (m.entry->orgs.empty()) continue;
        if (m.b == m.a + 1 && toks[m.a].upper) {
            if (cx.acronyms.count(toks[m.a].text)) continue;  // the article says what it means
            const Organisation& o = cx.gaz.orgs()[static_cast<std::size_t>(m.entry->orgs.front())];
            if (!o.country.empty() && !countries.count(o.country)) continue;
        }
        // A name that is a place too ("Hezbollah" is not, "Punjab" is): a place wins
        // after "in", "at", "from", "near".
        if (!m.entry->places.empty() && m.a > 0) {
            const std::string& prev = toks[m.a - 1].key;
            if (prev == "in" || prev == "at" || prev == "from" || prev == "near") continue;
        }
        OrgMention o;
        o.a = m.a;
        o.b = m.b;
        o.org = m.entry->orgs.front();
        cx.orgs.push_back(o);
        mark_org(cx, m.a, m.b);
    }
}

// Acronyms defined in the article, wherever they appear.
void add_acronym_orgs(ExtractContext& cx) {
    const auto& toks = cx.an.tokens;
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (!toks[i].upper || cx.in_org[i]) continue;
        auto it = cx.acronyms.find(toks[i].text);
        if (it == cx.acronyms.end() || it->second.place >= 0) continue;
        OrgMention o;
        o.a = i;
        o.b = i + 1;
        o.org = it->second.org;
        o.name = it->second.name;
        o.kind = it->second.kind;
        o.source = "acronym definition";
        cx.orgs.push_back(o);
        cx.in_org[i] = 1;
    }
}

// "Pakistani Ministry of Foreign Affairs" and "Ministry of Foreign Affairs" in one
// article: one organisation, under the fuller name.
void merge_org_entities(std::vector<Entity>& out) {
    for (std::size_t i = 0; i < out.size(); ++i) {
        for (std::size_t j = 0; j < out.size(); ++j) {
            if (i == j) continue;
            const std::string& shorter = out[i].key;
            const std::string& longer = out[j].key;
            if (longer.size() > shorter.size() + 1 &&
                longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0 &&
                longer[longer.size() - shorter.size() - 1] == ' ' && out[i].kind == out[j].kind &&
                std::count(shorter.begin(), shorter.end(), ' ') >= 1) {
                out[j].aliases.push_back(out[i].value);
                out.erase(out.begin() + static_cast<std::ptrdiff_t>(i));
                i = static_cast<std::size_t>(-1);
                break;
            }
            // "Goldman Sachs" and "Goldman Sachs Group Inc", neither in the gazetteer
            auto listed = [](const Entity& e) {
                return std::find(e.found_by.begin(), e.found_by.end(), "gazetteer") !=
                       e.found_by.end();
            };
            if (word_prefix(shorter, longer) && !listed(out[i]) && !listed(out[j])) {
                out[j].aliases.push_back(out[i].value);
                for (auto& s : out[i].found_by)
                    if (std::find(out[j].found_by.begin(), out[j].found_by.end(), s) ==
                        out[j].found_by.end())
                        out[j].found_by.push_back(s);
                out.erase(out.begin() + static_cast<std::ptrdiff_t>(i));
                i = static_cast<std::size_t>(-1);
                break;
            }
        }
    }
}

}  // namespace

void extract_groups(ExtractContext& cx, std::vector<Entity>& out) {
    add_gazetteer_orgs(cx);
    add_acronym_orgs(cx);
    find_formed_orgs(cx);
    add_tagged_orgs(cx);

    std::sort(cx.orgs.begin(), cx.orgs.end(),
              [](const OrgMention& x, const OrgMention& y) { return x.a < y.a; });
    // A formed name that spells out a defined acronym is that organisation.
    for (OrgMention& m : cx.orgs) {
        if (m.org >= 0) continue;
        for (const auto& [acr, target] : cx.acronyms) {
            if (target.place >= 0) continue;
            if (target.org < 0 && entity_key(target.name) == entity_key(m.name))
                m.name = target.name;
        }
    }
    for (const OrgMention& m : cx.orgs) {
        Entity e = org_entity(cx, m);
        for (const auto& [acr, target] : cx.acronyms) {
            bool same = (m.org >= 0 && target.org == m.org) ||
                        (m.org < 0 && target.org < 0 && target.place < 0 &&
                         entity_key(target.name) == e.key);
            if (same) e.aliases.push_back(acr);
        }
        add_entity(out, std::move(e));
    }
    merge_org_entities(out);
}

}  // namespace ndx
