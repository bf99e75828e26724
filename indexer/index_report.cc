// What ndx-index prints: the --dump records, the run's summary, --list-values and --stats.
#include <cstdio>
#include <filesystem>
#include <set>

#include "common/database.h"
#include "common/document.h"
#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/facet_ids.h"
#include "common/index_writer.h"
#include "common/metadata.h"
#include "indexer/index_steps.h"

namespace ndx {

// The --dump record: the contract score-facets and the tests rely on.
nlohmann::json dump_record(const Article& a, const Facets& f) {
    using nlohmann::json;
    json rec = {{"path", a.path},
                {"id", a.id},
                {"title", a.title},
                {"date", a.date ? json(a.date->iso()) : json(nullptr)},
                {"byline", a.byline.empty() ? json(nullptr) : json(a.byline)},
                {"dateline", a.dateline.empty() ? json(nullptr) : json(a.dateline)},
                {"source", a.source.empty() ? json(nullptr) : json(a.source)}};
    if (a.line) rec["line"] = a.line;
    json paths = json::array();
    for (Facet facet : kEntityFacets) {
        json names = json::array();
        for (const Entity& e : entities_of(f, facet)) {
            names.push_back(e.value);
            if (facet == Facet::Location) paths.push_back(location_path(e));
        }
        rec[std::string(facet_name(facet))] = std::move(names);
    }
    rec["location_path"] = std::move(paths);
    rec["evidence"] = facets_json(f);
    json statements = json::array();
    for (const Statement& s : f.statements)
        statements.push_back({{"speaker", s.speaker},
                              {"kind", s.kind},
                              {"paragraph", s.paragraph},
                              {"text", s.text}});
    rec["statements"] = std::move(statements);
    return rec;
}

// "1 file", "2 files"
std::string count_of(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string summary_counts(const IndexSummary& sum) {
    // Each article read once: new, updated, unchanged, or a duplicate id (the last file
    // read wins; the article stays while any file holding its id remains).
    std::string line = std::to_string(sum.indexed) + " new, " + std::to_string(sum.replaced) +
                       " updated, " + std::to_string(sum.same) + " unchanged, " +
                       std::to_string(sum.removed) + " removed";
    if (sum.duplicates)
        line += "; " + count_of(sum.duplicates, "duplicate id", "duplicate ids") + " across files";
    line += "; " + std::to_string(sum.failed) + " failed";
    if (sum.known_failed)
        line += " (and " + count_of(sum.known_failed, "file", "files") +
                " that failed before, unchanged: --retry-failed)";
    return line;
}

void list_values(const std::string& db, const std::string& facet, std::ostream& out) {
    std::optional<Facet> f;
    for (Facet e : kEntityFacets)
        if (facet_name(e) == facet) f = e;
    if (!f)
        throw UsageError("--list-values: '" + facet + "' is not one of speaker, location, group");
    std::vector<std::string> skipped;
    SearchTarget t = open_targets({db}, false, skipped);
    FacetCatalog& catalog = *t.catalog;
    std::set<std::string> names;
    for (const std::string& key : catalog.all_keys(*f))
        if (auto info = catalog.info(facet_id(*f, key)); info && !info->value.empty())
            names.insert(info->value);
    for (const std::string& n : names) out << n << "\n";
}

void print_stats(const std::string& db, std::ostream& out) {
    namespace fs = std::filesystem;
    std::vector<std::string> skipped;
    const Xapian::Database d = open_targets({db}, false, skipped).db;
    std::size_t files = 0;
    std::vector<std::string> failed;
    for (auto k = d.metadata_keys_begin(kFileMeta); k != d.metadata_keys_end(kFileMeta); ++k) {
        const std::string v = d.get_metadata(*k);
        if (v.empty()) continue;
        ++files;
        if (auto rec = parse_file_record(v); rec && rec->failed)
            failed.push_back(file_record_path(*k, v));
    }
    std::uintmax_t bytes = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(db, ec); !ec && it != fs::end(it);
         it.increment(ec))
        if (it->is_regular_file(ec)) bytes += it->file_size(ec);
    char size[32];
    std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(bytes) / 1e6);
    const std::string stemming = d.get_metadata(kStemmingKey);
    const std::string last = d.get_metadata(kLastRunMeta);
    out << "index       " << absolute_path(db) << "\n"
        << "articles    " << d.get_termfreq(kArticleTerm) << "\n"
        << "statements  " << d.get_termfreq(kStatementTerm) << "\n"
        << "files       " << files << " (" << failed.size() << " failed)\n"
        << "size        " << size << "\n"
        << "stemming    " << (stemming.empty() ? "some" : stemming) << "\n"
        << "schema      " << d.get_metadata(kSchemaKey) << "\n"
        << "last change " << (last.empty() ? "unknown" : last) << "\n";
    for (const std::string& f : failed) out << "failed      " << f << "\n";
}

}  // namespace ndx
