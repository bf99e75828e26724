// Unit tests for common/reader: plain-text parsing, JSON / JSON Lines records, issues,
// and directory walking.
#include "common/reader.h"

#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "common/article.h"
#include "common/error.h"
#include "common/facet_ids.h"
#include "common/normalize.h"
#include "indexer/file_list.h"

namespace fs = std::filesystem;

namespace {

const std::string kSampleCorpus = NDX_TEST_DATA "/../../sample-corpus/";
const std::string kArticles = NDX_TEST_DATA "/articles/";

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "cannot open " << path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string date_or_none(const std::optional<ndx::Date>& d) { return d ? d->iso() : "none"; }

std::size_t paragraph_count(const std::string& body) {
    if (body.empty()) return 0;
    std::size_t n = 1;
    for (std::size_t p = body.find("\n\n"); p != std::string::npos; p = body.find("\n\n", p + 2))
        ++n;
    return n;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Paragraph layout every article body must have, whatever the input looked like.
void check_body_shape(const ndx::Article& a) {
    CAPTURE(a.body);
    CHECK(a.body.find('\r') == std::string::npos);
    CHECK(a.body.find("\n\n\n") == std::string::npos);
    CHECK(a.body.find("\xEF\xBB\xBF") == std::string::npos);
    if (!a.body.empty()) {
        CHECK(a.body.front() != ' ');
        CHECK(a.body.front() != '\n');
        CHECK(a.body.back() != ' ');
        CHECK(a.body.back() != '\n');
    }
    CHECK_FALSE(ndx::invalid_utf8_offset(a.body).has_value());
    CHECK_FALSE(ndx::invalid_utf8_offset(a.title).has_value());
}

// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
  public:
    TempDir() {
        static std::atomic<unsigned> counter{0};
        auto now = std::chrono::steady_clock::now().time_since_epoch().count();
        path_ = fs::temp_directory_path() / ("ndx-reader-test-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(now) + "-" + std::to_string(counter++));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // Writes `bytes` to `name` (relative, parent directories created); returns the full path.
    std::string write(const std::string& name, std::string_view bytes) const {
        fs::path p = path_ / name;
        fs::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        REQUIRE(out.good());
        return p.string();
    }
    std::string path(const std::string& name = "") const {
        return name.empty() ? path_.string() : (path_ / name).string();
    }

  private:
    fs::path path_;
};

struct ReadResult {
    std::vector<ndx::Article> articles;
    std::vector<ndx::InputIssue> issues;
    std::string hash;
};

ReadResult read(const std::string& path, const ndx::ReadOptions& opts = {}) {
    ReadResult r;
    r.hash = ndx::read_file(
        path, opts, [&](ndx::Article&& a) { r.articles.push_back(std::move(a)); },
        [&](const ndx::InputIssue& i) { r.issues.push_back(i); });
    return r;
}

// One string per list, one item per line, so a failing CHECK shows the items.
std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += i + "\n";
    return out;
}

std::string describe_all(const std::vector<ndx::InputIssue>& issues) {
    std::vector<std::string> out;
    for (const auto& i : issues) out.push_back(i.describe());
    return join(out);
}

}  // namespace

// ====================================================================== sample corpus

TEST_CASE("reader: sample 000 - date header with byline, ISLAMABAD: dateline, courtesy trailer") {
    const std::string path = kSampleCorpus + "000_f938bd2c076c8621.txt";
    ReadResult r = read(path);
    REQUIRE(r.issues.empty());
    REQUIRE(r.articles.size() == 1);
    const ndx::Article& a = r.articles[0];
    CHECK(a.id == path);
    CHECK(a.path == path);
    CHECK(a.line == 0);
    CHECK(date_or_none(a.date) == "2023-01-01");
    CHECK(a.byline == "F.P. Report");
    CHECK(a.dateline == "Islamabad");
    CHECK(a.source == "Arab News");
    CHECK(a.url.empty());
    // No title line: the title comes from the first sentence, without "ISLAMABAD: ".
    CHECK(a.title_derived);
    CHECK(a.title ==
          "The US State Department said on Monday Washington would continue to ensure it "
          "\xE2\x80\x9C"
          "better assists\xE2\x80\x9D\xE2\x80\xA6");
    // The header and the trailer are not text; the dateline stays in the body.
    CHECK(starts_with(a.body, "ISLAMABAD: The US State Department said on Monday"));
    CHECK(ends_with(a.body, "No other group has claimed responsibility either."));
    CHECK(a.body.find("date 2023") == std::string::npos);
    CHECK(a.body.find("F.P. Report") == std::string::npos);
    CHECK(a.body.find("courtesy") == std::string::npos);
    CHECK(paragraph_count(a.body) == 9);
    check_body_shape(a);
    // parse_plain_text on the same bytes gives the same article.
    ndx::Article b = ndx::parse_plain_text(slurp(path), path);
    CHECK(b.body == a.body);
    CHECK(b.title == a.title);
}

TEST_CASE("reader: sample 002 - date header running straight into the first paragraph") {
    const std::string path = kSampleCorpus + "002_0b49c3ae744b756c.txt";
    ndx::Article a = ndx::parse_plain_text(slurp(path), path);
    CHECK(date_or_none(a.date) == "2023-10-03");
    CHECK(a.byline.empty());  // the rest of the line is the text, not a byline
    CHECK(a.dateline.empty());
    CHECK(a.source.empty());
    CHECK(starts_with(a.body,
                      "The United States on Monday said it will continue to work with Pakistan "
                      "to ensure it can better assist Islamabad in countering all forms of "
                      "violent extremism.\n\nResponding to a question"));
    CHECK(a.body.find("date 2023") == std::string::npos);
    CHECK(ends_with(a.body, "Of these, it said, 84 were civilians."));
    CHECK(paragraph_count(a.body) == 8);
    CHECK(a.title_derived);
    CHECK(a.title ==
          "The United States on Monday said it will continue to work with Pakistan to ensure it "
          "can better\xE2\x80\xA6");
    check_body_shape(a);
}

TEST_CASE("reader: sample 003 - title line, one paragraph per line, no date") {
    const std::string path = kSampleCorpus + "003_a0c83f3c0ccf7c09.txt";
    ndx::Article a = ndx::parse_plain_text(slurp(path), path);
    CHECK(a.title == "US reiterates commitment to supporting Pakistan in counterterrorism efforts");
    CHECK_FALSE(a.title_derived);
    CHECK_FALSE(a.date.has_value());
    CHECK(a.byline.empty());
    CHECK(a.dateline.empty());
    CHECK(a.source.empty());
    CHECK(starts_with(a.body, "The United States has reaffirmed its commitment"));
    CHECK(a.body.find("US reiterates commitment") == std::string::npos);
    // Lines are paragraphs when the file has no blank lines: 9 lines, one is the title.
    CHECK(paragraph_count(a.body) == 8);
    check_body_shape(a);
}

TEST_CASE("reader: sample 004 - ISLAMABAD: dateline without a date header") {
    const std::string path = kSampleCorpus + "004_dfd4e36ddf2bca27.txt";
    ndx::Article a = ndx::parse_plain_text(slurp(path), path);
    CHECK(a.dateline == "Islamabad");
    CHECK_FALSE(a.date.has_value());
    CHECK(a.byline.empty());
    CHECK(a.source.empty());
    CHECK(a.title_derived);  // the dateline line is not a title
    CHECK(a.title ==
          "The United States said on Monday it had promised to provide technical assistance to "
          "Pakistan along\xE2\x80\xA6");
    CHECK(starts_with(a.body, "ISLAMABAD: The United States said on Monday"));
    CHECK(ends_with(a.body,
                    "\xE2\x80\x9CI\xE2\x80\x99"
                    "d refer you to my colleagues at the "
                    "Pentagon.\xE2\x80\x9D"));
    CHECK(paragraph_count(a.body) == 11);
    check_body_shape(a);
}

TEST_CASE("reader: sample 001 - no title line, so the title is the first sentence") {
    const std::string path = kSampleCorpus + "001_bfc870eb016ba7c6.txt";
    ndx::Article a = ndx::parse_plain_text(slurp(path), path);
    CHECK(a.title_derived);
    CHECK(a.title ==
          "The United States Department of State has said that it values its relationship with "
          "Pakistan and\xE2\x80\xA6");
    CHECK_FALSE(a.date.has_value());
    CHECK(a.byline.empty());
    CHECK(a.dateline.empty());
    CHECK(a.source.empty());
    CHECK(starts_with(a.body, "The United States Department of State has said"));
    CHECK(paragraph_count(a.body) == 10);  // no line was taken as a title
    check_body_shape(a);
}

// ====================================================================== test articles

TEST_CASE("reader: header fields of the edge-case test articles") {
    struct Row {
        const char* file;
        const char* date;      // "none" when the article has none
        const char* dateline;  // compared ignoring case
        const char* source;
        const char* byline;
        const char* title;  // exact title, or the start of a derived one
        bool derived;
    };
    const Row rows[] = {
        {"001_peshawar_polio_ap.txt", "2024-03-03", "Peshawar", "AP", "", "Gunmen on a motorcycle",
         true},
        {"002_kurram_tribal_clashes_reuters.txt", "2024-07-29", "Parachinar", "Reuters",
         "By Ahmad Qureshi", "At least 36 people", true},
        {"003_iskp_campus_recruitment.txt", "2024-05-14", "Islamabad", "", "Our Staff Reporter",
         "The National Counter Terrorism Authority", true},
        {"004_north_waziristan_ispr.txt", "2023-12-16", "Rawalpindi", "", "",
         "Seven soldiers, including a major", true},
        {"006_mandera_bus_attack_ap.txt", "2023-06-13", "Nairobi", "AP", "",
         "Suspected al-Shabab extremists", true},
        {"007_colombia_eln_reported_speech.txt", "2023-09-19", "Bogot\xC3\xA1", "", "",
         "ELN attack in Arauca strains Colombia\xE2\x80\x99s peace talks", false},
        {"008_snb_rate_cut_zurich_bom.txt", "2024-03-21", "Z\xC3\xBCrich", "Reuters", "",
         "The Swiss National Bank surprised markets", true},
        {"009_wrexham_plymouth_football.txt", "2024-08-28", "Wrexham", "", "Sports Desk",
         "Wrexham snatch late win over Plymouth Argyle", false},
        {"010_manila_film_festival_crlf.txt", "2023-12-28", "Manila", "", "",
         "Films by first-time directors", true},
        {"011_lebanon_strike_dateline_only_reuters.txt", "2024-01-09", "Jerusalem", "Reuters", "",
         "An Israeli drone strike", true},
        {"012_turbat_naval_base_reported_speech.txt", "2024-03-27", "Quetta", "", "Staff Report",
         "Security forces repulsed an attack", true},
        {"013_sbp_rate_cut_business.txt", "2024-06-10", "Karachi", "Business Recorder",
         "Business Reporter", "The State Bank of Pakistan (SBP)", true},
        {"014_taliban_vice_law_no_date.txt", "none", "", "", "",
         "Taliban bar women\xE2\x80\x99s voices in public under new vice law", false},
        {"016_myanmar_paletwa_ap.txt", "2024-01-16", "Bangkok", "AP", "",
         "An ethnic minority armed group", true},
        {"017_mali_tinzaouaten_ap.txt", "2024-08-01", "Bamako", "AP", "",
         "Mali\xE2\x80\x99s military government", true},
        {"018_treasury_ttp_sanctions_ap.txt", "2023-11-14", "Washington", "AP", "",
         "The Biden administration", true},
        {"019_tigray_au_disarmament.json", "2023-11-03", "Addis Ababa", "Reuters", "Abebe Tesfaye",
         "AU says Ethiopia and Tigray leaders agree to speed up disarmament", false},
        {"020_petrobras_ceo_ousted.json", "2024-05-15", "Rio de Janeiro", "", "Mariana Costa",
         "Petrobras shares slide after Lula ousts chief executive Prates", false},
        {"021_di_khan_checkpost_no_date.json", "none", "Dera Ismail Khan", "", "",
         "Four policemen martyred in attack on D.I. Khan checkpost", false},
    };
    for (const Row& row : rows) {
        SUBCASE(row.file) {
            const std::string path = kArticles + row.file;
            ReadResult r = read(path);
            CHECK(describe_all(r.issues).empty());
            REQUIRE(r.articles.size() == 1);
            const ndx::Article& a = r.articles[0];
            CHECK(date_or_none(a.date) == std::string(row.date));
            CHECK(ndx::fold_case(a.dateline) == ndx::fold_case(row.dateline));
            CHECK(a.source == std::string(row.source));
            CHECK(a.byline == std::string(row.byline));
            CHECK(a.title_derived == row.derived);
            if (row.derived)
                CHECK(starts_with(a.title, row.title));
            else
                CHECK(a.title == std::string(row.title));
            check_body_shape(a);
        }
    }
}

TEST_CASE("reader: JSON Lines test file - ids, headlines, dates and datelines per record") {
    const std::string path = kArticles + "022_world_briefs.jsonl";
    ReadResult r = read(path);
    CHECK(describe_all(r.issues).empty());
    REQUIRE(r.articles.size() == 3);
    struct Row {
        const char* id;
        std::size_t line;
        const char* date;
        const char* dateline;
        const char* source;
        const char* title;
    };
    const Row rows[] = {
        {"brief-20240724-cbsl", 1, "2024-07-24", "Colombo", "Reuters",
         "Sri Lanka central bank cuts key rates by 25 basis points"},
        {"brief-20240802-kkh", 2, "2024-08-02", "Gilgit", "",
         "Karakoram Highway blocked for third day as landslides strand tourists"},
        // "2024-09-16T23:30:00-07:00": the date as written, in its own time zone.
        {"brief-20240916-culiacan", 3, "2024-09-16", "Culiac\xC3\xA1n", "AP",
         "Culiac\xC3\xA1n schools stay shut as Sinaloa Cartel factions fight on"},
    };
    for (std::size_t k = 0; k < 3; ++k) {
        CAPTURE(k);
        const ndx::Article& a = r.articles[k];
        CHECK(a.id == std::string(rows[k].id));
        CHECK(a.path == path);
        CHECK(a.line == rows[k].line);
        CHECK(date_or_none(a.date) == std::string(rows[k].date));
        CHECK(ndx::fold_case(a.dateline) == ndx::fold_case(rows[k].dateline));
        CHECK(a.source == std::string(rows[k].source));
        CHECK(a.title == std::string(rows[k].title));
        CHECK_FALSE(a.title_derived);
        check_body_shape(a);
    }
}

// ====================================================================== plain text, inline

TEST_CASE("reader: CRLF and lone CR line endings read like LF") {
    const std::string lf =
        "date 2024-01-02 Staff Reporter\n\nKARACHI: The first paragraph is here.\n\n"
        "The second paragraph.\n\ncourtesy : dawn\n";
    std::string crlf, cr;
    for (char c : lf) {
        if (c == '\n') {
            crlf += "\r\n";
            cr += '\r';
        } else {
            crlf += c;
            cr += c;
        }
    }
    ndx::Article want = ndx::parse_plain_text(lf, "a.txt");
    CHECK(want.byline == "Staff Reporter");
    CHECK(want.source == "Dawn");
    CHECK(want.dateline == "Karachi");
    CHECK(date_or_none(want.date) == "2024-01-02");
    CHECK(want.body == "KARACHI: The first paragraph is here.\n\nThe second paragraph.");
    for (const std::string* text : {&crlf, &cr}) {
        CAPTURE(*text);
        ndx::Article a = ndx::parse_plain_text(*text, "a.txt");
        CHECK(a.body == want.body);
        CHECK(a.byline == "Staff Reporter");  // no '\r' left on the header line
        CHECK(a.source == "Dawn");
        CHECK(a.dateline == "Karachi");
        CHECK(a.title == want.title);
        CHECK(date_or_none(a.date) == "2024-01-02");
        check_body_shape(a);
    }
}

TEST_CASE("reader: a UTF-8 byte order mark is not part of the first line") {
    SUBCASE("before a date header") {
        ndx::Article a = ndx::parse_plain_text(
            "\xEF\xBB\xBF"
            "date 2024-03-21\n\nBERN: The Swiss National Bank cut rates.\n",
            "b.txt");
        CHECK(date_or_none(a.date) == "2024-03-21");
        CHECK(a.dateline == "Bern");
        CHECK(a.body == "BERN: The Swiss National Bank cut rates.");
    }
    SUBCASE("before a title") {
        ndx::Article a = ndx::parse_plain_text(
            "\xEF\xBB\xBF"
            "Swiss central bank cuts rates\nThe bank cut its rate on Thursday.\n",
            "b.txt");
        CHECK(a.title == "Swiss central bank cuts rates");
        CHECK_FALSE(a.title_derived);
        CHECK(a.body == "The bank cut its rate on Thursday.");
    }
}

TEST_CASE("reader: a file without a trailing newline keeps its last paragraph and trailer") {
    SUBCASE("last paragraph") {
        ndx::Article a =
            ndx::parse_plain_text("date 2024-05-01\n\nFirst paragraph.\n\nLast words", "c.txt");
        CHECK(a.body == "First paragraph.\n\nLast words");
    }
    SUBCASE("source trailer") {
        ndx::Article a =
            ndx::parse_plain_text("date 2024-05-01\n\nFirst paragraph.\n\nSource: Dawn", "c.txt");
        CHECK(a.source == "Dawn");
        CHECK(a.body == "First paragraph.");
    }
}

TEST_CASE("reader: without a title line the title is derived from the first sentence") {
    ndx::Article a = ndx::parse_plain_text(
        "Officials said on Monday that the talks would resume next week. More was said.\n"
        "A second paragraph.\n",
        "d.txt");
    CHECK(a.title_derived);
    CHECK(a.title == "Officials said on Monday that the talks would resume next week");
    CHECK(a.body ==
          "Officials said on Monday that the talks would resume next week. More was said.\n\n"
          "A second paragraph.");
}

TEST_CASE("reader: a title line is taken only when it does not read like a sentence") {
    SUBCASE("short line then text") {
        ndx::Article a =
            ndx::parse_plain_text("Floods hit Swat valley\nRain fell for days.\n", "t.txt");
        CHECK(a.title == "Floods hit Swat valley");
        CHECK_FALSE(a.title_derived);
        CHECK(a.body == "Rain fell for days.");
    }
    SUBCASE("first line ends with a full stop") {
        ndx::Article a =
            ndx::parse_plain_text("Floods hit the Swat valley.\nRain fell for days.\n", "t.txt");
        CHECK(a.title_derived);
        CHECK(a.body == "Floods hit the Swat valley.\n\nRain fell for days.");
    }
    SUBCASE("a single line is the text, not a title") {
        ndx::Article a = ndx::parse_plain_text("Floods hit Swat valley", "t.txt");
        CHECK(a.body == "Floods hit Swat valley");
        CHECK(a.title == "Floods hit Swat valley");
        CHECK(a.title_derived);
    }
    SUBCASE("after a date header and a byline, before blank-separated paragraphs") {
        ndx::Article a = ndx::parse_plain_text(
            "date 2024-08-28 Sports Desk\n\nWrexham snatch late win\n\n"
            "WREXHAM, Wales \xE2\x80\x94 A stoppage-time header won it.\n\nSecond paragraph.\n",
            "t.txt");
        CHECK(a.byline == "Sports Desk");
        CHECK(a.title == "Wrexham snatch late win");
        CHECK_FALSE(a.title_derived);
        CHECK(a.dateline == "Wrexham");
        CHECK(starts_with(a.body, "WREXHAM, Wales"));
        CHECK(paragraph_count(a.body) == 2);
    }
}

TEST_CASE("reader: date header variants") {
    SUBCASE("date only") {
        ndx::Article a = ndx::parse_plain_text(
            "date 2023-12-16\n\nRAWALPINDI: Seven soldiers were martyred, the ISPR said.\n",
            "e.txt");
        CHECK(date_or_none(a.date) == "2023-12-16");
        CHECK(a.byline.empty());
        CHECK(a.dateline == "Rawalpindi");
        CHECK(a.body == "RAWALPINDI: Seven soldiers were martyred, the ISPR said.");
        CHECK(a.title == "Seven soldiers were martyred, the ISPR said.");
        CHECK(a.title_derived);
    }
    SUBCASE("leading space, capitalised keyword, one-digit month and day") {
        ndx::Article a =
            ndx::parse_plain_text("  Date 2024-3-5 Our Correspondent\n\nText here.\n", "e.txt");
        CHECK(date_or_none(a.date) == "2024-03-05");
        CHECK(a.byline == "Our Correspondent");
        CHECK(a.body == "Text here.");
    }
    SUBCASE("an impossible date is dropped, the byline kept") {
        ndx::Article a = ndx::parse_plain_text("date 2023-02-30 Staff\n\nBody text.\n", "e.txt");
        CHECK_FALSE(a.date.has_value());
        CHECK(a.byline == "Staff");
        CHECK(a.body == "Body text.");
    }
    SUBCASE("a date header and nothing else has no text") {
        ndx::Article a = ndx::parse_plain_text("date 2024-03-05\n", "e.txt");
        CHECK(date_or_none(a.date) == "2024-03-05");
        CHECK(a.body.empty());
        CHECK(a.title.empty());
    }
    SUBCASE("a line that merely starts with the word date is text") {
        ndx::Article a = ndx::parse_plain_text("Dates are sold in Quetta markets.\n", "e.txt");
        CHECK_FALSE(a.date.has_value());
        CHECK(a.body == "Dates are sold in Quetta markets.");
    }
}

TEST_CASE("reader: long lines never go whole through std::regex") {
    // Bug (SIGSEGV, stack overflow): libstdc++'s std::regex recurses once per character it
    // matches, so a date header running into 1 MB of text on one line ("(.*)$"), or a last
    // paragraph "source: x" followed by 300,000 spaces, overflowed the stack.
    std::string words;
    for (int i = 0; i < 200000; ++i) words += "word ";
    ndx::Article a = ndx::parse_plain_text("date 2023-01-01 " + words + "\n", "long.txt");
    CHECK(date_or_none(a.date) == "2023-01-01");
    CHECK(a.body.size() == words.size() - 1);

    const std::string trailer = "source: ab" + std::string(300000, ' ') + "x";
    ndx::Article b = ndx::parse_plain_text("A title\n\nSome text.\n\n" + trailer + "\n", "t.txt");
    CHECK(b.source.empty());  // too long to be a trailer: it stays text
    CHECK(ends_with(b.body, trailer));
}

TEST_CASE("reader: datelines set place, agency and (without a header) the date") {
    struct Row {
        const char* text;
        const char* dateline;
        const char* source;
        const char* date;
        const char* title;  // derived: the dateline is not part of it
    };
    const Row rows[] = {
        {"QUETTA: Security forces repulsed an attack, officials said.", "Quetta", "", "none",
         "Security forces repulsed an attack, officials said."},
        {"DERA ISMAIL KHAN: Four policemen were killed, police said.", "Dera Ismail Khan", "",
         "none", "Four policemen were killed, police said."},
        {"LONDON (Reuters) - Britain's economy grew by 0.6% in the first quarter.", "London",
         "Reuters", "none", "Britain's economy grew by 0.6% in the first quarter."},
        {"NAIROBI, Kenya (AP) \xE2\x80\x94 Gunmen ambushed a bus on Tuesday.", "Nairobi", "AP",
         "none", "Gunmen ambushed a bus on Tuesday."},
        {"WASHINGTON, Nov. 14 (AP) \xE2\x80\x94 The Treasury imposed sanctions.", "Washington",
         "AP", "none", "The Treasury imposed sanctions."},
        {"COLOMBO, July 24 (Reuters) - The central bank cut rates on Wednesday.", "Colombo",
         "Reuters", "none", "The central bank cut rates on Wednesday."},
        {"PESHAWAR, Pakistan, March 3, 2024 (AP) \xE2\x80\x94 Gunmen shot and killed a policeman.",
         "Peshawar", "AP", "2024-03-03", "Gunmen shot and killed a policeman."},
        {"NEW YORK, March 5, 2024 (Reuters) - Stocks rose on Tuesday.", "New York", "Reuters",
         "2024-03-05", "Stocks rose on Tuesday."},
        {"LONDON, 5 March 2024 (Reuters) - Stocks fell on Tuesday.", "London", "Reuters",
         "2024-03-05", "Stocks fell on Tuesday."},
        {"Z\xC3\x9CRICH (Reuters) - The Swiss National Bank cut its main rate.", "Z\xC3\xBCrich",
         "Reuters", "none", "The Swiss National Bank cut its main rate."},
        {"The UN said: talks will resume on Monday in Geneva.", "", "", "none",
         "The UN said: talks will resume on Monday in Geneva."},
    };
    for (const Row& row : rows) {
        SUBCASE(row.text) {
            ndx::Article a =
                ndx::parse_plain_text(std::string(row.text) + "\n\nMore text.\n", "w.txt");
            CHECK(a.dateline == std::string(row.dateline));
            CHECK(a.source == std::string(row.source));
            CHECK(date_or_none(a.date) == std::string(row.date));
            CHECK(a.title == std::string(row.title));
            CHECK(a.title_derived);
            CHECK(starts_with(a.body, row.text));  // the dateline stays in the text
        }
    }
    SUBCASE("the date header wins over a date in the dateline") {
        ndx::Article a = ndx::parse_plain_text(
            "date 2024-03-04\n\nPESHAWAR, Pakistan, March 3, 2024 (AP) \xE2\x80\x94 Gunmen "
            "struck.\n",
            "w.txt");
        CHECK(date_or_none(a.date) == "2024-03-04");
    }
    SUBCASE("a source trailer wins over the dateline agency") {
        ndx::Article a = ndx::parse_plain_text(
            "LONDON (Reuters) - Stocks fell.\n\nMore text.\n\nCourtesy: Dawn\n", "w.txt");
        CHECK(a.source == "Dawn");
        CHECK(a.dateline == "London");
    }
    SUBCASE("only the first paragraph can be a dateline") {
        ndx::Article a = ndx::parse_plain_text(
            "Officials met on Monday.\n\nKARACHI: Later, talks resumed.\n", "w.txt");
        CHECK(a.dateline.empty());
    }
}

TEST_CASE("reader: source trailers") {
    struct Row {
        const char* last_line;
        const char* source;  // "" = not a trailer, stays in the body
    };
    const Row rows[] = {
        {"courtesy : arab news", "Arab News"},
        {"Courtesy: The Express Tribune", "The Express Tribune"},
        {"Source: Dawn", "Dawn"},
        {"SOURCE - APP", "APP"},
        {"via: AFP", "AFP"},
        {"Source: officials speaking on condition of anonymity told reporters in the capital "
         "city on Tuesday that the talks had stalled",
         ""},
        {"The source said the talks had stalled.", ""},
    };
    for (const Row& row : rows) {
        SUBCASE(row.last_line) {
            ndx::Article a = ndx::parse_plain_text(
                std::string("date 2024-01-01\n\nFirst paragraph.\n\n") + row.last_line + "\n",
                "s.txt");
            CHECK(a.source == std::string(row.source));
            if (*row.source)
                CHECK(a.body == "First paragraph.");
            else
                CHECK(ends_with(a.body, row.last_line));
        }
    }
}

TEST_CASE("reader: hard-wrapped paragraphs separated by blank lines are joined") {
    SUBCASE("after a dateline") {
        ndx::Article a = ndx::parse_plain_text(
            "ISLAMABAD: The government said on\nMonday that talks with the IMF\nwould resume.\n\n"
            "A second paragraph that is\nwrapped as well.\n",
            "h.txt");
        CHECK(a.dateline == "Islamabad");
        CHECK(a.body ==
              "ISLAMABAD: The government said on Monday that talks with the IMF would resume.\n\n"
              "A second paragraph that is wrapped as well.");
        CHECK(a.title == "The government said on Monday that talks with the IMF would resume.");
    }
    SUBCASE("after a title and a blank line") {
        ndx::Article a = ndx::parse_plain_text(
            "Talks with the IMF to resume\n\nThe government said on\nMonday that talks would\n"
            "resume.\n\nA second paragraph.\n",
            "h.txt");
        CHECK(a.title == "Talks with the IMF to resume");
        CHECK(a.body ==
              "The government said on Monday that talks would resume.\n\nA second paragraph.");
    }
    SUBCASE("no title, no dateline: the first wrapped line is not a title") {
        ndx::Article a = ndx::parse_plain_text(
            "The quick brown fox jumped over\nthe lazy dog and kept running.\n\n"
            "Second paragraph is here\nand wraps too.\n",
            "h.txt");
        CHECK(a.body ==
              "The quick brown fox jumped over the lazy dog and kept running.\n\n"
              "Second paragraph is here and wraps too.");
        CHECK(a.title_derived);
        CHECK(a.title == "The quick brown fox jumped over the lazy dog and kept running.");
    }
    SUBCASE("after a date header: the first wrapped line is not a title") {
        ndx::Article a = ndx::parse_plain_text(
            "date 2024-01-01\n\nThe quick brown fox jumped over\nthe lazy dog and kept running.\n\n"
            "Second paragraph.\n",
            "h.txt");
        CHECK(
            a.body ==
            "The quick brown fox jumped over the lazy dog and kept running.\n\nSecond paragraph.");
        CHECK(a.title_derived);
    }
    SUBCASE("extra blank lines and indentation do not make empty paragraphs") {
        ndx::Article a = ndx::parse_plain_text(
            "\n\n   \nKARACHI: One.\n\n\n\n   Two, indented.   \n\n\n", "h.txt");
        CHECK(a.body == "KARACHI: One.\n\nTwo, indented.");
    }
}

TEST_CASE("reader: empty and blank text gives no body and no title") {
    for (const char* text : {"", "\n", "   \n\t\n", "\xEF\xBB\xBF", "\r\n\r\n"}) {
        CAPTURE(text);
        ndx::Article a = ndx::parse_plain_text(text, "x.txt");
        CHECK(a.body.empty());
        CHECK(a.title.empty());
        CHECK_FALSE(a.title_derived);
        CHECK(a.id == "x.txt");
    }
}

TEST_CASE("reader: derive_title cuts long sentences at a word, with an ellipsis") {
    SUBCASE("short first sentence") {
        CHECK(ndx::derive_title("The talks resumed in Doha today. Then more.") ==
              "The talks resumed in Doha today");
    }
    SUBCASE("abbreviations early in the sentence do not end it") {
        CHECK(ndx::derive_title("Dr. Ahmed Khan told reporters the talks would resume. Next.") ==
              "Dr. Ahmed Khan told reporters the talks would resume");
    }
    SUBCASE("only the first paragraph is used") {
        CHECK(ndx::derive_title("No full stop here\n\nSecond paragraph.") == "No full stop here");
    }
    SUBCASE("dateline removed") {
        CHECK(ndx::derive_title("LAHORE: Multan Sultans won by six wickets. More.") ==
              "Multan Sultans won by six wickets");
    }
    SUBCASE("long sentence") {
        std::string body;
        for (int k = 0; k < 30; ++k) body += "word" + std::to_string(k) + " ";
        body += "end.";
        std::string t = ndx::derive_title(body);
        CAPTURE(t);
        CHECK(ends_with(t, "\xE2\x80\xA6"));
        CHECK(t.size() <= 100 + 3);
        CHECK(starts_with(body, t.substr(0, t.size() - 3)));
        CHECK(body[t.size() - 3] == ' ');  // cut at a word boundary
    }
    SUBCASE("a long word of multi-byte characters is not cut inside a character") {
        std::string body = "x";
        for (int k = 0; k < 80; ++k) body += "\xC3\xA9";  // é
        std::string t = ndx::derive_title(body);
        CAPTURE(t);
        CHECK_FALSE(ndx::invalid_utf8_offset(t).has_value());
        CHECK(ends_with(t, "\xE2\x80\xA6"));
        CHECK(t.size() <= 100 + 3);
    }
}

// ====================================================================== JSON

TEST_CASE("reader: .json object with title, content, date_published, author, link") {
    TempDir dir;
    const std::string path = dir.write("story.json", R"({
  "title": "  AU says disarmament will speed up  ",
  "content": "ADDIS ABABA (Reuters) - The African Union said on Thursday that talks went well.\r\n\r\n  Second paragraph.  \n\n\n\nThird paragraph.",
  "date_published": "2023-11-03",
  "author": "Abebe Tesfaye",
  "link": "https://news.example.org/africa/au"
})");
    ReadResult r = read(path);
    CHECK(describe_all(r.issues).empty());
    REQUIRE(r.articles.size() == 1);
    const ndx::Article& a = r.articles[0];
    CHECK(a.title == "AU says disarmament will speed up");
    CHECK_FALSE(a.title_derived);
    CHECK(a.body ==
          "ADDIS ABABA (Reuters) - The African Union said on Thursday that talks went well.\n\n"
          "Second paragraph.\n\nThird paragraph.");
    CHECK(date_or_none(a.date) == "2023-11-03");
    CHECK(a.byline == "Abebe Tesfaye");
    CHECK(a.url == "https://news.example.org/africa/au");
    CHECK(a.id == "https://news.example.org/africa/au");  // no id field: the url
    CHECK(a.path == path);
    CHECK(a.line == 0);
    CHECK(a.dateline == "Addis Ababa");
    CHECK(a.source == "Reuters");
    CHECK(r.hash == ndx::to_hex(ndx::fnv1a64(slurp(path))));
}

