// Statements: direct quotations and reported speech, each given to the person the
// article names as saying it (see extract_people.cc for the attributions).
#include <algorithm>
#include <optional>

#include "extract/extract_internal.h"
#include "extract/word_lists.h"

namespace ndx {
namespace {

// A quotation: tokens [a, b) between quote marks, possibly over several paragraphs.
struct Quote {
    std::size_t a = 0, b = 0;
    std::size_t open = 0, close = 0;  // the quote-mark tokens (close == b when unclosed)
    std::size_t first_par = 0, last_par = 0;
    std::vector<std::pair<std::size_t, std::size_t>> pieces;  // per paragraph
    const Attribution* by = nullptr;
};

// Quotations shorter than this are words in quote marks ("better assists"), not statements.
constexpr std::size_t kMinQuoteWords = 5;
// Reported speech shorter than this is not worth a statement.
constexpr std::size_t kMinReportedWords = 4;

class Statements {
  public:
    explicit Statements(ExtractContext& cx) : cx_(cx), an_(cx.an), toks_(cx.an.tokens) {}

    std::size_t par(std::size_t tok) const { return an_.sentences[toks_[tok].sentence].paragraph; }
    bool is_mark(std::size_t i) const { return toks_[i].text == "\""; }

    // Quote marks pair up within a paragraph; a quotation still open at the end of a
    // paragraph goes on when the next paragraph opens with a quote mark (the news
    // convention), and ends there otherwise.
    void find_quotes() {
        std::optional<Quote> cur;
        std::size_t piece_start = 0;
        for (std::size_t i = 0; i < toks_.size(); ++i) {
            if (cur && par(i) != cur->last_par) {
                cur->pieces.emplace_back(piece_start, i);
                if (is_mark(i)) {  // continues in this paragraph
                    cur->last_par = par(i);
                    piece_start = i + 1;
                    continue;
                }
                cur->b = cur->close = i;
                quotes_.push_back(*cur);
                cur.reset();
            }
            if (!is_mark(i)) continue;
            if (!cur) {
                cur = Quote{};
                cur->open = i;
                cur->a = piece_start = i + 1;
                cur->first_par = cur->last_par = par(i);
            } else {
                cur->pieces.emplace_back(piece_start, i);
                cur->b = cur->close = i;
                quotes_.push_back(*cur);
                cur.reset();
            }
        }
        if (cur) {
            cur->pieces.emplace_back(piece_start, toks_.size());
            cur->b = cur->close = toks_.size();
            quotes_.push_back(*cur);
        }
    }

    std::size_t words(std::size_t a, std::size_t b) const {
        std::size_t n = 0;
        for (std::size_t i = a; i < b; ++i)
            if (toks_[i].word) ++n;
        return n;
    }

    std::string text_of(const Quote& q) const {
        std::string out;
        for (auto [a, b] : q.pieces) {
            if (a >= b) continue;
            if (!out.empty()) out += ' ';
            out += an_.span_text(a, b);
        }
        // trailing ",", "." inside the closing mark belong to the sentence around it
        while (!out.empty() && (out.back() == ',' || out.back() == ' ')) out.pop_back();
        return out;
    }

    // The attribution of a quotation: right after it (", Miller said" / ", he added" /
    // ", said X"), else right before it ("Miller said: "...").
    const Attribution* attribution_of(const Quote& q) const {
        // ',"' (or '?" he asked') leads on to an attribution; '."' ends the sentence
        bool leads_on = false;
        if (q.close > q.a && q.close < toks_.size()) {
            const std::string& last = toks_[q.close - 1].text;
            bool next_lower = q.close + 1 < toks_.size() && !toks_[q.close + 1].cap;
            leads_on = last == "," || ((last == "?" || last == "!") && next_lower) ||
                       (last != "." && next_lower);
        }
        for (const Attribution& at : cx_.attributions) {
            if (!leads_on) break;
            // after the closing mark, in the same sentence: nothing ends it in between
            // (",\" State Department's Principal Deputy Spokesperson Vedant Patel said")
            if (at.verb <= q.close || at.verb > q.close + 16 || par(at.verb) != q.last_par)
                continue;
            bool same_sentence = true;
            for (std::size_t k = q.close + 1; k < at.verb; ++k) {
                const std::string& x = toks_[k].text;
                if (x == "." || x == "!" || x == "?" || x == "\"") same_sentence = false;
            }
            if (same_sentence) return &at;
        }
        for (auto it = cx_.attributions.rbegin(); it != cx_.attributions.rend(); ++it) {
            const Attribution& at = *it;
            if (at.verb >= q.open || par(at.verb) != q.first_par) continue;
            std::size_t k = q.open;
            if (k > 0 && (toks_[k - 1].text == ":" || toks_[k - 1].text == ",")) --k;
            // the verb (and what follows it, e.g. "told reporters") leads up to the quote
            if (k - at.verb <= 4) return &at;
        }
        return nullptr;
    }

