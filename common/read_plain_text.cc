// Reading plain-text articles: the date line, title, byline, dateline, paragraphs and
// source trailer (docs/input-formats.md).
#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <regex>

#include "common/reader_detail.h"

namespace ndx {
namespace reader_detail {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

namespace {

std::size_t count_words(std::string_view s) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : s) {
        bool space = std::isspace(static_cast<unsigned char>(c));
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

// Decodes the code point at s[i] into *cp; returns its length (1 for a bad byte).
std::size_t decode(std::string_view s, std::size_t i, utf8proc_int32_t* cp) {
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                          static_cast<utf8proc_ssize_t>(s.size() - i), cp);
    if (n <= 0) {
        *cp = static_cast<unsigned char>(s[i]);
        return 1;
    }
    return static_cast<std::size_t>(n);
}

void append_cp(std::string& out, utf8proc_int32_t cp) {
    utf8proc_uint8_t buf[4];
    out.append(reinterpret_cast<const char*>(buf),
               static_cast<std::size_t>(utf8proc_encode_char(cp, buf)));
}

// "ISLAMABAD" -> "Islamabad", "ZÜRICH" -> "Zürich", "RIO DE JANEIRO" -> "Rio de Janeiro",
// "arab news" -> "Arab News".
std::string title_case(std::string_view s) {
    static constexpr std::array<std::string_view, 8> kSmall = {"de", "da",  "del", "do",
                                                               "of", "the", "al",  "el"};
    std::string out;
    bool start = true;
    std::size_t word_start = 0;
    for (std::size_t i = 0; i < s.size();) {
        utf8proc_int32_t cp;
        std::size_t n = decode(s, i, &cp);
        bool letter = utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
                      utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
        if (letter) {
            if (start) word_start = out.size();
            append_cp(out, start ? utf8proc_toupper(cp) : utf8proc_tolower(cp));
            start = false;
        } else {
            if (!start && word_start > 0) {
                std::string w = out.substr(word_start);
                for (char& c : w)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if (std::find(kSmall.begin(), kSmall.end(), w) != kSmall.end())
                    out.replace(word_start, w.size(), w);
            }
            out.append(s.substr(i, n));
            start = (cp == ' ' || cp == '-' || cp == '(' || cp == '/');
        }
        i += n;
    }
    return out;
}

// Length of the leading place name in capitals ("ISLAMABAD", "ZÜRICH", "DERA ISMAIL KHAN",
// "D.I. KHAN"): up to four words of upper-case letters, with ' . - inside; 0 if none.
std::size_t capitals_prefix(std::string_view s, std::size_t* letters) {
    std::size_t i = 0, end = 0, words = 0;
    *letters = 0;
    while (i < s.size() && words < 4) {
        std::size_t j = i, word_letters = 0;
        while (j < s.size()) {
            utf8proc_int32_t cp;
            std::size_t n = decode(s, j, &cp);
            if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LU)
                ++word_letters;
            else if (!(word_letters > 0 && (cp == '\'' || cp == '.' || cp == '-')))
                break;
            j += n;
        }
        if (word_letters == 0) break;
        *letters += word_letters;
        end = j;
        ++words;
        if (j < s.size() && s[j] == ' ')
            i = j + 1;
        else
            break;
    }
    return end;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            if (start < text.size()) lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

std::string strip_bom_and_crlf(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

bool ends_like_sentence(std::string_view s) {
    if (s.empty()) return false;
    char c = s.back();
    if (c == '.' || c == ':' || c == ';' || c == ',' || c == '"') return true;
    return s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D");  // closing quote
}

// A short line after the date that names an author or desk rather than starting the text.
bool looks_like_byline(std::string_view s) {
    return count_words(s) <= 6 && s.size() <= 60 && !ends_like_sentence(s);
}

bool looks_like_title(std::string_view s) {
    return s.size() <= 200 && count_words(s) <= 25 && !ends_like_sentence(s);
}

}  // namespace

// "ISLAMABAD:", "LONDON (Reuters) -", "PESHAWAR, Pakistan, March 3, 2024 (AP) —".
std::optional<Dateline> parse_dateline(std::string_view paragraph) {
    static const std::regex rest(
        R"(^((?:,\s*[A-Z0-9][^,:()]{0,40}?){0,3})\s*(?:\(([^)]{1,40})\))?\s*(?::|--|-|\xE2\x80\x94|\xE2\x80\x93)\s+\S)");
    std::string_view head = paragraph.substr(0, 200);
    std::size_t letters = 0;
    std::size_t n = capitals_prefix(head, &letters);
    if (n == 0 || letters < 3) return std::nullopt;
    std::string tail(head.substr(n));
    std::smatch m;
    // (anchored: tried at the start only, not again at each later byte)
    if (!std::regex_search(tail, m, rest, std::regex_constants::match_continuous))
        return std::nullopt;
    Dateline d;
    d.place = title_case(head.substr(0, n));
    d.agency = trim(m[2].str());
    d.date = find_date_in(m[1].str());
    return d;
}

namespace {

// "courtesy : arab news", "Source: Dawn"
std::optional<std::string> parse_source_trailer(std::string_view line) {
    static const std::regex re(R"(^\s*(?:courtesy|source|via)\s*[:\-]\s*(.{2,60}?)\s*$)",
                               std::regex::icase);
    // A trailer is short; and std::regex recurses once per character it matches, so a long
    // paragraph ("source: x" then 300,000 spaces) overflowed the stack.
    if (line.size() > 200) return std::nullopt;
    // (the regex only for lines that can match: most are not trailers)
    std::size_t at = 0;
    while (at < line.size() && std::isspace(static_cast<unsigned char>(line[at]))) ++at;
    const auto starts = [&](std::string_view w) {
        if (line.size() - at < w.size()) return false;
        for (std::size_t k = 0; k < w.size(); ++k)
            if (std::tolower(static_cast<unsigned char>(line[at + k])) != w[k]) return false;
        return true;
    };
    if (!starts("courtesy") && !starts("source") && !starts("via")) return std::nullopt;
    std::string s(line);
    std::smatch m;
    if (!std::regex_match(s, m, re)) return std::nullopt;
    std::string v = m[1].str();
    bool lower = std::none_of(v.begin(), v.end(),
                              [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
    return lower ? title_case(v) : v;
}

// ---------------------------------------------------------------- paragraphs

// Paragraphs from lines[i...]: blank-line separated when the text has blank lines (lines
// inside a paragraph are joined), else one paragraph per line.
namespace {
// Which lines of a text with blank lines keep the line break before them: those inside a
// paragraph of three or more lines that are all short (under six tenths of the text's
// widest line, `width`) but perhaps its last, a table of results, an address or a list,
// made on purpose; other paragraphs were wrapped, and their lines are joined.
std::vector<char> kept_breaks(const std::vector<std::string_view>& lines, std::size_t from,
                              std::size_t width) {
    std::vector<char> keep(lines.size(), 0);
    auto is_short = [&](std::size_t k) { return trim(lines[k]).size() * 10 < width * 6; };
    for (std::size_t first = from; first < lines.size();) {
        if (trim(lines[first]).empty()) {
            ++first;
            continue;
        }
        std::size_t end = first;  // one past the paragraph's last line
        bool all_short = true;
        while (end < lines.size() && !trim(lines[end]).empty()) {
            if (end + 1 < lines.size() && !trim(lines[end + 1]).empty() && !is_short(end))
                all_short = false;
            ++end;
        }
        if (end >= first + 3 && all_short)
            for (std::size_t k = first + 1; k < end; ++k) keep[k] = 1;
        first = end;
    }
    return keep;
}
}  // namespace

std::vector<std::string> collect_paragraphs(const std::vector<std::string_view>& lines,
                                            std::size_t i) {
    std::vector<std::string> paragraphs;
    bool blank_separated = false;
    for (std::size_t j = i; j < lines.size(); ++j)
        if (trim(lines[j]).empty()) blank_separated = true;
    // Hard-wrapped text without blank lines (wire copy: most lines near the same width,
    // paragraphs indented): lines are joined, a paragraph starts at an indented line or
    // after a short line that ends a sentence.
    std::size_t width = 0, long_lines = 0, count = 0;
    for (std::size_t j = i; j < lines.size(); ++j) width = std::max(width, trim(lines[j]).size());
    for (std::size_t j = i; j + 1 < lines.size(); ++j, ++count)
        if (trim(lines[j]).size() * 10 >= width * 6) ++long_lines;
    const bool wrapped = !blank_separated && width >= 40 && width <= 100 && count >= 2 &&
                         long_lines * 10 >= count * 6;
    const std::vector<char> keep =
        blank_separated ? kept_breaks(lines, i, width) : std::vector<char>(lines.size(), 0);
    std::string current;
    for (; i < lines.size(); ++i) {
        std::string_view l = trim(lines[i]);
        if (wrapped) {
            bool indented = !lines[i].empty() && (lines[i][0] == ' ' || lines[i][0] == '\t');
            bool after_short = !current.empty() && i > 0 &&
                               trim(lines[i - 1]).size() * 10 < width * 6 &&
                               ends_like_sentence(trim(lines[i - 1]));
            if ((indented || after_short) && !current.empty())
                paragraphs.push_back(std::move(current));
            if (indented || after_short) current.clear();
            if (!current.empty()) current += ' ';
            current += l;
            continue;
        }
        if (l.empty() || !blank_separated) {
            if (!l.empty()) current = l;
            if (!current.empty()) paragraphs.push_back(std::move(current));
            current.clear();
            continue;
        }
        if (!current.empty()) current += keep[i] ? '\n' : ' ';
        current += l;
    }
    if (!current.empty()) paragraphs.push_back(std::move(current));
    return paragraphs;
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) {
        if (!out.empty()) out += "\n\n";
        out += p;
    }
    return out;
}

}  // namespace

// Body text of a JSON record: paragraphs normalised the same way as plain text.
std::string normalise_body(std::string_view text) {
    std::string clean = strip_bom_and_crlf(text);
    std::vector<std::string_view> lines = split_lines(clean);
    return join_paragraphs(collect_paragraphs(lines, 0));
}

}  // namespace reader_detail

using namespace reader_detail;

std::string derive_title(std::string_view body) {
    std::string_view first = body.substr(0, body.find("\n"));
    if (auto dl = parse_dateline(first)) {
        // drop "ISLAMABAD: " so the title starts with the news
        static const std::regex sep(R"(^.*?(?::|--|-|\xE2\x80\x94|\xE2\x80\x93)\s+)");
        std::string s(first.substr(0, 200));
        std::smatch m;
        if (std::regex_search(s, m, sep))
            first.remove_prefix(static_cast<std::size_t>(m.length(0)));
    }
    std::size_t end = std::string_view::npos;
    for (std::size_t i = 0; i + 1 < first.size(); ++i) {
        if ((first[i] == '.' || first[i] == '!' || first[i] == '?') && first[i + 1] == ' ' &&
            i > 20) {
            end = i;
            break;
        }
    }
    std::string_view sentence = trim(first.substr(0, end));
    constexpr std::size_t kMax = 100;
    if (sentence.size() <= kMax) return std::string(sentence);
    std::size_t cut = sentence.rfind(' ', kMax);
    if (cut == std::string_view::npos || cut < 40) cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
    return std::string(trim(sentence.substr(0, cut))) + "\xE2\x80\xA6";
}

Article parse_plain_text(std::string_view raw, const std::string& path) {
    Article a;
    a.path = path;
    a.id = path;
    std::string text = strip_bom_and_crlf(raw);
    std::vector<std::string_view> lines = split_lines(text);
    std::size_t i = 0;
    auto skip_blank = [&] {
        while (i < lines.size() && trim(lines[i]).empty()) ++i;
    };
    skip_blank();

    std::vector<std::string> paragraphs;
    bool blank_separated = false;
    for (std::size_t j = i; j < lines.size(); ++j)
        if (trim(lines[j]).empty()) blank_separated = true;
    static const std::regex date_header(R"(^date\s+(\d{4}-\d{1,2}-\d{1,2})\b)", std::regex::icase);
    if (i < lines.size()) {
        // Only the start of the line goes through std::regex: it recurses once per
        // character, and "(.*)$" over a long first line overflowed the stack.
        std::string_view first = trim(lines[i]);
        std::string head(first.substr(0, 200));
        std::smatch m;
        if (std::regex_search(head, m, date_header)) {
            a.date = parse_date(m[1].str());
            std::string rest(trim(first.substr(static_cast<std::size_t>(m.length(0)))));
            if (!rest.empty()) {
                if (looks_like_byline(rest))
                    a.byline = rest;
                else
                    paragraphs.push_back(rest);
            }
            ++i;
            skip_blank();
        }
    }
    // Title: a short line that does not end like a sentence, before the text proper.
    // In a file with blank lines, the title stands alone (a blank line follows it), so the
    // first line of a hard-wrapped paragraph is not taken for one.
    if (paragraphs.empty() && i + 1 < lines.size() &&
        (!blank_separated || trim(lines[i + 1]).empty())) {
        std::string_view cand = trim(lines[i]);
        if (looks_like_title(cand) && !parse_dateline(cand)) {
            a.title = cand;
            ++i;
        }
    }
    for (std::string& p : collect_paragraphs(lines, i)) paragraphs.push_back(std::move(p));

    if (!paragraphs.empty()) {
        if (auto src = parse_source_trailer(paragraphs.back())) {
            a.source = *src;
            paragraphs.pop_back();
        }
    }
    if (!paragraphs.empty()) {
        if (auto dl = parse_dateline(paragraphs.front())) {
            a.dateline = dl->place;
            if (!a.date) a.date = dl->date;
            if (a.source.empty()) a.source = dl->agency;
        }
    }
    a.body = join_paragraphs(paragraphs);
    if (a.title.empty() && !a.body.empty()) {
        a.title = derive_title(a.body);
        a.title_derived = true;
    }
    return a;
}

}  // namespace ndx
