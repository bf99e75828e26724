// ndx-index's work: a reader feeds parallel extraction workers through a bounded queue,
// and one writer applies their documents to the index in input order, committing in
// batches.  See index_command.h.
#include "indexer/index_command.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <map>
#include <array>
#include <atomic>
#include <sstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <variant>

#include "common/database.h"
#include "common/document.h"
#include "common/facet_catalog.h"
#include "common/facet_ids.h"
#include "common/error.h"
#include "common/facet_names.h"
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
    json statements = json::array();
    for (const Statement& s : f.statements)
        statements.push_back({{"speaker", s.speaker}, {"kind", s.kind},
                              {"paragraph", s.paragraph}, {"text", s.text}});
    rec["statements"] = std::move(statements);
    return rec;
}

std::string absolute_path(const std::string& p) {
    std::error_code ec;
    auto abs = std::filesystem::absolute(p, ec);
    return ec ? p : abs.lexically_normal().string();
}

// ------------------------------------------------------------------ pipeline items

// One article to extract (reader -> workers) and its result (workers -> writer).
struct ArticleItem {
    Article article;
    std::size_t file = 0;  // index into the file list
    Facets facets;
    // Owned through a pointer: Xapian's reference counts are not atomic, so the document
    // must change threads without being copied (a copy's release would race).
    std::unique_ptr<Xapian::Document> doc;
    std::unique_ptr<std::vector<Xapian::Document>> statements;
    std::string dump;
};

// The end of one input file: the writer then finishes its bookkeeping.
struct FileEnd {
    std::size_t file = 0;
    FileRecord record;
    bool had_issues = false;
    bool same_content = false;  // only the modification time changed: keep its articles
};

using Item = std::variant<ArticleItem, FileEnd>;

// A bounded FIFO between threads.
class Queue {
  public:
    explicit Queue(std::size_t cap) : cap_(cap) {}
    void push(std::pair<std::size_t, Item> x) {
        std::unique_lock lock(m_);
        not_full_.wait(lock, [&] { return q_.size() < cap_; });
        q_.push_back(std::move(x));
        not_empty_.notify_one();
    }
    std::optional<std::pair<std::size_t, Item>> pop() {
        std::unique_lock lock(m_);
        not_empty_.wait(lock, [&] { return !q_.empty() || closed_; });
        if (q_.empty()) return std::nullopt;
        auto x = std::move(q_.front());
        q_.pop_front();
        not_full_.notify_one();
        return x;
    }
    void close() {
        std::lock_guard lock(m_);
        closed_ = true;
        not_empty_.notify_all();
    }

  private:
    std::size_t cap_;
    std::deque<std::pair<std::size_t, Item>> q_;
    bool closed_ = false;
    std::mutex m_;
    std::condition_variable not_empty_, not_full_;
};

// Results arrive out of order from the workers; the writer takes them in sequence.
class Reorder {
  public:
    explicit Reorder(std::size_t window) : window_(window) {}
    void put(std::size_t seq, Item item) {
        std::unique_lock lock(m_);
        // bound memory: a worker far ahead waits for the writer to catch up
        room_.wait(lock, [&] { return seq < next_ + window_; });
        ready_.emplace(seq, std::move(item));
        arrived_.notify_all();
    }
    // The next item in sequence; nullopt once `total` items have been taken.
    std::optional<Item> take(const std::size_t* total, const bool* done_reading) {
        std::unique_lock lock(m_);
        arrived_.wait(lock, [&] {
            return ready_.count(next_) || (*done_reading && next_ >= *total);
        });
        auto it = ready_.find(next_);
        if (it == ready_.end()) return std::nullopt;
        Item x = std::move(it->second);
        ready_.erase(it);
        ++next_;
        room_.notify_all();
        return x;
    }
    void wake() {
        std::lock_guard lock(m_);
        arrived_.notify_all();
    }
    std::mutex& mutex() { return m_; }