TEST_CASE("reader: .json with headline, body and an ISO publishedAt with an offset") {
    TempDir dir;
    const std::string path = dir.write("b.json", R"({
  "headline": "Cartel factions fight on",
  "body": "CULIACAN, Mexico (AP) \u2014 Schools stayed closed on Monday.",
  "publishedAt": "2024-09-16T23:30:00-07:00",
  "authors": ["Ana Lopez", {"name": "Mark Stevenson"}],
  "publisher": {"name": "The Associated Press"}
})");
    ReadResult r = read(path);
    CHECK(describe_all(r.issues).empty());
    REQUIRE(r.articles.size() == 1);
    const ndx::Article& a = r.articles[0];
    CHECK(a.title == "Cartel factions fight on");
    CHECK(a.body == "CULIACAN, Mexico (AP) \xE2\x80\x94 Schools stayed closed on Monday.");
    CHECK(date_or_none(a.date) == "2024-09-16");  // local date as written, not UTC
    CHECK(a.byline == "Ana Lopez, Mark Stevenson");
    CHECK(a.source == "The Associated Press");  // the record's source wins over "(AP)"
    CHECK(a.dateline == "Culiacan");
    CHECK(a.id == path);  // no id, no url
}

TEST_CASE("reader: JSON text is split into paragraphs the same way as plain text") {
    TempDir dir;
    const std::string text =
        "The government said on\nMonday that talks would resume.\n\nA second paragraph\nwrapped "
        "too.";
    const std::string path = dir.write(
        "wrapped.json",
        R"({"title": "T", "text": "The government said on\nMonday that talks would resume.\n\nA second paragraph\nwrapped too."})");
    ReadResult r = read(path);
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].body ==
          "The government said on Monday that talks would resume.\n\nA second paragraph wrapped "
          "too.");
    CHECK(r.articles[0].body == ndx::parse_plain_text("T\n\n" + text, "x.txt").body);

    SUBCASE("a paragraph of short lines keeps them: a table of results") {
        const std::string p3 = dir.write(
            "table.json",
            R"({"text": "LONDON - Results of English league matches played on Saturday, as the season opened in the rain:\n\nDivision one\nPreston 2 York 3\nBurnley 1 Bury 1\n\nMore on Sunday."})");
        ReadResult r3 = read(p3);
        REQUIRE(r3.articles.size() == 1);
        CHECK(r3.articles[0].body.find("Division one\nPreston 2 York 3\nBurnley 1 Bury 1") !=
              std::string::npos);
    }

    SUBCASE("lines without blank lines between them are paragraphs") {
        const std::string p2 = dir.write("lines.json", R"({"text": "One.\nTwo.\r\nThree."})");
        ReadResult r2 = read(p2);
        REQUIRE(r2.articles.size() == 1);
        CHECK(r2.articles[0].body == "One.\n\nTwo.\n\nThree.");
    }
}

