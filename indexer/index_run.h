// One run of ndx-index (index_command.cc): its stages, and the state its threads share.
// The threads' loops are in index_threads.cc.
#pragma once

#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/index_writer.h"
#include "common/reader.h"
#include "extract/extract.h"
#include "indexer/file_list.h"
#include "indexer/index_command.h"
#include "indexer/index_steps.h"
#include "indexer/pipeline.h"
#include "indexer/progress.h"

namespace ndx {

// One run of the indexer: its stages, and the state its threads share.
class IndexRun {
  public:
    IndexRun(const IndexOptions& opts, std::ostream& out, std::ostream& err)
        : opts_(opts), out_(out), err_(err) {}
    IndexSummary run();

  private:
    void list_files();
    void open_writer(const Gazetteer& gazetteer);
    void read_old_records();
    void start_workers(const Extractor& extractor);
    void start_part_writers();
    void part_writer_loop(std::size_t k);
    void keep_part_error();
    void start_writer();
    void writer_loop();
    void count_part_spelling(const ArticleItem* a, std::size_t dispatched);
    void write_article(ArticleItem& a, std::set<ArticleRef>& written, std::size_t& since_commit);
    void end_file(const FileEnd& end, std::set<ArticleRef>& written);
    void show(std::size_t articles, bool force = false) {
        progress_->update(files_done_, articles, bytes_done_, force);
    }
    std::size_t articles_written() const {
        return sum_.indexed + sum_.replaced + sum_.same + sum_.duplicates;
    }
    void read_inputs();
    bool skip_unchanged(std::size_t i, FileEnd& end);
    void read_input(std::size_t i, FileEnd& end);
    void emit(Item item);
    void finish_pipeline();
    void remove_deleted_files();
    void finish_summary();
    void report(const InputIssue& issue) { progress_->message("ndx-index: " + issue.describe()); }

    const IndexOptions& opts_;
    std::ostream& out_;
    std::ostream& err_;
    const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    IndexSummary sum_;
    // the progress line, once the files are known; messages print above it
    std::unique_ptr<Progress> progress_ = std::make_unique<Progress>(false, err_, 0, 0);
    // The input files as given, and the hash of each one's absolute path (its file term,
    // file_term()): a file's absolute path is made again where it is needed (abs_path()),
    // not kept, so that what a run holds per file stays small (an archive can be millions
    // of files).
    FileList files_;
    std::vector<std::uint64_t> path_hashes_;
    std::string abs_path(std::size_t i) const { return absolute_path(files_.path(i)); }
    std::size_t workers_ = 1;
    // read by the progress line: bytes and files the reader is done with (an estimate
    // within a file, from the text of its articles)
    std::atomic<std::uintmax_t> bytes_done_{0};
    std::atomic<std::size_t> files_done_{0};
    std::string build_dir_;
    std::size_t left_parts_ = 0;
    bool resume_ = false;
    bool parallel_build_ = false;
    std::unique_ptr<IndexWriter> writer_;
    // What the last run recorded of the files it had seen, by file number (none for a new
    // index)
    std::unordered_map<std::size_t, FileRecord> old_records_;

    Queue queue_{256};
    Reorder reorder_{1024};
    std::size_t total_items_ = 0;  // guarded by reorder_.mutex()
    bool done_reading_ = false;
    std::size_t seq_ = 0;
    std::vector<std::thread> pool_;
    std::vector<std::unique_ptr<Queue>> part_queues_;
    std::vector<std::thread> part_threads_;
    std::vector<IndexSummary> part_sums_;
    std::mutex part_error_mutex_;
    std::exception_ptr part_error_;
    // The gazetteer a parallel build's first part records (part_writer_loop), while the
    // extraction starts; null when it was recorded before the threads started.
    const Gazetteer* gazetteer_to_record_ = nullptr;
    std::shared_ptr<SpellingCounter> part_spelling_;  // writer_loop(), parallel build
    std::thread writer_thread_;
    std::exception_ptr writer_error_;
};

}  // namespace ndx