  private:
    std::size_t window_;
    std::size_t next_ = 0;
    std::map<std::size_t, Item> ready_;
    std::mutex m_;
    std::condition_variable arrived_, room_;
};

// The progress line on stderr: bytes read (so one large file shows progress too), files
// and articles, redrawn at most five times a second; messages print above it.  Cleared
// with spaces rather than an escape sequence, so that TERM=dumb terminals show it right.
class Progress {
  public:
    Progress(bool on, std::ostream& err, std::uintmax_t total_bytes, std::size_t total_files)
        : on_(on), err_(err), total_bytes_(total_bytes), total_files_(total_files) {}
    void update(std::size_t files, std::size_t articles, std::uintmax_t bytes, bool force = false) {
        if (!on_) return;
        std::lock_guard lock(m_);
        auto now = std::chrono::steady_clock::now();
        if (!force && now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        char line[160];
        const double pct = total_bytes_ ? 100.0 * static_cast<double>(std::min(bytes, total_bytes_)) /
                                              static_cast<double>(total_bytes_)
                                        : 100.0;
        std::snprintf(line, sizeof line, "ndx-index: %3.0f%% of %.1f MB, %zu/%zu %s, %zu %s", pct,
                      static_cast<double>(total_bytes_) / 1e6, files, total_files_,
                      total_files_ == 1 ? "file" : "files", articles,
                      articles == 1 ? "article" : "articles");
        draw(line);
    }
    // A warning or error: on its own line above the progress line.
    void message(const std::string& text) {
        std::lock_guard lock(m_);
        const std::string shown = shown_;
        if (!shown.empty()) draw("");
        err_ << text << "\n";
        if (!shown.empty()) draw(shown);
        err_.flush();
    }
    void done() {
        std::lock_guard lock(m_);
        if (!shown_.empty()) draw("");
    }

  private:
    void draw(const std::string& line) {
        err_ << "\r" << line;
        if (line.size() < shown_.size())
            err_ << std::string(shown_.size() - line.size(), ' ') << "\r" << line;
        err_ << std::flush;
        shown_ = line;
    }
    bool on_;
    std::ostream& err_;
    std::uintmax_t total_bytes_;
    std::size_t total_files_;
    std::mutex m_;
    std::string shown_;
    std::chrono::steady_clock::time_point last_{};
};

// True when `path` holds no index yet (or an empty one).
bool is_new_index(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return true;
    if (std::filesystem::exists(std::filesystem::path(path) / kShardStub, ec)) return false;
    try {
        return Xapian::Database(path).get_doccount() == 0;
    } catch (const Xapian::Error&) {
        return false;  // let the writer report what is wrong with it
    }
}

// Metadata present in several parts: facet alias lists and value records are merged, the
// most values per slot is the largest; other keys hold the same value everywhere.
class MergeMetadata : public Xapian::Compactor {
  public:
    std::string resolve_duplicate_metadata(const std::string& key, size_t n,
                                           const std::string tags[]) override {
        if (key.rfind(kFacetAliasMeta, 0) == 0) {
            std::set<std::string> ids;
            for (size_t i = 0; i < n; ++i)
                for (std::size_t j = 0; j + 16 <= tags[i].size(); j += 17) ids.insert(tags[i].substr(j, 16));
            std::string out;
            for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
            return out;
        }
        if (key == kMaxValuesMeta) {
            std::array<std::size_t, 4> most{};
            for (size_t i = 0; i < n; ++i) {
                std::istringstream in(tags[i]);
                for (auto& m : most) {
                    std::size_t v = 0;
                    in >> v;
                    m = std::max(m, v);
                }
            }
            std::string out;
            for (std::size_t m : most) out += std::to_string(m) + " ";
            return out;
        }
        if (key.rfind(kFacetValueMeta, 0) == 0)  // every written form, the preferred shown
            return merge_value_records(std::vector<std::string>(tags, tags + n));
        return tags[0];
    }
};

// Merges the parts of a parallel build into the index at `target`, then removes them.
void merge_parts(const std::string& build_dir, const std::string& target) {
    namespace fs = std::filesystem;
    const std::string merged = target + ".ndx-merge";
    std::error_code ec;
    fs::remove_all(merged, ec);
    try {
        Xapian::Database parts(build_dir + "/" + kShardStub);
        MergeMetadata merge;
        parts.compact(merged, 0, 0, merge);
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot merge the parts of '" + target + "': " + e.get_description());
    }
    fs::remove_all(target, ec);  // nothing there, or an empty index
    fs::rename(merged, target, ec);
    if (ec) throw IndexError("cannot move the merged index to '" + target + "': " + ec.message());
    fs::remove_all(build_dir, ec);
}

// "1 file", "2 files"
std::string count_of(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

void count_added(IndexSummary& sum, IndexWriter::Added kind) {
    switch (kind) {
        case IndexWriter::Added::New: ++sum.indexed; break;
        case IndexWriter::Added::Updated: ++sum.replaced; break;
        case IndexWriter::Added::Unchanged: ++sum.same; break;
        case IndexWriter::Added::Duplicate: ++sum.duplicates; break;
    }
}

// Files inside an index or another Xapian database are not articles: they are left out,
// and each such database named once.
std::vector<InputFile> without_databases(std::vector<InputFile> files, const std::string& db_path,
                                         bool quiet, std::ostream& err) {
    namespace fs = std::filesystem;
    std::map<std::string, bool> dir_is_db;  // parent directory -> inside a database
    std::set<std::string> told;
    const std::string own = absolute_path(db_path);
    auto inside = [](const std::string& path, const std::string& dir) {
        return path.size() > dir.size() && path.rfind(dir, 0) == 0 && path[dir.size()] == '/';
    };
    std::vector<InputFile> kept;
    for (InputFile& f : files) {
        const std::string abs = absolute_path(f.path);
        const std::string dir = fs::path(abs).parent_path().string();
        auto it = dir_is_db.find(dir);
        if (it == dir_is_db.end()) {
            std::error_code ec;
            bool db = is_xapian_database(dir) || fs::exists(fs::path(dir) / kShardStub, ec) ||
                      fs::exists(fs::path(dir).parent_path() / kShardStub, ec);
            it = dir_is_db.emplace(dir, db).first;
        }
        std::string skipped;
        if (inside(abs, own) || inside(abs, own + ".ndx-build") || inside(abs, own + ".ndx-merge"))
            skipped = own;
        else if (it->second)
            skipped = dir;
        if (skipped.empty()) {
            kept.push_back(std::move(f));
        } else if (told.insert(skipped).second && !quiet) {
            err << "ndx-index: skipping '" << skipped << "': "
                << (skipped == own ? "the index being written" : "a Xapian database") << "\n";
        }
    }
    return kept;
}

IndexSummary run_index_once(const IndexOptions& opts, std::ostream& out, std::ostream& err) {
    const auto start = std::chrono::steady_clock::now();
    IndexSummary sum;
    // the progress line, once the files are known; messages print above it
    std::unique_ptr<Progress> progress = std::make_unique<Progress>(false, err, 0, 0);
    auto report = [&](const InputIssue& issue) { progress->message("ndx-index: " + issue.describe()); };
    if (!opts.dump) check_is_index(opts.db_path, false);
    std::vector<InputFile> listed = list_inputs(opts.inputs, [&](const InputIssue& i) {
        ++sum.failed;
        report(i);
    });
    const std::vector<InputFile> files =
        opts.dump ? std::move(listed) : without_databases(std::move(listed), opts.db_path, opts.quiet, err);
    sum.files = files.size();
    std::vector<std::string> abs_paths;
    for (const InputFile& f : files) abs_paths.push_back(absolute_path(f.path));

    const Gazetteer gazetteer = Gazetteer::load(opts.gazetteer);
    const Extractor extractor(gazetteer, opts.model == "none" ? nullptr
                                         : Tagger::load(opts.model.empty() ? Tagger::default_path(opts.gazetteer.data_dir)
                                                                           : opts.model));
    const std::size_t workers =
        opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
    // A large first build is written in parallel into temporary parts, merged at the end
    // with Xapian's compactor (one writer thread would be the bottleneck).
    std::uintmax_t input_bytes = 0;
    for (const InputFile& f : files) input_bytes += f.size;
    progress = std::make_unique<Progress>(opts.progress, err, input_bytes, files.size());
    // read by the progress line: bytes and files the reader is done with (an estimate
    // within a file, from the text of its articles)
    std::atomic<std::uintmax_t> bytes_done{0};
    std::atomic<std::size_t> files_done{0};
    // The parts of a build that was killed are resumed: its files recorded by every part
    // are not read again.
    const std::string build_dir = opts.db_path + ".ndx-build";
    const std::size_t left_parts =
        opts.dump || opts.shards > 1 ? 0 : IndexWriter::existing_parts(build_dir);
    const bool resume = left_parts > 0 && is_new_index(opts.db_path);
    const bool parallel_build = resume || (!opts.dump && workers > 1 && opts.shards <= 1 &&
                                           input_bytes >= opts.parallel_build_bytes &&
                                           is_new_index(opts.db_path));
    std::unique_ptr<IndexWriter> writer;
    if (parallel_build) {
        std::error_code ec;
        if (!resume) std::filesystem::remove_all(build_dir, ec);
        writer = std::make_unique<IndexWriter>(IndexWriter::build_parts(
            build_dir, resume ? left_parts : workers, opts.stemming));
    } else if (!opts.dump) {
        writer = std::make_unique<IndexWriter>(opts.db_path, opts.shards, opts.stemming);
        // parts left by a build killed after its merge, before their removal
        std::error_code ec;
        if (left_parts) std::filesystem::remove_all(build_dir, ec);
    }

    // Every gazetteer name works in ndx-search's filters (docs/facets.md).
    if (writer) writer->record_gazetteer(gazetteer_metadata(gazetteer));

    // What the last run recorded of each file, read now: once the writer thread starts,
    // only it may touch the database (Xapian objects are not thread-safe).
    std::vector<std::optional<FileRecord>> old_records(files.size());
    std::size_t resumed_files = 0;
    if (writer && !opts.full)
        for (std::size_t i = 0; i < files.size(); ++i) {
            old_records[i] = resume ? writer->file_record_in_every_part(abs_paths[i])
                                    : writer->file_record(abs_paths[i]);
            if (resume && old_records[i]) ++resumed_files;
        }
    if (resume && !opts.quiet)
        err << "ndx-index: resuming the build killed in '" << build_dir << "': "
            << count_of(resumed_files, "file", "files") << " of " << files.size()
            << " already indexed\n";

    Queue queue(256);
    Reorder reorder(1024);
    std::size_t total_items = 0;  // guarded by reorder.mutex()
    bool done_reading = false;

    // Workers: extract and build documents (or dump records).
    std::vector<std::thread> pool;
    for (std::size_t w = 0; w < workers; ++w) {
        pool.emplace_back([&] {
            DocumentBuilder builder(writer ? writer->stemming() : Stemming::All);
            while (auto next = queue.pop()) {
                auto& [seq, item] = *next;
                if (auto* a = std::get_if<ArticleItem>(&item)) {
                    a->facets = extractor.extract(a->article);
                    if (a->article.source.empty()) a->article.source = a->facets.source;
                    if (opts.dump) {
                        a->dump = dump_record(a->article, a->facets).dump();
                    } else {
                        a->doc = std::make_unique<Xapian::Document>(builder.build(
                            a->article, a->facets, file_term(abs_paths[a->file])));
                        a->statements = std::make_unique<std::vector<Xapian::Document>>();
                        for (std::size_t n = 0; n < a->facets.statements.size(); ++n)
                            a->statements->push_back(builder.build_statement(a->article, a->facets, n));
                    }
                }
                reorder.put(seq, std::move(item));
            }
        });
    }

    // Parallel build: one writer thread per part, fed in input order by the dispatcher.
    std::vector<std::unique_ptr<Queue>> part_queues;
    std::vector<std::thread> part_threads;
    std::vector<IndexSummary> part_sums(parallel_build ? writer->shard_count() : 0);
    std::mutex part_error_mutex;
    std::exception_ptr part_error;
    // A part is temporary (a crash discards it), so its commits only bound memory, and
    // their size is chosen for speed: while a part is small, small commits are cheaper
    // (Xapian buffers less); once its tables are large, every commit costs more and fewer,
    // larger ones win.  So a part commits every tenth of what it holds, from 500 articles
    // (or --batch, if smaller) up to --batch.  Measured on Reuters-21578: at 1x, 500 per
    // commit against 2000 took 7 % less CPU and 155 MB instead of 230 MB; at 16x, 2000
    // took 219 s and 500 took 258 s.
    const std::size_t part_batch_min = std::min<std::size_t>(opts.batch_size, 500);
    auto part_batch = [&](std::size_t held) {
        return std::clamp<std::size_t>(held / 10, part_batch_min, opts.batch_size);
    };
    for (std::size_t k = 0; k < part_sums.size(); ++k) {
        part_queues.push_back(std::make_unique<Queue>(256));
        part_threads.emplace_back([&, k] {
            std::size_t since_commit = 0, held = 0;
            while (auto next = part_queues[k]->pop()) {
                try {
                    if (auto* a = std::get_if<ArticleItem>(&next->second)) {
                        count_added(part_sums[k],
                                    writer->add(a->article, a->facets, *a->doc, *a->statements).kind);
                        ++held;
                        if (++since_commit >= part_batch(held)) {
                            writer->commit_shard(k);
                            since_commit = 0;
                        }
                    } else {
                        // (every part receives every file's end, after its articles)
                        const FileEnd& end = std::get<FileEnd>(next->second);
                        writer->set_part_file_record(k, abs_paths[end.file], end.record);
                    }
                } catch (...) {
                    std::lock_guard lock(part_error_mutex);
                    if (!part_error) part_error = std::current_exception();
                }
            }
            try {
                writer->commit_shard(k, true);
            } catch (...) {
                std::lock_guard lock(part_error_mutex);
                if (!part_error) part_error = std::current_exception();
            }
        });
    }

    // Writer: applies results in input order; commits every batch_size articles.
    std::exception_ptr writer_error;
    std::thread writer_thread([&] {
        try {
            std::size_t since_commit = 0, dispatched = 0;
            std::set<ArticleRef> written;  // where the current file's articles went
            auto show = [&](std::size_t articles, bool force = false) {
                progress->update(files_done, articles, bytes_done, force);
            };
            while (auto item = reorder.take(&total_items, &done_reading)) {
                if (parallel_build) {
                    if (auto* a = std::get_if<ArticleItem>(&*item)) {
                        part_queues[writer->shard_for(a->article.id)]->push({0, std::move(*item)});
                        show(++dispatched);
                    } else {
                        for (auto& q : part_queues) q->push({0, std::get<FileEnd>(*item)});
                    }
                    continue;
                }
                if (auto* a = std::get_if<ArticleItem>(&*item)) {
                    if (opts.dump) {
                        out << a->dump << "\n";
                        ++sum.indexed;
                        continue;
                    }
                    const IndexWriter::AddResult added =
                        writer->add(a->article, a->facets, *a->doc, *a->statements);
                    a->doc.reset();
                    a->statements.reset();
                    written.insert(added.where);
                    count_added(sum, added.kind);
                    show(sum.indexed + sum.replaced + sum.same + sum.duplicates);
                    if (++since_commit >= opts.batch_size) {
                        writer->commit();
                        since_commit = 0;
                    }
                    continue;
                }
                const FileEnd& end = std::get<FileEnd>(*item);
                if (writer) {
                    const std::string& path = abs_paths[end.file];
                    // Records gone from a changed file; a file with errors keeps its old
                    // articles (nothing lost) and is read again next run.
                    if (!end.had_issues && !end.record.failed && !end.same_content)
                        sum.removed += writer->remove_file_articles(path, written);
                    writer->set_file_record(path, end.record);
                }
                written.clear();
            }
            show(parallel_build ? dispatched : sum.indexed + sum.replaced + sum.same + sum.duplicates,
                 true);
            if (writer && !parallel_build) writer->commit(true);
            progress->done();
        } catch (...) {
            writer_error = std::current_exception();
            // keep the pipeline draining so the reader and workers can finish
            while (reorder.take(&total_items, &done_reading)) {
            }
        }
    });

    // Reader (this thread): unchanged files are skipped without reading them.
    std::size_t seq = 0;
    auto emit = [&](Item item) {
        {
            std::lock_guard lock(reorder.mutex());
            ++total_items;
        }
        queue.push({seq++, std::move(item)});
    };
    for (std::size_t i = 0; i < files.size(); ++i) {
        const InputFile& f = files[i];
        FileEnd end;
        end.file = i;
        end.record.size = f.size;
        end.record.mtime_ns = f.mtime_ns;
        const std::optional<FileRecord>& old = old_records[i];
        {
            // A file that failed before and has not changed since fails again: it was
            // reported then, and is counted apart (its record says so, --stats lists it).
            if (old && old->failed && old->size == f.size && old->mtime_ns == f.mtime_ns &&
                !opts.retry_failed) {
                ++sum.known_failed;
                bytes_done += f.size;
                ++files_done;
                continue;
            }
            if (old && !old->failed && old->size == f.size) {
                if (old->mtime_ns == f.mtime_ns) {
                    ++sum.unchanged;
                    bytes_done += f.size;
                    ++files_done;
                    continue;
                }
                // touched but maybe not changed: compare the content hash
                if (hash_file(f.path) == old->hash) {
                    ++sum.unchanged;
                    bytes_done += f.size;
                    ++files_done;
                    end.record.hash = old->hash;
                    end.same_content = true;
                    emit(std::move(end));
                    continue;
                }
            }
        }
        bool had_issues = false;
        std::size_t articles = 0;
        const std::uintmax_t before = bytes_done;
        std::uintmax_t in_file = 0;
        end.record.hash = read_file(
            f.path, opts.read,
            [&](Article&& a) {
                ++articles;
                in_file += a.body.size() + a.title.size();
                bytes_done = before + std::min(in_file, f.size);
                ArticleItem item;
                item.article = std::move(a);
                item.file = i;
                emit(std::move(item));
            },
            [&](const InputIssue& issue) {
                had_issues = true;
                ++sum.failed;
                report(issue);
            });
        end.had_issues = had_issues;
        end.record.failed = end.record.hash.empty() || (had_issues && articles == 0);
        bytes_done = before + f.size;
        ++files_done;
        emit(std::move(end));
    }
    queue.close();
    for (auto& t : pool) t.join();
    {
        std::lock_guard lock(reorder.mutex());
        done_reading = true;
    }
    reorder.wake();
    writer_thread.join();
    for (auto& q : part_queues) q->close();
    for (auto& t : part_threads) t.join();
    if (writer_error) std::rethrow_exception(writer_error);
    if (part_error) std::rethrow_exception(part_error);
    if (parallel_build) {
        for (const IndexSummary& p : part_sums) {
            sum.indexed += p.indexed;
            sum.replaced += p.replaced;
            sum.same += p.same;
            sum.duplicates += p.duplicates;
        }
        writer.reset();  // closes the parts
        merge_parts(build_dir, opts.db_path);
        writer = std::make_unique<IndexWriter>(opts.db_path);
    }

    // Files recorded under the given directories that no longer exist.
    if (writer && !opts.keep_deleted) {
        std::set<std::string> present(abs_paths.begin(), abs_paths.end());
        for (const std::string& input : opts.inputs) {
            std::error_code ec;
            if (std::filesystem::is_regular_file(input, ec)) continue;
            for (const std::string& path : writer->recorded_files(absolute_path(input))) {
                if (present.count(path) || std::filesystem::exists(path, ec)) continue;
                sum.removed += writer->remove_file_articles(path, {});
                writer->forget_file(path);
                ++sum.files_removed;
            }
        }
        writer->commit(true);
    }
    sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!opts.dump) {
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.2f", sum.seconds);
        // Each article read once: new, updated, unchanged, or a duplicate id (the last file
        // read wins; the article stays while any file holding its id remains).
        std::string line = std::to_string(sum.indexed) + " new, " + std::to_string(sum.replaced) +
                           " updated, " + std::to_string(sum.same) + " unchanged, " +
                           std::to_string(sum.removed) + " removed";
        if (sum.duplicates)
            line += "; " + count_of(sum.duplicates, "duplicate id", "duplicate ids") +
                    " across files";
        line += "; " + std::to_string(sum.failed) + " failed";
        if (sum.known_failed)
            line += " (and " + count_of(sum.known_failed, "file", "files") +
                    " that failed before, unchanged: --retry-failed)";
        line += "; " + std::to_string(sum.unchanged) + " of " +
                count_of(sum.files, "file", "files") + " unchanged; " +
                count_of(writer->doc_count(), "article", "articles") + " in '" +
                absolute_path(opts.db_path) + "' (" + secs + " s)";
        // (a run that changed no article leaves the index, and its revision, as it was)
        if (sum.indexed + sum.replaced + sum.duplicates + sum.removed > 0) {
            const std::time_t now = std::time(nullptr);
            char when[64];
            std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", std::gmtime(&now));
            writer->set_last_run(std::string(when) + ": " + line);
            writer->commit();
        }
        // The facet tables, written while the index is still locked (facet_table.h).
        writer->write_facet_tables();
        if (!opts.quiet) err << "ndx-index: " << line << "\n";
    }
    return sum;
}

}  // namespace