TEST_CASE("reader: .json without a title derives one, and the date falls back to the dateline") {
    TempDir dir;
    const std::string path = dir.write(
        "c.json",
        R"({"text": "PESHAWAR, Pakistan, March 3, 2024 (AP) \u2014 Gunmen shot a policeman. More.", "date": null})");
    ReadResult r = read(path);
    REQUIRE(r.articles.size() == 1);
    const ndx::Article& a = r.articles[0];
    CHECK(a.title_derived);
    CHECK(a.title == "Gunmen shot a policeman");
    CHECK(date_or_none(a.date) == "2024-03-03");
    CHECK(a.dateline == "Peshawar");
    CHECK(a.source == "AP");
}

TEST_CASE("reader: .json array of records: ids by position, a bad record costs itself only") {
    TempDir dir;
    const std::string path = dir.write("arr.json", R"([
  {"title": "One", "text": "First story."},
  {"title": "Two", "text": "   "},
  {"title": "Three", "text": "Third story.", "id": "third"},
  "not an object",
  {"title": "Five", "text": "Fifth story."}
])");
    ReadResult r = read(path);
    REQUIRE(r.articles.size() == 3);
    CHECK(r.articles[0].id == path + "#1");
    CHECK(r.articles[1].id == "third");
    CHECK(r.articles[2].id == path + "#5");
    CHECK(r.articles[2].title == "Five");
    for (const auto& a : r.articles) CHECK(a.line == 0);
    std::vector<std::string> want = {
        path +
            ": record 2: record has no text (looked for text, content, body, article; map "
            "another with --field text=NAME)",
        path + ": record 4: expected a JSON object"};
    CHECK(describe_all(r.issues) == join(want));
}

