// The pipeline of ndx-index between its threads: the items passed along it, a bounded
// queue (reader -> workers, dispatcher -> part writers) and the reordering of the
// workers' results into input order (workers -> writer).
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "common/article.h"
#include "common/index_writer.h"
#include "extract/extract.h"

namespace ndx {

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

// Words counted for the spelling table in a parallel build (IndexRun::writer_loop), handed
// to every part's writer, each of which adds its share of them to its database (read
// only: the writers share the counter).
struct SpellingBatch {
    std::shared_ptr<const SpellingCounter> words;
};

using Item = std::variant<ArticleItem, FileEnd, SpellingBatch>;

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
        arrived_.wait(lock,
                      [&] { return ready_.count(next_) || (*done_reading && next_ >= *total); });
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

}  // namespace ndx