    void attribute() {
        for (std::size_t i = 0; i < quotes_.size(); ++i) quotes_[i].by = attribution_of(quotes_[i]);
        // an interrupted quotation: the other quotes of a paragraph share its attribution
        for (std::size_t i = 0; i < quotes_.size(); ++i) {
            if (quotes_[i].by) continue;
            for (std::size_t j = 0; j < quotes_.size(); ++j)
                if (quotes_[j].by && (quotes_[j].last_par == quotes_[i].first_par ||
                                      quotes_[j].first_par == quotes_[i].last_par)) {
                    quotes_[i].by = quotes_[j].by;
                    break;
                }
        }
        // a paragraph that is only a quotation continues the previous speaker's
        for (std::size_t i = 1; i < quotes_.size(); ++i) {
            Quote& q = quotes_[i];
            if (q.by || !quotes_[i - 1].by) continue;
            bool opens_paragraph = q.open == 0 || par(q.open - 1) != q.first_par;
            if (opens_paragraph && q.first_par == quotes_[i - 1].last_par + 1)
                q.by = quotes_[i - 1].by;
        }
    }

    bool inside_quote(std::size_t tok) const {
        return std::any_of(quotes_.begin(), quotes_.end(),
                           [&](const Quote& q) { return tok >= q.open && tok <= q.close; });
    }

    bool attributes_a_quote(const Attribution& at) const {
        return std::any_of(quotes_.begin(), quotes_.end(), [&](const Quote& q) {
            return q.by == &at && words(q.a, q.b) >= kMinQuoteWords;
        });
    }

    // "X said (that) ...", "according to X, ...": the rest of the sentence.
    std::optional<std::pair<std::size_t, std::size_t>> reported(const Attribution& at) const {
        const WordLists& w = WordLists::get();
        const Sentence& s = an_.sentences[toks_[at.verb].sentence];
        std::size_t a = std::max(at.verb, at.name_b) + 1, b = s.last;
        if (at.according) {
            a = at.name_b;
            while (a < b && toks_[a].text != ",") ++a;
            ++a;
            if (a >= b) {  // "..., according to X."
                a = s.first;
                b = at.verb;
            }
        } else {
            // "said Farida Haidari, the minister, ..." puts the name after the verb
            if (at.name_a > at.verb) {
                a = at.name_b;
                while (a < b && toks_[a].text == ",") ++a;
            }
            // "said in a press briefing on Wednesday that ...": what was said starts after
            // "that" when it comes soon after the verb
            bool after_that = false;
            for (std::size_t k = a; k < b && k < a + 10; ++k) {
                if (w.grammar(toks_[k].key, kComplement) && (k == a || toks_[k - 1].text != ",")) {
                    a = k + 1;
                    after_that = true;
                    break;
                }
                if (toks_[k].text == "," || toks_[k].text == "\"") break;
            }
            // "told reporters", "said on Monday", "said in a statement": not what was said
            while (!after_that && a < b) {
                const std::string& k = toks_[a].key.empty() ? toks_[a].text : toks_[a].key;
                if (w.grammar(k, kAudience) || k == ",") {
                    ++a;
                } else if (k == "on" && a + 1 < b && toks_[a + 1].cap) {
                    a += 2;
                } else if (w.grammar(k, kSetting)) {
                    std::size_t e = a + 1;
                    // (the last word of a compound: "press-statement")
                    auto last_word = [](std::string_view key) {
                        const std::size_t sp = key.rfind(' ');
                        return sp == std::string_view::npos ? key : key.substr(sp + 1);
                    };
                    while (e < b && e < a + 5 && !w.grammar(last_word(toks_[e].key), kOccasion))
                        ++e;
                    if (e >= b || e >= a + 5) break;
                    a = e + 1;
                } else {
                    break;
                }
            }
        }
        while (b > a && !toks_[b - 1].word && toks_[b - 1].text != "\"") --b;
        if (words(a, b) < kMinReportedWords || inside_quote(at.verb)) return std::nullopt;
        return std::make_pair(a, b);
    }

    void emit(std::vector<Statement>& out) {
        struct Found {
            std::size_t start;
            Statement st;
        };
        std::vector<Found> found;
        for (const Quote& q : quotes_) {
            if (!q.by || words(q.a, q.b) < kMinQuoteWords) continue;
            Statement st;
            st.speaker = q.by->speaker;
            st.speaker_key = q.by->key;
            st.text = text_of(q);
            st.kind = "quote";
            st.paragraph = q.first_par;
            st.offset = toks_[q.a < toks_.size() ? q.a : q.open].begin;
            found.push_back({q.a, st});
        }
        for (const Attribution& at : cx_.attributions) {
            if (attributes_a_quote(at)) continue;
            auto span = reported(at);
            if (!span) continue;
            Statement st;
            st.speaker = at.speaker;
            st.speaker_key = at.key;
            st.text = an_.span_text(span->first, span->second);
            st.kind = "reported";
            st.paragraph = par(at.verb);
            st.offset = toks_[span->first].begin;
            found.push_back({span->first, st});
        }
        std::sort(found.begin(), found.end(),
                  [](const Found& x, const Found& y) { return x.start < y.start; });
        for (auto& f : found) out.push_back(std::move(f.st));
    }

  private:
    ExtractContext& cx_;
    const Analysis& an_;
    const std::vector<Token>& toks_;
    std::vector<Quote> quotes_;
};

}  // namespace

void extract_statements(ExtractContext& cx, std::vector<Statement>& out) {
    Statements s(cx);
    s.find_quotes();
    s.attribute();
    s.emit(out);
}

}  // namespace ndx