TEST_CASE("reader: malformed .json gives one issue with the byte offset") {
    TempDir dir;
    const std::string path = dir.write("bad.json", "{\"title\": \"x\", \"text\": }");
    ReadResult r = read(path);
    CHECK(r.articles.empty());
    REQUIRE(r.issues.size() == 1);
    const ndx::InputIssue& i = r.issues[0];
    CHECK(i.path == path);
    CHECK(i.line == 0);
    CHECK(i.has_offset);
    CHECK(i.byte_offset == 23);  // the '}' where a value should be
    CHECK(starts_with(i.message, "invalid JSON: "));
    CHECK(starts_with(i.describe(), path + ": byte 23: invalid JSON: "));
}

TEST_CASE("reader: a .json number too large for a double is one issue") {
    // Bug (found by fuzz_json): nlohmann::json throws out_of_range, not parse_error, for
    // "1e400"; only parse_error was caught, and ndx-index aborted.
    TempDir dir;
    const std::string path = dir.write("big.json", R"({"text": "Big number.", "date": 1e400})");
    ReadResult r = read(path);
    CHECK(r.articles.empty());
    CHECK(describe_all(r.issues) ==
          path +
              ": unusable JSON: [json.exception.out_of_range.406] number overflow parsing "
              "'1e400'\n");
}

