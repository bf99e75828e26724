// ndx-index's work: a reader feeds parallel extraction workers through a bounded queue,
// and one writer applies their documents to the index in input order, committing in
// batches.  See index_command.h.
//
// A run (IndexRun::run) is a sequence of stages: list the input files, load the
// extractor, open the writer, read what the last run recorded of each file, start the
// workers (and, for a parallel first build, one writer per part), start the writer, read
// the inputs, drain the pipeline (and merge the parts), forget deleted files, and print
// the summary.
#include "indexer/index_command.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <variant>

#include "common/database.h"
#include "common/document.h"
#include "common/error.h"
#include "common/index_writer.h"
#include "extract/extract.h"
#include "indexer/index_run.h"
#include "indexer/index_steps.h"

namespace ndx {
namespace {

std::shared_ptr<const Tagger> load_tagger(const IndexOptions& opts) {
    if (opts.model == "none") return nullptr;
    return Tagger::load(opts.model.empty() ? Tagger::default_path(opts.gazetteer.data_dir)
                                           : opts.model);
}

}  // namespace

IndexSummary IndexRun::run() {
    list_files();
    const Gazetteer gazetteer = Gazetteer::load(opts_.gazetteer);
    const Extractor extractor(gazetteer, load_tagger(opts_));
    open_writer(gazetteer);
    read_old_records();
    start_workers(extractor);
    start_part_writers();
    start_writer();
    read_inputs();
    finish_pipeline();
    remove_deleted_files();
    finish_summary();
    return sum_;
}

// The input files, without the databases among them, and their absolute paths.
void IndexRun::list_files() {
    if (!opts_.dump) check_is_index(opts_.db_path, false);
    std::vector<InputFile> listed = list_inputs(opts_.inputs, [&](const InputIssue& i) {
        ++sum_.failed;
        report(i);
    });
    files_ = FileList(opts_.dump
                          ? std::move(listed)
                          : without_databases(std::move(listed), opts_.db_path, opts_.quiet, err_));
    sum_.files = files_.size();
    path_hashes_.reserve(files_.size());
    for (std::size_t i = 0; i < files_.size(); ++i) path_hashes_.push_back(fnv1a64(abs_path(i)));
}

// The writer: the index itself, or (a large first build, or one resumed) the parts of a
// parallel build; none for --dump.
void IndexRun::open_writer(const Gazetteer& gazetteer) {
    workers_ = opts_.threads ? opts_.threads : std::max(1u, std::thread::hardware_concurrency());
    // A large first build is written in parallel into temporary parts, merged at the end
    // with Xapian's compactor (one writer thread would be the bottleneck).
    const std::uintmax_t input_bytes = files_.bytes();
    progress_ = std::make_unique<Progress>(opts_.progress, err_, input_bytes, files_.size());
    // The parts of a build that was killed are resumed: its files recorded by every part
    // are not read again.
    build_dir_ = opts_.db_path + ".ndx-build";
    left_parts_ = opts_.dump || opts_.shards > 1 ? 0 : IndexWriter::existing_parts(build_dir_);
    resume_ = left_parts_ > 0 && is_new_index(opts_.db_path);
    parallel_build_ =
        resume_ || (!opts_.dump && workers_ > 1 && opts_.shards <= 1 &&
                    input_bytes >= opts_.parallel_build_bytes && is_new_index(opts_.db_path));
    if (parallel_build_) {
        std::error_code ec;
        if (!resume_) std::filesystem::remove_all(build_dir_, ec);
        writer_ = std::make_unique<IndexWriter>(
            IndexWriter::build_parts(build_dir_, resume_ ? left_parts_ : workers_, opts_.stemming));
    } else if (!opts_.dump) {
        writer_ = std::make_unique<IndexWriter>(opts_.db_path, opts_.shards, opts_.stemming);
        // Parts left by a build killed after its merge, before or while they were removed
        // (a removal cut short may have taken the list of parts and left some parts): with
        // nothing here to resume, whatever is left of the directory goes.
        std::error_code ec;
        if (std::filesystem::exists(build_dir_, ec)) std::filesystem::remove_all(build_dir_, ec);
    }
    // Every gazetteer name works in ndx-search's filters (docs/facets.md).  A parallel
    // build's first part writer records them as it starts (nothing else writes that part
    // before), so the reading and the extraction need not wait for it.
    if (parallel_build_)
        gazetteer_to_record_ = &gazetteer;
    else if (writer_)
        writer_->record_gazetteer(gazetteer_metadata(gazetteer));
}

// What the last run recorded of each file, read now: once the writer thread starts, only
// it may touch the database (Xapian objects are not thread-safe).
void IndexRun::read_old_records() {
    std::size_t resumed_files = 0;
    if (writer_ && !opts_.full)
        for (std::size_t i = 0; i < files_.size(); ++i) {
            const std::string path = abs_path(i);
            std::optional<FileRecord> old =
                resume_ ? writer_->file_record_in_every_part(path) : writer_->file_record(path);
            if (!old) continue;
            old_records_.emplace(i, std::move(*old));
            if (resume_) ++resumed_files;
        }
    if (resume_ && !opts_.quiet)
        err_ << "ndx-index: resuming the build killed in '" << build_dir_
             << "': " << count_of(resumed_files, "file", "files") << " of " << files_.size()
             << " already indexed\n";
}

void IndexRun::emit(Item item) {
    {
        std::lock_guard lock(reorder_.mutex());
        ++total_items_;
    }
    queue_.push({seq_++, std::move(item)});
}

// Reader (this thread): unchanged files are skipped without reading them.
void IndexRun::read_inputs() {
    for (std::size_t i = 0; i < files_.size(); ++i) {
        const InputFile f = files_[i];
        FileEnd end;
        end.file = i;
        end.record.size = f.size;
        end.record.mtime_ns = f.mtime_ns;
        if (skip_unchanged(i, end)) continue;
        read_input(i, end);
    }
}

// Whether file i is skipped: unchanged since the last run, or failed then and unchanged.
bool IndexRun::skip_unchanged(std::size_t i, FileEnd& end) {
    const InputFile f = files_[i];
    const auto found = old_records_.find(i);
    const FileRecord* old = found == old_records_.end() ? nullptr : &found->second;
    // A file that failed before and has not changed since fails again: it was reported
    // then, and is counted apart (its record says so, --stats lists it).
    if (old && old->failed && old->size == f.size && old->mtime_ns == f.mtime_ns &&
        !opts_.retry_failed) {
        ++sum_.known_failed;
        bytes_done_ += f.size;
        ++files_done_;
        return true;
    }
    if (!old || old->failed || old->size != f.size) return false;
    if (old->mtime_ns == f.mtime_ns) {
        ++sum_.unchanged;
        bytes_done_ += f.size;
        ++files_done_;
        return true;
    }
    // touched but maybe not changed: compare the content hash
    if (hash_file(f.path) != old->hash) return false;
    ++sum_.unchanged;
    bytes_done_ += f.size;
    ++files_done_;
    end.record.hash = old->hash;
    end.same_content = true;
    emit(std::move(end));
    return true;
}

void IndexRun::read_input(std::size_t i, FileEnd& end) {
    const InputFile f = files_[i];
    bool had_issues = false;
    std::size_t articles = 0;
    const std::uintmax_t before = bytes_done_;
    std::uintmax_t in_file = 0;
    end.record.hash = read_file(
        f.path, opts_.read,
        [&](Article&& a) {
            ++articles;
            in_file += a.body.size() + a.title.size();
            bytes_done_ = before + std::min(in_file, f.size);
            ArticleItem item;
            item.article = std::move(a);
            item.file = i;
            emit(std::move(item));
        },
        [&](const InputIssue& issue) {
            had_issues = true;
            ++sum_.failed;
            report(issue);
        });
    end.had_issues = had_issues;
    end.record.failed = end.record.hash.empty() || (had_issues && articles == 0);
    bytes_done_ = before + f.size;
    ++files_done_;
    emit(std::move(end));
}

// Waits for every thread, and merges the parts of a parallel build.
void IndexRun::finish_pipeline() {
    queue_.close();
    for (auto& t : pool_) t.join();
    {
        std::lock_guard lock(reorder_.mutex());
        done_reading_ = true;
    }
    reorder_.wake();
    writer_thread_.join();
    for (auto& q : part_queues_) q->close();
    for (auto& t : part_threads_) t.join();
    if (writer_error_) std::rethrow_exception(writer_error_);
    if (part_error_) std::rethrow_exception(part_error_);
    if (!parallel_build_) return;
    for (const IndexSummary& p : part_sums_) {
        sum_.indexed += p.indexed;
        sum_.replaced += p.replaced;
        sum_.same += p.same;
        sum_.duplicates += p.duplicates;
    }
    writer_.reset();  // closes the parts
    merge_parts(build_dir_, opts_.db_path);
    writer_ = std::make_unique<IndexWriter>(opts_.db_path);
}

// Files recorded under the given directories that no longer exist.
void IndexRun::remove_deleted_files() {
    if (!writer_ || opts_.keep_deleted) return;
    // the files of this run, by the hashes of their paths (8 bytes a file)
    std::vector<std::uint64_t> present = path_hashes_;
    std::sort(present.begin(), present.end());
    for (const std::string& input : opts_.inputs) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(input, ec)) continue;
        std::vector<std::string> gone;
        writer_->for_each_recorded_file(absolute_path(input), [&](const std::string& path) {
            if (!std::binary_search(present.begin(), present.end(), fnv1a64(path)) &&
                !std::filesystem::exists(path, ec))
                gone.push_back(path);
        });
        for (const std::string& path : gone) {
            sum_.removed += writer_->remove_file_articles(path, {});
            writer_->forget_file(path);
            ++sum_.files_removed;
        }
    }
    writer_->commit(true);
}