IndexSummary run_index(const IndexOptions& opts, std::ostream& out, std::ostream& err) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool new_index = !opts.dump && !fs::exists(opts.db_path, ec);
    // A first run that indexes nothing (or fails before any commit) leaves no empty index.
    auto remove_if_empty = [&] {
        if (!new_index || !fs::exists(opts.db_path, ec)) return false;
        try {
            if (Xapian::Database(opts.db_path).get_doccount() != 0) return false;
        } catch (const Xapian::Error&) {
            return false;
        }
        fs::remove_all(opts.db_path, ec);
        return true;
    };
    IndexSummary sum;
    try {
        sum = run_index_once(opts, out, err);
    } catch (...) {
        remove_if_empty();
        throw;
    }
    if (remove_if_empty() && !opts.quiet)
        err << "ndx-index: nothing was indexed, so no index was made at '" << opts.db_path
            << "'\n";
    return sum;
}

void list_values(const std::string& db, const std::string& facet, std::ostream& out) {
    std::optional<Facet> f;
    for (Facet e : kEntityFacets)
        if (facet_name(e) == facet) f = e;
    if (!f) throw UsageError("--list-values: '" + facet + "' is not one of speaker, location, group");
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
        const auto nl = v.find('\n');  // a long path is in the record, after a newline
        const std::string head = v.substr(0, nl);
        if (head.size() >= 7 && head.compare(head.size() - 7, 7, " failed") == 0)
            failed.push_back(nl == std::string::npos
                                 ? (*k).substr(std::char_traits<char>::length(kFileMeta))
                                 : v.substr(nl + 1));
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