TEST_CASE("reader: .json nested too deeply is refused without crashing") {
    TempDir dir;
    std::string deep(5000, '[');
    deep += std::string(5000, ']');
    const std::string path = dir.write("deep.json", deep);
    ReadResult r = read(path);
    CHECK(r.articles.empty());
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].describe() == path + ": JSON nested deeper than 200 levels, skipped");
}

// ====================================================================== JSON Lines

TEST_CASE("reader: .jsonl - a good record, a malformed line, a record without text") {
    TempDir dir;
    const std::string line1 =
        R"({"id": "r1", "headline": "Rates cut", "text": "KARACHI: The SBP cut rates.", "published": "2024-06-10T10:00:00Z"})";
    const std::string line2 = R"({"id": "r2", "text": "unterminated)";
    const std::string line3 = R"({"id": "r3", "headline": "No text here", "text": ""})";
    const std::string path = dir.write("feed.jsonl", line1 + "\n" + line2 + "\n" + line3 + "\n");
    ReadResult r = read(path);
    REQUIRE(r.articles.size() == 1);
    const ndx::Article& a = r.articles[0];
    CHECK(a.id == "r1");
    CHECK(a.line == 1);
    CHECK(a.path == path);
    CHECK(a.title == "Rates cut");
    CHECK(a.body == "KARACHI: The SBP cut rates.");
    CHECK(date_or_none(a.date) == "2024-06-10");
    CHECK(a.dateline == "Karachi");

    REQUIRE(r.issues.size() == 2);
    CHECK(r.issues[0].path == path);
    CHECK(r.issues[0].line == 2);
    CHECK(r.issues[0].has_offset);
    CHECK(r.issues[0].byte_offset == line1.size() + 1);
    CHECK(starts_with(r.issues[0].message, "invalid JSON: "));
    CHECK(starts_with(r.issues[0].describe(),
                      path + ":2 (byte " + std::to_string(line1.size() + 1) + "): invalid JSON: "));
    CHECK(r.issues[1].line == 3);
    CHECK(r.issues[1].byte_offset == line1.size() + line2.size() + 2);
    CHECK(r.issues[1].describe() ==
          path + ":3 (byte " + std::to_string(line1.size() + line2.size() + 2) +
              "): record has no text (looked for text, content, body, article; map another "
              "with --field text=NAME)");
    CHECK(r.hash == ndx::to_hex(ndx::fnv1a64(slurp(path))));
}