// The summary line, recorded as the last run's when the run changed the index, and the
// facet tables.
void IndexRun::finish_summary() {
    sum_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (opts_.dump) return;
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f", sum_.seconds);
    std::string line = summary_counts(sum_);
    line += "; " + std::to_string(sum_.unchanged) + " of " + count_of(sum_.files, "file", "files") +
            " unchanged; " + count_of(writer_->doc_count(), "article", "articles") + " in '" +
            absolute_path(opts_.db_path) + "' (" + secs + " s)";
    // (a run that changed no article leaves the index, and its revision, as it was)
    if (sum_.indexed + sum_.replaced + sum_.duplicates + sum_.removed > 0) {
        const std::time_t now = std::time(nullptr);
        char when[64];
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", std::gmtime(&now));
        writer_->set_last_run(std::string(when) + ": " + line);
        writer_->commit();
    }
    // The facet tables, written while the index is still locked (facet_table.h).
    writer_->write_facet_tables();
    if (!opts_.quiet) err_ << "ndx-index: " << line << "\n";
}

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
        remove_index_dir(opts.db_path);
        return true;
    };
    IndexSummary sum;
    try {
        sum = IndexRun(opts, out, err).run();
    } catch (...) {
        remove_if_empty();
        throw;
    }
    if (remove_if_empty() && !opts.quiet)
        err << "ndx-index: nothing was indexed, so no index was made at '" << opts.db_path << "'\n";
    return sum;
}

}  // namespace ndx
