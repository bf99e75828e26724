// ndx-index's file loop: see index_command.h.
#include "indexer/index_command.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "common/document.h"
#include "common/error.h"
#include "common/index_writer.h"
#include "extract/extract.h"

namespace ndx {
namespace {

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
    return rec;
}

class Progress {
  public:
    Progress(bool on, std::ostream& err) : on_(on), err_(err) {}
    void update(std::size_t files, std::size_t total, std::size_t articles) {
        if (!on_) return;
        auto now = std::chrono::steady_clock::now();
        if (now - last_ < std::chrono::milliseconds(200) && files != total) return;
        last_ = now;
        err_ << "\rndx-index: " << files << "/" << total << " files, " << articles
             << " articles" << std::flush;
    }
    void done() {
        if (on_) err_ << "\r\x1b[K" << std::flush;
    }

  private:
    bool on_;
    std::ostream& err_;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace

IndexSummary run_index(const IndexOptions& opts, std::ostream& out, std::ostream& err) {
    const auto start = std::chrono::steady_clock::now();
    IndexSummary sum;
    auto report = [&](const InputIssue& issue) {
        ++sum.failed;
        err << "ndx-index: " << issue.describe() << "\n";
    };
    const std::vector<InputFile> files = list_inputs(opts.inputs, report);
    sum.files = files.size();

    const Gazetteer gazetteer = Gazetteer::load(opts.gazetteer);
    const Extractor extractor(gazetteer);
    DocumentBuilder builder;
    std::unique_ptr<IndexWriter> writer;
    if (!opts.dump) writer = std::make_unique<IndexWriter>(opts.db_path);

    Progress progress(opts.progress, err);
    std::size_t since_commit = 0, done_files = 0;
    for (const InputFile& file : files) {
        read_file(file.path, opts.read,
                  [&](Article&& a) {
                      Facets facets = extractor.extract(a);
                      if (opts.dump) {
                          out << dump_record(a, facets).dump() << "\n";
                          ++sum.indexed;
                          return;
                      }
                      if (writer->add(a, facets, builder.build(a, facets)))
                          ++sum.replaced;
                      else
                          ++sum.indexed;
                      if (++since_commit >= opts.batch_size) {
                          writer->commit();
                          since_commit = 0;
                      }
                  },
                  report);
        progress.update(++done_files, files.size(), sum.indexed + sum.replaced);
    }
    if (writer) writer->commit();
    progress.done();
    sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!opts.quiet && !opts.dump) {
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.2f", sum.seconds);
        err << "ndx-index: " << sum.indexed << " new, " << sum.replaced << " updated, "
            << sum.failed << " skipped with errors, from " << sum.files << " files in " << secs
            << " s; " << writer->doc_count() << " articles in '" << opts.db_path << "'\n";
    }
    return sum;
}

}  // namespace ndx