TEST_CASE("reader: .jsonl ids - id field, else url, else path#line") {
    TempDir dir;
    const std::string path =
        dir.write("ids.jsonl",
                  "{\"id\": \"abc\", \"url\": \"https://x.example/1\", \"text\": \"One.\"}\n"
                  "{\"url\": \"https://x.example/2\", \"text\": \"Two.\"}\n"
                  "\n"
                  "{\"text\": \"Four.\"}\n"
                  "{\"id\": 42, \"text\": \"Five.\"}\n"
                  "{\"_id\": \"mongo-6\", \"text\": \"Six.\"}\n"
                  "{\"id\": \"\", \"link\": \"https://x.example/7\", \"text\": \"Seven.\"}\n"
                  "{\"id\": null, \"text\": \"Eight.\"}\n");
    ReadResult r = read(path);
    CHECK(describe_all(r.issues).empty());
    std::vector<std::string> ids;
    std::vector<std::string> lines;
    for (const auto& a : r.articles) {
        ids.push_back(a.id);
        lines.push_back(std::to_string(a.line));
    }
    std::vector<std::string> want_ids = {"abc",     "https://x.example/2", path + "#4", "42",
                                         "mongo-6", "https://x.example/7", path + "#8"};
    std::vector<std::string> want_lines = {"1", "2", "4", "5", "6", "7", "8"};
    CHECK(join(ids) == join(want_ids));
    CHECK(join(lines) == join(want_lines));  // blank lines count
    REQUIRE(r.articles.size() == 7);
    CHECK(r.articles[0].url == "https://x.example/1");
}

TEST_CASE("reader: .jsonl with CRLF line endings and a byte order mark") {
    TempDir dir;
    const std::string path = dir.write("crlf.jsonl",
                                       "\xEF\xBB\xBF{\"id\": \"a\", \"text\": "
                                       "\"First.\"}\r\n{\"id\": \"b\", \"text\": \"Second.\"}\r\n");
    ReadResult r = read(path);
    CHECK(describe_all(r.issues).empty());
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[0].id == "a");
    CHECK(r.articles[0].body == "First.");
    CHECK(r.articles[1].id == "b");
    CHECK(r.articles[1].line == 2);
}

TEST_CASE("reader: .jsonl invalid UTF-8 costs its record, at its offset in the file") {
    TempDir dir;
    SUBCASE("on line 2") {
        const std::string l1 = R"({"text": "Good one."})";
        const std::string l2 = "{\"text\": \"bad \xFF byte\"}";
        const std::string path =
            dir.write("u.jsonl", l1 + "\n" + l2 + "\n{\"text\": \"Good three.\"}\n");
        ReadResult r = read(path);
        REQUIRE(r.articles.size() == 2);
        CHECK(r.articles[1].line == 3);
        REQUIRE(r.issues.size() == 1);
        std::size_t off = l1.size() + 1 + l2.find('\xFF');
        CHECK(r.issues[0].line == 2);
        CHECK(r.issues[0].byte_offset == off);
        CHECK(r.issues[0].describe() ==
              path + ":2 (byte " + std::to_string(off) + "): not valid UTF-8, record skipped");
    }
    SUBCASE("on line 1 after a byte order mark") {
        const std::string l1 = "\xEF\xBB\xBF{\"text\": \"bad \xFF byte\"}";
        const std::string path = dir.write("bom.jsonl", l1 + "\n");
        ReadResult r = read(path);
        CHECK(r.articles.empty());
        REQUIRE(r.issues.size() == 1);
        CHECK(r.issues[0].line == 1);
        CHECK(r.issues[0].byte_offset == l1.find('\xFF'));  // counted from the file's start
    }
}

TEST_CASE("reader: .jsonl records that are not objects, or whose fields have odd types") {
    TempDir dir;
    const std::string path =
        dir.write("odd.jsonl",
                  "[1, 2, 3]\n"
                  "{\"text\": {\"value\": \"Nested text.\"}, \"title\": 7}\n"
                  "{\"text\": \"Has a date object.\", \"date\": {\"when\": \"2024-01-01\"}}\n");
    ReadResult r = read(path);
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].line == 1);
    CHECK(r.issues[0].describe() == path + ":1 (byte 0): expected a JSON object");
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[0].body == "Nested text.");
    CHECK(r.articles[0].title == "7");
    CHECK_FALSE(r.articles[1].date.has_value());
}

// ====================================================================== field mapping

TEST_CASE("reader: --field mappings take precedence over the built-in names") {
    TempDir dir;
    const std::string path = dir.write(
        "m.jsonl",
        R"({"text": "Teaser only.", "story": "The full story.", "meta": {"pub_ts": 1700000000, "kicker": "Mapped title"}, "date": "2020-01-01"})"
        "\n");
    ndx::ReadOptions opts;
    ndx::add_field_mapping(opts, "text=story");
    ndx::add_field_mapping(opts, "date=meta.pub_ts");
    ndx::add_field_mapping(opts, "title=meta.kicker");
    ReadResult r = read(path, opts);
    CHECK(describe_all(r.issues).empty());
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].body == "The full story.");
    CHECK(date_or_none(r.articles[0].date) == "2023-11-14");  // 1700000000 s, not 2020-01-01
    CHECK(r.articles[0].title == "Mapped title");

    SUBCASE("without mappings the built-in names are used") {
        ReadResult plain = read(path);
        REQUIRE(plain.articles.size() == 1);
        CHECK(plain.articles[0].body == "Teaser only.");
        CHECK(date_or_none(plain.articles[0].date) == "2020-01-01");
    }
}

TEST_CASE("reader: a mapped field that is missing falls back to the next mapping, then built-ins") {
    TempDir dir;
    const std::string path = dir.write("f.jsonl", R"({"text": "Body.", "b": {"c": "2024-02-29"}})"
                                                  "\n"
                                                  R"({"text": "Body.", "date": "2023-05-06"})"
                                                  "\n");
    ndx::ReadOptions opts;
    ndx::add_field_mapping(opts, "date=a.missing");
    ndx::add_field_mapping(opts, "date=b.c");
    ReadResult r = read(path, opts);
    REQUIRE(r.articles.size() == 2);
    CHECK(date_or_none(r.articles[0].date) == "2024-02-29");
    CHECK(date_or_none(r.articles[1].date) == "2023-05-06");
}

TEST_CASE("reader: add_field_mapping accepts aliases and rejects bad specs with UsageError") {
    SUBCASE("aliases") {
        ndx::ReadOptions opts;
        ndx::add_field_mapping(opts, "body=story_body");
        ndx::add_field_mapping(opts, "content=x");
        ndx::add_field_mapping(opts, "byline=writer_name");
        CHECK(opts.field_map.count("text") == 2);
        CHECK(opts.field_map.count("author") == 1);
        CHECK(opts.field_map.find("author")->second == "writer_name");
    }
    SUBCASE("bad specs") {
        struct Row {
            const char* spec;
            const char* message;
        };
        const Row rows[] = {
            {"text", "--field expects NAME=JSONKEY, got 'text'"},
            {"=story", "--field expects NAME=JSONKEY, got '=story'"},
            {"text=", "--field expects NAME=JSONKEY, got 'text='"},
            {"", "--field expects NAME=JSONKEY, got ''"},
            {"colour=story",
             "--field: unknown field 'colour' (known: id, title, text, date, author, source, url)"},
        };
        for (const Row& row : rows) {
            CAPTURE(row.spec);
            ndx::ReadOptions opts;
            CHECK_THROWS_WITH_AS(ndx::add_field_mapping(opts, row.spec), row.message,
                                 ndx::UsageError);
            CHECK(opts.field_map.empty());
        }
    }
}

TEST_CASE("reader: epoch-number dates in JSON records (seconds and milliseconds)") {
    struct Row {
        const char* json_date;
        const char* date;
    };
    const Row rows[] = {
        {"1700000000", "2023-11-14"},
        {"1700000000000", "2023-11-14"},
        {"1700000000.5", "2023-11-14"},
        {"0", "1970-01-01"},
        {"\"1700000000\"", "none"},  // a string of digits is not a date
        {"\"2024-03-05T23:30:00-05:00\"", "2024-03-05"},
        {"\"Tue, 05 Mar 2024 10:00:00 GMT\"", "2024-03-05"},
        {"\"yesterday\"", "none"},
        {"true", "none"},
    };
    TempDir dir;
    for (const Row& row : rows) {
        SUBCASE(row.json_date) {
            const std::string path = dir.write(
                "e.json", std::string(R"({"text": "Body text.", "date": )") + row.json_date + "}");
            ReadResult r = read(path);
            CHECK(describe_all(r.issues).empty());
            REQUIRE(r.articles.size() == 1);
            CHECK(date_or_none(r.articles[0].date) == std::string(row.date));
        }
    }
}

// ====================================================================== bad files

TEST_CASE("reader: a file that is not valid UTF-8 gives one issue with the byte offset") {
    TempDir dir;
    for (const char* name : {"latin1.txt", "latin1.json"}) {
        SUBCASE(name) {
            const std::string bytes = "{\"text\": \"Caf\xE9 owners protested.\"}";  // Latin-1 é
            const std::string path = dir.write(name, bytes);
            ReadResult r = read(path);
            CHECK(r.articles.empty());
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].has_offset);
            CHECK(r.issues[0].byte_offset == 13);
            CHECK(r.issues[0].line == 0);
            CHECK(r.issues[0].describe() == path + ": byte 13: not valid UTF-8, skipped");
            CHECK(r.hash == ndx::to_hex(ndx::fnv1a64(bytes)));
        }
    }
}

TEST_CASE("reader: a file with a NUL byte is binary: one issue, no article") {
    TempDir dir;
    const std::string bytes = std::string("PK\x03\x04", 4) + std::string(1, '\0') + "rest";
    for (const char* name : {"archive.txt", "archive.json", "archive.jsonl"}) {
        SUBCASE(name) {
            const std::string path = dir.write(name, bytes);
            ReadResult r = read(path);
            CHECK(r.articles.empty());
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].describe() == path + ": byte 4: binary file (NUL byte), skipped");
            CHECK(r.issues[0].message.find("binary") != std::string::npos);
        }
    }
}

TEST_CASE("reader: an empty or blank file gives one issue, no article") {
    TempDir dir;
    struct Row {
        const char* name;
        const char* bytes;
        const char* message;
    };
    const Row rows[] = {
        {"empty.txt", "", "empty file, skipped"},
        {"blank.txt", " \n\r\n\t\n", "empty file, skipped"},
        {"bom.txt", "\xEF\xBB\xBF", "no article text, skipped"},
        {"empty.json", "", "empty file, skipped"},
        {"blank.json", "\n\n", "empty file, skipped"},
        {"empty.jsonl", "", "empty file, skipped"},
        {"blank.jsonl", "\n  \n", "empty file, skipped"},
    };
    for (const Row& row : rows) {
        SUBCASE(row.name) {
            const std::string path = dir.write(row.name, row.bytes);
            ReadResult r = read(path);
            CHECK(r.articles.empty());
            CHECK(describe_all(r.issues) == path + ": " + row.message + "\n");
        }
    }
}

TEST_CASE("reader: a text file with a date header and no text is skipped with an issue") {
    TempDir dir;
    const std::string path = dir.write("hdr.txt", "date 2024-01-01 Staff Reporter\n\n");
    ReadResult r = read(path);
    CHECK(r.articles.empty());
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].describe() == path + ": no article text, skipped");
}

TEST_CASE("reader: size limits - whole files over 64 MiB, JSON Lines lines over 16 MiB") {
    TempDir dir;
    SUBCASE("plain text over the limit is skipped before it is read") {
        const std::string path = dir.write("huge.txt", "");
        fs::resize_file(path, ndx::kMaxWholeFileBytes + 1);  // sparse: nothing written
        ReadResult r = read(path);
        CHECK(r.articles.empty());
        CHECK(r.hash.empty());
        CHECK(describe_all(r.issues) ==
              path + ": larger than 64 MiB, skipped (split it, or use JSON Lines)\n");
    }
    SUBCASE("a JSON Lines line over the limit costs that line only") {
        const std::string l1 = R"({"text": "First."})";
        std::string l2 = R"({"text": ")" + std::string(ndx::kMaxLineBytes, 'x') + R"("})";
        const std::string path = dir.write("long.jsonl", l1 + "\n" + l2 + "\n" +
                                                             R"({"text": "Third."})"
                                                             "\n");
        ReadResult r = read(path);
        REQUIRE(r.articles.size() == 2);
        CHECK(r.articles[1].line == 3);
        CHECK(describe_all(r.issues) == path + ":2 (byte " + std::to_string(l1.size() + 1) +
                                            "): line longer than 16 MiB, skipped\n");
    }
}

TEST_CASE("reader: a missing file gives a cannot-open issue and an empty hash") {
    TempDir dir;
    const std::string path = dir.path("nope.txt");
    ReadResult r = read(path);
    CHECK(r.articles.empty());
    CHECK(r.hash.empty());
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].describe() == path + ": cannot open: No such file or directory");
}

TEST_CASE("reader: read_file returns the FNV-1a hash of the file's bytes in every format") {
    TempDir dir;
    struct Row {
        const char* name;
        const char* bytes;
    };
    const Row rows[] = {
        {"h.txt", "A title\nSome text.\n"},
        {"h.json", "{\"text\": \"Some text.\"}"},
        {"h.jsonl", "{\"text\": \"Some text.\"}\n"},
        {"nonl.jsonl", "{\"text\": \"Some text.\"}"},
    };
    for (const Row& row : rows) {
        SUBCASE(row.name) {
            const std::string path = dir.write(row.name, row.bytes);
            ReadResult r = read(path);
            CHECK(r.articles.size() == 1);
            CHECK(r.hash.size() == 16);
            CHECK(r.hash == ndx::to_hex(ndx::fnv1a64(row.bytes)));
        }
    }
}

TEST_CASE("reader: the format follows the file name, case-insensitively") {
    TempDir dir;
    const std::string body = R"({"text": "KARACHI: Body.", "title": "T"})";
    SUBCASE(".JSON") {
        ReadResult r = read(dir.write("A.JSON", body));
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == "T");
    }
    SUBCASE(".ndjson") {
        ReadResult r = read(dir.write("a.ndjson", body + "\n"));
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].line == 1);
    }
    SUBCASE(".txt holding JSON is plain text") {
        ReadResult r = read(dir.write("a.txt", body));
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].body == body);
    }
}

// ====================================================================== issues

TEST_CASE("reader: InputIssue::describe formats") {
    ndx::InputIssue i;
    i.path = "in/a.jsonl";
    i.message = "boom";
    CHECK(i.describe() == "in/a.jsonl: boom");
    i.line = 7;
    CHECK(i.describe() == "in/a.jsonl:7: boom");
    i.has_offset = true;
    i.byte_offset = 120;
    CHECK(i.describe() == "in/a.jsonl:7 (byte 120): boom");
    i.line = 0;
    CHECK(i.describe() == "in/a.jsonl: byte 120: boom");
    i.byte_offset = 0;
    CHECK(i.describe() == "in/a.jsonl: byte 0: boom");
}

// ====================================================================== list_inputs

TEST_CASE("reader: list_inputs walks directories recursively, sorted, skipping hidden entries") {
    TempDir dir;
    dir.write("b.txt", "bb");
    dir.write("a.txt", "a");
    dir.write("a/z.txt", "zzz");
    dir.write("sub/deeper/d.json", "{}");
    dir.write("sub/c.txt", "c");
    dir.write(".hidden.txt", "h");
    dir.write(".git/objects/x.txt", "x");
    dir.write("sub/.cache/y.txt", "y");
    dir.write("explicit/.dotfile.txt", "d");
    const std::string root = dir.path("");

    std::vector<ndx::InputIssue> issues;
    auto files = ndx::list_inputs({root}, [&](const ndx::InputIssue& i) { issues.push_back(i); });
    CHECK(describe_all(issues).empty());
    std::vector<std::string> got;
    for (const auto& f : files) got.push_back(fs::relative(f.path, root).string());
    // explicit/ holds only a hidden file; .git/ and sub/.cache/ are not entered.
    std::vector<std::string> want = {"a.txt", "a/z.txt", "b.txt", "sub/c.txt", "sub/deeper/d.json"};
    CHECK(join(got) == join(want));
    REQUIRE(files.size() == want.size());
    CHECK(files[0].size == 1);
    CHECK(files[1].size == 3);
    CHECK(files[2].size == 2);
    for (const auto& f : files) CHECK(f.mtime_ns != 0);
    CHECK(std::is_sorted(
        files.begin(), files.end(),
        [](const ndx::InputFile& x, const ndx::InputFile& y) { return x.path < y.path; }));
}

TEST_CASE("reader: list_inputs reports sizes and modification times in nanoseconds") {
    TempDir dir;
    const std::string older = dir.write("t/1-older.txt", "12345");
    const std::string newer = dir.write("t/2-newer.txt", "");
    const auto base = fs::last_write_time(older);
    fs::last_write_time(newer, base + std::chrono::seconds(90));
    for (bool walk : {true, false}) {
        CAPTURE(walk);
        std::vector<ndx::InputIssue> issues;
        auto files = walk ? ndx::list_inputs({dir.path("t")},
                                             [&](const ndx::InputIssue& i) { issues.push_back(i); })
                          : ndx::list_inputs({older, newer}, [&](const ndx::InputIssue& i) {
                                issues.push_back(i);
                            });
        CHECK(issues.empty());
        REQUIRE(files.size() == 2);
        CHECK(files[0].path == older);
        CHECK(files[0].size == 5);
        CHECK(files[1].size == 0);
        CHECK(files[1].mtime_ns - files[0].mtime_ns == 90'000'000'000LL);
    }
}

TEST_CASE("reader: list_inputs keeps argument order, names missing paths, takes files given") {
    TempDir dir;
    dir.write("d/2.txt", "2");
    dir.write("d/1.txt", "1");
    const std::string explicit_hidden = dir.write("other/.given.txt", "g");
    const std::string missing = dir.path("missing-dir");

    std::vector<ndx::InputIssue> issues;
    auto files = ndx::list_inputs({explicit_hidden, missing, dir.path("d")},
                                  [&](const ndx::InputIssue& i) { issues.push_back(i); });
    std::vector<std::string> got;
    for (const auto& f : files) got.push_back(f.path);
    std::vector<std::string> want = {explicit_hidden, dir.path("d") + "/1.txt",
                                     dir.path("d") + "/2.txt"};
    CHECK(join(got) == join(want));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].describe() == missing + ": no such file or directory");
}

TEST_CASE("reader: list_inputs refuses paths that are neither files nor directories") {
    std::vector<ndx::InputIssue> issues;
    auto files =
        ndx::list_inputs({"/dev/null"}, [&](const ndx::InputIssue& i) { issues.push_back(i); });
    CHECK(files.empty());
    CHECK(describe_all(issues) == "/dev/null: not a regular file or directory, skipped\n");
}

TEST_CASE("reader: list_inputs does not follow symbolic links to directories") {
    TempDir dir;
    dir.write("real/a.txt", "a");
    std::error_code ec;
    fs::create_directory_symlink(dir.path("real"), dir.path("tree/link"), ec);
    if (ec) {
        fs::create_directories(dir.path("tree"));
        fs::create_directory_symlink(dir.path("real"), dir.path("tree/link"), ec);
    }
    REQUIRE_FALSE(ec);
    dir.write("tree/b.txt", "b");
    std::vector<ndx::InputIssue> issues;
    auto files = ndx::list_inputs({dir.path("tree")},
                                  [&](const ndx::InputIssue& i) { issues.push_back(i); });
    CHECK(issues.empty());
    REQUIRE(files.size() == 1);
    CHECK(files[0].path == dir.path("tree") + "/b.txt");
}

TEST_CASE("reader: hard-wrapped wire copy without blank lines joins its lines") {
    // Reuters-style: lines wrapped near one width, paragraphs indented.
    const std::string text =
        "CLEVELAND, Feb 26 - Standard Oil Co and BP North America\n"
        "Inc said they plan to form a venture to manage the money market\n"
        "borrowing and investment activities of both companies.\n"
        "    BP North America is a subsidiary of British Petroleum Co\n"
        "Plc, which also owns a 55 pct interest in Standard Oil.\n";
    ndx::Article a = ndx::parse_plain_text(text, "wire.txt");
    CHECK(a.body ==
          "CLEVELAND, Feb 26 - Standard Oil Co and BP North America Inc said they plan to form a "
          "venture to manage the money market borrowing and investment activities of both "
          "companies.\n\nBP North America is a subsidiary of British Petroleum Co Plc, which also "
          "owns a 55 pct interest in Standard Oil.");
    CHECK(a.dateline == "Cleveland");
}

TEST_CASE("FileList keeps every listed path, size and time, whatever they share") {
    std::vector<ndx::InputFile> listed;
    const std::string deep = "/srv/" + std::string(300, 'x') + "/";  // lengths past 127
    const std::vector<std::string> names = {"a.json",     "a.json2", "ab", "b/c.txt", "b/c.txt",
                                            "b/d/é.json", "b/dé",    "c",  ""};
    std::int64_t t = 1;
    for (const std::string& dir : {std::string(), std::string("rel/"), deep})
        for (const std::string& n : names) {
            listed.push_back({dir + n, static_cast<std::uintmax_t>(listed.size() * 1000), t});
            t *= -3;
        }
    const std::vector<ndx::InputFile> copy = listed;
    const ndx::FileList files(std::move(listed));
    REQUIRE(files.size() == copy.size());
    std::uintmax_t bytes = 0;
    for (std::size_t i = 0; i < copy.size(); ++i) {
        CAPTURE(i);
        CHECK(files.path(i) == copy[i].path);
        const ndx::InputFile f = files[i];
        CHECK(f.path == copy[i].path);
        CHECK(f.size == copy[i].size);
        CHECK(f.mtime_ns == copy[i].mtime_ns);
        bytes += copy[i].size;
    }
    CHECK(files.bytes() == bytes);
    CHECK(ndx::FileList().size() == 0);
}
